// SPDX-License-Identifier: GPL-3.0-or-later
// kubeconfig loading as client-go does it: --kubeconfig, the $KUBECONFIG list (first file to set a
// key wins), ~/.kube/config, relative paths, exec defaults, and parse errors with file:line:column.
#include "remote/cloud.h"
#include "remote/execcredential.h"
#include "remote/kubeconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace clr::remote;

namespace {

const char *const kA = R"(apiVersion: v1
kind: Config
current-context: a
clusters:
- name: shared
  cluster: {server: 'https://from-a:6443', certificate-authority: certs/ca.pem}
- name: only-a
  cluster: {server: 'https://only-a'}
users:
- name: shared
  user: {token: token-a}
contexts:
- name: a
  context: {cluster: shared, user: shared, namespace: ns-a}
)";

const char *const kB = R"(apiVersion: v1
kind: Config
current-context: b
clusters:
- name: shared
  cluster: {server: 'https://from-b:6443'}
- name: only-b
  cluster: {server: 'https://only-b'}
users:
- name: shared
  user: {token: token-b}
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./bin/kubelogin
      args: [get-token]
contexts:
- name: b
  context: {cluster: only-b, user: plugin}
)";

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

} // namespace

class TestRemoteKubeconfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergeFirstFileWins();
    void explicitFileAlone();
    void homeDefault();
    void relativePaths();
    void execDefaults();
    void parseErrors_data();
    void parseErrors();
    void resolveErrors_data();
    void resolveErrors();
    void execInfoWithoutClusterUnlessAsked();
    void execCredentialParsing_data();
    void execCredentialParsing();
    void clouds_data();
    void clouds();
};

void TestRemoteKubeconfig::mergeFirstFileWins()
{
    QTemporaryDir dir;
    const QString a = write(dir, QStringLiteral("a/config"), kA);
    const QString b = write(dir, QStringLiteral("b/config"), kB);
    KubeconfigSource source;
    // A missing file in the list is skipped; a repeated one counts once.
    source.envValue = QStringList{a, dir.filePath(QStringLiteral("missing")), b, a}.join(QDir::listSeparator());
    const auto config = Kubeconfig::load(source);
    QVERIFY2(config.ok(), qPrintable(config.error().message));
    QCOMPARE(config->files(), (QStringList{a, b}));
    QCOMPARE(config->currentContext(), QStringLiteral("a")); // first file to set it
    QCOMPARE(config->contextNames(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    const auto ra = config->resolve();
    QVERIFY(ra.ok());
    QCOMPARE(ra->cluster.server, QStringLiteral("https://from-a:6443")); // cluster "shared": a's entry, whole
    QCOMPARE(ra->user.token, QStringLiteral("token-a"));
    QCOMPARE(ra->context.ns, QStringLiteral("ns-a"));
    const auto rb = config->resolve(QStringLiteral("b"));
    QVERIFY(rb.ok());
    QCOMPARE(rb->cluster.server, QStringLiteral("https://only-b"));
    QVERIFY(rb->user.exec.has_value());
    QCOMPARE(rb->user.origin, b);
    // The other order: b's values win.
    source.envValue = QStringList{b, a}.join(QDir::listSeparator());
    const auto reversed = Kubeconfig::load(source);
    QCOMPARE(reversed->currentContext(), QStringLiteral("b"));
    QCOMPARE(reversed->resolve(QStringLiteral("a"))->cluster.server, QStringLiteral("https://from-b:6443"));
}

void TestRemoteKubeconfig::explicitFileAlone()
{
    QTemporaryDir dir;
    const QString a = write(dir, QStringLiteral("a"), kA);
    const QString b = write(dir, QStringLiteral("b"), kB);
    KubeconfigSource source;
    source.explicitPath = b;
    source.envValue = a; // ignored when --kubeconfig is given
    const auto config = Kubeconfig::load(source);
    QVERIFY(config.ok());
    QCOMPARE(config->files(), QStringList{b});
    source.explicitPath = dir.filePath(QStringLiteral("nope"));
    const auto missing = Kubeconfig::load(source);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(QLatin1String("given with --kubeconfig does not exist")), qPrintable(missing.error().message));
}

void TestRemoteKubeconfig::homeDefault()
{
    QTemporaryDir home;
    KubeconfigSource source;
    source.homeDir = home.path();
    const auto none = Kubeconfig::load(source);
    QVERIFY(none.ok()); // no file: an empty config, and resolve() says what to do
    QVERIFY2(none->resolve().error().message.contains(QLatin1String("no kubeconfig found")), qPrintable(none->resolve().error().message));
    write(home, QStringLiteral(".kube/config"), kA);
    const auto config = Kubeconfig::load(source);
    QCOMPARE(config->currentContext(), QStringLiteral("a"));
}

void TestRemoteKubeconfig::relativePaths()
{
    QTemporaryDir dir;
    const QString a = write(dir, QStringLiteral("conf/a"), kA);
    const QString b = write(dir, QStringLiteral("other/b"), kB);
    KubeconfigSource source;
    source.envValue = QStringList{a, b}.join(QDir::listSeparator());
    const auto config = Kubeconfig::load(source);
    QCOMPARE(config->resolve(QStringLiteral("a"))->cluster.certificateAuthority, dir.filePath(QStringLiteral("conf/certs/ca.pem")));
    // An exec command with a '/' is relative to its file; a bare name stays for PATH.
    QCOMPARE(config->resolve(QStringLiteral("b"))->user.exec->command, dir.filePath(QStringLiteral("other/bin/kubelogin")));
}

void TestRemoteKubeconfig::execDefaults()
{
    const auto config = Kubeconfig::parse(kB, QStringLiteral("/x/b"));
    QVERIFY(config.ok());
    const auto user = config->resolve(QStringLiteral("b"))->user;
    QCOMPARE(user.exec->interactiveMode, QStringLiteral("IfAvailable")); // v1beta1's default
    QCOMPARE(user.exec->args, QStringList{QStringLiteral("get-token")});
    QVERIFY(!user.exec->provideClusterInfo);
}

void TestRemoteKubeconfig::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("YAML syntax") << QByteArray("clusters:\n- name: x\n  cluster: {server: [\n") << QStringLiteral("/k/config:4:1: ");
    QTest::newRow("clusters not a list") << QByteArray("apiVersion: v1\nclusters: 5\n") << QStringLiteral("/k/config:2:11: clusters must be a list");
    QTest::newRow("entry without name") << QByteArray("users:\n- user: {token: t}\n") << QStringLiteral("/k/config:2:3: an entry of users has no name");
    QTest::newRow("bad base64") << QByteArray("clusters:\n- name: c\n  cluster: {server: s, certificate-authority-data: '@@@'}\n")
                                << QStringLiteral("certificate-authority-data is not valid base64");
    QTest::newRow("insecure not a boolean") << QByteArray("clusters:\n- name: c\n  cluster: {server: s, insecure-skip-tls-verify: maybe}\n")
                                            << QStringLiteral("/k/config:3:50: insecure-skip-tls-verify must be true or false");
    QTest::newRow("not a mapping") << QByteArray("- a\n- b\n") << QStringLiteral("a kubeconfig must be a mapping");
}

void TestRemoteKubeconfig::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const auto config = Kubeconfig::parse(text, QStringLiteral("/k/config"));
    QVERIFY(!config.ok());
    QVERIFY2(config.error().message.contains(error), qPrintable(config.error().message));
}

void TestRemoteKubeconfig::resolveErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("error");
    QTest::newRow("no current-context") << QByteArray(kA).replace("current-context: a\n", "") << QString()
                                        << QStringLiteral("sets no current-context; choose one with --context (a)");
    QTest::newRow("unknown context") << QByteArray(kA) << QStringLiteral("zzz") << QStringLiteral("context 'zzz' is not defined in /k/config");
    QTest::newRow("dangling cluster") << QByteArray(kA).replace("cluster: shared, user", "cluster: gone, user") << QString()
                                      << QStringLiteral("names cluster 'gone', which is not defined");
    QTest::newRow("dangling user") << QByteArray(kA).replace("user: shared, namespace", "user: ghost, namespace") << QString()
                                   << QStringLiteral("names user 'ghost', which is not defined");
}

void TestRemoteKubeconfig::resolveErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, context);
    QFETCH(QString, error);
    const auto config = Kubeconfig::parse(text, QStringLiteral("/k/config"));
    QVERIFY(config.ok());
    const auto resolved = config->resolve(context);
    QVERIFY(!resolved.ok());
    QVERIFY2(resolved.error().message.contains(error), qPrintable(resolved.error().message));
}

void TestRemoteKubeconfig::execInfoWithoutClusterUnlessAsked()
{
    ExecConfig exec;
    exec.apiVersion = QStringLiteral("client.authentication.k8s.io/v1");
    KubeCluster cluster;
    cluster.server = QStringLiteral("https://aks:443");
    cluster.certificateAuthorityData = "-----BEGIN CERTIFICATE-----\n";
    cluster.execExtension = R"({"audience":"6dae42f8"})";
    QJsonObject info = QJsonDocument::fromJson(execInfo(exec, cluster, true)).object();
    QCOMPARE(info.value(QStringLiteral("spec")).toObject().value(QStringLiteral("interactive")).toBool(), true);
    QVERIFY(!info.value(QStringLiteral("spec")).toObject().contains(QStringLiteral("cluster")));
    exec.provideClusterInfo = true;
    info = QJsonDocument::fromJson(execInfo(exec, cluster, false)).object();
    const QJsonObject c = info.value(QStringLiteral("spec")).toObject().value(QStringLiteral("cluster")).toObject();
    QCOMPARE(c.value(QStringLiteral("server")).toString(), QStringLiteral("https://aks:443"));
    QCOMPARE(c.value(QStringLiteral("config")).toObject().value(QStringLiteral("audience")).toString(), QStringLiteral("6dae42f8"));
    QCOMPARE(QByteArray::fromBase64(c.value(QStringLiteral("certificate-authority-data")).toString().toLatin1()), cluster.certificateAuthorityData);
}

void TestRemoteKubeconfig::execCredentialParsing_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("error");
    const QByteArray v1 = R"("apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential")";
    QTest::newRow("token") << "{" + v1 + R"(,"status":{"token":"t0k3n-secret-value"}})" << QString();
    QTest::newRow("token with expiry") << "{" + v1 + R"(,"status":{"token":"t","expirationTimestamp":"2030-01-01T00:00:00Z"}})" << QString();
    QTest::newRow("no status") << "{" + v1 + "}" << QStringLiteral("didn't return a status field");
    QTest::newRow("empty status") << "{" + v1 + R"(,"status":{}})" << QStringLiteral("didn't return a token or cert/key pair");
    QTest::newRow("key alone") << "{" + v1 + R"(,"status":{"clientKeyData":"k"}})" << QStringLiteral("only certificate or key, not both");
    QTest::newRow("bad expiry") << "{" + v1 + R"(,"status":{"token":"t","expirationTimestamp":"soon"}})" << QStringLiteral("is not an RFC 3339 time");
    QTest::newRow("wrong kind") << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret","status":{"token":"t"}})")
                                << QStringLiteral("printed kind 'Secret'");
    QTest::newRow("cut short: the token is not quoted") << "{" + v1 + R"(,"status":{"token":"t0k3n-secret-value)" << QStringLiteral("invalid at byte");
}

void TestRemoteKubeconfig::execCredentialParsing()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, error);
    const auto credential = parseExecCredential(output, QStringLiteral("client.authentication.k8s.io/v1"));
    QCOMPARE(credential.ok(), error.isEmpty());
    if (!credential) {
        QVERIFY2(credential.error().message.contains(error), qPrintable(credential.error().message));
        QVERIFY(!credential.error().message.contains(QLatin1String("t0k3n")));
    }
}

void TestRemoteKubeconfig::clouds_data()
{
    QTest::addColumn<QString>("cloud");
    QTest::addColumn<QString>("graphUrl");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("graph");
    QTest::addColumn<QString>("arm");
    QTest::newRow("public") << QString() << QString() << "https://login.microsoftonline.com" << "https://graph.microsoft.com" << "https://management.azure.com";
    QTest::newRow("China") << "AzureChinaCloud" << QString() << "https://login.chinacloudapi.cn" << "https://microsoftgraph.chinacloudapi.cn"
                           << "https://management.chinacloudapi.cn";
    QTest::newRow("US Government, any case") << "azureusgovernment" << QString() << "https://login.microsoftonline.us" << "https://graph.microsoft.us"
                                             << "https://management.usgovcloudapi.net";
    QTest::newRow("override one") << "AzureCloud" << "https://graph.proxy.corp/" << "https://login.microsoftonline.com" << "https://graph.proxy.corp"
                                  << "https://management.azure.com";
}

void TestRemoteKubeconfig::clouds()
{
    QFETCH(QString, cloud);
    QFETCH(QString, graphUrl);
    QFETCH(QString, login);
    QFETCH(QString, graph);
    QFETCH(QString, arm);
    const auto endpoints = CloudEndpoints::resolve(cloud, {}, graphUrl, {});
    QVERIFY(endpoints.ok());
    QCOMPARE(endpoints->login.toString(), login);
    QCOMPARE(endpoints->graph.toString(), graph);
    QCOMPARE(endpoints->arm.toString(), arm);
    QVERIFY(!CloudEndpoints::resolve(QStringLiteral("AzureGermanCloud")).ok());
    QVERIFY(!CloudEndpoints::resolve({}, QStringLiteral("ftp://x")).ok());
}

QTEST_GUILESS_MAIN(TestRemoteKubeconfig)
#include "tst_remote_kubeconfig.moc"
