// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/connectdialog.h"

#include "dialogs/execconsentprompt.h"
#include "remote/apiclient.h"
#include "remote/armfetch.h"
#include "remote/azurecredentials.h"
#include "remote/cloud.h"
#include "remote/kubeconfig.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace clr::ui {

namespace {

enum ProgressColumn { SourceColumn, ListColumn, PagesColumn, ObjectsColumn, ProgressColumnCount };

QString slug(const QString &name)
{
    QString out = name;
    out.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    return out.isEmpty() ? QStringLiteral("snapshot") : out.left(60);
}

} // namespace

ConnectDialog::ConnectDialog(remote::HttpTransport *transport, remote::SecretStore *secrets, QString snapshotsRoot, QWidget *parent)
    : QDialog(parent), m_transport(transport), m_secrets(secrets), m_root(std::move(snapshotsRoot))
{
    setObjectName(QStringLiteral("connectDialog"));
    setWindowTitle(tr("Connect to a cluster and Azure"));
    m_consent = std::make_unique<remote::RememberedExecConsent>(QStringList(), [this](const remote::ExecConsentRequest &r, remote::ExecConsent::Answer a) {
        askExecConsent(this, r, std::move(a));
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createKubernetesBox());
    layout->addWidget(createAzureBox());
    layout->addWidget(createProgressBox(), 1);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(this);
    m_fetch = buttons->addButton(tr("&Fetch"), QDialogButtonBox::AcceptRole);
    m_fetch->setObjectName(QStringLiteral("fetchButton"));
    m_fetch->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    connect(m_fetch, &QPushButton::clicked, this, &ConnectDialog::startFetch);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectDialog::reject);
    layout->addWidget(buttons);
    resize(760, 720);
    loadContexts();
    updateSignInFields();
}

ConnectDialog::~ConnectDialog()
{
    m_listing.reset();
    m_listClient.reset();
    m_job.reset();
}

QWidget *ConnectDialog::createKubernetesBox()
{
    auto *box = new QGroupBox(tr("Kubernetes"), this);
    auto *form = new QFormLayout(box);
    m_useKubernetes = new QCheckBox(tr("Read the cluster's RBAC through its API server"), box);
    m_useKubernetes->setChecked(true);
    form->addRow(m_useKubernetes);
    auto *row = new QHBoxLayout;
    m_kubeconfig = new QLineEdit(box);
    m_kubeconfig->setObjectName(QStringLiteral("kubeconfigPath"));
    m_kubeconfig->setPlaceholderText(tr("$KUBECONFIG or ~/.kube/config"));
    auto *browse = new QPushButton(tr("&Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a kubeconfig"), QDir::home().filePath(QStringLiteral(".kube")));
        if (!file.isEmpty())
            setKubeconfig(file);
    });
    connect(m_kubeconfig, &QLineEdit::editingFinished, this, &ConnectDialog::loadContexts);
    row->addWidget(m_kubeconfig, 1);
    row->addWidget(browse);
    form->addRow(tr("Kubeconfig:"), row);
    m_context = new QComboBox(box);
    m_context->setObjectName(QStringLiteral("contextCombo"));
    form->addRow(tr("Context:"), m_context);
    m_kubeStatus = new QLabel(box);
    m_kubeStatus->setWordWrap(true);
    form->addRow(m_kubeStatus);
    connect(m_useKubernetes, &QCheckBox::toggled, m_context, &QWidget::setEnabled);
    return box;
}

QWidget *ConnectDialog::createAzureBox()
{
    auto *box = new QGroupBox(tr("Microsoft Entra ID and Azure RBAC"), this);
    auto *form = new QFormLayout(box);
    m_useAzure = new QCheckBox(tr("Read users, groups and service principals (Microsoft Graph) and role assignments (ARM)"), box);
    m_useAzure->setChecked(true);
    form->addRow(m_useAzure);
    m_signIn = new QComboBox(box);
    m_signIn->setObjectName(QStringLiteral("signInCombo"));
    m_signIn->addItem(tr("Azure CLI session (az login)"), int(remote::AzureAuth::AzureCli));
    m_signIn->addItem(tr("Service principal from the environment (AZURE_*)"), int(remote::AzureAuth::Environment));
    m_signIn->addItem(tr("Service principal with a client secret (kept in the keychain)"), int(remote::AzureAuth::ClientSecret));
    m_signIn->addItem(tr("Managed identity"), int(remote::AzureAuth::ManagedIdentity));
    m_signIn->addItem(tr("Sign in with the browser (your app registration)"), int(remote::AzureAuth::Browser));
    m_signIn->addItem(tr("Device code (your app registration)"), int(remote::AzureAuth::DeviceCode));
    form->addRow(tr("Sign-in:"), m_signIn);
    m_cloud = new QComboBox(box);
    m_cloud->addItems(remote::CloudEndpoints::names());
    form->addRow(tr("Cloud:"), m_cloud);
    m_clientId = new QLineEdit(box);
    m_clientId->setObjectName(QStringLiteral("clientId"));
    m_clientId->setPlaceholderText(tr("Application (client) ID of your registration"));
    form->addRow(tr("Client ID:"), m_clientId);
    m_tenant = new QLineEdit(box);
    m_tenant->setPlaceholderText(tr("Tenant ID or domain (default: organizations)"));
    form->addRow(tr("Tenant:"), m_tenant);
    m_secret = new QLineEdit(box);
    m_secret->setObjectName(QStringLiteral("clientSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Empty: the one stored in the keychain"));
    form->addRow(tr("Client secret:"), m_secret);
    m_list = new QPushButton(tr("&Sign in and list subscriptions"), box);
    m_list->setObjectName(QStringLiteral("listSubscriptions"));
    connect(m_list, &QPushButton::clicked, this, &ConnectDialog::listSubscriptions);
    form->addRow(m_list);
    m_subscriptionModel = new QStandardItemModel(this);
    m_subscriptions = new QListView(box);
    m_subscriptions->setObjectName(QStringLiteral("subscriptionList"));
    m_subscriptions->setModel(m_subscriptionModel);
    m_subscriptions->setMaximumHeight(90);
    form->addRow(tr("Subscriptions:"), m_subscriptions);
    m_cluster = new QComboBox(box);
    m_cluster->setObjectName(QStringLiteral("clusterCombo"));
    m_cluster->addItem(tr("(the one the kubeconfig context points at)"), QString());
    form->addRow(tr("AKS cluster:"), m_cluster);
    connect(m_signIn, &QComboBox::currentIndexChanged, this, &ConnectDialog::updateSignInFields);
    return box;
}

QWidget *ConnectDialog::createProgressBox()
{
    auto *box = new QGroupBox(tr("Progress"), this);
    auto *layout = new QVBoxLayout(box);
    m_progressModel = new QStandardItemModel(0, ProgressColumnCount, this);
    m_progressModel->setHorizontalHeaderLabels({tr("Source"), tr("List"), tr("Pages"), tr("Objects")});
    m_progress = new QTableView(box);
    m_progress->setObjectName(QStringLiteral("progressTable"));
    m_progress->setModel(m_progressModel);
    m_progress->horizontalHeader()->setSectionResizeMode(ListColumn, QHeaderView::Stretch);
    m_progress->verticalHeader()->hide();
    m_progress->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_progress, 2);
    auto *row = new QHBoxLayout;
    m_messages = new QPlainTextEdit(box);
    m_messages->setObjectName(QStringLiteral("connectMessages"));
    m_messages->setReadOnly(true);
    m_messages->setPlaceholderText(tr("Sign-in prompts, device codes and the credential plugin's messages appear here."));
    m_copy = new QPushButton(tr("&Copy"), box);
    m_copy->setObjectName(QStringLiteral("copyCode"));
    m_copy->setEnabled(false);
    m_copy->setToolTip(tr("Copy the device code or the sign-in address"));
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_copyText); });
    row->addWidget(m_messages, 1);
    row->addWidget(m_copy, 0, Qt::AlignTop);
    layout->addLayout(row, 1);
    return box;
}

void ConnectDialog::setEnvironment(const QProcessEnvironment &env)
{
    m_env = env;
    loadContexts();
}

void ConnectDialog::setKubeconfig(const QString &path)
{
    m_kubeconfig->setText(path);
    loadContexts();
}

void ConnectDialog::setEndpoints(const QString &login, const QString &graph, const QString &arm)
{
    m_loginUrl = login;
    m_graphUrl = graph;
    m_armUrl = arm;
}

void ConnectDialog::loadContexts()
{
    remote::KubeconfigSource source;
    source.explicitPath = m_kubeconfig->text().trimmed();
    source.envValue = m_env.value(QStringLiteral("KUBECONFIG"));
    source.homeDir = m_env.value(QStringLiteral("HOME"), QDir::homePath());
    m_context->clear();
    const auto config = remote::Kubeconfig::load(source);
    if (!config) {
        m_kubeStatus->setText(config.error().message);
        return;
    }
    for (const QString &name : config->contextNames())
        m_context->addItem(name);
    const int current = m_context->findText(config->currentContext());
    if (current >= 0)
        m_context->setCurrentIndex(current);
    m_kubeStatus->setText(config->contextNames().isEmpty() ? tr("No context in %1").arg(config->files().join(QLatin1String(", ")))
                                                            : tr("From %1").arg(config->files().join(QLatin1String(", "))));
}

QString ConnectDialog::kubeServerHost() const
{
    remote::KubeconfigSource source;
    source.explicitPath = m_kubeconfig->text().trimmed();
    source.envValue = m_env.value(QStringLiteral("KUBECONFIG"));
    source.homeDir = m_env.value(QStringLiteral("HOME"), QDir::homePath());
    const auto config = remote::Kubeconfig::load(source);
    const auto resolved = config ? config->resolve(m_context->currentText()) : remote::Expected<remote::ResolvedContext>(remote::Error{});
    return resolved ? QUrl(resolved->cluster.server).host() : QString();
}

void ConnectDialog::updateSignInFields()
{
    const auto auth = remote::AzureAuth(m_signIn->currentData().toInt());
    const bool secret = auth == remote::AzureAuth::ClientSecret;
    const bool interactive = auth == remote::AzureAuth::Browser || auth == remote::AzureAuth::DeviceCode;
    m_clientId->setEnabled(interactive || secret || auth == remote::AzureAuth::ManagedIdentity);
    m_tenant->setEnabled(interactive || secret || auth == remote::AzureAuth::AzureCli);
    m_secret->setEnabled(secret);
}

remote::FetchOptions ConnectDialog::options() const
{
    remote::FetchOptions o;
    o.kubernetes = m_useKubernetes->isChecked();
    o.graph = o.arm = m_useAzure->isChecked();
    o.kubeconfig = m_kubeconfig->text().trimmed();
    o.context = m_context->currentText();
    o.auth = remote::AzureAuth(m_signIn->currentData().toInt());
    o.clientId = m_clientId->text().trimmed();
    o.tenant = m_tenant->text().trimmed();
    if (o.auth == remote::AzureAuth::ClientSecret)
        o.clientSecret = m_secret->text();
    o.cloud = m_cloud->currentText();
    o.loginUrl = m_loginUrl;
    o.graphUrl = m_graphUrl;
    o.armUrl = m_armUrl;
    for (int i = 0; i < m_subscriptionModel->rowCount(); ++i) {
        if (m_subscriptionModel->item(i)->checkState() == Qt::Checked)
            o.subscriptions << m_subscriptionModel->item(i)->data().toString();
    }
    o.cluster = m_cluster->currentData().toString();
    return o;
}

remote::FetchServices ConnectDialog::services()
{
    remote::FetchServices s;
    s.transport = m_transport;
    s.secrets = m_secrets;
    s.exec.consent = m_consent.get();
    s.exec.stdinIsTerminal = false; // a window has no terminal: interactiveMode Always cannot work here
    s.exec.stderrSink = [this](const QByteArray &chunk) { showPluginOutput(chunk); };
    s.notice = [this](const QString &text, const QString &copy) { showNotice(text, copy); };
    s.openBrowser = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    s.environment = m_env;
    s.azCommand = m_azCommand;
    return s;
}

void ConnectDialog::listSubscriptions()
{
    const remote::FetchOptions o = options();
    const auto cloud = remote::CloudEndpoints::resolve(o.cloud, o.loginUrl, o.graphUrl, o.armUrl);
    if (!cloud) {
        showError(cloud.error().message);
        return;
    }
    auto credential = remote::makeCredential(o, services(), *cloud);
    if (!credential) {
        showError(credential.error().message);
        return;
    }
    m_secret->clear();
    m_error->hide();
    m_listCredential = *credential;
    m_listClient = std::make_unique<remote::ApiClient>(*m_transport, std::make_shared<remote::AzureAuthenticator>(m_listCredential, cloud->armResource));
    remote::ArmFetch::Options armOptions;
    armOptions.arm = cloud->arm;
    armOptions.kubeServerHost = m_useKubernetes->isChecked() ? kubeServerHost() : QString();
    armOptions.listOnly = true;
    m_listing = std::make_unique<remote::ArmFetch>(*m_listClient, nullptr, armOptions);
    connect(m_listing.get(), &remote::ArmFetch::finished, this, &ConnectDialog::onListed);
    m_list->setEnabled(false);
    m_list->setText(tr("Signing in…"));
    m_listing->start();
}

void ConnectDialog::onListed(const QString &error)
{
    m_list->setEnabled(true);
    m_list->setText(tr("&Sign in and list subscriptions"));
    if (!error.isEmpty()) {
        showError(error);
        return;
    }
    const auto chosen = m_listing->chosenClusters();
    QStringList chosenSubscriptions;
    for (const auto &c : chosen)
        chosenSubscriptions << c.subscriptionId.toLower();
    m_subscriptionModel->clear();
    for (const auto &s : m_listing->subscriptions()) {
        auto *item = new QStandardItem(QStringLiteral("%1 (%2)").arg(s.name.isEmpty() ? s.id : s.name, s.id));
        item->setData(s.id);
        item->setCheckable(true);
        item->setCheckState(chosenSubscriptions.contains(s.id.toLower()) ? Qt::Checked : Qt::Unchecked);
        m_subscriptionModel->appendRow(item);
    }
    m_cluster->clear();
    for (const auto &c : m_listing->clusters())
        m_cluster->addItem(QStringLiteral("%1/%2").arg(c.resourceGroup, c.name), QStringLiteral("%1/%2").arg(c.resourceGroup, c.name));
    if (chosen.size() == 1)
        m_cluster->setCurrentIndex(m_cluster->findData(QStringLiteral("%1/%2").arg(chosen.first().resourceGroup, chosen.first().name)));
}

void ConnectDialog::startFetch()
{
    remote::FetchOptions o = options();
    const QString name = o.kubernetes ? o.context : (o.cluster.isEmpty() ? QStringLiteral("azure") : o.cluster);
    const QString base = QDir(m_root).filePath(QStringLiteral("%1-%2").arg(slug(name), QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
    o.outDir = base;
    for (int n = 2; QFileInfo::exists(o.outDir); ++n) // two fetches within a second
        o.outDir = base + QLatin1Char('-') + QString::number(n);
    m_progressModel->removeRows(0, m_progressModel->rowCount());
    m_messages->clear();
    m_error->hide();
    m_secret->clear(); // from here on the secret is in the keychain (or this fetch's memory) only
    m_job = std::make_unique<remote::FetchJob>(o, services());
    connect(m_job.get(), &remote::FetchJob::progressed, this, &ConnectDialog::onProgress);
    connect(m_job.get(), &remote::FetchJob::message, this, [this](const QString &text) { showNotice(text, QString()); });
    connect(m_job.get(), &remote::FetchJob::finished, this, &ConnectDialog::onFinished);
    setBusy(true);
    m_job->start();
}

void ConnectDialog::onProgress(const remote::ListProgress &p)
{
    int row = 0;
    for (; row < m_progressModel->rowCount(); ++row) {
        if (m_progressModel->item(row, SourceColumn)->text() == p.source && m_progressModel->item(row, ListColumn)->text() == p.name)
            break;
    }
    if (row == m_progressModel->rowCount()) {
        QList<QStandardItem *> items;
        for (int c = 0; c < ProgressColumnCount; ++c)
            items << new QStandardItem;
        items[SourceColumn]->setText(p.source);
        items[ListColumn]->setText(p.name);
        m_progressModel->appendRow(items);
    }
    m_progressModel->item(row, PagesColumn)->setData(p.pages, Qt::DisplayRole);
    m_progressModel->item(row, ObjectsColumn)->setData(qlonglong(p.objects), Qt::DisplayRole);
    m_progressModel->item(row, ListColumn)->setIcon(style()->standardIcon(p.done ? QStyle::SP_DialogApplyButton : QStyle::SP_BrowserReload));
}

void ConnectDialog::onFinished(const remote::FetchResult &result)
{
    setBusy(false);
    if (!result.ok) {
        showError(result.cancelled ? tr("Cancelled; nothing was written.") : result.error);
        return;
    }
    m_snapshot = result.path;
    Q_EMIT fetched(result.path);
    accept();
}

void ConnectDialog::showNotice(const QString &text, const QString &copy)
{
    m_messages->appendPlainText(text);
    if (!copy.isEmpty()) {
        m_copyText = copy;
        m_copy->setEnabled(true);
    }
}

void ConnectDialog::showPluginOutput(const QByteArray &chunk)
{
    const QString text = QString::fromLocal8Bit(chunk);
    m_messages->insertPlainText(text);
    m_messages->ensureCursorVisible();
    // kubelogin and az print "... enter the code ABCD1234 to authenticate."
    static const QRegularExpression code(QStringLiteral("enter the code ([A-Z0-9-]{6,})"));
    if (const auto match = code.match(text); match.hasMatch()) {
        m_copyText = match.captured(1);
        m_copy->setEnabled(true);
    }
}

void ConnectDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void ConnectDialog::setBusy(bool busy)
{
    m_fetch->setEnabled(!busy);
    m_list->setEnabled(!busy);
    m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
}

void ConnectDialog::reject()
{
    if (m_job && m_job->isRunning()) {
        m_job->cancel(); // finished() follows; the dialog stays to say so
        return;
    }
    if (m_listing && m_listClient)
        m_listClient->cancelAll();
    QDialog::reject();
}

} // namespace clr::ui
