// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace clr::remote {
class HttpTransport;
class SecretStore;
} // namespace clr::remote

namespace clr::ui {

/**
 * The network transport and the keychain for File → Connect… and F5, injected by app/ (tests pass
 * transports that trust their own CA, and memory stores). Made when first needed.
 */
struct RemoteServices
{
    std::function<std::unique_ptr<remote::HttpTransport>()> transport;
    /** `notice` tells the user when the keychain is missing. */
    std::function<std::unique_ptr<remote::SecretStore>(std::function<void(const QString &)> notice)> secrets;
    bool available() const { return bool(transport); }
};

} // namespace clr::ui
