// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/networktransport.h"

#include "remote/proxy.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QTimer>

#include <algorithm>

namespace clr::remote {

namespace {

bool isThrottled(int status)
{
    return status == 429 || status == 503;
}

/** Failures after which the same request may well succeed. */
bool isTransient(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::InternalServerError: // never set for HTTP statuses here; kept for HTTP/2 resets
        return true;
    default:
        return false;
    }
}

QSslConfiguration sslConfiguration(const HttpRequest &request, const TransportOptions &options)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    const TlsSettings *tls = request.tls.get();
    if (tls && !tls->caCertificates.isEmpty()) {
        config.setCaCertificates(tls->caCertificates); // a kubeconfig CA replaces the system's anchors
    } else if (!options.extraCaCertificates.isEmpty()) {
        config.setCaCertificates(QSslConfiguration::systemCaCertificates() + options.extraCaCertificates);
    }
    if (tls && tls->insecureSkipVerify)
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (tls && !tls->clientCertificate.isNull()) {
        config.setLocalCertificate(tls->clientCertificate);
        config.setPrivateKey(tls->clientKey);
    }
    return config;
}

QString describeSslErrors(const QList<QSslError> &errors)
{
    QStringList parts;
    for (const QSslError &e : errors)
        parts << e.errorString();
    parts.removeDuplicates();
    return parts.join(QLatin1String("; "));
}

/** Lets two managers share one set of proxy rules (a manager owns and deletes its factory). */
class SharedProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit SharedProxyFactory(std::shared_ptr<EnvironmentProxyFactory> rules) : m_rules(std::move(rules)) {}
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override { return m_rules->queryProxy(query); }

private:
    std::shared_ptr<EnvironmentProxyFactory> m_rules;
};

} // namespace

NetworkTransport::NetworkTransport(TransportOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
    m_options.maxPerHost = std::max(1, m_options.maxPerHost);
    m_options.maxAttempts = std::max(1, m_options.maxAttempts);
    m_proxies = std::make_shared<EnvironmentProxyFactory>();
    // Qt 6.4 opens at most 6 HTTP/1.1 connections per host and manager (QHttp1Configuration, which
    // changes that, came in 6.5): two managers let HTTP/1.1 servers see the full 8 as well.
    for (auto &manager : m_managers) {
        manager = new QNetworkAccessManager(this);
        manager->setProxyFactory(new SharedProxyFactory(m_proxies)); // the manager owns the wrapper
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
}

NetworkTransport::~NetworkTransport()
{
    // Callbacks may point into objects already being destroyed: drop them without calling.
    for (auto &[id, call] : m_calls) {
        call->done = nullptr;
        if (call->reply) {
            call->reply->disconnect(this);
            call->reply->abort();
        }
    }
}

std::optional<std::chrono::milliseconds> NetworkTransport::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional(std::chrono::milliseconds(seconds * 1000));
    // HTTP-date (RFC 9110): "Sun, 06 Nov 1994 08:49:37 GMT"
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid())
        return std::nullopt;
    at.setTimeSpec(Qt::UTC);
    return std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(at)));
}

QString NetworkTransport::hostKey(const QUrl &url)
{
    return url.scheme().toLower() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':')
        + QString::number(url.port(url.scheme() == QLatin1String("http") ? 80 : 443));
}

HttpTransport::RequestId NetworkTransport::send(HttpRequest request, Callback done)
{
    auto call = std::make_shared<Call>();
    call->id = m_nextId++;
    call->request = std::move(request);
    call->done = std::move(done);
    m_calls.emplace(call->id, call);
    const QString host = hostKey(call->request.url);
    m_queues[host].push_back(call);
    if (call->request.tls && !call->request.tls->proxy.isEmpty())
        m_proxies->setServerProxy(call->request.url, call->request.tls->proxy);
    // Asynchronous even when a slot is free: callers may still be wiring things up.
    QTimer::singleShot(0, this, [this, host] { pump(host); });
    return call->id;
}

int NetworkTransport::pending() const
{
    return int(m_calls.size());
}

void NetworkTransport::pump(const QString &host)
{
    auto &queue = m_queues[host];
    int &inFlight = m_inFlight[host];
    while (inFlight < m_options.maxPerHost && !queue.empty()) {
        CallPtr call = queue.front();
        queue.pop_front();
        if (!m_calls.count(call->id))
            continue; // cancelled while queued
        ++inFlight;
        start(call);
    }
}

void NetworkTransport::start(const CallPtr &call)
{
    ++call->attempts;
    const HttpRequest &r = call->request;
    QNetworkRequest request(r.url);
    for (const auto &[name, value] : r.headers)
        request.setRawHeader(name, value);
    if (!request.hasRawHeader("User-Agent"))
        request.setRawHeader("User-Agent", m_options.userAgent);
    request.setTransferTimeout(int(m_options.inactivityTimeout.count()));
    if (r.url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(tlsFor(r));
    if (r.tls && !r.tls->serverName.isEmpty())
        request.setPeerVerifyName(r.tls->serverName);
    auto &perManager = m_perManager[hostKey(r.url)];
    call->manager = perManager[0] <= perManager[1] ? 0 : 1;
    ++perManager[call->manager];
    QNetworkAccessManager *manager = m_managers[call->manager];
    QNetworkReply *reply = r.body.isEmpty() && r.method == "GET" ? manager->get(request)
                                                                 : manager->sendCustomRequest(request, r.method, r.body);
    call->reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [call](const QList<QSslError> &errors) {
        call->lastSslErrors = describeSslErrors(errors);
    });
    connect(reply, &QNetworkReply::finished, this, [this, call] { onFinished(call); });
}

/**
 * One QSslConfiguration per distinct TlsSettings, made once: building one reads and parses every
 * system CA certificate, and a configuration that differs per request costs QNetworkAccessManager
 * a new TLS context and connection each time.
 */
const QSslConfiguration &NetworkTransport::tlsFor(const HttpRequest &request)
{
    auto it = m_tlsCache.find(request.tls);
    if (it == m_tlsCache.end())
        it = m_tlsCache.emplace(request.tls, sslConfiguration(request, m_options)).first;
    return it->second;
}

std::chrono::milliseconds NetworkTransport::backoff(int attempts) const
{
    const auto base = m_options.backoffBase.count();
    const qint64 exp = base << std::min(attempts - 1, 20);
    const qint64 capped = std::min<qint64>(exp, m_options.backoffMax.count());
    const qint64 jitter = capped > 4 ? QRandomGenerator::global()->bounded(capped / 4) : 0;
    return std::chrono::milliseconds(capped + jitter);
}

void NetworkTransport::onFinished(const CallPtr &call)
{
    QNetworkReply *reply = call->reply;
    call->reply = nullptr;
    reply->deleteLater();
    const QString host = hostKey(call->request.url);
    --m_inFlight[host];
    --m_perManager[host][call->manager];
    QTimer::singleShot(0, this, [this, host] { pump(host); });
    if (!m_calls.count(call->id))
        return; // cancelled: already completed

    HttpResponse response;
    response.attempts = call->attempts;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.append(pair);
    response.body = reply->readAll();
    const auto error = reply->error();
    const bool httpError = error >= QNetworkReply::ContentAccessDenied && error <= QNetworkReply::UnknownServerError
        && response.status != 0;
    if (error != QNetworkReply::NoError && !httpError) {
        response.networkError = error == QNetworkReply::OperationCanceledError
            ? QStringLiteral("no data for %1 s (timed out)").arg(m_options.inactivityTimeout.count() / 1000)
            : reply->errorString();
        if (!call->lastSslErrors.isEmpty())
            response.networkError = QStringLiteral("TLS verification failed: ") + call->lastSslErrors;
    } else if (const QByteArray length = response.header("Content-Length"); !length.isEmpty()
               && length.toLongLong() != response.body.size() && call->request.method != "HEAD") {
        response.networkError = QStringLiteral("the body ended after %1 of %2 bytes").arg(response.body.size()).arg(QString::fromLatin1(length));
    }

    const bool timedOut = error == QNetworkReply::OperationCanceledError;
    const bool transient = !response.networkError.isEmpty() && call->lastSslErrors.isEmpty()
        && (timedOut || isTransient(error) || error == QNetworkReply::NoError || httpError);
    if (call->attempts < m_options.maxAttempts && (isThrottled(response.status) || transient)) {
        auto delay = backoff(call->attempts);
        if (isThrottled(response.status)) {
            if (const auto after = parseRetryAfter(response.header("Retry-After"), QDateTime::currentDateTimeUtc()))
                delay = std::min(*after, m_options.retryAfterMax);
        }
        retryLater(call, delay);
        return;
    }
    complete(call, std::move(response));
}

void NetworkTransport::retryLater(const CallPtr &call, std::chrono::milliseconds delay)
{
    call->waiting = true;
    call->lastSslErrors.clear();
    QTimer::singleShot(delay, this, [this, call] {
        call->waiting = false;
        if (!m_calls.count(call->id))
            return;
        const QString host = hostKey(call->request.url);
        m_queues[host].push_front(call);
        pump(host);
    });
}

void NetworkTransport::complete(const CallPtr &call, HttpResponse response)
{
    m_calls.erase(call->id);
    if (auto done = std::move(call->done))
        done(std::move(response));
}

void NetworkTransport::cancel(RequestId id)
{
    const auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    CallPtr call = it->second;
    if (call->reply) {
        QNetworkReply *reply = call->reply;
        call->reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
        const QString host = hostKey(call->request.url);
        --m_inFlight[host];
        --m_perManager[host][call->manager];
        QTimer::singleShot(0, this, [this, host] { pump(host); });
    }
    HttpResponse response;
    response.cancelled = true;
    response.attempts = call->attempts;
    response.networkError = QStringLiteral("cancelled");
    complete(call, std::move(response));
}

void NetworkTransport::cancelAll()
{
    std::vector<RequestId> ids;
    for (const auto &[id, call] : m_calls)
        ids.push_back(id);
    for (RequestId id : ids)
        cancel(id);
}

} // namespace clr::remote
