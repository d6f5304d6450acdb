// SPDX-License-Identifier: GPL-3.0-or-later
// File → Connect… and F5 against the fakes: contexts with the current one preselected, fetching
// with progress per source, the plugin's consent dialog, prompt and Copy, subscriptions and the
// cluster listed from ARM, errors that say what to do, Cancel, and refresh of an open snapshot.
#include "../remote/remotetest.h"

#include "dialogs/connectdialog.h"
#include "mainwindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>

using namespace clr::remotetest;
using clr::ui::ConnectDialog;

namespace {

QString pluginKubeconfig(Harness &h, const QString &state)
{
    return h.kubeconfig(QStringLiteral("    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: %1\n      env:\n"
                                       "      - {name: FAKE_STATE_DIR, value: %2}\n"
                                       "      - {name: FAKE_API_VERSION, value: client.authentication.k8s.io/v1beta1}\n"
                                       "      - {name: FAKE_TOKENS, value: from-plugin}\n"
                                       "      - {name: FAKE_STDERR, value: \"To sign in, use a web browser to open the page "
                                       "https://microsoft.com/devicelogin and enter the code ABCD12345 to authenticate.\"}\n")
                            .arg(QStringLiteral(CLEARANCE_TEST_DATA_REMOTE "/fake-exec-plugin.sh"), state));
}

struct Fixture;
int h_tokenRequests(Fixture &f);

struct Fixture
{
    Harness h;
    std::unique_ptr<ConnectDialog> dialog;
    std::unique_ptr<QAbstractItemModelTester> progressTester, subscriptionTester;

    explicit Fixture(const QString &kubeconfigUser = QStringLiteral("    token: t\n"))
    {
        if (!h.start())
            return;
        h.cloud.kubeTokens << QStringLiteral("t");
        dialog = std::make_unique<ConnectDialog>(h.transport.get(), &h.secrets, clr::ui::MainWindow::snapshotsRoot());
        progressTester = std::make_unique<QAbstractItemModelTester>(dialog->progressModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        subscriptionTester = std::make_unique<QAbstractItemModelTester>(dialog->subscriptionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog->setEndpoints(h.cloud.login().url().toString(), h.cloud.graph().url().toString(), h.cloud.arm().url().toString());
        if (!kubeconfigUser.isEmpty())
            dialog->setKubeconfig(h.kubeconfig(kubeconfigUser));
    }
};

int h_tokenRequests(Fixture &f)
{
    return f.h.cloud.tokenRequests;
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void contextsWithCurrentPreselected();
    void fetchShowsProgressAndSucceeds();
    void pluginConsentPromptAndCopy();
    void subscriptionsAndClusterFromArm();
    void errorSaysWhatToDo();
    void cancelLeavesNothing();
    void clientSecretGoesToTheStoreOnly();
    void mainWindowRefreshesWithF5();

private:
    QTemporaryDir m_home;
};

void TestConnectDialog::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestConnectDialog::contextsWithCurrentPreselected()
{
    Fixture f{QString()};
    QVERIFY(f.dialog);
    const QString path = f.h.dir.filePath(QStringLiteral("multi"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("apiVersion: v1\nclusters:\n- {name: c, cluster: {server: 'https://127.0.0.1:1'}}\nusers:\n- {name: u, user: {token: x}}\n"
               "contexts:\n- {name: dev, context: {cluster: c, user: u}}\n- {name: prod, context: {cluster: c, user: u}}\n"
               "- {name: test, context: {cluster: c, user: u}}\ncurrent-context: prod\n");
    file.close();
    f.dialog->setKubeconfig(path);
    QCOMPARE(f.dialog->contextCombo()->count(), 3);
    QCOMPARE(f.dialog->contextCombo()->currentText(), QStringLiteral("prod"));
}

void TestConnectDialog::fetchShowsProgressAndSucceeds()
{
    Fixture f;
    QVERIFY(f.dialog);
    addSmallCluster(f.h.cloud, 4);
    f.dialog->azureCheck()->setChecked(false);
    QSignalSpy fetched(f.dialog.get(), &ConnectDialog::fetched);
    f.dialog->show();
    QTest::mouseClick(f.dialog->fetchButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 1, 30000);
    const QString path = fetched.first().first().toString();
    QVERIFY2(path.startsWith(clr::ui::MainWindow::snapshotsRoot() + QStringLiteral("/fake-")), qPrintable(path));
    QVERIFY(QFileInfo::exists(path + QStringLiteral("/snapshot.json")));
    QCOMPARE(f.dialog->result(), int(QDialog::Accepted));
    // One row per list, with its objects.
    QStandardItemModel *progress = f.dialog->progressModel();
    QCOMPARE(progress->rowCount(), 7);
    bool roles = false;
    for (int r = 0; r < progress->rowCount(); ++r) {
        if (progress->item(r, 1)->text() == QLatin1String("roles"))
            roles = progress->item(r, 3)->data(Qt::DisplayRole).toInt() == 4;
    }
    QVERIFY(roles);
}

void TestConnectDialog::pluginConsentPromptAndCopy()
{
    QTemporaryDir state;
    Fixture f{QString()};
    QVERIFY(f.dialog);
    addSmallCluster(f.h.cloud, 1);
    f.h.cloud.kubeTokens << QStringLiteral("from-plugin");
    f.dialog->setKubeconfig(pluginKubeconfig(f.h, state.path()));
    f.dialog->azureCheck()->setChecked(false);
    QSignalSpy fetched(f.dialog.get(), &ConnectDialog::fetched);
    f.dialog->show();
    QTest::mouseClick(f.dialog->fetchButton(), Qt::LeftButton);
    // The consent dialog names the program; nothing ran yet.
    QMessageBox *box = nullptr;
    QTRY_VERIFY2_WITH_TIMEOUT((box = f.dialog->findChild<QMessageBox *>(QStringLiteral("execConsentBox"))) != nullptr,
                              qPrintable(f.dialog->errorLabel()->text() + f.dialog->messages()->toPlainText()), 10000);
    QVERIFY(box->text().contains(QLatin1String("fake-exec-plugin.sh")));
    QVERIFY(!QFileInfo::exists(state.filePath(QStringLiteral("runs"))));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("allowExec")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 1, 30000);
    // The plugin's prompt is in the window, with its code ready to copy.
    QVERIFY(f.dialog->messages()->toPlainText().contains(QLatin1String("enter the code ABCD12345")));
    QVERIFY(f.dialog->copyButton()->isEnabled());
    QCOMPARE(f.dialog->copyText(), QStringLiteral("ABCD12345"));
    QTest::mouseClick(f.dialog->copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("ABCD12345"));
}

void TestConnectDialog::subscriptionsAndClusterFromArm()
{
    Fixture f;
    QVERIFY(f.dialog);
    FetchOptions unused;
    useServicePrincipal(f.h, unused);
    f.dialog->setEnvironment(f.h.env);
    f.dialog->setKubeconfig(f.h.kubeconfig(QStringLiteral("    token: t\n")));
    f.dialog->signInCombo()->setCurrentIndex(f.dialog->signInCombo()->findData(int(AzureAuth::Environment)));
    auto cluster = [](const QString &sub, const QString &name, const QString &fqdn) {
        return QJsonObject{{QStringLiteral("id"), QStringLiteral("/subscriptions/%1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/%2").arg(sub, name)},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("properties"), QJsonObject{{QStringLiteral("fqdn"), fqdn}}}};
    };
    for (const QString &sub : {QStringLiteral("s1"), QStringLiteral("s2")}) {
        FakeCloud::SubscriptionData d{QJsonObject{{QStringLiteral("subscriptionId"), sub}, {QStringLiteral("displayName"), sub.toUpper()},
                                                  {QStringLiteral("state"), QStringLiteral("Enabled")}},
                                      {}, {}, {}};
        d.clusters.append(cluster(sub, QStringLiteral("aks-") + sub, sub == QLatin1String("s2") ? QStringLiteral("127.0.0.1") : QStringLiteral("x.azmk8s.io")));
        f.h.cloud.subscriptions << d;
    }
    QTest::mouseClick(f.dialog->listButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(f.dialog->subscriptionModel()->rowCount(), 2, 30000);
    QCOMPARE(f.dialog->clusterCombo()->count(), 2);
    QCOMPARE(f.dialog->clusterCombo()->currentText(), QStringLiteral("rg/aks-s2")); // the one the context points at
    QCOMPARE(f.dialog->subscriptionModel()->item(1)->checkState(), Qt::Checked);
    QCOMPARE(f.dialog->subscriptionModel()->item(0)->checkState(), Qt::Unchecked);
}

void TestConnectDialog::errorSaysWhatToDo()
{
    Fixture f;
    QVERIFY(f.dialog);
    addSmallCluster(f.h.cloud, 1);
    f.h.cloud.kubeForbidden << QStringLiteral("rolebindings");
    f.dialog->azureCheck()->setChecked(false);
    f.dialog->show();
    QTest::mouseClick(f.dialog->fetchButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(f.dialog->errorLabel()->isVisible(), 30000);
    QVERIFY2(f.dialog->errorLabel()->text().contains(QLatin1String("Bind it to the read-only ClusterRole")), qPrintable(f.dialog->errorLabel()->text()));
    QVERIFY(f.dialog->isVisible());
    QVERIFY(f.dialog->fetchButton()->isEnabled()); // fix it and try again
}

void TestConnectDialog::cancelLeavesNothing()
{
    Fixture f;
    QVERIFY(f.dialog);
    addSmallCluster(f.h.cloud, 1);
    FakeResponse stall;
    stall.hang = true;
    f.h.cloud.addFault(f.h.cloud.kube(), QStringLiteral("/roles"), stall, 10);
    f.dialog->azureCheck()->setChecked(false);
    f.dialog->show();
    const QStringList before = QDir(clr::ui::MainWindow::snapshotsRoot()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QTest::mouseClick(f.dialog->fetchButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(f.h.cloud.kube().requests() >= 5, 30000);
    QTest::mouseClick(f.dialog->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(f.dialog->errorLabel()->text().contains(QLatin1String("Cancelled")), 10000);
    QCOMPARE(QDir(clr::ui::MainWindow::snapshotsRoot()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
}

void TestConnectDialog::clientSecretGoesToTheStoreOnly()
{
    Fixture f;
    QVERIFY(f.dialog);
    addSmallDirectory(f.h.cloud, 3, 1);
    f.h.cloud.subscriptions << FakeCloud::SubscriptionData{QJsonObject{{QStringLiteral("subscriptionId"), QStringLiteral("s1")},
                                                                       {QStringLiteral("state"), QStringLiteral("Enabled")}},
                                                           {}, {}, {}};
    const QString client = QStringLiteral("c1c1c1c1-0000-0000-0000-000000000001");
    const QString secret = QStringLiteral("typed-secret-5c1e");
    f.h.cloud.clientSecrets.insert(client, secret);
    f.dialog->kubernetesCheck()->setChecked(false);
    f.dialog->signInCombo()->setCurrentIndex(f.dialog->signInCombo()->findData(int(AzureAuth::ClientSecret)));
    QVERIFY(f.dialog->secretEdit()->isEnabled());
    QCOMPARE(f.dialog->secretEdit()->echoMode(), QLineEdit::Password);
    f.dialog->clientIdEdit()->setText(client);
    f.dialog->tenantEdit()->setText(f.h.cloud.tenantId);
    f.dialog->secretEdit()->setText(secret);
    QSignalSpy fetched(f.dialog.get(), &ConnectDialog::fetched);
    f.dialog->show();
    QTest::mouseClick(f.dialog->fetchButton(), Qt::LeftButton);
    QVERIFY(f.dialog->secretEdit()->text().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(fetched.count(), 1, 30000);
    const QString path = fetched.first().first().toString();
    std::optional<QByteArray> stored;
    f.h.secrets.read(QStringLiteral("client-secret/127.0.0.1/%1/%2").arg(f.h.cloud.tenantId, client),
                     [&stored](std::optional<QByteArray> s, QString) { stored = std::move(s); });
    QVERIFY(stored.has_value());
    QCOMPARE(QString::fromUtf8(*stored), secret);
    QCOMPARE(filesContaining(path, secret.toUtf8()), QStringList());
    QCOMPARE(filesContaining(m_home.path(), secret.toUtf8()), QStringList());
    // A second fetch with the field left empty uses the stored secret.
    f.h.cloud.tokenRequests = 0;
    auto manifest = SnapshotManifest::read(path);
    QVERIFY(manifest.ok());
    FetchOptions again = FetchOptions::fromManifest(*manifest, f.h.dir.filePath(QStringLiteral("again")));
    again.refresh = false;
    const FetchRun run = f.h.run(again);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(h_tokenRequests(f), 2);
}

void TestConnectDialog::mainWindowRefreshesWithF5()
{
    Harness h;
    QVERIFY(h.start());
    addSmallCluster(h.cloud, 2);
    h.cloud.kubeTokens << QStringLiteral("t");
    FetchOptions o = h.options();
    o.graph = o.arm = false;
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    QVERIFY(h.run(o).result.ok);
    clr::ui::MainWindow window;
    clr::ui::RemoteServices services;
    services.transport = [] { return std::unique_ptr<HttpTransport>(std::make_unique<NetworkTransport>(testTransportOptions())); };
    services.secrets = [](std::function<void(const QString &)>) { return std::unique_ptr<SecretStore>(std::make_unique<MemorySecretStore>()); };
    window.setRemoteServices(services);
    QSignalSpy loaded(&window, &clr::ui::MainWindow::snapshotLoaded);
    window.openPaths({o.outDir});
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QCOMPARE(window.openSnapshotFolder(), o.outDir);
    QVERIFY(window.recentEntries().contains(QFileInfo(o.outDir).absoluteFilePath()));
    const auto rolesBefore = window.session()->graph->snapshot().kube.roles.size();
    h.cloud.addKube(QStringLiteral("roles"), role(QStringLiteral("Role"), QStringLiteral("added-later"), QStringLiteral("shop")));
    QSignalSpy refreshed(&window, &clr::ui::MainWindow::refreshFinished);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(refreshed.count(), 1, 30000);
    QCOMPARE(refreshed.first().first().toBool(), true);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
    QCOMPARE(window.session()->graph->snapshot().kube.roles.size(), rolesBefore + 1);
}

QTEST_MAIN(TestConnectDialog)
#include "tst_connectdialog.moc"
