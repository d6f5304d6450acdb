// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/proxy.h"

#include <QHostAddress>

namespace clr::remote {

namespace {

QString envValue(const QProcessEnvironment &env, const QString &upper)
{
    const QString value = env.value(upper);
    return value.isEmpty() ? env.value(upper.toLower()) : value;
}

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

/** One NO_PROXY entry against a host and port (Go: httpproxy.Config). */
bool entryMatches(QString entry, const QString &host, int port)
{
    entry = entry.trimmed().toLower();
    if (entry.isEmpty())
        return false;
    if (entry == QLatin1String("*"))
        return true;
    if (entry.contains(QLatin1Char('/'))) { // CIDR
        const auto subnet = QHostAddress::parseSubnet(entry);
        const QHostAddress address(host);
        return !address.isNull() && subnet.second >= 0 && address.isInSubnet(subnet);
    }
    int entryPort = -1;
    const int colon = entry.lastIndexOf(QLatin1Char(':'));
    if (colon > 0 && !entry.startsWith(QLatin1Char('[')) && entry.count(QLatin1Char(':')) == 1) {
        bool ok = false;
        entryPort = entry.mid(colon + 1).toInt(&ok);
        if (!ok)
            return false;
        entry = entry.left(colon);
    }
    if (entryPort >= 0 && entryPort != port)
        return false;
    if (entry.startsWith(QLatin1Char('[')) && entry.endsWith(QLatin1Char(']')))
        entry = entry.mid(1, entry.size() - 2);
    if (const QHostAddress address(entry); !address.isNull())
        return address == QHostAddress(host);
    if (entry.startsWith(QLatin1Char('.')))
        entry = entry.mid(1);
    return host == entry || host.endsWith(QLatin1Char('.') + entry);
}

QString serverKey(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme + QLatin1String("://") + url.host().toLower() + QLatin1Char(':')
        + QString::number(url.port(scheme == QLatin1String("http") ? 80 : 443));
}

} // namespace

QUrl proxyFromEnvironment(const QUrl &url, const QProcessEnvironment &env)
{
    const QString host = url.host().toLower();
    if (host.isEmpty() || isLoopback(host))
        return {};
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const QString proxy = envValue(env, https ? QStringLiteral("HTTPS_PROXY") : QStringLiteral("HTTP_PROXY"));
    if (proxy.isEmpty())
        return {};
    const int port = url.port(https ? 443 : 80);
    const QStringList noProxy = envValue(env, QStringLiteral("NO_PROXY")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &entry : noProxy) {
        if (entryMatches(entry, host, port))
            return {};
    }
    // Go accepts a bare host:port and reads it as http://host:port.
    QUrl result(proxy.contains(QLatin1String("://")) ? proxy : QStringLiteral("http://") + proxy);
    return result.isValid() && !result.host().isEmpty() ? result : QUrl();
}

QNetworkProxy toNetworkProxy(const QUrl &proxy)
{
    if (proxy.isEmpty())
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QString scheme = proxy.scheme().toLower();
    const bool socks = scheme.startsWith(QLatin1String("socks5"));
    QNetworkProxy result(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, proxy.host(),
                         quint16(proxy.port(socks ? 1080 : (scheme == QLatin1String("https") ? 443 : 80))));
    result.setUser(proxy.userName(QUrl::FullyDecoded));
    result.setPassword(proxy.password(QUrl::FullyDecoded));
    return result;
}

EnvironmentProxyFactory::EnvironmentProxyFactory(QProcessEnvironment env) : m_env(std::move(env)) {}

void EnvironmentProxyFactory::setServerProxy(const QUrl &server, const QUrl &proxy)
{
    const QString key = serverKey(server);
    if (proxy.isEmpty())
        m_servers.remove(key);
    else
        m_servers.insert(key, proxy);
}

QList<QNetworkProxy> EnvironmentProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    const QUrl url = query.url();
    if (const auto it = m_servers.constFind(serverKey(url)); it != m_servers.constEnd())
        return {toNetworkProxy(*it)};
    return {toNetworkProxy(proxyFromEnvironment(url, m_env))};
}

} // namespace clr::remote
