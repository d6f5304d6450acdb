// SPDX-License-Identifier: GPL-3.0-or-later
// Signing in to Azure without MSAL: the Azure CLI's session, the SDK environment (secret,
// certificate assertion, federated token), managed identity, device code and browser (PKCE), with
// refresh tokens in the secret store only.
#include "remotetest.h"

#include "remote/azurecredentials.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace clr::remotetest;

namespace {

const QString kPublicClient = QStringLiteral("a0a0a0a0-1111-2222-3333-444444444444");

QString fakeAz()
{
    return QStringLiteral(CLEARANCE_TEST_DATA_REMOTE "/fake-az.sh");
}

/** Graph and ARM fetch (no Kubernetes) with a minimal directory and one subscription. */
FetchOptions azureOnly(Harness &h)
{
    addSmallDirectory(h.cloud, 3, 2);
    FakeCloud::SubscriptionData sub{QJsonObject{{QStringLiteral("id"), QStringLiteral("/subscriptions/s1")},
                                                {QStringLiteral("subscriptionId"), QStringLiteral("s1")},
                                                {QStringLiteral("displayName"), QStringLiteral("One")},
                                                {QStringLiteral("state"), QStringLiteral("Enabled")}},
                                    {}, {}, {}};
    h.cloud.subscriptions << sub;
    FetchOptions o = h.options();
    o.kubernetes = false;
    return o;
}

/** The secrets a store holds, by key (MemorySecretStore answers synchronously). */
std::optional<QByteArray> stored(SecretStore &store, const QString &key)
{
    std::optional<QByteArray> out;
    store.read(key, [&out](std::optional<QByteArray> s, QString) { out = std::move(s); });
    return out;
}

} // namespace

class TestRemoteAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void azureCliOutput_data();
    void azureCliOutput();
    void azureCli();
    void azureCliWithoutSession();
    void autoFallsBackToEnvironment();
    void clientCertificate();
    void federatedToken();
    void wrongSecretNeverEchoed();
    void managedIdentity();
    void deviceCodeThenSilent();
    void deviceCodeNeedsClientId();
    void staleRefreshTokenSignsInAgain();
    void browserWithPkce();

private:
    QTemporaryDir m_home;
};

void TestRemoteAuth::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestRemoteAuth::azureCliOutput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QDateTime>("expires");
    QTest::addColumn<QString>("error");
    QTest::newRow("az 2.54+: expires_on epoch") << QByteArray(R"({"accessToken":"tok","expiresOn":"2030-01-01 01:00:00.000000","expires_on":1893459600,"tenant":"t"})")
                                                << QStringLiteral("tok") << QDateTime::fromSecsSinceEpoch(1893459600, Qt::UTC) << QString();
    QTest::newRow("older az: local expiresOn") << QByteArray(R"({"accessToken":"tok","expiresOn":"2030-01-01 01:00:00.000000"})") << QStringLiteral("tok")
                                               << QDateTime(QDate(2030, 1, 1), QTime(1, 0), Qt::LocalTime).toUTC() << QString();
    QTest::newRow("no token") << QByteArray(R"({"expires_on":1})") << QString() << QDateTime() << QStringLiteral("printed no accessToken");
    QTest::newRow("not JSON") << QByteArray("garbage") << QString() << QDateTime() << QStringLiteral("printed no accessToken");
}

void TestRemoteAuth::azureCliOutput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, token);
    QFETCH(QDateTime, expires);
    QFETCH(QString, error);
    const auto parsed = AzureCliCredential::parseOutput(json);
    QCOMPARE(parsed.ok(), error.isEmpty());
    if (!parsed) {
        QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
        return;
    }
    QCOMPARE(parsed->token, token);
    QCOMPARE(parsed->expiresOn, expires);
}

void TestRemoteAuth::azureCli()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::AzureCli;
    h.azCommand = fakeAz();
    QTemporaryDir logDir;
    const QString log = logDir.filePath(QStringLiteral("az.log"));
    h.env.insert(QStringLiteral("FAKE_AZ_LOG"), log);
    h.env.insert(QStringLiteral("FAKE_AZ_GRAPH_TOKEN"), h.cloud.issueToken(FakeCloud::graphAudience()));
    h.env.insert(QStringLiteral("FAKE_AZ_ARM_TOKEN"), h.cloud.issueToken(FakeCloud::armAudience()));
    h.env.insert(QStringLiteral("FAKE_AZ_TENANT"), h.cloud.tenantId);
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QFile f(log);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QStringList resources = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    resources.sort();
    QCOMPARE(resources, (QStringList{QStringLiteral("https://graph.microsoft.com/"), QStringLiteral("https://management.core.windows.net/")}));
    QCOMPARE(run.result.manifest.auth, QStringLiteral("azure-cli"));
}

void TestRemoteAuth::azureCliWithoutSession()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::AzureCli;
    h.azCommand = fakeAz();
    h.env.insert(QStringLiteral("FAKE_AZ_FAIL"), QStringLiteral("1"));
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("Please run 'az login'")), qPrintable(run.result.error));
    QVERIFY(run.result.error.contains(QLatin1String("--auth")));
}

void TestRemoteAuth::autoFallsBackToEnvironment()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    useServicePrincipal(h, o);
    o.auth = AzureAuth::Auto;
    h.azCommand = QStringLiteral("/nonexistent/az");
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    // Without the environment either, the message lists what to do.
    Harness bare;
    QVERIFY(bare.start());
    FetchOptions b = azureOnly(bare);
    bare.azCommand = QStringLiteral("/nonexistent/az");
    bare.env.remove(QStringLiteral("AZURE_CLIENT_ID"));
    const FetchRun none = bare.run(b);
    QVERIFY(!none.result.ok);
    QVERIFY2(none.result.error.contains(QLatin1String("az login")) && none.result.error.contains(QLatin1String("AZURE_CLIENT_SECRET"))
                 && none.result.error.contains(QLatin1String("--auth device-code")),
             qPrintable(none.result.error));
}

void TestRemoteAuth::clientCertificate()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::Environment;
    h.cloud.certificateClientId = QStringLiteral("c0c0c0c0-0000-0000-0000-000000000001");
    h.env.insert(QStringLiteral("AZURE_TENANT_ID"), h.cloud.tenantId);
    h.env.insert(QStringLiteral("AZURE_CLIENT_ID"), h.cloud.certificateClientId);
    h.env.insert(QStringLiteral("AZURE_CLIENT_CERTIFICATE_PATH"), TestPki::instance().path(QStringLiteral("spn.pem")));
    h.env.remove(QStringLiteral("AZURE_CLIENT_SECRET"));
    const FetchRun run = h.run(o);
    // The fake checks the assertion's claims, its x5t, and its RS256 signature with openssl.
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(h.cloud.tokenRequests, 2);
}

void TestRemoteAuth::federatedToken()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::Environment;
    h.cloud.federatedClientId = QStringLiteral("f0f0f0f0-0000-0000-0000-000000000001");
    h.cloud.federatedToken = QStringLiteral("eyJ.workload-identity.token");
    QTemporaryDir d;
    QFile file(d.filePath(QStringLiteral("token")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("eyJ.workload-identity.token\n");
    file.close();
    h.env.insert(QStringLiteral("AZURE_TENANT_ID"), h.cloud.tenantId);
    h.env.insert(QStringLiteral("AZURE_CLIENT_ID"), h.cloud.federatedClientId);
    h.env.insert(QStringLiteral("AZURE_FEDERATED_TOKEN_FILE"), file.fileName());
    h.env.remove(QStringLiteral("AZURE_CLIENT_SECRET"));
    h.env.remove(QStringLiteral("AZURE_CLIENT_CERTIFICATE_PATH"));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
}

void TestRemoteAuth::wrongSecretNeverEchoed()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    useServicePrincipal(h, o);
    h.env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), QStringLiteral("wrong-secret-8f3a"));
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("AADSTS7000215")), qPrintable(run.result.error));
    QVERIFY(!run.result.error.contains(QLatin1String("wrong-secret-8f3a")));
    QVERIFY(!run.result.error.contains(QLatin1String("Trace ID"))); // the first line of the description only
}

void TestRemoteAuth::managedIdentity()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::ManagedIdentity;
    o.clientId = QStringLiteral("mi-client");
    h.cloud.imdsClientId = QStringLiteral("mi-client");
    h.env.insert(QStringLiteral("AZURE_POD_IDENTITY_AUTHORITY_HOST"), h.cloud.imds().url().toString());
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(h.cloud.tokenRequests, 2);
}

void TestRemoteAuth::deviceCodeThenSilent()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::DeviceCode;
    o.clientId = kPublicClient;
    o.tenant = h.cloud.tenantId;
    h.cloud.publicClientId = kPublicClient;
    h.cloud.devicePendingPolls = 1;
    const FetchRun first = h.run(o);
    QVERIFY2(first.result.ok, qPrintable(first.result.error));
    QCOMPARE(first.notices.size(), 1); // one sign-in for Graph and ARM together
    QVERIFY(first.notices.first().contains(QLatin1String("FAKE-CODE")));
    QCOMPARE(h.cloud.refreshRedemptions, 1); // the second resource came from the refresh token
    const QString key = QStringLiteral("refresh-token/127.0.0.1/%1/%2").arg(h.cloud.tenantId, kPublicClient);
    const auto secret = stored(h.secrets, key);
    QVERIFY(secret.has_value());
    QCOMPARE(QString::fromUtf8(*secret), h.cloud.refreshTokensIssued.last()); // rotated: the newest is kept
    QCOMPARE(filesContaining(o.outDir, secret->left(20)), QStringList());
    QCOMPARE(filesContaining(m_home.path(), secret->left(20)), QStringList());
    // Next time: silent, from the stored refresh token.
    FetchOptions again = o;
    again.outDir = h.dir.filePath(QStringLiteral("again"));
    const FetchRun second = h.run(again);
    QVERIFY2(second.result.ok, qPrintable(second.result.error));
    QVERIFY(second.notices.isEmpty());
    QCOMPARE(h.cloud.refreshRedemptions, 3);
}

void TestRemoteAuth::deviceCodeNeedsClientId()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::DeviceCode;
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("needs --client-id")), qPrintable(run.result.error));
}

void TestRemoteAuth::staleRefreshTokenSignsInAgain()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::DeviceCode;
    o.clientId = kPublicClient;
    o.tenant = h.cloud.tenantId;
    h.cloud.publicClientId = kPublicClient;
    h.cloud.devicePendingPolls = 0;
    h.secrets.write(QStringLiteral("refresh-token/127.0.0.1/%1/%2").arg(h.cloud.tenantId, kPublicClient), "revoked-long-ago", [](const QString &) {});
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(run.notices.size(), 1);
}

void TestRemoteAuth::browserWithPkce()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = azureOnly(h);
    o.auth = AzureAuth::Browser;
    o.clientId = kPublicClient;
    o.tenant = h.cloud.tenantId;
    h.cloud.publicClientId = kPublicClient;
    QNetworkAccessManager browser;
    QUrl opened;
    h.openBrowser = [&](const QUrl &url) {
        opened = url;
        // The browser: the sign-in page redirects to the loopback address with the code.
        QNetworkRequest request(url);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({TestPki::instance().caCertificate()});
        request.setSslConfiguration(tls);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = browser.get(request);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&browser, reply] {
            const QUrl location = QUrl::fromEncoded(reply->rawHeader("Location"));
            reply->deleteLater();
            browser.get(QNetworkRequest(location));
        });
        return true;
    };
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    const QUrlQuery query(opened);
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QVERIFY(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded).startsWith(QLatin1String("http://localhost:")));
    QVERIFY(!query.queryItemValue(QStringLiteral("state")).isEmpty());
    QVERIFY(stored(h.secrets, QStringLiteral("refresh-token/127.0.0.1/%1/%2").arg(h.cloud.tenantId, kPublicClient)).has_value());
}

QTEST_GUILESS_MAIN(TestRemoteAuth)
#include "tst_remote_auth.moc"
