// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/auth.h"
#include "remote/expected.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace clr::remote {

/** An access token for one resource (audience). Lives in memory only. */
struct AccessToken
{
    QString token;
    QDateTime expiresOn; // UTC
    QString tenantId;    // the token's tid claim, when readable
};

/**
 * An Azure sign-in method that hands out access tokens per resource ("https://graph.microsoft.com/",
 * "https://management.core.windows.net/"). Tokens are cached in memory until five minutes before
 * they expire; concurrent requests for the same resource share one acquisition.
 */
class TokenCredential : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenCredential)

public:
    using Done = std::function<void(Expected<AccessToken>)>;
    explicit TokenCredential(QObject *parent = nullptr) : QObject(parent) {}

    void token(const QString &resource, Done done);
    /** Forgets the cached token of `resource` if it is `used` (not one fetched since). */
    virtual void invalidate(const QString &resource, const QString &used);
    /** How it signs in, as --auth names it. */
    virtual QString method() const = 0;
    virtual void cancel() {}
    /** The tenant of the last token handed out (its tid claim), empty before. */
    QString tenantId() const { return m_lastTenant; }

protected:
    /** Gets a fresh token; calls done once. */
    virtual void acquire(const QString &resource, Done done) = 0;

private:
    QHash<QString, AccessToken> m_cache;
    QString m_lastTenant;
    QHash<QString, std::vector<Done>> m_waiting;
};

/** Bearer tokens of a TokenCredential for one resource. */
class AzureAuthenticator final : public Authenticator
{
public:
    AzureAuthenticator(std::shared_ptr<TokenCredential> credential, QString resource);
    void authorize(HttpRequest request, Ready ready) override;
    bool invalidate(const HttpRequest &used) override;
    void cancel() override;

private:
    std::shared_ptr<TokenCredential> m_credential;
    QString m_resource;
};

/** The tid claim of a JWT access token (no signature check: informational only). */
QString tenantOfToken(const QString &jwt);

} // namespace clr::remote
