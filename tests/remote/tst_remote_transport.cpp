// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP transport on its own: 8 requests in flight per host, Retry-After and backoff, truncated
// bodies, stalled servers, Cancel, and proxies as Go programs read HTTPS_PROXY/NO_PROXY.
#include "remotetest.h"

#include "remote/proxy.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace clr::remotetest;

namespace {

/** Sends `request` and waits for its response. */
HttpResponse sendAndWait(HttpTransport &transport, HttpRequest request, int timeoutMs = 30000)
{
    HttpResponse out;
    bool done = false;
    transport.send(std::move(request), [&](HttpResponse r) {
        out = std::move(r);
        done = true;
    });
    QElapsedTimer timer;
    timer.start();
    while (!done && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    if (!done)
        out.networkError = QStringLiteral("test timeout");
    return out;
}

HttpRequest get(const QUrl &base, const QString &path)
{
    HttpRequest r;
    r.url = base;
    r.url.setPath(path);
    return r;
}

/** An HTTP CONNECT proxy that sends every tunnel to 127.0.0.1 (whatever the name asked for). */
class TunnelProxy final : public QObject
{
public:
    TunnelProxy()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                serve(client);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    QStringList connects;

private:
    void serve(QTcpSocket *client)
    {
        auto *buffer = new QByteArray;
        connect(client, &QTcpSocket::readyRead, this, [this, client, buffer] {
            if (client->property("tunnel").toBool())
                return;
            *buffer += client->readAll();
            const int end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> line = buffer->left(buffer->indexOf("\r\n")).split(' ');
            connects << QString::fromLatin1(line.value(1));
            const int port = line.value(1).split(':').value(1).toInt();
            auto *upstream = new QTcpSocket(client);
            client->setProperty("tunnel", true);
            connect(upstream, &QTcpSocket::connected, client, [client, upstream, buffer, end] {
                client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                if (buffer->size() > end + 4)
                    upstream->write(buffer->mid(end + 4));
                delete buffer;
                connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] { upstream->write(client->readAll()); });
                connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
                connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            });
            upstream->connectToHost(QHostAddress::LocalHost, quint16(port));
        });
    }

    QTcpServer m_server;
};

} // namespace

class TestRemoteTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eightInFlightPerHost();
    void retryAfterParsing_data();
    void retryAfterParsing();
    void throttlingGivesUpWithTheStatus();
    void truncatedEveryTime();
    void stalledServerTimesOut();
    void cancelIsImmediate();
    void proxyFromEnvironment_data();
    void proxyFromEnvironment();
    void httpsProxyTunnels();
    void kubeconfigProxyUrl();

private:
    QTemporaryDir m_home;
};

void TestRemoteTransport::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestRemoteTransport::eightInFlightPerHost()
{
    FakeServer a(FakeServer::testTls()), b(FakeServer::testTls());
    for (FakeServer *s : {&a, &b}) {
        QVERIFY(s->listen());
        s->setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) {
            // Long enough for all eight TLS handshakes to finish first, even on a loaded machine.
            FakeResponse r = FakeResponse::json("{}");
            r.delayMs = 1500;
            reply(r);
        });
    }
    NetworkTransport transport(testTransportOptions());
    int done = 0, ok = 0;
    for (int i = 0; i < 20; ++i) {
        for (FakeServer *s : {&a, &b}) {
            transport.send(get(s->url(), QStringLiteral("/item/%1").arg(i)), [&](HttpResponse r) {
                ++done;
                ok += r.success() ? 1 : 0;
            });
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 40, 60000);
    QCOMPARE(ok, 40);
    QCOMPARE(a.maxInFlight(), 8); // reached, never passed
    QCOMPARE(b.maxInFlight(), 8); // per host: the other host had its own 8 meanwhile
}

void TestRemoteTransport::retryAfterParsing_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("ms"); // -1: unreadable
    QTest::newRow("seconds") << QByteArray("5") << qint64(5000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("HTTP date in 10 s") << QByteArray("Sat, 01 Jan 2000 00:00:10 GMT") << qint64(10000);
    QTest::newRow("HTTP date passed") << QByteArray("Fri, 31 Dec 1999 23:59:00 GMT") << qint64(0);
    QTest::newRow("negative") << QByteArray("-3") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
}

void TestRemoteTransport::retryAfterParsing()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, ms);
    const QDateTime now(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
    const auto parsed = NetworkTransport::parseRetryAfter(value, now);
    QCOMPARE(parsed.has_value(), ms >= 0);
    if (parsed)
        QCOMPARE(qint64(parsed->count()), ms);
}

void TestRemoteTransport::throttlingGivesUpWithTheStatus()
{
    FakeServer s(FakeServer::testTls());
    QVERIFY(s.listen());
    s.setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) { reply(FakeResponse::json("{}", 429)); });
    NetworkTransport transport(testTransportOptions());
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = sendAndWait(transport, get(s.url(), QStringLiteral("/x")));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.attempts, 6);
    QCOMPARE(s.requests(), 6);
    // Backoff 20, 40, 80, 160, 200 ms (+ up to 25 % jitter) between the attempts.
    QVERIFY2(timer.elapsed() >= 20 + 40 + 80 + 160 + 200, qPrintable(QString::number(timer.elapsed())));
}

void TestRemoteTransport::truncatedEveryTime()
{
    FakeServer s(FakeServer::testTls());
    QVERIFY(s.listen());
    s.setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) {
        FakeResponse r = FakeResponse::json(QByteArray(1000, 'x'));
        r.truncate = true;
        reply(r);
    });
    NetworkTransport transport(testTransportOptions());
    const HttpResponse r = sendAndWait(transport, get(s.url(), QStringLiteral("/x")));
    QVERIFY(!r.success());
    QVERIFY2(!r.networkError.isEmpty(), "a cut body must not pass for a response");
    QCOMPARE(r.attempts, 6);
}

void TestRemoteTransport::stalledServerTimesOut()
{
    FakeServer s(FakeServer::testTls());
    QVERIFY(s.listen());
    s.setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) {
        FakeResponse r;
        r.hang = true;
        reply(r);
    });
    TransportOptions o = testTransportOptions();
    o.inactivityTimeout = std::chrono::milliseconds(300);
    o.maxAttempts = 2;
    NetworkTransport transport(o);
    const HttpResponse r = sendAndWait(transport, get(s.url(), QStringLiteral("/x")));
    QVERIFY2(r.networkError.contains(QLatin1String("timed out")), qPrintable(r.networkError));
    QCOMPARE(r.attempts, 2);
}

void TestRemoteTransport::cancelIsImmediate()
{
    FakeServer s(FakeServer::testTls());
    QVERIFY(s.listen());
    s.setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) {
        FakeResponse r;
        r.hang = true;
        reply(r);
    });
    NetworkTransport transport(testTransportOptions());
    int cancelled = 0;
    for (int i = 0; i < 12; ++i) // 8 in flight, 4 queued
        transport.send(get(s.url(), QStringLiteral("/x")), [&](HttpResponse r) { cancelled += r.cancelled ? 1 : 0; });
    QTRY_COMPARE_WITH_TIMEOUT(s.requests(), 8, 30000);
    QElapsedTimer timer;
    timer.start();
    transport.cancelAll();
    QCOMPARE(cancelled, 12);
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(transport.pending(), 0);
}

void TestRemoteTransport::proxyFromEnvironment_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("proxy");
    const QString p = QStringLiteral("http://proxy.corp:3128");
    QTest::newRow("none") << "https://graph.microsoft.com/v1.0" << QStringList() << QString();
    QTest::newRow("HTTPS_PROXY") << "https://graph.microsoft.com/v1.0" << QStringList{QStringLiteral("HTTPS_PROXY=") + p} << p;
    QTest::newRow("lower case") << "https://graph.microsoft.com/v1.0" << QStringList{QStringLiteral("https_proxy=") + p} << p;
    QTest::newRow("host:port without scheme") << "https://x.io" << QStringList{QStringLiteral("HTTPS_PROXY=proxy.corp:3128")} << p;
    QTest::newRow("http URL uses HTTP_PROXY") << "http://x.io" << QStringList{QStringLiteral("HTTPS_PROXY=http://other:1"), QStringLiteral("HTTP_PROXY=") + p} << p;
    QTest::newRow("loopback never") << "https://127.0.0.1:6443" << QStringList{QStringLiteral("HTTPS_PROXY=") + p} << QString();
    QTest::newRow("localhost never") << "https://localhost:6443" << QStringList{QStringLiteral("HTTPS_PROXY=") + p} << QString();
    QTest::newRow("NO_PROXY host") << "https://aks.example.com" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=aks.example.com")} << QString();
    QTest::newRow("NO_PROXY domain covers subdomains") << "https://x.hcp.azmk8s.io" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=azmk8s.io")} << QString();
    QTest::newRow("NO_PROXY .domain") << "https://x.azmk8s.io" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=.azmk8s.io")} << QString();
    QTest::newRow("NO_PROXY is no suffix match") << "https://notazmk8s.io" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=azmk8s.io")} << p;
    QTest::newRow("NO_PROXY CIDR") << "https://10.1.2.3" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=192.168.0.0/16, 10.0.0.0/8")} << QString();
    QTest::newRow("NO_PROXY other port") << "https://aks.example.com:6443" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=aks.example.com:443")} << p;
    QTest::newRow("NO_PROXY same port") << "https://aks.example.com" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("NO_PROXY=aks.example.com:443")} << QString();
    QTest::newRow("NO_PROXY *") << "https://anything.io" << QStringList{QStringLiteral("HTTPS_PROXY=") + p, QStringLiteral("no_proxy=*")} << QString();
}

void TestRemoteTransport::proxyFromEnvironment()
{
    QFETCH(QString, url);
    QFETCH(QStringList, env);
    QFETCH(QString, proxy);
    QProcessEnvironment e;
    for (const QString &kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    QCOMPARE(clr::remote::proxyFromEnvironment(QUrl(url), e).toString(), proxy);
}

void TestRemoteTransport::httpsProxyTunnels()
{
    FakeServer s(FakeServer::testTls());
    QVERIFY(s.listen());
    s.setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) { reply(FakeResponse::json(R"({"ok":true})")); });
    TunnelProxy proxy;
    QVERIFY(proxy.listen());
    qputenv("HTTPS_PROXY", proxy.url().toUtf8());
    qunsetenv("NO_PROXY");
    NetworkTransport transport(testTransportOptions()); // reads the environment now
    const QUrl target(QStringLiteral("https://kubernetes.test:%1").arg(s.url().port()));
    const HttpResponse r = sendAndWait(transport, get(target, QStringLiteral("/api")));
    qunsetenv("HTTPS_PROXY");
    QVERIFY2(r.success(), qPrintable(r.networkError));
    QCOMPARE(proxy.connects, QStringList{QStringLiteral("kubernetes.test:%1").arg(s.url().port())});
}

void TestRemoteTransport::kubeconfigProxyUrl()
{
    FakeServer s(FakeServer::testTls());
    QVERIFY(s.listen());
    s.setHandler([](const clr::fakes::FakeRequest &, FakeServer::Reply reply) { reply(FakeResponse::json(R"({"ok":true})")); });
    TunnelProxy proxy;
    QVERIFY(proxy.listen());
    NetworkTransport transport(testTransportOptions());
    HttpRequest request = get(QUrl(QStringLiteral("https://kubernetes.test:%1").arg(s.url().port())), QStringLiteral("/api"));
    auto tls = std::make_shared<TlsSettings>();
    tls->caCertificates = {TestPki::instance().caCertificate()};
    tls->proxy = QUrl(proxy.url());
    request.tls = tls;
    const HttpResponse r = sendAndWait(transport, request);
    QVERIFY2(r.success(), qPrintable(r.networkError));
    QCOMPARE(proxy.connects.size(), 1);
}

QTEST_GUILESS_MAIN(TestRemoteTransport)
#include "tst_remote_transport.moc"
