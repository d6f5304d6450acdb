// SPDX-License-Identifier: GPL-3.0-or-later
// The Azure credentials that combine others: a secret typed in the window (kept in the SecretStore),
// the Auto chain, and the factory that picks one from FetchOptions.
#include "remote/azurecredentials.h"

#include "interactivecredential_p.h"

#include <QPointer>

namespace clr::remote {

// ------------------------------------------------------------------------------------------------ secret from the window

StoredSecretCredential::StoredSecretCredential(HttpTransport &transport, SecretStore *secrets, QUrl login, QString tenant,
                                               QString clientId, QString newSecret, QObject *parent)
    : TokenCredential(parent), m_transport(transport), m_secrets(secrets), m_login(std::move(login)), m_tenant(std::move(tenant)),
      m_clientId(std::move(clientId)), m_newSecret(std::move(newSecret))
{
}

QString StoredSecretCredential::secretKey() const
{
    return QStringLiteral("client-secret/%1/%2/%3").arg(m_login.host(), m_tenant, m_clientId);
}

void StoredSecretCredential::acquire(const QString &resource, Done done)
{
    if (m_inner) {
        m_inner->token(resource, std::move(done));
        return;
    }
    if (!m_newSecret.isEmpty()) {
        const QString secret = std::exchange(m_newSecret, QString());
        if (m_secrets)
            m_secrets->write(secretKey(), secret.toUtf8(), [](const QString &) {});
        withSecret(secret, resource, std::move(done));
        return;
    }
    if (!m_secrets) {
        done(Error{QStringLiteral("no client secret: enter it in File → Connect…")});
        return;
    }
    QPointer<StoredSecretCredential> self(this);
    m_secrets->read(secretKey(), [self, resource, done](std::optional<QByteArray> secret, QString error) {
        if (!self)
            return;
        if (!secret) {
            done(Error{QStringLiteral("no client secret for application %1 is stored%2: enter it in File → Connect…")
                           .arg(self->m_clientId, error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error))});
            return;
        }
        self->withSecret(QString::fromUtf8(*secret), resource, done);
    });
}

void StoredSecretCredential::withSecret(const QString &secret, const QString &resource, Done done)
{
    m_inner = ClientCredential::withSecret(m_transport, m_login, m_tenant, m_clientId, secret);
    m_inner->token(resource, std::move(done));
}

// ------------------------------------------------------------------------------------------------ chain

ChainedCredential::ChainedCredential(std::shared_ptr<TokenCredential> first,
                                     std::function<Expected<std::shared_ptr<TokenCredential>>()> second, QObject *parent)
    : TokenCredential(parent), m_first(std::move(first)), m_makeSecond(std::move(second))
{
}

QString ChainedCredential::method() const
{
    return m_chosen ? m_chosen->method() : QStringLiteral("auto");
}

void ChainedCredential::cancel()
{
    if (m_chosen)
        m_chosen->cancel();
    m_first->cancel();
}

void ChainedCredential::invalidate(const QString &resource, const QString &used)
{
    TokenCredential::invalidate(resource, used);
    if (m_chosen)
        m_chosen->invalidate(resource, used);
}

void ChainedCredential::acquire(const QString &resource, Done done)
{
    if (m_chosen) {
        m_chosen->token(resource, std::move(done));
        return;
    }
    QPointer<ChainedCredential> self(this);
    m_first->token(resource, [self, resource, done](Expected<AccessToken> first) {
        if (!self)
            return;
        if (first) {
            self->m_chosen = self->m_first;
            done(first);
            return;
        }
        auto second = self->m_makeSecond ? self->m_makeSecond() : Expected<std::shared_ptr<TokenCredential>>(Error{});
        if (!second) {
            done(Error{QStringLiteral("no Azure sign-in found: %1. Alternatively set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
                                      "AZURE_CLIENT_SECRET (or a certificate or federated token), or use --auth device-code "
                                      "--client-id ID; or leave Azure out with --no-graph --no-arm")
                           .arg(first.error().message)});
            return;
        }
        self->m_chosen = *second;
        self->m_chosen->token(resource, done);
    });
}

// ------------------------------------------------------------------------------------------------ factory

Expected<std::shared_ptr<TokenCredential>> makeCredential(const FetchOptions &options, const FetchServices &services,
                                                          const CloudEndpoints &cloud)
{
    HttpTransport &transport = *services.transport;
    const QProcessEnvironment &env = services.environment;
    auto environment = [&transport, login = cloud.login, env]() -> Expected<std::shared_ptr<TokenCredential>> {
        auto c = ClientCredential::fromEnvironment(transport, login, env);
        if (!c)
            return c.error();
        return std::shared_ptr<TokenCredential>(*c);
    };
    switch (options.auth) {
    case AzureAuth::Auto: {
        auto az = std::make_shared<AzureCliCredential>(services.azCommand, options.tenant, env);
        const bool haveEnvironment = env.contains(QStringLiteral("AZURE_CLIENT_ID"));
        return std::shared_ptr<TokenCredential>(std::make_shared<ChainedCredential>(
            az, haveEnvironment ? std::function<Expected<std::shared_ptr<TokenCredential>>()>(environment) : nullptr));
    }
    case AzureAuth::AzureCli:
        return std::shared_ptr<TokenCredential>(std::make_shared<AzureCliCredential>(services.azCommand, options.tenant, env));
    case AzureAuth::Environment:
        return environment();
    case AzureAuth::ManagedIdentity: {
        const QString host = env.value(QStringLiteral("AZURE_POD_IDENTITY_AUTHORITY_HOST"), QStringLiteral("http://169.254.169.254"));
        QUrl imds(host);
        while (imds.path().endsWith(QLatin1Char('/')))
            imds.setPath(imds.path().chopped(1));
        const QString clientId = options.clientId.isEmpty() ? env.value(QStringLiteral("AZURE_CLIENT_ID")) : options.clientId;
        return std::shared_ptr<TokenCredential>(std::make_shared<ManagedIdentityCredential>(transport, imds, clientId));
    }
    case AzureAuth::DeviceCode:
    case AzureAuth::Browser:
        return makeInteractiveCredential(options, services, cloud);
    case AzureAuth::ClientSecret:
        if (options.clientId.isEmpty() || options.tenant.isEmpty())
            return Error{QStringLiteral("a service principal needs its tenant and application (client) ID")};
        return std::shared_ptr<TokenCredential>(std::make_shared<StoredSecretCredential>(transport, services.secrets, cloud.login, options.tenant,
                                                                                         options.clientId, options.clientSecret));
    }
    return Error{QStringLiteral("unknown sign-in method")};
}

} // namespace clr::remote
