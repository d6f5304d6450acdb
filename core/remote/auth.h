// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"
#include "remote/http.h"

#include <functional>

namespace clr::remote {

/**
 * Adds credentials to requests for one service: a bearer token, a client certificate, or both.
 * Getting them may take a while (a credential plugin, a token endpoint); they are cached in
 * memory only, until they expire or the server refuses them.
 */
class Authenticator
{
public:
    using Ready = std::function<void(Expected<HttpRequest>)>;
    virtual ~Authenticator() = default;
    /** Calls `ready` once with the request carrying credentials, or why there are none. */
    virtual void authorize(HttpRequest request, Ready ready) = 0;
    /**
     * The server answered 401 to `used`: drop the cached credential unless it was rotated since
     * (concurrent requests fail together; the plugin runs once). True when a replay may succeed.
     */
    virtual bool invalidate(const HttpRequest &used) = 0;
    /** Stops a credential acquisition in progress (plugin, sign-in); pending `ready`s get an error. */
    virtual void cancel() {}
};

} // namespace clr::remote
