// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/http.h"

#include <QHash>
#include <QDateTime>
#include <QObject>
#include <QSslConfiguration>

#include <array>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace clr::remote {

class EnvironmentProxyFactory;

struct TransportOptions
{
    int maxPerHost = 8;                                  // requests in flight per scheme://host:port
    int maxAttempts = 6;                                 // 1 + retries on 429/503 and transient failures
    std::chrono::milliseconds backoffBase{1000};         // first wait when no Retry-After is given
    std::chrono::milliseconds backoffMax{60000};
    std::chrono::milliseconds retryAfterMax{300000};     // a longer Retry-After is capped
    std::chrono::milliseconds inactivityTimeout{120000}; // no byte for this long: the attempt fails
    QList<QSslCertificate> extraCaCertificates;          // --ca-file: trusted in addition to the system's
    QByteArray userAgent = "Clearance";
};

/**
 * The HttpTransport over QNetworkAccessManager: asynchronous on the owning thread's event loop, at
 * most TransportOptions::maxPerHost requests in flight per host (HTTP/1.1 connections or HTTP/2
 * streams; at most 12 for HTTP/1.1, two managers' worth), 429 and 503 retried after Retry-After or an exponential backoff with jitter, transient
 * network failures and truncated bodies retried the same way, redirects not followed (nextLinks are
 * followed verbatim by the callers), proxies from HTTPS_PROXY/HTTP_PROXY/NO_PROXY as Go programs
 * read them, or per server (kubeconfig proxy-url). TLS is always verified unless the request's
 * TlsSettings say insecureSkipVerify.
 */
class NetworkTransport final : public QObject, public HttpTransport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkTransport)

public:
    explicit NetworkTransport(TransportOptions options = {}, QObject *parent = nullptr);
    ~NetworkTransport() override;

    RequestId send(HttpRequest request, Callback done) override;
    void cancel(RequestId id) override;
    void cancelAll() override;

    /** A Retry-After value (delay-seconds or an HTTP date) as a delay from `now`; nullopt if unreadable. */
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value, const QDateTime &now);
    /** Requests queued or in flight. */
    int pending() const;
    const TransportOptions &options() const { return m_options; }

private:
    struct Call
    {
        RequestId id = 0;
        HttpRequest request;
        Callback done;
        int attempts = 0;
        QNetworkReply *reply = nullptr;
        int manager = 0;
        bool waiting = false; // sleeping before a retry
        QString lastSslErrors;
    };
    using CallPtr = std::shared_ptr<Call>;

    static QString hostKey(const QUrl &url);
    void pump(const QString &host);
    void start(const CallPtr &call);
    void onFinished(const CallPtr &call);
    void retryLater(const CallPtr &call, std::chrono::milliseconds delay);
    std::chrono::milliseconds backoff(int attempts) const;
    const QSslConfiguration &tlsFor(const HttpRequest &request);
    void complete(const CallPtr &call, HttpResponse response);

    TransportOptions m_options;
    QNetworkAccessManager *m_managers[2] = {nullptr, nullptr};
    std::shared_ptr<EnvironmentProxyFactory> m_proxies;
    RequestId m_nextId = 1;
    std::map<RequestId, CallPtr> m_calls;
    QHash<QString, std::deque<CallPtr>> m_queues;
    QHash<QString, int> m_inFlight;
    QHash<QString, std::array<int, 2>> m_perManager; // in flight per host and manager
    std::map<std::shared_ptr<const TlsSettings>, QSslConfiguration> m_tlsCache; // null key: system + extra CAs
};

} // namespace clr::remote
