// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/cloud.h"

namespace clr::remote {

namespace {

struct Known
{
    const char *name, *login, *graph, *arm, *armResource;
};

// The national clouds' endpoints as Microsoft documents them (az cloud show --name ...).
constexpr Known kClouds[] = {
    {"AzureCloud", "https://login.microsoftonline.com", "https://graph.microsoft.com", "https://management.azure.com",
     "https://management.core.windows.net/"},
    {"AzureChinaCloud", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn",
     "https://management.chinacloudapi.cn", "https://management.core.chinacloudapi.cn/"},
    {"AzureUSGovernment", "https://login.microsoftonline.us", "https://graph.microsoft.us", "https://management.usgovcloudapi.net",
     "https://management.core.usgovcloudapi.net/"},
};

std::optional<QUrl> override(const QString &value)
{
    if (value.isEmpty())
        return std::nullopt;
    QUrl url(value);
    if (!url.isValid() || url.host().isEmpty() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return QUrl();
    while (url.path().endsWith(QLatin1Char('/')))
        url.setPath(url.path().chopped(1));
    return url;
}

} // namespace

QStringList CloudEndpoints::names()
{
    QStringList out;
    for (const Known &k : kClouds)
        out << QString::fromLatin1(k.name);
    return out;
}

Expected<CloudEndpoints> CloudEndpoints::resolve(const QString &cloud, const QString &loginUrl, const QString &graphUrl,
                                                 const QString &armUrl)
{
    const QString name = cloud.isEmpty() ? QStringLiteral("AzureCloud") : cloud;
    const Known *known = nullptr;
    for (const Known &k : kClouds) {
        if (name.compare(QLatin1String(k.name), Qt::CaseInsensitive) == 0)
            known = &k;
    }
    if (!known)
        return Error{QStringLiteral("unknown cloud '%1'; use %2").arg(name, names().join(QLatin1String(", ")))};
    CloudEndpoints out;
    out.name = QString::fromLatin1(known->name);
    out.login = QUrl(QString::fromLatin1(known->login));
    out.graph = QUrl(QString::fromLatin1(known->graph));
    out.arm = QUrl(QString::fromLatin1(known->arm));
    out.armResource = QString::fromLatin1(known->armResource);
    out.graphResource = out.graph.toString() + QLatin1Char('/');
    for (auto [value, target, flag] : {std::tuple{loginUrl, &out.login, "--login-url"}, std::tuple{graphUrl, &out.graph, "--graph-url"},
                                       std::tuple{armUrl, &out.arm, "--arm-url"}}) {
        if (auto url = override(value)) {
            if (url->isEmpty())
                return Error{QStringLiteral("%1 '%2' is not an https URL").arg(QLatin1String(flag), value)};
            *target = *url;
        }
    }
    return out;
}

} // namespace clr::remote
