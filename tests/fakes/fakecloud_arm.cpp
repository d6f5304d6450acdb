// SPDX-License-Identifier: GPL-3.0-or-later
// FakeCloud: Azure Resource Manager (subscriptions, AKS clusters, role assignments and definitions).
#include "fakecloud.h"

#include <QJsonDocument>

namespace clr::fakes {

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

FakeResponse armError(int status, const QString &code, const QString &message)
{
    return FakeResponse::json(toJson(QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}}),
                              status);
}

} // namespace

void FakeCloud::handleArm(const FakeRequest &request, const FakeServer::Reply &reply)
{
    if (!validToken(request, armAudience())) {
        reply(armError(401, QStringLiteral("ExpiredAuthenticationToken"), QStringLiteral("The access token expiry UTC time has passed.")));
        return;
    }
    if (!request.hasQuery(QStringLiteral("api-version"))) {
        reply(armError(400, QStringLiteral("MissingApiVersionParameter"), QStringLiteral("The api-version query parameter is required")));
        return;
    }
    const QStringList parts = request.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts == QStringList{QStringLiteral("subscriptions")}) {
        QJsonArray subs;
        for (const SubscriptionData &s : std::as_const(subscriptions))
            subs.append(s.subscription);
        armPage(subs, request, reply);
        return;
    }
    const SubscriptionData *sub = nullptr;
    if (parts.size() >= 2 && parts[0] == QLatin1String("subscriptions")) {
        for (const SubscriptionData &s : std::as_const(subscriptions)) {
            if (s.subscription.value(QStringLiteral("subscriptionId")).toString().compare(parts[1], Qt::CaseInsensitive) == 0)
                sub = &s;
        }
    }
    if (!sub) {
        reply(armError(404, QStringLiteral("SubscriptionNotFound"), QStringLiteral("The subscription could not be found.")));
        return;
    }
    const QString tail = parts.mid(2).join(QLatin1Char('/'));
    if (tail == QLatin1String("providers/Microsoft.ContainerService/managedClusters"))
        armPage(sub->clusters, request, reply);
    else if (tail == QLatin1String("providers/Microsoft.Authorization/roleAssignments"))
        armPage(sub->assignments, request, reply);
    else if (tail == QLatin1String("providers/Microsoft.Authorization/roleDefinitions")) {
        QJsonArray all = builtinDefinitions;
        for (const auto &d : sub->definitions)
            all.append(d);
        armPage(all, request, reply);
    } else {
        reply(armError(404, QStringLiteral("NotFound"), QStringLiteral("no such resource")));
    }
}

void FakeCloud::armPage(const QJsonArray &items, const FakeRequest &request, const FakeServer::Reply &reply)
{
    const int offset = request.query(QStringLiteral("$skiptoken")).toInt();
    QJsonArray value;
    for (int i = offset; i < items.size() && value.size() < armPageSize; ++i)
        value.append(items[i]);
    QJsonObject page{{QStringLiteral("value"), value}};
    if (offset + value.size() < items.size()) {
        QUrl next = m_arm->url();
        next.setPath(request.path());
        next.setQuery(QStringLiteral("api-version=%1&$skiptoken=%2").arg(request.query(QStringLiteral("api-version"))).arg(offset + value.size()));
        page.insert(QStringLiteral("nextLink"), next.toString(QUrl::FullyEncoded));
    }
    reply(FakeResponse::json(toJson(page)));
}

} // namespace clr::fakes
