// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/apiclient.h"

namespace clr::remote {

ApiClient::ApiClient(HttpTransport &transport, std::shared_ptr<Authenticator> auth) : m_transport(transport), m_auth(std::move(auth)) {}

ApiClient::~ApiClient()
{
    *m_alive = false;
    const auto ids = m_inFlight;
    for (auto id : ids)
        m_transport.cancel(id);
    if (m_auth)
        m_auth->cancel();
}

void ApiClient::send(HttpRequest request, Done done)
{
    attempt(std::move(request), std::move(done), false);
}

void ApiClient::attempt(HttpRequest request, Done done, bool replayed)
{
    if (m_cancelled) {
        HttpResponse cancelled;
        cancelled.cancelled = true;
        cancelled.networkError = QStringLiteral("cancelled");
        done(std::move(cancelled));
        return;
    }
    const std::weak_ptr<bool> alive = m_alive;
    m_auth->authorize(std::move(request), [this, alive, done, replayed](Expected<HttpRequest> authorized) {
        if (alive.expired() || !*alive.lock())
            return;
        if (m_cancelled) {
            HttpResponse cancelled;
            cancelled.cancelled = true;
            cancelled.networkError = QStringLiteral("cancelled");
            done(std::move(cancelled));
            return;
        }
        if (!authorized) {
            HttpResponse failed;
            failed.authFailed = true;
            failed.cancelled = m_cancelled;
            failed.networkError = authorized.error().message;
            done(std::move(failed));
            return;
        }
        HttpRequest sent = authorized.value();
        auto id = std::make_shared<HttpTransport::RequestId>(0);
        *id = m_transport.send(sent, [this, alive, done, replayed, sent, id](HttpResponse response) {
            if (alive.expired() || !*alive.lock())
                return;
            m_inFlight.erase(*id);
            if (response.status == 401 && !replayed && !m_cancelled && m_auth->invalidate(sent)) {
                HttpRequest again = sent;
                again.headers.removeIf([](const auto &h) { return h.first.compare("Authorization", Qt::CaseInsensitive) == 0; });
                attempt(std::move(again), done, true);
                return;
            }
            done(std::move(response));
        });
        m_inFlight.insert(*id);
    });
}

void ApiClient::cancelAll()
{
    m_cancelled = true;
    if (m_auth)
        m_auth->cancel();
    const auto ids = m_inFlight;
    for (auto id : ids)
        m_transport.cancel(id);
}

} // namespace clr::remote
