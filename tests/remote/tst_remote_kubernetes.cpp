// SPDX-License-Identifier: GPL-3.0-or-later
// Fetching a cluster through its API server with a kubeconfig, as kubectl would: every way of
// authenticating but plugins (tst_remote_exec), paging, expired continue tokens, TLS, faults, Cancel.
#include "remotetest.h"

#include <QJsonDocument>

using namespace clr::remotetest;

class TestRemoteKubernetes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokenPagesAndLoads();
    void kindAfterItemsStillLoads();
    void staticCredentials_data();
    void staticCredentials();
    void tlsServerName();
    void untrustedServerFails();
    void insecureIsToldAndWorks();
    void expiredContinueRestartsTheList();
    void forbiddenNamesTheFix();
    void truncatedBodyIsRetried();
    void throttledThenServed();
    void cancelSlowServerLeavesNothing();
    void existingFolderRefused();

private:
    QTemporaryDir m_home;
};

void TestRemoteKubernetes::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestRemoteKubernetes::tokenPagesAndLoads()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 7);
    h.cloud.kubeTokens << QStringLiteral("s3cret-token");
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: s3cret-token\n"));
    o.kubePageSize = 2;
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    // 7 Roles in pages of 2: 4 pages, each followed by its continue token (+/= survive encoding).
    QStringList roles;
    for (const QString &f : filesUnder(o.outDir)) {
        if (f.startsWith(QLatin1String("kubernetes/roles-")))
            roles << f;
    }
    QCOMPARE(roles, (QStringList{QStringLiteral("kubernetes/roles-0001.json"), QStringLiteral("kubernetes/roles-0002.json"),
                                 QStringLiteral("kubernetes/roles-0003.json"), QStringLiteral("kubernetes/roles-0004.json")}));
    QVERIFY(filesUnder(o.outDir).contains(QStringLiteral("snapshot.json")));
    // The loaders read the snapshot unchanged, with nothing to complain about.
    Snapshot snapshot;
    QCOMPARE(loadProblems(o.outDir, &snapshot).join(QLatin1Char('\n')), QString());
    QCOMPARE(countRoles(snapshot, false), 7);
    QCOMPARE(countRoles(snapshot, true), 1);
    QCOMPARE(int(snapshot.kube.bindings.size()), 1);
    QCOMPARE(int(snapshot.kube.serviceAccounts.size()), 1);
    // The manifest: where from, counts, and never the token.
    auto manifest = SnapshotManifest::read(o.outDir);
    QVERIFY(manifest.ok());
    QCOMPARE(manifest->context, QStringLiteral("fake"));
    QCOMPARE(manifest->kubeUser, QStringLiteral("me"));
    QCOMPARE(manifest->server, h.cloud.kube().url().toString());
    QVERIFY(manifest->groupVersions.contains(QStringLiteral("rbac.authorization.k8s.io/v1")));
    QCOMPARE(manifest->objects(QStringLiteral("kubernetes")), qint64(7 + 1 + 1 + 3 + 1));
    QCOMPARE(filesContaining(o.outDir, "s3cret-token"), QStringList());
    // Nothing left next to it.
    QCOMPARE(QDir(h.dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{QStringLiteral("kubeconfig"), QStringLiteral("snap")}));
}

void TestRemoteKubernetes::kindAfterItemsStillLoads()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 3);
    h.cloud.kubeTokens << QStringLiteral("t");
    h.cloud.kubeKindLast = true;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    Snapshot snapshot;
    QCOMPARE(loadProblems(o.outDir, &snapshot).join(QLatin1Char('\n')), QString());
    QCOMPARE(countRoles(snapshot, false), 3);
    QCOMPARE(int(snapshot.kube.bindings.size()), 1);
}

void TestRemoteKubernetes::staticCredentials_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("identity");
    const TestPki &pki = TestPki::instance();
    auto data = [&](const QString &name) { return QString::fromLatin1(pki.read(name).toBase64()); };
    QTest::newRow("token file, relative to the kubeconfig") << QStringLiteral("    tokenFile: token.txt\n") << QStringLiteral("token:from-file");
    QTest::newRow("RSA client certificate, data") << QStringLiteral("    client-certificate-data: %1\n    client-key-data: %2\n")
                                                          .arg(data(QStringLiteral("client-rsa.pem")), data(QStringLiteral("client-rsa.key")))
                                                  << QStringLiteral("cert:alice");
    QTest::newRow("EC client certificate, files") << QStringLiteral("    client-certificate: %1\n    client-key: %2\n")
                                                         .arg(pki.path(QStringLiteral("client-ec.pem")), pki.path(QStringLiteral("client-ec.key")))
                                                  << QStringLiteral("cert:bob");
    QTest::newRow("token wins over exec") << QStringLiteral("    token: plain\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                                            "      command: /nonexistent/plugin\n")
                                          << QStringLiteral("token:plain");
}

void TestRemoteKubernetes::staticCredentials()
{
    QFETCH(QString, user);
    QFETCH(QString, identity);
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("from-file") << QStringLiteral("plain");
    h.cloud.kubeClientNames << QStringLiteral("alice") << QStringLiteral("bob");
    QFile token(h.dir.filePath(QStringLiteral("token.txt")));
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("from-file\n");
    token.close();
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(user);
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY(!h.cloud.kubeIdentities.isEmpty());
    for (const QString &who : std::as_const(h.cloud.kubeIdentities))
        QCOMPARE(who, identity);
}

void TestRemoteKubernetes::tlsServerName()
{
    // The server presents a certificate for kubernetes.test only; the kubeconfig reaches it by IP.
    const TestPki &pki = TestPki::instance();
    Harness h;
    QVERIFY(h.start());
    FakeServer named(FakeServer::Tls{QSslCertificate(pki.read(QStringLiteral("named.pem"))), QSslKey(pki.read(QStringLiteral("named.key")), QSsl::Rsa), {}});
    named.setHandler([&h](const clr::fakes::FakeRequest &r, FakeServer::Reply reply) {
        // Forward to the fake API server's logic by replaying the request there.
        Q_UNUSED(r);
        reply(FakeResponse::json(R"({"kind":"APIVersions","versions":[]})", 200));
        Q_UNUSED(h);
    });
    QVERIFY(named.listen());
    const QString ca = QStringLiteral("    certificate-authority: %1\n").arg(pki.path(QStringLiteral("ca.pem")));
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"), ca, named.url().toString());
    FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("TLS verification failed")), qPrintable(run.result.error));
    // With tls-server-name the name matches and TLS succeeds (the fake then lacks RBAC: a clear error).
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"), ca + QStringLiteral("    tls-server-name: kubernetes.test\n"), named.url().toString());
    run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("does not serve rbac.authorization.k8s.io/v1")), qPrintable(run.result.error));
    QVERIFY(named.requests() >= 2);
}

void TestRemoteKubernetes::untrustedServerFails()
{
    Harness h;
    QVERIFY(h.start());
    const TestPki &pki = TestPki::instance();
    FakeServer rogue(FakeServer::Tls{pki.untrustedCertificate(), pki.untrustedKey(), {}});
    QVERIFY(rogue.listen());
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"), QString(), rogue.url().toString());
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("TLS verification failed")), qPrintable(run.result.error));
    QCOMPARE(rogue.requests(), 0);
    QVERIFY(!QFileInfo::exists(o.outDir));
}

void TestRemoteKubernetes::insecureIsToldAndWorks()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("t");
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"), QStringLiteral("    insecure-skip-tls-verify: true\n"));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY(std::any_of(run.messages.begin(), run.messages.end(), [](const QString &m) { return m.contains(QLatin1String("TLS is NOT verified")); }));
    QVERIFY(run.result.manifest.insecure);
    // The same kubeconfig with a CA too is refused, as kubectl does.
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"), QStringLiteral("    insecure-skip-tls-verify: true\n    certificate-authority: /x.pem\n"));
    o.outDir = h.dir.filePath(QStringLiteral("second"));
    const FetchRun both = h.run(o);
    QVERIFY(!both.result.ok);
    QVERIFY2(both.result.error.contains(QLatin1String("both a certificate authority and insecure-skip-tls-verify")), qPrintable(both.result.error));
}

void TestRemoteKubernetes::expiredContinueRestartsTheList()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 5);
    h.cloud.kubeTokens << QStringLiteral("t");
    h.cloud.expireContinue[QStringLiteral("roles")] = 1;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    o.kubePageSize = 2;
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    int firstPages = 0;
    for (const auto &r : h.cloud.kube().log()) {
        if (r.path().endsWith(QLatin1String("/roles")) && !r.hasQuery(QStringLiteral("continue")))
            ++firstPages;
    }
    QCOMPARE(firstPages, 2); // the list started over once
    Snapshot snapshot;
    QCOMPARE(loadProblems(o.outDir, &snapshot), QStringList());
    QCOMPARE(countRoles(snapshot, false), 5); // no page twice, none missing
}

void TestRemoteKubernetes::forbiddenNamesTheFix()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("t");
    h.cloud.kubeForbidden << QStringLiteral("clusterroles");
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("/apis/rbac.authorization.k8s.io/v1/clusterroles")), qPrintable(run.result.error));
    QVERIFY(run.result.error.contains(QLatin1String("403 Forbidden")));
    QVERIFY(run.result.error.contains(QLatin1String("read-only ClusterRole in the README")));
    QVERIFY(!QFileInfo::exists(o.outDir));
    QCOMPARE(QDir(h.dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("kubeconfig")});
}

void TestRemoteKubernetes::truncatedBodyIsRetried()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 3);
    h.cloud.kubeTokens << QStringLiteral("t");
    // A body cut short by the connection, and one that is complete HTTP but not complete JSON.
    FakeResponse cut = FakeResponse::json(QByteArray(R"({"kind":"RoleList","apiVersion":"rbac.authorization.k8s.io/v1","items":[)") + QByteArray(400, ' ') + "]}");
    cut.truncate = true;
    h.cloud.addFault(h.cloud.kube(), QStringLiteral("/roles"), cut);
    h.cloud.addFault(h.cloud.kube(), QStringLiteral("/clusterroles"), FakeResponse::json(R"({"kind":"ClusterRoleList","items":[{"metadata":)"));
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    Snapshot snapshot;
    QCOMPARE(loadProblems(o.outDir, &snapshot), QStringList());
    QCOMPARE(countRoles(snapshot, false), 3);
    QCOMPARE(countRoles(snapshot, true), 1);
}

void TestRemoteKubernetes::throttledThenServed()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("t");
    FakeResponse busy = FakeResponse::json(R"({"kind":"Status","code":429,"reason":"TooManyRequests"})", 429);
    busy.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    h.cloud.addFault(h.cloud.kube(), QStringLiteral("/namespaces"), busy);
    h.cloud.addFault(h.cloud.kube(), QStringLiteral("/serviceaccounts"), FakeResponse::json("{}", 503), 2);
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    QElapsedTimer timer;
    timer.start();
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY2(timer.elapsed() >= 950, "Retry-After: 1 was not honoured");
}

void TestRemoteKubernetes::cancelSlowServerLeavesNothing()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 4);
    h.cloud.kubeTokens << QStringLiteral("t");
    FakeResponse stall;
    stall.hang = true;
    h.cloud.addFault(h.cloud.kube(), QStringLiteral("/rolebindings"), stall, 100);
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    o.kubePageSize = 1;
    h.onStarted = [&h](FetchJob &job) {
        // Cancel once some pages are on disk and the stalled list is waiting.
        auto *poll = new QTimer(&job);
        QObject::connect(poll, &QTimer::timeout, &job, [&h, &job, poll] {
            if (h.cloud.kube().requests() >= 6) {
                poll->stop();
                job.cancel();
            }
        });
        poll->start(20);
    };
    QElapsedTimer timer;
    timer.start();
    const FetchRun run = h.run(o, 15000);
    QVERIFY(run.result.cancelled);
    QVERIFY(!run.result.ok);
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY(!QFileInfo::exists(o.outDir));
    QCOMPARE(QDir(h.dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("kubeconfig")});
}

void TestRemoteKubernetes::existingFolderRefused()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = h.options(QStringLiteral("taken"));
    QVERIFY(QDir().mkpath(o.outDir + QStringLiteral("/x")));
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("already exists")), qPrintable(run.result.error));
    QVERIFY(QFileInfo::exists(o.outDir + QStringLiteral("/x")));
}

QTEST_GUILESS_MAIN(TestRemoteKubernetes)
#include "tst_remote_kubernetes.moc"
