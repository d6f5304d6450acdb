// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <functional>
#include <memory>

namespace clr::remote {

/**
 * How to reach one server over TLS, as a kubeconfig cluster and user describe it. The default
 * (no CAs, not insecure) trusts the system's anchors plus the transport's extra CAs.
 */
struct TlsSettings
{
    QList<QSslCertificate> caCertificates; // when not empty: the only trust anchors (kubeconfig CA)
    bool insecureSkipVerify = false;       // only ever set from a kubeconfig that says so
    QString serverName;                    // tls-server-name: SNI and the name the certificate must carry
    QSslCertificate clientCertificate;
    QSslKey clientKey;
    QUrl proxy;                            // proxy-url; empty = HTTPS_PROXY/NO_PROXY from the environment
};

struct HttpRequest
{
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    std::shared_ptr<const TlsSettings> tls; // null = system trust + extra CAs
    /** What the request is for, in words ("list clusterroles"); error messages start with it. */
    QString label;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const; // case-insensitive
};

struct HttpResponse
{
    int status = 0;        // 0 when no HTTP status arrived
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError;  // why no complete response arrived (connection, TLS, timeout, truncation)
    bool cancelled = false;
    bool authFailed = false; // no credentials could be obtained; networkError says why
    int attempts = 0;      // 1 + retries spent on throttling and transient failures

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    bool success() const { return networkError.isEmpty() && !cancelled && status >= 200 && status < 300; }
};

/**
 * Sends HTTP requests asynchronously. Implementations call `done` exactly once per request, on the
 * thread that owns the transport, also when the request is cancelled (HttpResponse::cancelled).
 * Throttling (429/503) and transient network failures are retried inside the transport; any other
 * status is handed back as is.
 */
class HttpTransport
{
public:
    using RequestId = std::uint64_t;
    using Callback = std::function<void(HttpResponse)>;

    virtual ~HttpTransport() = default;
    virtual RequestId send(HttpRequest request, Callback done) = 0;
    virtual void cancel(RequestId id) = 0;
    /** Cancels everything queued and in flight (the user pressed Cancel or Ctrl+C). */
    virtual void cancelAll() = 0;
};

} // namespace clr::remote
