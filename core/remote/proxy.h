// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QNetworkProxyFactory>
#include <QProcessEnvironment>
#include <QUrl>

namespace clr::remote {

/**
 * The proxy for a URL from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case; the upper-case name
 * wins), read as Go's net/http does, since kubectl, kubelogin and the az CLI's users set them for
 * those: loopback hosts are never proxied; NO_PROXY is a comma list of "*", host names (also
 * matching their subdomains, with or without a leading dot), IP addresses and CIDR ranges, each
 * optionally with ":port". Returns an empty URL for a direct connection.
 */
QUrl proxyFromEnvironment(const QUrl &url, const QProcessEnvironment &env);

/** QNetworkProxy for a proxy URL (http, https, socks5); NoProxy for an empty one. */
QNetworkProxy toNetworkProxy(const QUrl &proxy);

/** Per-server proxies (kubeconfig proxy-url) over the environment's rules. Thread-confined. */
class EnvironmentProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit EnvironmentProxyFactory(QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
    /** Routes scheme://host:port of `server` through `proxy` (empty: back to the environment). */
    void setServerProxy(const QUrl &server, const QUrl &proxy);
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

private:
    QProcessEnvironment m_env;
    QHash<QString, QUrl> m_servers;
};

} // namespace clr::remote
