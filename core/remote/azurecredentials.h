// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/cloud.h"
#include "remote/fetchoptions.h"
#include "remote/http.h"
#include "remote/tokencredential.h"

#include <QProcessEnvironment>

#include <functional>
#include <memory>

class QProcess;

namespace clr::remote {

/** A token endpoint's answer (OAuth 2.0 / Microsoft identity platform v2.0). */
struct TokenReply
{
    AccessToken token;
    QString refreshToken; // secret: to the SecretStore only
    QString error;        // OAuth error code (authorization_pending, invalid_grant, ...)
    QString description;  // the first line of error_description (an AADSTS code and sentence)
};

/** POSTs a form to a token endpoint; never puts the form (secrets) in an error. */
void postTokenRequest(HttpTransport &transport, const QUrl &endpoint, const QList<QPair<QString, QString>> &form,
                      std::function<void(Expected<TokenReply>)> done);

/** The Azure CLI's session: `az account get-access-token --resource R -o json` (expires_on or expiresOn). */
class AzureCliCredential final : public TokenCredential
{
    Q_OBJECT
public:
    AzureCliCredential(QString azCommand, QString tenant, QProcessEnvironment env, QObject *parent = nullptr);
    ~AzureCliCredential() override;
    QString method() const override { return QStringLiteral("azure-cli"); }
    void cancel() override;
    /** Reads az's JSON output (exposed for tests and fuzzing). */
    static Expected<AccessToken> parseOutput(const QByteArray &json);

protected:
    void acquire(const QString &resource, Done done) override;

private:
    QString m_az;
    QString m_tenant;
    QProcessEnvironment m_env;
    QList<QPair<QProcess *, Done>> m_running;
};

/**
 * A service principal or workload identity from the environment, as the Azure SDKs read it:
 * AZURE_TENANT_ID and AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, or AZURE_CLIENT_CERTIFICATE_PATH
 * (PEM with the certificate and its RSA key: a signed client assertion), or
 * AZURE_FEDERATED_TOKEN_FILE (read for every token, as it rotates).
 */
class ClientCredential final : public TokenCredential
{
    Q_OBJECT
public:
    static Expected<std::shared_ptr<ClientCredential>> fromEnvironment(HttpTransport &transport, const QUrl &login,
                                                                       const QProcessEnvironment &env);
    static std::shared_ptr<ClientCredential> withSecret(HttpTransport &transport, const QUrl &login, const QString &tenant,
                                                        const QString &clientId, const QString &secret);
    QString method() const override { return QStringLiteral("environment"); }
    /** The signed JWT client assertion for `audience` (exposed for tests). */
    static Expected<QByteArray> clientAssertion(const QByteArray &pem, const QString &clientId, const QString &audience);

protected:
    void acquire(const QString &resource, Done done) override;

private:
    ClientCredential(HttpTransport &transport, QUrl tokenEndpoint, QString clientId);

    HttpTransport &m_transport;
    QUrl m_endpoint;
    QString m_clientId;
    QString m_secret;
    QString m_certificatePath;
    QString m_federatedTokenFile;
};

/**
 * A service principal whose client secret the user entered in the window. The secret lives in the
 * SecretStore (the keychain) only: a new one is written there first; later fetches (F5) read it back.
 */
class StoredSecretCredential final : public TokenCredential
{
    Q_OBJECT
public:
    StoredSecretCredential(HttpTransport &transport, SecretStore *secrets, QUrl login, QString tenant, QString clientId, QString newSecret,
                           QObject *parent = nullptr);
    QString method() const override { return QStringLiteral("client-secret"); }
    QString secretKey() const;

protected:
    void acquire(const QString &resource, Done done) override;

private:
    void withSecret(const QString &secret, const QString &resource, Done done);

    HttpTransport &m_transport;
    SecretStore *m_secrets;
    QUrl m_login;
    QString m_tenant;
    QString m_clientId;
    QString m_newSecret;
    std::shared_ptr<ClientCredential> m_inner;
};

/** Managed identity through IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST overrides the address). */
class ManagedIdentityCredential final : public TokenCredential
{
    Q_OBJECT
public:
    ManagedIdentityCredential(HttpTransport &transport, QUrl imds, QString clientId, QObject *parent = nullptr);
    QString method() const override { return QStringLiteral("managed-identity"); }

protected:
    void acquire(const QString &resource, Done done) override;

private:
    HttpTransport &m_transport;
    QUrl m_imds;
    QString m_clientId;
};

/** Tries the first credential; if it cannot sign in, the second (Auto: az CLI, then environment). */
class ChainedCredential final : public TokenCredential
{
    Q_OBJECT
public:
    ChainedCredential(std::shared_ptr<TokenCredential> first, std::function<Expected<std::shared_ptr<TokenCredential>>()> second,
                      QObject *parent = nullptr);
    QString method() const override;
    void cancel() override;
    void invalidate(const QString &resource, const QString &used) override;

protected:
    void acquire(const QString &resource, Done done) override;

private:
    std::shared_ptr<TokenCredential> m_first;
    std::function<Expected<std::shared_ptr<TokenCredential>>()> m_makeSecond;
    std::shared_ptr<TokenCredential> m_chosen;
};

/** The credential that FetchOptions::auth asks for. */
Expected<std::shared_ptr<TokenCredential>> makeCredential(const FetchOptions &options, const FetchServices &services,
                                                          const CloudEndpoints &cloud);

} // namespace clr::remote
