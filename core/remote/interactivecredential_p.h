// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/azurecredentials.h"
#include "remote/secretstore.h"

#include <QTcpServer>
#include <QTimer>

#include <deque>

namespace clr::remote {

/**
 * Interactive sign-in with a client ID the user registered (public client, delegated permissions).
 * The refresh token goes to the SecretStore (the keychain) and is redeemed silently next time and
 * for the second resource; access tokens stay in memory. One acquisition runs at a time, so the
 * user signs in once for Graph and ARM together.
 */
class InteractiveCredential : public TokenCredential
{
    Q_OBJECT
public:
    InteractiveCredential(HttpTransport &transport, SecretStore *secrets, QUrl login, QString tenant, QString clientId,
                          std::function<void(const QString &, const QString &)> notice, QObject *parent = nullptr);
    /** The keychain entry for this tenant and client ID. */
    QString secretKey() const;

protected:
    void acquire(const QString &resource, Done done) override;
    /** Signs the user in for `scope`; calls done with the token endpoint's reply. */
    virtual void signIn(const QString &scope, std::function<void(Expected<TokenReply>)> done) = 0;

    QUrl endpoint(const QString &leaf) const;
    HttpTransport &m_transport;
    QString m_clientId;
    std::function<void(const QString &, const QString &)> m_notice;

private:
    void next();
    void redeem(const QString &resource, Done done);
    void interactive(const QString &resource, Done done);
    void store(const QString &refreshToken);

    SecretStore *m_secrets;
    QUrl m_login;
    QString m_tenant;
    QString m_refreshToken; // loaded from the store once, then kept current (rotation)
    bool m_loaded = false;
    bool m_busy = false;
    std::deque<std::pair<QString, Done>> m_queue;
};

/** OAuth 2.0 device authorization grant (the CLI): the code is shown, the token endpoint polled. */
class DeviceCodeCredential final : public InteractiveCredential
{
    Q_OBJECT
public:
    using InteractiveCredential::InteractiveCredential;
    QString method() const override { return QStringLiteral("device-code"); }
    void cancel() override;

protected:
    void signIn(const QString &scope, std::function<void(Expected<TokenReply>)> done) override;

private:
    void poll();

    QTimer m_timer;
    QString m_deviceCode;
    int m_interval = 5;
    QDateTime m_deadline;
    std::function<void(Expected<TokenReply>)> m_done;
};

/** Authorization code with PKCE on a loopback redirect (the GUI): the browser signs in. */
class BrowserCredential final : public InteractiveCredential
{
    Q_OBJECT
public:
    BrowserCredential(HttpTransport &transport, SecretStore *secrets, QUrl login, QString tenant, QString clientId,
                      std::function<void(const QString &, const QString &)> notice, std::function<bool(const QUrl &)> openBrowser,
                      QObject *parent = nullptr);
    QString method() const override { return QStringLiteral("browser"); }
    void cancel() override;

protected:
    void signIn(const QString &scope, std::function<void(Expected<TokenReply>)> done) override;

private:
    void onConnection();
    void finish(Expected<TokenReply> result);

    std::function<bool(const QUrl &)> m_openBrowser;
    QTcpServer m_server;
    QTimer m_timeout;
    QString m_state, m_verifier, m_scope, m_redirect;
    std::function<void(Expected<TokenReply>)> m_done;
};

Expected<std::shared_ptr<TokenCredential>> makeInteractiveCredential(const FetchOptions &options, const FetchServices &services,
                                                                     const CloudEndpoints &cloud);

} // namespace clr::remote
