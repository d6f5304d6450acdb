// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QTcpSocket;

namespace clr::fakes {

struct FakeRequest
{
    QByteArray method;
    QUrl url;          // path and query as received (host is the server's)
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QSslCertificate peerCertificate; // the client certificate, when one was presented

    QString path() const { return url.path(); }
    QString query(const QString &name) const { return QUrlQuery(url).queryItemValue(name, QUrl::FullyDecoded); }
    bool hasQuery(const QString &name) const { return QUrlQuery(url).hasQueryItem(name); }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QByteArray bearer() const;
    QMap<QString, QString> form() const; // application/x-www-form-urlencoded body
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool truncate = false; // announce the whole length, send half, close
    bool hang = false;     // never answer (a server that stalls)
    int delayMs = 0;

    static FakeResponse json(const QByteArray &body, int status = 200);
};

/**
 * A small HTTP/1.1 server for tests: TLS (QSslServer with the test PKI's server certificate,
 * asking for but not requiring a client certificate) or plain TCP. Keep-alive, Content-Length
 * bodies, one handler that may answer at once or later. Counts requests in flight.
 */
class FakeServer final : public QObject
{
    Q_OBJECT

public:
    using Reply = std::function<void(FakeResponse)>;
    using Handler = std::function<void(const FakeRequest &, Reply)>;

    struct Tls
    {
        QSslCertificate certificate;
        QSslKey key;
        QList<QSslCertificate> clientCas;
    };

    explicit FakeServer(std::optional<Tls> tls, QObject *parent = nullptr);
    ~FakeServer() override;
    /** The test PKI's localhost certificate. */
    static Tls testTls();
    bool listen();
    QUrl url() const; // https://127.0.0.1:PORT or http://...
    QString hostPort() const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    int requests() const { return m_requests; }
    int inFlight() const { return m_inFlight; }
    int maxInFlight() const { return m_maxInFlight; }
    void resetCounters() { m_requests = 0; m_maxInFlight = m_inFlight; }
    QList<FakeRequest> log() const { return m_log; }
    void clearLog() { m_log.clear(); }

private:
    void onConnection();
    void readFrom(QTcpSocket *socket);
    void respond(QPointer<QTcpSocket> socket, const FakeResponse &response);

    std::optional<Tls> m_tls;
    std::unique_ptr<QTcpServer> m_server;
    Handler m_handler;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    QList<FakeRequest> m_log;
    int m_requests = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

} // namespace clr::fakes
