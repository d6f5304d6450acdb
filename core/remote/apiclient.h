// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/auth.h"
#include "remote/http.h"

#include <memory>
#include <set>

namespace clr::remote {

/**
 * Authenticated requests to one service: credentials from the Authenticator, and on a 401 the
 * credential is dropped, a fresh one obtained and the request replayed once (client-go refreshes
 * an exec credential on 401; the replay saves the caller a failed page). Destroying the client
 * cancels its requests without calling their callbacks.
 */
class ApiClient final
{
public:
    using Done = std::function<void(HttpResponse)>;
    ApiClient(HttpTransport &transport, std::shared_ptr<Authenticator> auth);
    ~ApiClient();
    ApiClient(const ApiClient &) = delete;
    ApiClient &operator=(const ApiClient &) = delete;

    void send(HttpRequest request, Done done);
    /** Cancels what is in flight; their callbacks receive cancelled responses. */
    void cancelAll();
    Authenticator &authenticator() { return *m_auth; }

private:
    void attempt(HttpRequest request, Done done, bool replayed);

    HttpTransport &m_transport;
    std::shared_ptr<Authenticator> m_auth;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::set<HttpTransport::RequestId> m_inFlight;
    bool m_cancelled = false;
};

} // namespace clr::remote
