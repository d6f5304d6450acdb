// SPDX-License-Identifier: GPL-3.0-or-later
#include "interactivecredential_p.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QUrlQuery>

namespace clr::remote {

namespace {

QString scopeFor(const QString &resource)
{
    QString base = resource;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/.default offline_access");
}

QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, '\0');
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                         reinterpret_cast<quint32 *>(raw.data()) + bytes / 4);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Error signInError(const TokenReply &reply, const QString &clientId)
{
    QString hint;
    if (reply.description.contains(QLatin1String("AADSTS700016")))
        hint = QStringLiteral(": no application with client ID %1 in this tenant; register one (README, Connect) and pass "
                              "--client-id and --tenant")
                   .arg(clientId);
    else if (reply.description.contains(QLatin1String("AADSTS7000218")))
        hint = QStringLiteral(": the application must allow public client flows (Authentication > Allow public client flows)");
    else if (reply.description.contains(QLatin1String("AADSTS65001")))
        hint = QStringLiteral(": the permissions have no consent yet; an administrator grants it in the app registration");
    return Error{QStringLiteral("sign-in failed (%1: %2)%3").arg(reply.error, reply.description, hint)};
}

} // namespace

InteractiveCredential::InteractiveCredential(HttpTransport &transport, SecretStore *secrets, QUrl login, QString tenant,
                                             QString clientId, std::function<void(const QString &, const QString &)> notice,
                                             QObject *parent)
    : TokenCredential(parent), m_transport(transport), m_clientId(std::move(clientId)), m_notice(std::move(notice)),
      m_secrets(secrets), m_login(std::move(login)), m_tenant(std::move(tenant))
{
}

QString InteractiveCredential::secretKey() const
{
    return QStringLiteral("refresh-token/%1/%2/%3").arg(m_login.host(), m_tenant, m_clientId);
}

QUrl InteractiveCredential::endpoint(const QString &leaf) const
{
    QUrl url = m_login;
    url.setPath(m_login.path() + QLatin1Char('/') + m_tenant + QStringLiteral("/oauth2/v2.0/") + leaf);
    return url;
}

void InteractiveCredential::acquire(const QString &resource, Done done)
{
    m_queue.emplace_back(resource, std::move(done));
    next();
}

void InteractiveCredential::next()
{
    if (m_busy || m_queue.empty())
        return;
    m_busy = true;
    auto [resource, done] = std::move(m_queue.front());
    m_queue.pop_front();
    QPointer<InteractiveCredential> self(this);
    auto finish = [self, done](Expected<AccessToken> result) {
        done(std::move(result));
        if (self) {
            self->m_busy = false;
            self->next();
        }
    };
    if (m_loaded || !m_secrets) {
        m_loaded = true;
        redeem(resource, finish);
        return;
    }
    m_secrets->read(secretKey(), [self, resource, finish](std::optional<QByteArray> secret, QString) {
        if (!self)
            return;
        self->m_loaded = true;
        if (secret)
            self->m_refreshToken = QString::fromUtf8(*secret);
        self->redeem(resource, finish);
    });
}

void InteractiveCredential::redeem(const QString &resource, Done done)
{
    if (m_refreshToken.isEmpty()) {
        interactive(resource, std::move(done));
        return;
    }
    const QList<QPair<QString, QString>> form{{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                              {QStringLiteral("client_id"), m_clientId},
                                              {QStringLiteral("refresh_token"), m_refreshToken},
                                              {QStringLiteral("scope"), scopeFor(resource)}};
    QPointer<InteractiveCredential> self(this);
    postTokenRequest(m_transport, endpoint(QStringLiteral("token")), form, [self, resource, done](Expected<TokenReply> reply) {
        if (!self)
            return;
        if (reply && reply->error.isEmpty()) {
            if (!reply->refreshToken.isEmpty())
                self->store(reply->refreshToken);
            done(reply->token);
            return;
        }
        if (!reply && reply.error().message == QLatin1String("cancelled")) {
            done(reply.error());
            return;
        }
        // Expired or revoked (invalid_grant), or consent changed: sign in again.
        self->m_refreshToken.clear();
        self->interactive(resource, done);
    });
}

void InteractiveCredential::interactive(const QString &resource, Done done)
{
    QPointer<InteractiveCredential> self(this);
    signIn(scopeFor(resource), [self, done](Expected<TokenReply> reply) {
        if (!self)
            return;
        if (!reply) {
            done(reply.error());
            return;
        }
        if (!reply->refreshToken.isEmpty())
            self->store(reply->refreshToken);
        done(reply->token);
    });
}

void InteractiveCredential::store(const QString &refreshToken)
{
    m_refreshToken = refreshToken;
    if (m_secrets)
        m_secrets->write(secretKey(), refreshToken.toUtf8(), [](const QString &) {});
}

// ------------------------------------------------------------------------------------------------ device code

void DeviceCodeCredential::signIn(const QString &scope, std::function<void(Expected<TokenReply>)> done)
{
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint(QStringLiteral("devicecode"));
    request.body = "client_id=" + QUrl::toPercentEncoding(m_clientId) + "&scope=" + QUrl::toPercentEncoding(scope);
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.label = QStringLiteral("device code");
    m_done = std::move(done);
    QPointer<DeviceCodeCredential> self(this);
    m_transport.send(std::move(request), [self](HttpResponse response) {
        if (!self || !self->m_done)
            return;
        const QJsonObject obj = QJsonDocument::fromJson(response.body).object();
        if (!response.success()) {
            TokenReply reply;
            reply.error = obj.value(QStringLiteral("error")).toString();
            reply.description = obj.value(QStringLiteral("error_description")).toString().section(QLatin1Char('\n'), 0, 0);
            auto done = std::exchange(self->m_done, nullptr);
            done(response.cancelled ? Error{QStringLiteral("cancelled")}
                 : reply.error.isEmpty() ? Error{QStringLiteral("the device code request failed: %1").arg(response.status ? QStringLiteral("HTTP %1").arg(response.status) : response.networkError)}
                                         : signInError(reply, self->m_clientId));
            return;
        }
        self->m_deviceCode = obj.value(QStringLiteral("device_code")).toString();
        self->m_interval = std::max(1, obj.value(QStringLiteral("interval")).toInt(5));
        self->m_deadline = QDateTime::currentDateTimeUtc().addSecs(std::max(60, obj.value(QStringLiteral("expires_in")).toInt(900)));
        const QString userCode = obj.value(QStringLiteral("user_code")).toString();
        QString message = obj.value(QStringLiteral("message")).toString();
        if (message.isEmpty())
            message = QStringLiteral("To sign in, open %1 and enter the code %2").arg(obj.value(QStringLiteral("verification_uri")).toString(), userCode);
        if (self->m_notice)
            self->m_notice(message, userCode);
        self->m_timer.setSingleShot(true);
        self->m_timer.disconnect();
        connect(&self->m_timer, &QTimer::timeout, self, &DeviceCodeCredential::poll);
        self->m_timer.start(self->m_interval * 1000);
    });
}

void DeviceCodeCredential::poll()
{
    if (!m_done)
        return;
    if (QDateTime::currentDateTimeUtc() > m_deadline) {
        std::exchange(m_done, nullptr)(Error{QStringLiteral("the device code expired before the sign-in finished; try again")});
        return;
    }
    const QList<QPair<QString, QString>> form{{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                                              {QStringLiteral("client_id"), m_clientId},
                                              {QStringLiteral("device_code"), m_deviceCode}};
    QPointer<DeviceCodeCredential> self(this);
    postTokenRequest(m_transport, endpoint(QStringLiteral("token")), form, [self](Expected<TokenReply> reply) {
        if (!self || !self->m_done)
            return;
        if (reply && (reply->error == QLatin1String("authorization_pending") || reply->error == QLatin1String("slow_down"))) {
            if (reply->error == QLatin1String("slow_down"))
                self->m_interval += 5;
            self->m_timer.start(self->m_interval * 1000);
            return;
        }
        auto done = std::exchange(self->m_done, nullptr);
        if (!reply)
            done(reply.error());
        else if (!reply->error.isEmpty())
            done(reply->error == QLatin1String("authorization_declined") ? Error{QStringLiteral("the sign-in was declined")}
                                                                         : signInError(*reply, self->m_clientId));
        else
            done(reply);
    });
}

void DeviceCodeCredential::cancel()
{
    m_timer.stop();
    if (m_done)
        std::exchange(m_done, nullptr)(Error{QStringLiteral("cancelled")});
}

// ------------------------------------------------------------------------------------------------ browser (PKCE)

BrowserCredential::BrowserCredential(HttpTransport &transport, SecretStore *secrets, QUrl login, QString tenant, QString clientId,
                                     std::function<void(const QString &, const QString &)> notice,
                                     std::function<bool(const QUrl &)> openBrowser, QObject *parent)
    : InteractiveCredential(transport, secrets, std::move(login), std::move(tenant), std::move(clientId), std::move(notice), parent),
      m_openBrowser(std::move(openBrowser))
{
    connect(&m_server, &QTcpServer::newConnection, this, &BrowserCredential::onConnection);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(Error{QStringLiteral("the browser sign-in did not finish within 5 minutes; try again")});
    });
}

void BrowserCredential::signIn(const QString &scope, std::function<void(Expected<TokenReply>)> done)
{
    m_done = std::move(done);
    if (!m_server.isListening() && !m_server.listen(QHostAddress::LocalHost, 0)) {
        finish(Error{QStringLiteral("cannot listen on a loopback port for the sign-in: %1").arg(m_server.errorString())});
        return;
    }
    m_scope = scope;
    m_state = QString::fromLatin1(randomUrlSafe(16));
    m_verifier = QString::fromLatin1(randomUrlSafe(32));
    m_redirect = QStringLiteral("http://localhost:%1").arg(m_server.serverPort());
    const QByteArray challenge = QCryptographicHash::hash(m_verifier.toLatin1(), QCryptographicHash::Sha256)
                                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QUrl url = endpoint(QStringLiteral("authorize"));
    QUrlQuery query;
    for (const auto &[k, v] : {std::pair{"client_id", m_clientId}, std::pair{"response_type", QStringLiteral("code")},
                               std::pair{"redirect_uri", m_redirect}, std::pair{"response_mode", QStringLiteral("query")},
                               std::pair{"scope", scope}, std::pair{"state", m_state},
                               std::pair{"code_challenge", QString::fromLatin1(challenge)},
                               std::pair{"code_challenge_method", QStringLiteral("S256")}})
        query.addQueryItem(QString::fromLatin1(k), QString::fromLatin1(QUrl::toPercentEncoding(v)));
    url.setQuery(query);
    m_timeout.start(5 * 60 * 1000);
    const bool opened = m_openBrowser && m_openBrowser(url);
    if (m_notice) {
        m_notice(opened ? QStringLiteral("Sign in in the browser window that opened. If none did, open this address:\n%1").arg(url.toString())
                        : QStringLiteral("Open this address in a browser to sign in:\n%1").arg(url.toString()),
                 url.toString());
    }
}

void BrowserCredential::onConnection()
{
    QTcpSocket *socket = m_server.nextPendingConnection();
    if (!socket)
        return;
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        if (!socket->canReadLine())
            return;
        const QList<QByteArray> requestLine = socket->readLine().trimmed().split(' ');
        const QUrl target(QString::fromLatin1(requestLine.value(1)));
        const QUrlQuery query(target);
        const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
        const bool mine = !code.isEmpty() && state == m_state;
        const QByteArray page = mine ? "<html><body><h3>Clearance: signed in.</h3><p>You can close this tab.</p></body></html>"
                                     : "<html><body><h3>Clearance: the sign-in did not complete.</h3></body></html>";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\nContent-Length: "
                      + QByteArray::number(page.size()) + "\r\n\r\n" + page);
        socket->disconnectFromHost();
        if (!m_done)
            return;
        if (!error.isEmpty()) {
            finish(Error{QStringLiteral("the browser sign-in failed: %1 (%2)")
                             .arg(error, query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).section(QLatin1Char('\n'), 0, 0))});
            return;
        }
        if (!mine)
            return; // a stray request (favicon, another tab): keep waiting
        const QList<QPair<QString, QString>> form{{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                                                  {QStringLiteral("client_id"), m_clientId},
                                                  {QStringLiteral("code"), code},
                                                  {QStringLiteral("redirect_uri"), m_redirect},
                                                  {QStringLiteral("code_verifier"), m_verifier},
                                                  {QStringLiteral("scope"), m_scope}};
        QPointer<BrowserCredential> self(this);
        postTokenRequest(m_transport, endpoint(QStringLiteral("token")), form, [self](Expected<TokenReply> reply) {
            if (!self)
                return;
            if (reply && !reply->error.isEmpty())
                self->finish(signInError(*reply, self->m_clientId));
            else
                self->finish(std::move(reply));
        });
    });
}

void BrowserCredential::finish(Expected<TokenReply> result)
{
    m_timeout.stop();
    m_server.close();
    if (m_done)
        std::exchange(m_done, nullptr)(std::move(result));
}

void BrowserCredential::cancel()
{
    finish(Error{QStringLiteral("cancelled")});
}

Expected<std::shared_ptr<TokenCredential>> makeInteractiveCredential(const FetchOptions &options, const FetchServices &services,
                                                                     const CloudEndpoints &cloud)
{
    const QString flag = options.auth == AzureAuth::DeviceCode ? QStringLiteral("device-code") : QStringLiteral("browser");
    if (options.clientId.isEmpty())
        return Error{QStringLiteral("--auth %1 needs --client-id: register an application in Microsoft Entra ID as the README's "
                                    "Connect section explains, and pass its Application (client) ID")
                         .arg(flag)};
    const QString tenant = options.tenant.isEmpty() ? QStringLiteral("organizations") : options.tenant;
    if (options.auth == AzureAuth::DeviceCode) {
        return std::shared_ptr<TokenCredential>(
            std::make_shared<DeviceCodeCredential>(*services.transport, services.secrets, cloud.login, tenant, options.clientId, services.notice));
    }
    if (!services.openBrowser)
        return Error{QStringLiteral("browser sign-in is for the desktop window; on the command line use --auth device-code")};
    return std::shared_ptr<TokenCredential>(std::make_shared<BrowserCredential>(*services.transport, services.secrets, cloud.login, tenant,
                                                                                options.clientId, services.notice, services.openBrowser));
}

} // namespace clr::remote
