// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/tokencredential.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace clr::remote {

namespace {
constexpr qint64 kRefreshMarginSeconds = 300;
} // namespace

void TokenCredential::token(const QString &resource, Done done)
{
    const auto cached = m_cache.constFind(resource);
    if (cached != m_cache.constEnd()
        && (!cached->expiresOn.isValid() || QDateTime::currentDateTimeUtc().secsTo(cached->expiresOn) > kRefreshMarginSeconds)) {
        done(*cached);
        return;
    }
    m_cache.remove(resource);
    auto &waiting = m_waiting[resource];
    waiting.push_back(std::move(done));
    if (waiting.size() > 1)
        return;
    QPointer<TokenCredential> self(this);
    acquire(resource, [self, resource](Expected<AccessToken> result) {
        if (!self)
            return;
        if (result) {
            if (result->tenantId.isEmpty())
                result->tenantId = tenantOfToken(result->token);
            self->m_cache.insert(resource, result.value());
            if (!result->tenantId.isEmpty())
                self->m_lastTenant = result->tenantId;
        }
        auto waiters = std::move(self->m_waiting[resource]);
        self->m_waiting.remove(resource);
        for (auto &w : waiters)
            w(result);
    });
}

void TokenCredential::invalidate(const QString &resource, const QString &used)
{
    const auto it = m_cache.constFind(resource);
    if (it != m_cache.constEnd() && it->token == used)
        m_cache.remove(resource);
}

QString tenantOfToken(const QString &jwt)
{
    const auto parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(payload).object().value(QStringLiteral("tid")).toString();
}

AzureAuthenticator::AzureAuthenticator(std::shared_ptr<TokenCredential> credential, QString resource)
    : m_credential(std::move(credential)), m_resource(std::move(resource))
{
}

void AzureAuthenticator::authorize(HttpRequest request, Ready ready)
{
    m_credential->token(m_resource, [request = std::move(request), ready = std::move(ready)](Expected<AccessToken> token) mutable {
        if (!token) {
            ready(token.error());
            return;
        }
        request.setHeader("Authorization", "Bearer " + token->token.toUtf8());
        ready(std::move(request));
    });
}

bool AzureAuthenticator::invalidate(const HttpRequest &used)
{
    const QByteArray auth = used.header("Authorization");
    m_credential->invalidate(m_resource, QString::fromUtf8(auth.startsWith("Bearer ") ? auth.mid(7) : auth));
    return true;
}

void AzureAuthenticator::cancel()
{
    // The credential is shared by the Graph and ARM clients: whoever owns both cancels it.
}

} // namespace clr::remote
