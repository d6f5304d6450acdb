// SPDX-License-Identifier: GPL-3.0-or-later
// `clearance fetch` and `--live` as a user runs them: the built binary against the fakes, exit
// codes, progress on stderr, Ctrl+C, refresh, and answers identical to those from the files.
#include "remotetest.h"

#include <QProcess>

#include <csignal>

using namespace clr::remotetest;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

/** Runs the binary while this process keeps serving the fakes. */
Run clearance(const QStringList &args, const QProcessEnvironment &env, std::function<void(QProcess &)> during = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CLEARANCE_BINARY), args);
    if (!p.waitForStarted(10000))
        return {};
    QElapsedTimer timer;
    timer.start();
    while (p.state() != QProcess::NotRunning && timer.elapsed() < 120000) {
        QTest::qWait(20);
        if (during)
            during(p);
    }
    p.waitForFinished(5000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestRemoteCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchThenAnswerLikeFiles();
    void usage_data();
    void usage();
    void pluginNeedsAllowExec();
    void interruptLeavesNothing();
    void refresh();
    void helpTeachesTheFlags();

private:
    QProcessEnvironment childEnv(Harness &h) const;
    QStringList azureFlags(Harness &h) const;
    QTemporaryDir m_home;
};

void TestRemoteCli::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

QProcessEnvironment TestRemoteCli::childEnv(Harness &h) const
{
    QProcessEnvironment env = h.env;
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("KUBECONFIG"));
    return env;
}

QStringList TestRemoteCli::azureFlags(Harness &h) const
{
    return {QStringLiteral("--auth"), QStringLiteral("environment"), QStringLiteral("--login-url"), h.cloud.login().url().toString(),
            QStringLiteral("--graph-url"), h.cloud.graph().url().toString(), QStringLiteral("--arm-url"), h.cloud.arm().url().toString(),
            QStringLiteral("--ca-file"), TestPki::instance().path(QStringLiteral("ca.pem"))};
}

void TestRemoteCli::fetchThenAnswerLikeFiles()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 3);
    addSmallDirectory(h.cloud, 4, 2);
    h.cloud.kubeTokens << QStringLiteral("t");
    FetchOptions unused;
    useServicePrincipal(h, unused);
    h.cloud.subscriptions << FakeCloud::SubscriptionData{QJsonObject{{QStringLiteral("id"), QStringLiteral("/subscriptions/s1")},
                                                                     {QStringLiteral("subscriptionId"), QStringLiteral("s1")},
                                                                     {QStringLiteral("state"), QStringLiteral("Enabled")}},
                                                         {}, {}, {}};
    const QString kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    const QString dir = h.dir.filePath(QStringLiteral("snap"));
    const Run fetch = clearance(QStringList{QStringLiteral("fetch"), QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("-o"), dir} + azureFlags(h),
                                childEnv(h));
    QVERIFY2(fetch.code == 0, qPrintable(fetch.err));
    QVERIFY2(fetch.out.startsWith(QStringLiteral("Snapshot written to ") + dir + QStringLiteral(": kubernetes 9 objects, graph ")), qPrintable(fetch.out));
    // Progress on stderr, a line per list when stderr is no terminal.
    QVERIFY2(fetch.err.contains(QLatin1String("fetch: kubernetes roles: 3 objects in 1 page")), qPrintable(fetch.err));
    QVERIFY(fetch.err.contains(QLatin1String("fetch: graph users: 4 objects in 1 page")));
    // who-can from the snapshot equals who-can --live.
    const QStringList question{QStringLiteral("who-can"), QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("shop"),
                               QStringLiteral("-o"), QStringLiteral("json")};
    const Run files = clearance(question + QStringList{QStringLiteral("-f"), dir}, childEnv(h));
    QCOMPARE(files.code, 0);
    QVERIFY2(files.out.contains(QLatin1String("\"name\": \"alice\"")), qPrintable(files.out));
    const Run live = clearance(question + QStringList{QStringLiteral("--live"), QStringLiteral("--kubeconfig"), kubeconfig} + azureFlags(h), childEnv(h));
    QVERIFY2(live.code == 0, qPrintable(live.err));
    QCOMPARE(live.out, files.out);
    QVERIFY(!live.err.contains(QLatin1String("Snapshot written")));
}

void TestRemoteCli::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("error");
    QTest::newRow("no -o") << QStringList{QStringLiteral("fetch")} << 2 << QStringLiteral("fetch needs -o DIR");
    QTest::newRow("unknown --auth") << QStringList{QStringLiteral("fetch"), QStringLiteral("-o"), QStringLiteral("x"), QStringLiteral("--auth"), QStringLiteral("magic")}
                                    << 2 << QStringLiteral("--auth takes azure-cli, environment, managed-identity or device-code");
    QTest::newRow("refresh of no snapshot") << QStringList{QStringLiteral("fetch"), QStringLiteral("--refresh"), QStringLiteral("/nonexistent")} << 2
                                            << QStringLiteral("is /nonexistent a snapshot written by clearance fetch?");
    QTest::newRow("--live with -f") << QStringList{QStringLiteral("who-can"), QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("--live"), QStringLiteral("-f"), QStringLiteral("x")}
                                    << 2 << QStringLiteral("--live fetches the data itself");
    QTest::newRow("unreadable --ca-file") << QStringList{QStringLiteral("fetch"), QStringLiteral("-o"), QStringLiteral("x"), QStringLiteral("--ca-file"), QStringLiteral("/nonexistent.pem")}
                                          << 2 << QStringLiteral("cannot read the --ca-file");
    QTest::newRow("bad cloud") << QStringList{QStringLiteral("fetch"), QStringLiteral("-o"), QStringLiteral("/tmp/clearance-never"), QStringLiteral("--no-kubernetes"),
                                              QStringLiteral("--cloud"), QStringLiteral("Mars")}
                               << 1 << QStringLiteral("unknown cloud 'Mars'; use AzureCloud, AzureChinaCloud, AzureUSGovernment");
}

void TestRemoteCli::usage()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, error);
    Harness h;
    const Run run = clearance(args, childEnv(h));
    QCOMPARE(run.code, code);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
}

void TestRemoteCli::pluginNeedsAllowExec()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("from-plugin");
    QTemporaryDir state;
    const QString kubeconfig = h.kubeconfig(QStringLiteral("    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: %1\n      env:\n"
                                                           "      - {name: FAKE_STATE_DIR, value: %2}\n"
                                                           "      - {name: FAKE_API_VERSION, value: client.authentication.k8s.io/v1beta1}\n"
                                                           "      - {name: FAKE_TOKENS, value: from-plugin}\n"
                                                           "      - {name: FAKE_STDERR, value: \"To sign in, use the code XYZ\"}\n")
                                                .arg(QStringLiteral(CLEARANCE_TEST_DATA_REMOTE "/fake-exec-plugin.sh"), state.path()));
    const QStringList args{QStringLiteral("fetch"), QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--no-graph"), QStringLiteral("--no-arm"),
                           QStringLiteral("-o"), h.dir.filePath(QStringLiteral("snap"))};
    const Run refused = clearance(args, childEnv(h));
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(QLatin1String("--allow-exec fake-exec-plugin.sh")), qPrintable(refused.err));
    const Run allowed = clearance(args + QStringList{QStringLiteral("--allow-exec"), QStringLiteral("fake-exec-plugin.sh")}, childEnv(h));
    QVERIFY2(allowed.code == 0, qPrintable(allowed.err));
    QVERIFY(allowed.err.contains(QLatin1String("To sign in, use the code XYZ"))); // the plugin's prompt reaches the terminal
}

void TestRemoteCli::interruptLeavesNothing()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 6);
    h.cloud.kubeTokens << QStringLiteral("t");
    FakeResponse stall;
    stall.hang = true;
    h.cloud.addFault(h.cloud.kube(), QStringLiteral("/serviceaccounts"), stall, 100);
    const QString dir = h.dir.filePath(QStringLiteral("snap"));
    bool sent = false;
    const Run run = clearance({QStringLiteral("fetch"), QStringLiteral("--kubeconfig"), h.kubeconfig(QStringLiteral("    token: t\n")),
                               QStringLiteral("--no-graph"), QStringLiteral("--no-arm"), QStringLiteral("--page-size"), QStringLiteral("1"),
                               QStringLiteral("-o"), dir},
                              childEnv(h), [&](QProcess &p) {
                                  if (!sent && h.cloud.kube().requests() >= 8) {
                                      ::kill(pid_t(p.processId()), SIGINT);
                                      sent = true;
                                  }
                              });
    QVERIFY(sent);
    QCOMPARE(run.code, 130);
    QVERIFY2(run.err.contains(QLatin1String("interrupted")), qPrintable(run.err));
    QCOMPARE(QDir(h.dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("kubeconfig")});
}

void TestRemoteCli::refresh()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 1);
    addSmallDirectory(h.cloud, 3, 2);
    h.cloud.kubeTokens << QStringLiteral("t");
    FetchOptions unused;
    useServicePrincipal(h, unused);
    const QString dir = h.dir.filePath(QStringLiteral("snap"));
    const QString kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    QCOMPARE(clearance(QStringList{QStringLiteral("fetch"), QStringLiteral("--kubeconfig"), kubeconfig, QStringLiteral("--no-arm"), QStringLiteral("-o"), dir}
                           + azureFlags(h),
                       childEnv(h))
                 .code,
             0);
    h.cloud.addMember(groupId(0), FakeCloud::Member{QStringLiteral("#microsoft.graph.user"), user(2).value(QStringLiteral("id")).toString()});
    h.cloud.addKube(QStringLiteral("roles"), role(QStringLiteral("Role"), QStringLiteral("late"), QStringLiteral("shop")));
    const Run refreshed = clearance({QStringLiteral("fetch"), QStringLiteral("--refresh"), dir, QStringLiteral("--ca-file"), TestPki::instance().path(QStringLiteral("ca.pem"))},
                                    childEnv(h));
    QVERIFY2(refreshed.code == 0, qPrintable(refreshed.err));
    Snapshot s;
    QCOMPARE(loadProblems(dir, &s).join(QLatin1Char('\n')), QString());
    QCOMPARE(countRoles(s, false), 2);
    QCOMPARE(membersOf(s, groupId(0)).size(), 3);
}

void TestRemoteCli::helpTeachesTheFlags()
{
    Harness h;
    const Run help = clearance({QStringLiteral("--help")}, childEnv(h));
    QCOMPARE(help.code, 0);
    for (const char *flag : {"clearance fetch", "--kubeconfig", "--context", "--subscription", "--cluster RG/NAME", "--auth", "azure-cli",
                             "managed-identity", "device-code", "--refresh", "--live", "--allow-exec", "--cloud", "AzureChinaCloud", "--login-url",
                             "--graph-url", "--arm-url", "--ca-file", "HTTPS_PROXY", "keychain"})
        QVERIFY2(help.out.contains(QLatin1String(flag)), flag);
}

QTEST_GUILESS_MAIN(TestRemoteCli)
#include "tst_remote_cli.moc"
