// SPDX-License-Identifier: GPL-3.0-or-later
// client-go credential plugins against the fake API server: v1 and v1beta1, KUBERNETES_EXEC_INFO,
// the prompt on standard error, expiry, rotation after a 401, client certificates, consent, and
// the failures kubectl reports.
#include "remotetest.h"

#include <QJsonDocument>

using namespace clr::remotetest;

namespace {

QString pluginPath()
{
    return QStringLiteral(CLEARANCE_TEST_DATA_REMOTE "/fake-exec-plugin.sh");
}

/** An exec user for the fake plugin (state in `state`), with the given env lines. */
QString execUser(const QString &apiVersion, const QString &state, const QStringList &env, const QString &extra = {})
{
    QString yaml = QStringLiteral("    exec:\n      apiVersion: %1\n      command: %2\n      args: [--flag]\n%3      env:\n"
                                  "      - name: FAKE_STATE_DIR\n        value: %4\n      - name: FAKE_API_VERSION\n        value: %1\n")
                       .arg(apiVersion, pluginPath(), extra, state);
    for (const QString &e : env) {
        const QString name = e.section(QLatin1Char('='), 0, 0);
        const QString value = e.section(QLatin1Char('='), 1);
        yaml += QStringLiteral("      - name: %1\n        value: \"%2\"\n").arg(name, value);
    }
    return yaml;
}

int pluginRuns(const QString &state)
{
    QFile f(state + QStringLiteral("/runs"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toInt() : 0;
}

} // namespace

class TestRemoteExec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void execPlugin_data();
    void execPlugin();
    void execCachedUntilExpiry_data();
    void execCachedUntilExpiry();
    void execRotatesOn401();
    void execClientCertificate();
    void execNeedsConsent();
    void execConsentRemembered();
    void execFailures_data();
    void execFailures();

private:
    QTemporaryDir m_home;
};

void TestRemoteExec::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestRemoteExec::execPlugin_data()
{
    QTest::addColumn<QString>("apiVersion");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<bool>("clusterInfo");
    QTest::newRow("v1, provideClusterInfo") << QStringLiteral("client.authentication.k8s.io/v1")
                                            << QStringLiteral("      interactiveMode: Never\n      provideClusterInfo: true\n") << true;
    QTest::newRow("v1beta1, interactiveMode defaults") << QStringLiteral("client.authentication.k8s.io/v1beta1") << QString() << false;
}

void TestRemoteExec::execPlugin()
{
    QFETCH(QString, apiVersion);
    QFETCH(QString, extra);
    QFETCH(bool, clusterInfo);
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 2);
    h.cloud.kubeTokens << QStringLiteral("plugin-token");
    h.allowExec << QStringLiteral("fake-exec-plugin.sh");
    QTemporaryDir state;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(execUser(apiVersion, state.path(),
                                         {QStringLiteral("FAKE_TOKENS=plugin-token"), QStringLiteral("FAKE_STDERR=To sign in, enter the code ABCD-1234")}, extra));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(pluginRuns(state.path()), 1); // one run serves every request: the token has no expiry
    QVERIFY(run.pluginStderr.contains("To sign in, enter the code ABCD-1234")); // the prompt reaches the user
    QFile infoFile(state.filePath(QStringLiteral("exec-info-1.json")));
    QVERIFY(infoFile.open(QIODevice::ReadOnly));
    const QJsonObject info = QJsonDocument::fromJson(infoFile.readAll()).object();
    QCOMPARE(info.value(QStringLiteral("kind")).toString(), QStringLiteral("ExecCredential"));
    QCOMPARE(info.value(QStringLiteral("apiVersion")).toString(), apiVersion);
    const QJsonObject spec = info.value(QStringLiteral("spec")).toObject();
    QCOMPARE(spec.value(QStringLiteral("interactive")).toBool(true), false);
    QCOMPARE(spec.contains(QStringLiteral("cluster")), clusterInfo);
    if (clusterInfo) {
        const QJsonObject cluster = spec.value(QStringLiteral("cluster")).toObject();
        QCOMPARE(cluster.value(QStringLiteral("server")).toString(), h.cloud.kube().url().toString());
        QCOMPARE(QByteArray::fromBase64(cluster.value(QStringLiteral("certificate-authority-data")).toString().toLatin1()),
                 TestPki::instance().read(QStringLiteral("ca.pem")));
    }
    QCOMPARE(filesContaining(o.outDir, "plugin-token"), QStringList());
}

void TestRemoteExec::execCachedUntilExpiry_data()
{
    QTest::addColumn<QString>("expiry");
    QTest::addColumn<bool>("once");
    QTest::newRow("valid for an hour: one run") << QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate) << true;
    QTest::newRow("already expired: a run per request") << QStringLiteral("2020-01-01T00:00:00Z") << false;
}

void TestRemoteExec::execCachedUntilExpiry()
{
    QFETCH(QString, expiry);
    QFETCH(bool, once);
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("tok");
    h.allowExec << pluginPath();
    QTemporaryDir state;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(execUser(QStringLiteral("client.authentication.k8s.io/v1"), state.path(),
                                         {QStringLiteral("FAKE_TOKENS=tok"), QStringLiteral("FAKE_EXPIRY=") + expiry},
                                         QStringLiteral("      interactiveMode: IfAvailable\n")));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    if (once)
        QCOMPARE(pluginRuns(state.path()), 1);
    else // /api, /apis and the lists each need a fresh one (requests waiting together share a run)
        QVERIFY2(pluginRuns(state.path()) >= 3, qPrintable(QString::number(pluginRuns(state.path()))));
}

void TestRemoteExec::execRotatesOn401()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 3);
    h.cloud.kubeTokens << QStringLiteral("second"); // the first token is already revoked
    h.allowExec << QStringLiteral("fake-exec-plugin.sh");
    QTemporaryDir state;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), state.path(), {QStringLiteral("FAKE_TOKENS=first,second,third")}));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(pluginRuns(state.path()), 2); // once, then once more after the 401; replayed, not failed
}

void TestRemoteExec::execClientCertificate()
{
    const TestPki &pki = TestPki::instance();
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeClientNames << QStringLiteral("bob");
    h.allowExec << QStringLiteral("fake-exec-plugin.sh");
    QTemporaryDir state;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), state.path(),
                                         {QStringLiteral("FAKE_CERT=") + pki.path(QStringLiteral("client-ec.pem")),
                                          QStringLiteral("FAKE_KEY=") + pki.path(QStringLiteral("client-ec.key"))}));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(h.cloud.kubeIdentities.value(0), QStringLiteral("cert:bob"));
}

void TestRemoteExec::execNeedsConsent()
{
    RememberedExecConsent::remember(QFileInfo(pluginPath()).absoluteFilePath(), false); // earlier tests allowed it
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    QTemporaryDir state;
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), state.path(), {QStringLiteral("FAKE_TOKENS=x")}));
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("--allow-exec fake-exec-plugin.sh")), qPrintable(run.result.error));
    QVERIFY(run.result.error.contains(QLatin1String("consent")));
    QCOMPARE(pluginRuns(state.path()), 0); // it never ran
    QCOMPARE(h.cloud.kube().requests(), 0);
}

void TestRemoteExec::execConsentRemembered()
{
    RememberedExecConsent::remember(QFileInfo(pluginPath()).absoluteFilePath(), false);
    QTemporaryDir state;
    {
        Harness h;
        QVERIFY(h.start());
        addSmallCluster(h.cloud, 1);
        h.cloud.kubeTokens << QStringLiteral("x");
        h.allowExec << pluginPath();
        FetchOptions o = h.options();
        o.graph = o.arm = false;
        o.kubeconfig = h.kubeconfig(execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), state.path(), {QStringLiteral("FAKE_TOKENS=x")}));
        QVERIFY(h.run(o).result.ok);
    }
    Harness h; // a later run: no --allow-exec, the answer is remembered by path
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("x");
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), state.path(), {QStringLiteral("FAKE_TOKENS=x")}));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY(RememberedExecConsent::isRemembered(QFileInfo(pluginPath()).absoluteFilePath()));
}

void TestRemoteExec::execFailures_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("error");
    const QString v1 = QStringLiteral("client.authentication.k8s.io/v1");
    QTest::newRow("not installed: the install hint") << QStringLiteral("    exec:\n      apiVersion: %1\n      command: kubelogin-not-installed\n"
                                                                       "      interactiveMode: Never\n      installHint: Install kubelogin from aka.ms/kubelogin\n")
                                                            .arg(v1)
                                                     << QStringLiteral("executable kubelogin-not-installed not found\n\nInstall kubelogin from aka.ms/kubelogin");
    QTest::newRow("v1 without interactiveMode") << QStringLiteral("    exec:\n      apiVersion: %1\n      command: x\n").arg(v1)
                                                << QStringLiteral("interactiveMode must be set");
    QTest::newRow("unknown apiVersion") << QStringLiteral("    exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: x\n")
                                        << QStringLiteral("apiVersion 'client.authentication.k8s.io/v1alpha1' is not supported");
    QTest::newRow("Always needs a terminal") << execUser(v1, QStringLiteral("/tmp"), {}, QStringLiteral("      interactiveMode: Always\n"))
                                             << QStringLiteral("standard input is not a terminal");
    QTest::newRow("plugin exits 1") << execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), QStringLiteral("@STATEDIR@"), {QStringLiteral("FAKE_EXIT=1"), QStringLiteral("FAKE_STDERR=no session")})
                                    << QStringLiteral("failed with exit code 1");
    QTest::newRow("wrong apiVersion back") << execUser(QStringLiteral("client.authentication.k8s.io/v1beta1"), QStringLiteral("@STATEDIR@"),
                                                       {QStringLiteral("FAKE_API_VERSION=client.authentication.k8s.io/v1"), QStringLiteral("FAKE_TOKENS=x")})
                                           << QStringLiteral("returned version client.authentication.k8s.io/v1");
    QTest::newRow("legacy auth-provider") << QStringLiteral("    auth-provider:\n      name: azure\n") << QStringLiteral("kubelogin convert-kubeconfig");
}

void TestRemoteExec::execFailures()
{
    QFETCH(QString, user);
    QFETCH(QString, error);
    QTemporaryDir state;
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.allowExec << QStringLiteral("fake-exec-plugin.sh");
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(user.replace(QStringLiteral("@STATEDIR@"), state.path()));
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(error), qPrintable(run.result.error));
    QVERIFY(!QFileInfo::exists(o.outDir));
}

QTEST_GUILESS_MAIN(TestRemoteExec)
#include "tst_remote_exec.moc"
