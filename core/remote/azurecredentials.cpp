// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/azurecredentials.h"

#include "rsa_p.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QUrlQuery>
#include <QUuid>

namespace clr::remote {

namespace {

QByteArray formEncode(const QList<QPair<QString, QString>> &form)
{
    QByteArray out;
    for (const auto &[name, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

QString firstLine(const QString &text)
{
    return text.section(QLatin1Char('\n'), 0, 0).section(QLatin1String("\r"), 0, 0).trimmed();
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QUrl tokenEndpoint(const QUrl &login, const QString &tenant)
{
    QUrl url = login;
    url.setPath(login.path() + QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/token"));
    return url;
}

QString scopeOf(const QString &resource)
{
    QString base = resource;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/.default");
}

} // namespace

void postTokenRequest(HttpTransport &transport, const QUrl &endpoint, const QList<QPair<QString, QString>> &form,
                      std::function<void(Expected<TokenReply>)> done)
{
    HttpRequest request;
    request.method = "POST";
    request.url = endpoint;
    request.body = formEncode(form);
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Accept", "application/json");
    request.label = QStringLiteral("sign-in");
    transport.send(std::move(request), [endpoint, done](HttpResponse response) {
        const QString where = QStringLiteral("POST ") + endpoint.toString(QUrl::RemoveQuery);
        if (response.cancelled) {
            done(Error{QStringLiteral("cancelled")});
            return;
        }
        if (response.status == 0) {
            done(Error{QStringLiteral("%1 failed: %2").arg(where, response.networkError)});
            return;
        }
        const QJsonObject obj = QJsonDocument::fromJson(response.body).object();
        TokenReply reply;
        reply.error = obj.value(QStringLiteral("error")).toString();
        reply.description = firstLine(obj.value(QStringLiteral("error_description")).toString());
        if (response.status >= 200 && response.status < 300) {
            reply.token.token = obj.value(QStringLiteral("access_token")).toString();
            reply.refreshToken = obj.value(QStringLiteral("refresh_token")).toString();
            const qint64 expiresIn = obj.value(QStringLiteral("expires_in")).toVariant().toLongLong();
            reply.token.expiresOn = QDateTime::currentDateTimeUtc().addSecs(expiresIn > 0 ? expiresIn : 3600);
            if (reply.token.token.isEmpty()) {
                done(Error{QStringLiteral("%1 answered without an access_token").arg(where)});
                return;
            }
            done(reply);
            return;
        }
        if (reply.error.isEmpty()) {
            done(Error{QStringLiteral("%1 failed with HTTP %2").arg(where).arg(response.status)});
            return;
        }
        done(reply); // an OAuth error: the caller decides (authorization_pending is not a failure)
    });
}

// ------------------------------------------------------------------------------------------------ az CLI

AzureCliCredential::AzureCliCredential(QString azCommand, QString tenant, QProcessEnvironment env, QObject *parent)
    : TokenCredential(parent), m_az(std::move(azCommand)), m_tenant(std::move(tenant)), m_env(std::move(env))
{
}

AzureCliCredential::~AzureCliCredential()
{
    for (const auto &[process, done] : std::exchange(m_running, {})) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
    }
}

void AzureCliCredential::cancel()
{
    const auto running = std::exchange(m_running, {});
    for (const auto &[process, done] : running) {
        process->disconnect(this);
        connect(process, &QProcess::finished, process, &QObject::deleteLater); // once the kill has taken effect
        process->kill();
        done(Error{QStringLiteral("cancelled")});
    }
}

Expected<AccessToken> AzureCliCredential::parseOutput(const QByteArray &json)
{
    const QJsonObject obj = QJsonDocument::fromJson(json).object();
    AccessToken token;
    token.token = obj.value(QStringLiteral("accessToken")).toString();
    if (token.token.isEmpty())
        return Error{QStringLiteral("az account get-access-token printed no accessToken")};
    const QJsonValue epoch = obj.value(QStringLiteral("expires_on"));
    if (epoch.isDouble() || (epoch.isString() && !epoch.toString().isEmpty())) {
        token.expiresOn = QDateTime::fromSecsSinceEpoch(epoch.toVariant().toLongLong(), Qt::UTC);
    } else {
        // Older az: local time without a zone, "2024-01-01 12:34:56.000000".
        const QString local = obj.value(QStringLiteral("expiresOn")).toString().left(19);
        token.expiresOn = QDateTime::fromString(local, QStringLiteral("yyyy-MM-dd HH:mm:ss")).toUTC();
    }
    token.tenantId = obj.value(QStringLiteral("tenant")).toString();
    return token;
}

void AzureCliCredential::acquire(const QString &resource, Done done)
{
    const QString az = m_az.contains(QLatin1Char('/')) ? (QFileInfo(m_az).isExecutable() ? m_az : QString())
                                                       : QStandardPaths::findExecutable(m_az);
    if (az.isEmpty()) {
        done(Error{QStringLiteral("the Azure CLI (%1) is not installed or not on PATH; install it and run az login, or choose "
                                  "another sign-in with --auth")
                       .arg(m_az)});
        return;
    }
    auto *process = new QProcess(this);
    m_running.append({process, done});
    process->setProcessEnvironment(m_env);
    QStringList args{QStringLiteral("account"), QStringLiteral("get-access-token"), QStringLiteral("--resource"), resource,
                     QStringLiteral("--output"), QStringLiteral("json")};
    if (!m_tenant.isEmpty())
        args << QStringLiteral("--tenant") << m_tenant;
    auto forget = [this](QProcess *p) { m_running.removeIf([p](const auto &entry) { return entry.first == p; }); };
    connect(process, &QProcess::finished, this, [forget, process, done](int code, QProcess::ExitStatus status) {
        forget(process);
        process->deleteLater();
        const QString err = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
        if (status != QProcess::NormalExit || code != 0) {
            QString hint = QStringLiteral("run az login (az login --tenant TENANT for another tenant), or choose another sign-in with --auth");
            done(Error{QStringLiteral("az account get-access-token failed%1; %2")
                           .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + firstLine(err), hint)});
            return;
        }
        done(parseOutput(process->readAllStandardOutput())); // stdout holds the token: never logged
    });
    connect(process, &QProcess::errorOccurred, this, [forget, process, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        forget(process);
        process->deleteLater();
        done(Error{QStringLiteral("the Azure CLI could not be started: %1").arg(process->errorString())});
    });
    process->start(az, args);
    process->closeWriteChannel();
}

// ------------------------------------------------------------------------------------------------ environment

ClientCredential::ClientCredential(HttpTransport &transport, QUrl tokenEndpoint, QString clientId)
    : m_transport(transport), m_endpoint(std::move(tokenEndpoint)), m_clientId(std::move(clientId))
{
}

Expected<std::shared_ptr<ClientCredential>> ClientCredential::fromEnvironment(HttpTransport &transport, const QUrl &login,
                                                                              const QProcessEnvironment &env)
{
    const QString tenant = env.value(QStringLiteral("AZURE_TENANT_ID"));
    const QString clientId = env.value(QStringLiteral("AZURE_CLIENT_ID"));
    if (tenant.isEmpty() || clientId.isEmpty())
        return Error{QStringLiteral("environment sign-in needs AZURE_TENANT_ID and AZURE_CLIENT_ID, with AZURE_CLIENT_SECRET, "
                                    "AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE")};
    std::shared_ptr<ClientCredential> c(new ClientCredential(transport, tokenEndpoint(login, tenant), clientId));
    c->m_secret = env.value(QStringLiteral("AZURE_CLIENT_SECRET"));
    c->m_certificatePath = env.value(QStringLiteral("AZURE_CLIENT_CERTIFICATE_PATH"));
    c->m_federatedTokenFile = env.value(QStringLiteral("AZURE_FEDERATED_TOKEN_FILE"));
    if (c->m_secret.isEmpty() && c->m_certificatePath.isEmpty() && c->m_federatedTokenFile.isEmpty())
        return Error{QStringLiteral("AZURE_CLIENT_ID is set, but none of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH and "
                                    "AZURE_FEDERATED_TOKEN_FILE is")};
    return c;
}

std::shared_ptr<ClientCredential> ClientCredential::withSecret(HttpTransport &transport, const QUrl &login, const QString &tenant,
                                                              const QString &clientId, const QString &secret)
{
    std::shared_ptr<ClientCredential> c(new ClientCredential(transport, tokenEndpoint(login, tenant), clientId));
    c->m_secret = secret;
    return c;
}

Expected<QByteArray> ClientCredential::clientAssertion(const QByteArray &pem, const QString &clientId, const QString &audience)
{
    const auto certs = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certs.isEmpty())
        return Error{QStringLiteral("AZURE_CLIENT_CERTIFICATE_PATH holds no PEM certificate (a PFX file is not supported: "
                                    "convert it with openssl pkcs12 -nodes)")};
    const QByteArray thumbprint = base64Url(certs.first().digest(QCryptographicHash::Sha1));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("x5t"), QString::fromLatin1(thumbprint)}};
    const QJsonObject claims{{QStringLiteral("aud"), audience},
                             {QStringLiteral("iss"), clientId},
                             {QStringLiteral("sub"), clientId},
                             {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {QStringLiteral("nbf"), double(now.toSecsSinceEpoch())},
                             {QStringLiteral("iat"), double(now.toSecsSinceEpoch())},
                             {QStringLiteral("exp"), double(now.addSecs(600).toSecsSinceEpoch())}};
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    auto signature = detail::signRs256(pem, signingInput);
    if (!signature)
        return Error{QStringLiteral("AZURE_CLIENT_CERTIFICATE_PATH: ") + signature.error().message};
    return signingInput + '.' + base64Url(*signature);
}

void ClientCredential::acquire(const QString &resource, Done done)
{
    QList<QPair<QString, QString>> form{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                        {QStringLiteral("client_id"), m_clientId},
                                        {QStringLiteral("scope"), scopeOf(resource)}};
    if (!m_secret.isEmpty()) {
        form.append({QStringLiteral("client_secret"), m_secret});
    } else {
        QByteArray assertion;
        if (!m_certificatePath.isEmpty()) {
            QFile file(m_certificatePath);
            if (!file.open(QIODevice::ReadOnly)) {
                done(Error{QStringLiteral("cannot read AZURE_CLIENT_CERTIFICATE_PATH %1: %2").arg(m_certificatePath, file.errorString())});
                return;
            }
            auto signed_ = clientAssertion(file.readAll(), m_clientId, m_endpoint.toString());
            if (!signed_) {
                done(signed_.error());
                return;
            }
            assertion = *signed_;
        } else {
            QFile file(m_federatedTokenFile); // re-read each time: the platform rotates it
            if (!file.open(QIODevice::ReadOnly)) {
                done(Error{QStringLiteral("cannot read AZURE_FEDERATED_TOKEN_FILE %1: %2").arg(m_federatedTokenFile, file.errorString())});
                return;
            }
            assertion = file.readAll().trimmed();
        }
        form.append({QStringLiteral("client_assertion_type"), QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")});
        form.append({QStringLiteral("client_assertion"), QString::fromLatin1(assertion)});
    }
    postTokenRequest(m_transport, m_endpoint, form, [done, clientId = m_clientId](Expected<TokenReply> reply) {
        if (!reply) {
            done(reply.error());
            return;
        }
        if (!reply->error.isEmpty()) {
            done(Error{QStringLiteral("the service principal %1 could not sign in (%2: %3); check AZURE_TENANT_ID, "
                                      "AZURE_CLIENT_ID and the secret, certificate or federated credential")
                           .arg(clientId, reply->error, reply->description)});
            return;
        }
        done(reply->token);
    });
}

// ------------------------------------------------------------------------------------------------ IMDS

ManagedIdentityCredential::ManagedIdentityCredential(HttpTransport &transport, QUrl imds, QString clientId, QObject *parent)
    : TokenCredential(parent), m_transport(transport), m_imds(std::move(imds)), m_clientId(std::move(clientId))
{
}

void ManagedIdentityCredential::acquire(const QString &resource, Done done)
{
    QUrl url = m_imds;
    url.setPath(url.path() + QStringLiteral("/metadata/identity/oauth2/token"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("api-version"), QStringLiteral("2018-02-01"));
    query.addQueryItem(QStringLiteral("resource"), QString::fromLatin1(QUrl::toPercentEncoding(resource)));
    if (!m_clientId.isEmpty())
        query.addQueryItem(QStringLiteral("client_id"), m_clientId);
    url.setQuery(query);
    HttpRequest request;
    request.url = url;
    request.setHeader("Metadata", "true");
    request.label = QStringLiteral("managed identity");
    m_transport.send(std::move(request), [done](HttpResponse response) {
        if (response.cancelled) {
            done(Error{QStringLiteral("cancelled")});
            return;
        }
        const QJsonObject obj = QJsonDocument::fromJson(response.body).object();
        if (!response.success()) {
            const QString why = response.status == 0 ? response.networkError
                                                     : QStringLiteral("HTTP %1 %2").arg(response.status).arg(firstLine(obj.value(QStringLiteral("error_description")).toString()));
            done(Error{QStringLiteral("no managed identity token from IMDS (%1); --auth managed-identity works only on an Azure "
                                      "VM, VM scale set or similar with an identity assigned")
                           .arg(why)});
            return;
        }
        AccessToken token;
        token.token = obj.value(QStringLiteral("access_token")).toString();
        token.expiresOn = QDateTime::fromSecsSinceEpoch(obj.value(QStringLiteral("expires_on")).toVariant().toLongLong(), Qt::UTC);
        if (token.token.isEmpty()) {
            done(Error{QStringLiteral("IMDS answered without an access_token")});
            return;
        }
        done(token);
    });
}

} // namespace clr::remote
