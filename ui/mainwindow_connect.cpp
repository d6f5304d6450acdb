// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's File → Connect… and F5 on a fetched snapshot (the rest is in mainwindow.cpp).
#include "mainwindow.h"

#include "dialogs/connectdialog.h"
#include "dialogs/execconsentprompt.h"
#include "remote/fetchjob.h"
#include "remote/http.h"
#include "remote/manifest.h"
#include "remote/secretstore.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>

namespace clr::ui {

void MainWindow::setRemoteServices(RemoteServices services)
{
    m_remote = std::move(services);
    m_connectAction->setEnabled(m_remote.available());
}

QString MainWindow::snapshotsRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("snapshots"));
}

QString MainWindow::openSnapshotFolder() const
{
    if (m_lastRequest.demo || m_lastRequest.paths.size() != 1)
        return {};
    const QString path = m_lastRequest.paths.first();
    return QFileInfo(QDir(path).filePath(QLatin1String(remote::SnapshotManifest::fileName))).isFile() ? path : QString();
}

bool MainWindow::ensureRemote()
{
    if (!m_remote.available())
        return false;
    if (!m_transport)
        m_transport = m_remote.transport();
    if (!m_secrets) {
        auto notice = [this](const QString &text) {
            m_phase->setText(text);
            m_phase->show();
            m_phaseTimer->start();
        };
        m_secrets = m_remote.secrets ? m_remote.secrets(notice) : std::make_unique<remote::MemorySecretStore>();
    }
    if (!m_consent) {
        m_consent = std::make_unique<remote::RememberedExecConsent>(QStringList(), [this](const remote::ExecConsentRequest &r, remote::ExecConsent::Answer a) {
            askExecConsent(this, r, std::move(a));
        });
    }
    return true;
}

void MainWindow::showConnectDialog()
{
    if (!ensureRemote())
        return;
    auto *dialog = new ConnectDialog(m_transport.get(), m_secrets.get(), snapshotsRoot(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectDialog::fetched, this, [this](const QString &path) { openPaths({path}); });
    dialog->open();
}

bool MainWindow::isRefreshing() const
{
    return m_refresh && m_refresh->isRunning();
}

bool MainWindow::refreshSnapshot()
{
    const QString folder = openSnapshotFolder();
    if (folder.isEmpty() || isRefreshing() || !ensureRemote())
        return false;
    const auto manifest = remote::SnapshotManifest::read(folder);
    if (!manifest)
        return false;
    remote::FetchServices services;
    services.transport = m_transport.get();
    services.secrets = m_secrets.get();
    services.exec.consent = m_consent.get();
    services.exec.stderrSink = [this](const QByteArray &chunk) {
        m_phase->setText(QString::fromLocal8Bit(chunk).trimmed());
        m_phase->show();
    };
    services.notice = [this](const QString &text, const QString &) {
        QMessageBox::information(this, tr("Sign in"), text); // a device code or a sign-in address
    };
    services.openBrowser = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    m_refresh = std::make_unique<remote::FetchJob>(remote::FetchOptions::fromManifest(*manifest, folder), services);
    connect(m_refresh.get(), &remote::FetchJob::progressed, this, [this](const remote::ListProgress &p) {
        m_phase->setText(tr("Refreshing: %1 %2, %3 objects").arg(p.source, p.name).arg(p.objects));
    });
    connect(m_refresh.get(), &remote::FetchJob::finished, this, &MainWindow::onRefreshed);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_phaseTimer->stop();
    m_phase->setText(tr("Refreshing from the cluster and Azure…"));
    m_phase->show();
    m_cancel->show();
    m_cancel->disconnect(this);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (isRefreshing())
            m_refresh->cancel();
        else
            cancelLoad();
    });
    m_refresh->start();
    return true;
}

void MainWindow::onRefreshed(const remote::FetchResult &result)
{
    if (!result.ok) {
        onLoadEnded(result.cancelled ? tr("Refresh cancelled") : tr("Refresh failed"));
        if (!result.cancelled)
            QMessageBox::warning(this, tr("Refresh failed"), result.error);
        Q_EMIT refreshFinished(false, result.error);
        return;
    }
    Q_EMIT refreshFinished(true, QString());
    startLoad(m_lastRequest);
}

} // namespace clr::ui
