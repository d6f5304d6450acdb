// SPDX-License-Identifier: GPL-3.0-or-later
// The command line end to end: the built binary, real files, exit codes and output as a user sees them.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run clearance(const QStringList &args, const QByteArray &stdinData = {})
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(CLEARANCE_TEST_DATA "/cli"));
    p.start(QStringLiteral(CLEARANCE_BINARY), args);
    if (!stdinData.isNull()) {
        p.write(stdinData);
        p.closeWriteChannel();
    }
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QStringList split(const QString &s)
{
    return s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canI_data();
    void canI();
    void quiet();
    void verbosePlanes();
    void stdinInput();
    void list();
    void whoCanJson();
    void whoCanAllNamespaces();
    void whoCanClusterScoped_data();
    void whoCanClusterScoped();
    void badInputKeepsLoading();
    void strict();
    void typoWarnsAndStrictFails();
    void interruptWhileLoading();
    void usage_data();
    void usage();
    void unknownTypeWarns();
    void entraOnDemo();
    void explainOnDemo();
    void helpAndVersion();
};

void TestCli::canI_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("answer");
    QTest::newRow("role in namespace") << "get pods -n shop --as alice" << 0 << "yes";
    QTest::newRow("short name") << "list po -n shop --as alice" << 0 << "yes";
    QTest::newRow("other namespace") << "get pods -n default --as alice" << 1 << "no";
    QTest::newRow("verb not granted") << "delete pods -n shop --as alice" << 1 << "no";
    QTest::newRow("subresource flag") << "get pods --subresource log -n shop --as alice" << 0 << "yes";
    QTest::newRow("subresource not granted") << "create pods --subresource exec -n shop --as alice" << 1 << "no";
    QTest::newRow("TYPE/NAME") << "get pods/web-1 -n shop --as alice" << 0 << "yes";
    QTest::newRow("group from ClusterRoleBinding") << "update deployments.apps -n anywhere --as dave --as-group ops" << 0 << "yes";
    QTest::newRow("resource.version.group") << "patch deployments.v1.apps -n shop --as dave --as-group ops" << 0 << "yes";
    QTest::newRow("deploy short name and --subresource scale") << "update deploy --subresource scale -n shop --as dave --as-group ops" << 0 << "yes";
    QTest::newRow("-A with ClusterRoleBinding") << "get deployments.apps -A --as dave --as-group ops" << 0 << "yes";
    QTest::newRow("-A with RoleBinding only") << "get pods -A --as alice" << 1 << "no";
    QTest::newRow("non-resource exact") << "get /healthz --as dave --as-group ops" << 0 << "yes";
    QTest::newRow("non-resource prefix") << "get /metrics/cadvisor --as dave --as-group ops" << 0 << "yes";
    QTest::newRow("non-resource not granted") << "get /logs --as dave --as-group ops" << 1 << "no";
    QTest::newRow("SA namespace from RoleBinding") << "get pods -n shop --as system:serviceaccount:shop:builder" << 0 << "yes";
    QTest::newRow("SA of another namespace") << "get pods -n shop --as system:serviceaccount:web:builder" << 1 << "no";
    QTest::newRow("resourceNames, named") << "get secrets tls-cert -n shop --as bob" << 0 << "yes";
    QTest::newRow("resourceNames, other name") << "get secrets/db-pass -n shop --as bob" << 1 << "no";
    QTest::newRow("resourceNames, list is not granted") << "list secrets -n shop --as bob" << 1 << "no";
    QTest::newRow("CRD by short name") << "delete wd -n shop --as carol -f crd.yaml" << 0 << "yes";
    QTest::newRow("CRD resource.group") << "get widgets.example.com -n shop --as carol -f crd.yaml" << 0 << "yes";
}

void TestCli::canI()
{
    QFETCH(QString, args);
    QFETCH(int, code);
    QFETCH(QString, answer);
    QStringList argv = QStringList{QStringLiteral("can-i")} + split(args);
    if (!argv.contains(QStringLiteral("-f")))
        argv << QStringLiteral("-f") << QStringLiteral("rbac.yaml");
    const Run r = clearance(argv);
    QCOMPARE(r.out.trimmed(), answer);
    QCOMPARE(r.code, code);
}

void TestCli::quiet()
{
    const Run r = clearance(split(QStringLiteral("can-i get pods -n shop --as alice -q -f rbac.yaml")));
    QCOMPARE(r.out, QString());
    QCOMPARE(r.code, 0);
    QCOMPARE(clearance(split(QStringLiteral("can-i delete pods -n shop --as alice -q -f rbac.yaml"))).code, 1);
}

void TestCli::verbosePlanes()
{
    const Run r = clearance(split(QStringLiteral("can-i get pods -n shop --as alice -v -f rbac.yaml")));
    QVERIFY2(r.out.contains(QStringLiteral("allowed by: kubernetes")), qPrintable(r.out));
}

void TestCli::stdinInput()
{
    QFile f(QStringLiteral(CLEARANCE_TEST_DATA "/cli/rbac.yaml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const Run r = clearance(split(QStringLiteral("can-i get pods -n shop --as alice -f -")), f.readAll());
    QCOMPARE(r.out.trimmed(), QStringLiteral("yes"));
}

void TestCli::list()
{
    const Run r = clearance(split(QStringLiteral("can-i --list -n shop --as alice -f rbac.yaml")));
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 3);
    QVERIFY(lines[0].startsWith(QStringLiteral("Resources")) && lines[0].contains(QStringLiteral("Non-Resource URLs"))
            && lines[0].contains(QStringLiteral("Resource Names")) && lines[0].contains(QStringLiteral("Verbs")));
    QVERIFY2(r.out.contains(QStringLiteral("pods/log")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("[get list watch]")));
    const Run j = clearance(split(QStringLiteral("can-i --list -n shop --as alice -o json -f rbac.yaml")));
    const auto doc = QJsonDocument::fromJson(j.out.toUtf8()).object();
    QCOMPARE(doc.value(QStringLiteral("resourceRules")).toArray().size(), 2); // pods and pods/log after breakdown and compaction
}

void TestCli::whoCanJson()
{
    const Run r = clearance(split(QStringLiteral("who-can get pods -n shop -o json -f rbac.yaml")));
    QCOMPARE(r.code, 0);
    const auto doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(doc.value(QStringLiteral("request")).toObject().value(QStringLiteral("namespace")).toString(), QStringLiteral("shop"));
    const auto subjects = doc.value(QStringLiteral("subjects")).toArray();
    QStringList names;
    for (const auto &s : subjects) {
        const auto o = s.toObject();
        names << o.value(QStringLiteral("kind")).toString() + QLatin1Char(':') + o.value(QStringLiteral("name")).toString();
        const auto grant = o.value(QStringLiteral("grants")).toArray().first().toObject();
        QCOMPARE(grant.value(QStringLiteral("binding")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("alice-reads-pods"));
        QCOMPARE(grant.value(QStringLiteral("role")).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("Role"));
        QCOMPARE(grant.value(QStringLiteral("ruleIndex")).toInt(), 0);
    }
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("ServiceAccount:builder"), QStringLiteral("User:alice")}));
    QVERIFY2(!doc.contains(QStringLiteral("principals")), "no Entra data, no principals");
}

void TestCli::whoCanAllNamespaces()
{
    // -A: subjects granted in any namespace, each with where.
    const Run r = clearance(split(QStringLiteral("who-can get pods -A -o json -f rbac.yaml")));
    const auto subjects = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("subjects")).toArray();
    QCOMPARE(subjects.size(), 2);
    for (const auto &s : subjects)
        QCOMPARE(s.toObject().value(QStringLiteral("namespaces")).toArray(), QJsonArray{QStringLiteral("shop")});
    // A rule restricted by resourceNames never grants a request without a name.
    const Run named = clearance(split(QStringLiteral("who-can get secrets -A -o json -f rbac.yaml")));
    QCOMPARE(QJsonDocument::fromJson(named.out.toUtf8()).object().value(QStringLiteral("subjects")).toArray().size(), 0);
    const Run one = clearance(split(QStringLiteral("who-can get secrets/tls-cert -n shop -o json -f rbac.yaml")));
    const auto bob = QJsonDocument::fromJson(one.out.toUtf8()).object().value(QStringLiteral("subjects")).toArray();
    QCOMPARE(bob.size(), 1);
    QCOMPARE(bob[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("bob"));
}

void TestCli::whoCanClusterScoped_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("note");
    QTest::newRow("nodes -A") << QStringLiteral("who-can list nodes -A") << QStringLiteral("nodes is cluster-scoped");
    QTest::newRow("nodes -n") << QStringLiteral("who-can list nodes -n finance-app") << QStringLiteral("nodes is cluster-scoped");
    QTest::newRow("impersonate users -A") << QStringLiteral("who-can impersonate users -A") << QStringLiteral("users is cluster-scoped");
    QTest::newRow("URL with -n") << QStringLiteral("who-can get /metrics -n finance-app") << QStringLiteral("non-resource URLs have no namespace");
}

/** who-can answers cluster-scoped requests cluster-wide, says so, and agrees with can-i on the answer. */
void TestCli::whoCanClusterScoped()
{
    QFETCH(QString, args);
    QFETCH(QString, note);
    const Run r = clearance(split(args + QStringLiteral(" --demo -o json")));
    QCOMPARE(r.code, 0);
    const auto doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(doc.value(QStringLiteral("request")).toObject().value(QStringLiteral("namespace")).toString(), QString());
    bool noted = false;
    for (const auto &n : doc.value(QStringLiteral("notes")).toArray())
        noted = noted || n.toString().startsWith(note);
    QVERIFY2(noted, qPrintable(r.out));
    // Every principal listed is allowed by can-i for the cluster-wide request.
    QStringList request = split(args).mid(1);
    request = request.mid(0, request.indexOf(QRegularExpression(QStringLiteral("^-[nA]$"))));
    const auto principals = doc.value(QStringLiteral("principals")).toArray();
    for (const auto &p : principals) {
        const QString who = p.toObject().value(QStringLiteral("id")).toString();
        const Run yes = clearance(QStringList{QStringLiteral("can-i")} + request + QStringList{QStringLiteral("-A"), QStringLiteral("--as"), who, QStringLiteral("--demo"), QStringLiteral("-q")});
        QVERIFY2(yes.code == 0, qPrintable(who + QStringLiteral(" listed, but can-i says no")));
    }
}

void TestCli::badInputKeepsLoading()
{
    const Run r = clearance(split(QStringLiteral("can-i get pods -n shop --as alice -f broken.yaml -f rbac.yaml")));
    QCOMPARE(r.out.trimmed(), QStringLiteral("yes"));
    QVERIFY2(r.err.contains(QRegularExpression(QStringLiteral("broken\\.yaml:\\d+:\\d+: "))), qPrintable(r.err));
}

void TestCli::strict()
{
    const Run r = clearance(split(QStringLiteral("can-i get pods -n shop --as alice --strict -f broken.yaml -f rbac.yaml")));
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
}

void TestCli::typoWarnsAndStrictFails()
{
    // The warning is printed (it was an Info message the CLI never showed), and --strict fails on it.
    const QString warning = QStringLiteral("typo.yaml:3:1: warning: ClusterRolebinding 'mallory-admin': unknown kind 'ClusterRolebinding' in "
                                           "apiVersion 'rbac.authorization.k8s.io/v1' (did you mean 'ClusterRoleBinding'?); skipped");
    Run r = clearance(split(QStringLiteral("can-i delete nodes --as mallory -f rbac.yaml -f typo.yaml")));
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out.trimmed(), QStringLiteral("no"));
    QVERIFY2(r.err.contains(warning), qPrintable(r.err));
    r = clearance(split(QStringLiteral("can-i delete nodes --as mallory --strict -f rbac.yaml -f typo.yaml")));
    QCOMPARE(r.code, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(warning), qPrintable(r.err));
}

/** True once `pid` has a handler for SIGINT (its SigCgt mask in /proc has bit 2 - 1 set). */
bool catchesInterrupt(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("SigCgt:"))
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) & 0x2) != 0;
    }
    return false;
}

void TestCli::interruptWhileLoading()
{
    // Reading standard input that never ends: Ctrl+C stops it, with a message and status 130.
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(CLEARANCE_TEST_DATA "/cli"));
    p.start(QStringLiteral(CLEARANCE_BINARY), split(QStringLiteral("can-i get pods --as alice -f rbac.yaml -f -")));
    QVERIFY(p.waitForStarted());
    p.write("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: waiting\n"); // and the write end stays open
    QTRY_VERIFY_WITH_TIMEOUT(catchesInterrupt(p.processId()), 30000);
    QVERIFY(::kill(pid_t(p.processId()), SIGINT) == 0);
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("clearance: interrupted while loading the input; nothing was evaluated")), qPrintable(err));
    QVERIFY(p.readAllStandardOutput().isEmpty());
}

void TestCli::usage_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown flag") << "can-i get pods --bogus -f rbac.yaml" << "unknown flag";
    QTest::newRow("missing type") << "can-i get -f rbac.yaml" << "needs VERB";
    QTest::newRow("missing value") << "can-i get pods -n" << "needs a value";
    QTest::newRow("no input") << "can-i get pods --as alice" << "no input";
    QTest::newRow("subresource with URL") << "can-i get /healthz --subresource x --as a -f rbac.yaml" << "--subresource";
    QTest::newRow("unknown command") << "frobnicate" << "unknown command";
    QTest::newRow("missing path") << "can-i get pods --as alice -f does-not-exist.yaml --strict" << "does-not-exist.yaml";
    QTest::newRow("bad output format") << "who-can get pods -o xml -f rbac.yaml" << "output format";
}

void TestCli::usage()
{
    QFETCH(QString, args);
    QFETCH(QString, message);
    const Run r = clearance(split(args));
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::unknownTypeWarns()
{
    const Run r = clearance(split(QStringLiteral("can-i get gadgets -n shop --as alice -f rbac.yaml")));
    QCOMPARE(r.out.trimmed(), QStringLiteral("no"));
    QVERIFY2(r.err.contains(QStringLiteral("'gadgets'")), qPrintable(r.err));
}

void TestCli::entraOnDemo()
{
    // The Contoso demo: Megan reaches finance-app through nested groups; the guest by object ID.
    Run r = clearance(split(QStringLiteral("can-i delete pods -n finance-app --as megan.bowen@contoso.com --demo -v")));
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("allowed by: kubernetes")));
    r = clearance(split(QStringLiteral("who-can delete pods -n finance-app --demo -o json")));
    const auto principals = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("principals")).toArray();
    QMap<QString, QStringList> planes;
    for (const auto &p : principals) {
        const auto o = p.toObject();
        QStringList list;
        for (const auto &v : o.value(QStringLiteral("planes")).toArray())
            list << v.toString();
        planes[o.value(QStringLiteral("displayName")).toString()] = list;
        QVERIFY(o.contains(QStringLiteral("id")) && o.contains(QStringLiteral("type")) && o.contains(QStringLiteral("userPrincipalName")));
    }
    QCOMPARE(planes.value(QStringLiteral("Megan Bowen")), QStringList{QStringLiteral("kubernetes")});
    QCOMPARE(planes.value(QStringLiteral("Adele Vance")), QStringList{QStringLiteral("aks-admin-group")});
    QCOMPARE(planes.value(QStringLiteral("Diego Siciliani")), QStringList{QStringLiteral("admin-credential")});
    QCOMPARE(planes.value(QStringLiteral("Johanna Lorenz")), QStringList{QStringLiteral("azure")});
}

void TestCli::explainOnDemo()
{
    Run r = clearance(split(QStringLiteral("explain --as megan.bowen@contoso.com delete pods -n finance-app --demo")));
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("[kubernetes]")) && r.out.contains(QStringLiteral("Finance App Developers"))
                 && r.out.contains(QStringLiteral("finance-app-full-access-role")),
             qPrintable(r.out));
    r = clearance(split(QStringLiteral("explain --as megan.bowen@contoso.com delete pods -n payments --demo")));
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(QStringLiteral("nearest misses")) && r.out.contains(QStringLiteral("only in namespace finance-app")), qPrintable(r.out));
}

void TestCli::helpAndVersion()
{
    Run r = clearance({QStringLiteral("--help")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("can-i")) && r.out.contains(QStringLiteral("who-can")) && r.out.contains(QStringLiteral("explain")));
    r = clearance({QStringLiteral("--version")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("clearance ")));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
