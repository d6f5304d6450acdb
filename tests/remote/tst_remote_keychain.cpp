// SPDX-License-Identifier: GPL-3.0-or-later
// Secrets in a real Secret Service. CTest runs this inside `dbus-run-session` with gnome-keyring
// unlocked and HOME a fresh temporary folder (see tests/CMakeLists.txt); run alone it checks the
// fallback instead. A device-code sign-in stores its refresh token through the store; afterwards the
// token is in the keychain and in no file under HOME or the snapshot.
#include "remotetest.h"

using namespace clr::remotetest;

namespace {

std::pair<std::optional<QByteArray>, QString> readSecret(SecretStore &store, const QString &key)
{
    std::pair<std::optional<QByteArray>, QString> out;
    bool done = false;
    store.read(key, [&](std::optional<QByteArray> s, QString error) {
        out = {std::move(s), std::move(error)};
        done = true;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < 30000)
        QTest::qWait(10);
    return out;
}

QString writeSecret(SecretStore &store, const QString &key, const QByteArray &secret)
{
    QString error = QStringLiteral("timeout");
    bool done = false;
    store.write(key, secret, [&](QString e) {
        error = std::move(e);
        done = true;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < 30000)
        QTest::qWait(10);
    return error;
}

bool expectKeychain()
{
    return qEnvironmentVariableIsSet("CLEARANCE_EXPECT_KEYCHAIN");
}

} // namespace

class TestRemoteKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void storesInTheKeychainOnly();
    void signInKeepsTheRefreshTokenOffDisk();
    void withoutKeychainSaysSo();
};

void TestRemoteKeychain::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    if (expectKeychain()) {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"), "run inside dbus-run-session");
        QVERIFY(KeychainSecretStore::available());
    }
}

void TestRemoteKeychain::storesInTheKeychainOnly()
{
    if (!expectKeychain())
        QSKIP("needs the Secret Service that CTest starts (dbus-run-session + gnome-keyring)");
    const QByteArray secret = "refresh-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QStringList notices;
    {
        KeychainSecretStore store([&notices](const QString &n) { notices << n; });
        QCOMPARE(writeSecret(store, QStringLiteral("test/entry"), secret), QString());
        QVERIFY2(store.persistent(), qPrintable(notices.join(QLatin1Char('\n'))));
    }
    // A new store (as the next run of the program) reads it back from the Secret Service.
    KeychainSecretStore again;
    const auto [read, error] = readSecret(again, QStringLiteral("test/entry"));
    QCOMPARE(error, QString());
    QVERIFY(read.has_value());
    QCOMPARE(*read, secret);
    QVERIFY(notices.isEmpty());
    // Not in any file under HOME in clear text (gnome-keyring encrypts its keyring file).
    QCOMPARE(filesContaining(QDir::homePath(), secret), QStringList());
    // Removing it removes it.
    bool removed = false;
    again.remove(QStringLiteral("test/entry"), [&removed](QString e) { removed = e.isEmpty(); });
    QTRY_VERIFY(removed);
    QVERIFY(!readSecret(again, QStringLiteral("test/entry")).first.has_value());
}

void TestRemoteKeychain::signInKeepsTheRefreshTokenOffDisk()
{
    if (!expectKeychain())
        QSKIP("needs the Secret Service that CTest starts (dbus-run-session + gnome-keyring)");
    qputenv("XDG_CONFIG_HOME", QDir::home().filePath(QStringLiteral(".config")).toUtf8());
    Harness h;
    QVERIFY(h.start());
    addSmallDirectory(h.cloud, 2, 1);
    const QString client = QStringLiteral("a0a0a0a0-1111-2222-3333-444444444444");
    h.cloud.publicClientId = client;
    h.cloud.devicePendingPolls = 0;
    FetchOptions o = h.options();
    o.kubernetes = o.arm = false;
    o.auth = AzureAuth::DeviceCode;
    o.clientId = client;
    o.tenant = h.cloud.tenantId;
    // The real keychain instead of the harness's memory store.
    KeychainSecretStore keychain;
    RememberedExecConsent consent;
    FetchServices services;
    services.transport = h.transport.get();
    services.secrets = &keychain;
    services.exec.consent = &consent;
    services.environment = h.env;
    QStringList notices;
    services.notice = [&notices](const QString &text, const QString &) { notices << text; };
    FetchJob job(o, services);
    FetchResult result;
    bool finished = false;
    connect(&job, &FetchJob::finished, this, [&](const FetchResult &r) {
        result = r;
        finished = true;
    });
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished, 60000);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(keychain.persistent());
    const QByteArray refresh = h.cloud.refreshTokensIssued.last().toUtf8();
    const auto [inKeychain, error] = readSecret(keychain, QStringLiteral("refresh-token/127.0.0.1/%1/%2").arg(h.cloud.tenantId, client));
    QVERIFY2(inKeychain.has_value(), qPrintable(error));
    QCOMPARE(*inKeychain, refresh);
    QCOMPARE(filesContaining(QDir::homePath(), refresh), QStringList());
    QCOMPARE(filesContaining(o.outDir, refresh), QStringList());
    QCOMPARE(filesContaining(h.dir.path(), refresh), QStringList());
    for (const QString &n : std::as_const(notices))
        QVERIFY(!n.toUtf8().contains(refresh));
}

void TestRemoteKeychain::withoutKeychainSaysSo()
{
    // CTest runs this function alone as tst_remote_keychain_missing, with no session bus.
    if (expectKeychain())
        QSKIP("runs as tst_remote_keychain_missing, without a session bus");
    QStringList notices;
    {
        KeychainSecretStore store([&notices](const QString &n) { notices << n; });
        QCOMPARE(writeSecret(store, QStringLiteral("test/fallback"), "session-only-secret"), QString());
        QVERIFY(!store.persistent());
        QCOMPARE(notices.size(), 1);
        QVERIFY2(notices.first().contains(QLatin1String("kept in memory for this session only")), qPrintable(notices.first()));
        QCOMPARE(*readSecret(store, QStringLiteral("test/fallback")).first, QByteArray("session-only-secret"));
        QVERIFY(store.description().startsWith(QLatin1String("memory only")));
    }
    QCOMPARE(filesContaining(QDir::homePath(), "session-only-secret"), QStringList());
}

QTEST_GUILESS_MAIN(TestRemoteKeychain)
#include "tst_remote_keychain.moc"
