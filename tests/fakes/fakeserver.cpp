// SPDX-License-Identifier: GPL-3.0-or-later
#include "fakeserver.h"

#include "testpki.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTimer>

namespace clr::fakes {

QByteArray FakeRequest::bearer() const
{
    const QByteArray auth = header("authorization");
    return auth.startsWith("Bearer ") ? auth.mid(7) : QByteArray();
}

QMap<QString, QString> FakeRequest::form() const
{
    QMap<QString, QString> out;
    const QUrlQuery q(QString::fromUtf8(body).replace(QLatin1Char('+'), QLatin1Char(' ')));
    for (const auto &[k, v] : q.queryItems(QUrl::FullyDecoded))
        out.insert(k, v);
    return out;
}

FakeResponse FakeResponse::json(const QByteArray &body, int status)
{
    FakeResponse r;
    r.status = status;
    r.body = body;
    r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return r;
}

FakeServer::FakeServer(std::optional<Tls> tls, QObject *parent) : QObject(parent), m_tls(std::move(tls))
{
    if (m_tls) {
        auto *server = new QSslServer;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(m_tls->certificate);
        config.setPrivateKey(m_tls->key);
        config.setPeerVerifyMode(QSslSocket::QueryPeer);
        if (!m_tls->clientCas.isEmpty())
            config.setCaCertificates(m_tls->clientCas);
        server->setSslConfiguration(config);
        server->setHandshakeTimeout(10000);
        m_server.reset(server);
    } else {
        m_server = std::make_unique<QTcpServer>();
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeServer::onConnection);
}

FakeServer::~FakeServer()
{
    for (QTcpSocket *socket : m_server->findChildren<QTcpSocket *>())
        socket->disconnect(this); // their disconnected() fires while the server is torn down
}

FakeServer::Tls FakeServer::testTls()
{
    const TestPki &pki = TestPki::instance();
    return Tls{pki.serverCertificate(), pki.serverKey(), {pki.caCertificate()}};
}

bool FakeServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl FakeServer::url() const
{
    return QUrl(QStringLiteral("%1://127.0.0.1:%2").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http")).arg(m_server->serverPort()));
}

QString FakeServer::hostPort() const
{
    return QStringLiteral("127.0.0.1:%1").arg(m_server->serverPort());
}

void FakeServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            readFrom(socket);
    }
}

void FakeServer::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const int end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        FakeRequest request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.url = QUrl::fromEncoded(first.value(1));
        for (int i = 1; i < lines.size(); ++i) {
            const int colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const int length = request.headers.value("content-length").toInt();
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        if (auto *ssl = qobject_cast<QSslSocket *>(socket))
            request.peerCertificate = ssl->peerCertificate();
        ++m_requests;
        ++m_inFlight;
        m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
        m_log << request;
        QPointer<QTcpSocket> guard(socket);
        auto answered = std::make_shared<bool>(false);
        Reply reply = [this, guard, answered](FakeResponse response) {
            if (*answered)
                return;
            *answered = true;
            if (response.hang)
                return; // stays in flight until the client gives up
            if (response.delayMs > 0) {
                QTimer::singleShot(response.delayMs, this, [this, guard, response] { respond(guard, response); });
                return;
            }
            respond(guard, response);
        };
        if (m_handler)
            m_handler(request, reply);
        else
            reply(FakeResponse::json("{}", 404));
    }
}

void FakeServer::respond(QPointer<QTcpSocket> socket, const FakeResponse &response)
{
    --m_inFlight;
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\nContent-Length: " + QByteArray::number(response.body.size())
        + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "\r\n";
    if (response.truncate) {
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    socket->write(head + response.body);
}

} // namespace clr::fakes
