// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/execconsent.h"
#include "remote/fetchjob.h"

#include <QDialog>
#include <QProcessEnvironment>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace clr::remote {
class ApiClient;
class ArmFetch;
class HttpTransport;
class SecretStore;
class TokenCredential;
} // namespace clr::remote

namespace clr::ui {

/**
 * File → Connect…: the kubeconfig context (current preselected), the Azure sign-in, then the
 * subscriptions and the AKS cluster as ARM lists them (the one the context points at preselected);
 * Fetch shows progress per source with counts and Cancel, plugin prompts and device codes with a
 * Copy button, and errors that say what to do. On success the snapshot is under `snapshotsRoot`
 * and fetched() names it. Network and processes run asynchronously on the UI thread's loop.
 */
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    ConnectDialog(remote::HttpTransport *transport, remote::SecretStore *secrets, QString snapshotsRoot, QWidget *parent = nullptr);
    ~ConnectDialog() override;

    /** For tests: the environment the sign-ins and plugins see, and the az executable. */
    void setEnvironment(const QProcessEnvironment &env);
    void setAzCommand(const QString &az) { m_azCommand = az; }
    void setKubeconfig(const QString &path);
    /** Cloud endpoints other than the cloud's own (tests; the README's --login-url etc.). */
    void setEndpoints(const QString &login, const QString &graph, const QString &arm);

    QComboBox *contextCombo() const { return m_context; }
    QComboBox *signInCombo() const { return m_signIn; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *tenantEdit() const { return m_tenant; }
    QLineEdit *secretEdit() const { return m_secret; }
    QCheckBox *kubernetesCheck() const { return m_useKubernetes; }
    QCheckBox *azureCheck() const { return m_useAzure; }
    QPushButton *listButton() const { return m_list; }
    QPushButton *fetchButton() const { return m_fetch; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *copyButton() const { return m_copy; }
    QPlainTextEdit *messages() const { return m_messages; }
    QLabel *errorLabel() const { return m_error; }
    QStandardItemModel *progressModel() const { return m_progressModel; }
    QStandardItemModel *subscriptionModel() const { return m_subscriptionModel; }
    QComboBox *clusterCombo() const { return m_cluster; }
    QString snapshotPath() const { return m_snapshot; }
    /** What Copy copies: the last device code, or the last sign-in address. */
    QString copyText() const { return m_copyText; }

Q_SIGNALS:
    void fetched(const QString &path);

protected:
    void reject() override;

private:
    QWidget *createKubernetesBox();
    QWidget *createAzureBox();
    QWidget *createProgressBox();
    void loadContexts();
    QString kubeServerHost() const; // of the chosen context: ARM's clusters are matched by it
    void updateSignInFields();
    void listSubscriptions();
    void onListed(const QString &error);
    void startFetch();
    void onProgress(const remote::ListProgress &progress);
    void onFinished(const remote::FetchResult &result);
    void showNotice(const QString &text, const QString &copy);
    void showPluginOutput(const QByteArray &chunk);
    void showError(const QString &text);
    void setBusy(bool busy);
    remote::FetchOptions options() const;
    remote::FetchServices services();

    remote::HttpTransport *m_transport;
    remote::SecretStore *m_secrets;
    QString m_root;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QString m_azCommand = QStringLiteral("az");
    QString m_loginUrl, m_graphUrl, m_armUrl;
    std::unique_ptr<remote::RememberedExecConsent> m_consent;
    std::unique_ptr<remote::FetchJob> m_job;
    std::shared_ptr<remote::TokenCredential> m_listCredential;
    std::unique_ptr<remote::ApiClient> m_listClient;
    std::unique_ptr<remote::ArmFetch> m_listing;
    QString m_snapshot;
    QString m_copyText;

    QCheckBox *m_useKubernetes = nullptr;
    QLineEdit *m_kubeconfig = nullptr;
    QComboBox *m_context = nullptr;
    QLabel *m_kubeStatus = nullptr;
    QCheckBox *m_useAzure = nullptr;
    QComboBox *m_signIn = nullptr;
    QComboBox *m_cloud = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLineEdit *m_secret = nullptr;
    QPushButton *m_list = nullptr;
    QListView *m_subscriptions = nullptr;
    QStandardItemModel *m_subscriptionModel = nullptr;
    QComboBox *m_cluster = nullptr;
    QTableView *m_progress = nullptr;
    QStandardItemModel *m_progressModel = nullptr;
    QPlainTextEdit *m_messages = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_fetch = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace clr::ui
