// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's menus, shortcuts and remembered settings (the rest is in mainwindow.cpp).
#include "mainwindow.h"

#include "identities/identitiespanel.h"
#include "matrix/matrixpage.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

namespace clr::ui {

namespace {
constexpr int kMaxRecent = 10;
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kRecentKey = QStringLiteral("recent");
const QString kLastFolderKey = QStringLiteral("lastFolder");
} // namespace

void MainWindow::createActions()
{
    m_openFilesAction = new QAction(tr("&Open Files…"), this);
    m_openFilesAction->setShortcut(QKeySequence::Open);
    m_openFilesAction->setStatusTip(tr("Open kubectl, az and Microsoft Graph exports"));
    connect(m_openFilesAction, &QAction::triggered, this, &MainWindow::openFilesDialog);
    m_openFolderAction = new QAction(tr("Open &Folder…"), this);
    m_openFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_openFolderAction, &QAction::triggered, this, &MainWindow::openFolderDialog);
    m_openDemoAction = new QAction(tr("Open the Contoso &Demo"), this);
    connect(m_openDemoAction, &QAction::triggered, this, &MainWindow::openDemo);
    m_reloadAction = new QAction(tr("&Reload"), this);
    m_reloadAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_reloadAction->setStatusTip(tr("Load again; a fetched snapshot is first refreshed from the cluster and Azure"));
    m_connectAction = new QAction(tr("&Connect…"), this);
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_connectAction->setStatusTip(tr("Fetch a snapshot from a cluster (kubeconfig), Microsoft Graph and Azure Resource Manager"));
    connect(m_connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);
    m_connectAction->setEnabled(false); // until app/ provides the network (setRemoteServices)
    connect(m_reloadAction, &QAction::triggered, this, &MainWindow::reload);
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Q), QKeySequence(Qt::CTRL | Qt::Key_W)});
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    // Ctrl+F finds where the user looks: in the access matrix (among the rows its view shows) when that
    // tab is current, else in the Identities panel. Ctrl+Shift+F always filters the Identities panel.
    m_findAction = new QAction(tr("&Find…"), this);
    m_findAction->setObjectName(QStringLiteral("findAction"));
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setStatusTip(tr("Find an identity in the access matrix, or filter the Identities panel on other tabs"));
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (m_tabs->currentWidget() == m_matrix) {
            m_matrix->activateFind();
            return;
        }
        m_identitiesDock->show();
        m_identitiesDock->raise();
        m_identities->focusFilter();
    });
    m_filterIdentitiesAction = new QAction(tr("Filter &Identities…"), this);
    m_filterIdentitiesAction->setObjectName(QStringLiteral("filterIdentitiesAction"));
    m_filterIdentitiesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_filterIdentitiesAction, &QAction::triggered, this, [this] {
        m_identitiesDock->show();
        m_identitiesDock->raise();
        m_identities->focusFilter();
    });
}

void MainWindow::createMenus()
{
    QMenu *file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openFilesAction);
    file->addAction(m_openFolderAction);
    file->addAction(m_connectAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_openDemoAction);
    file->addSeparator();
    file->addAction(m_reloadAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_findAction);
    edit->addAction(m_filterIdentitiesAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *action = m_viewMenu->addAction(m_tabs->tabText(i).remove(QLatin1Char('&')));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
    }
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : {m_identitiesDock, m_explanationDock, m_problemsDock})
        m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Clearance"), this, [this] {
        QMessageBox::about(this, tr("About Clearance"),
                           tr("<h3>Clearance %1</h3><p>Who can do what on your AKS cluster, why, and what to grant "
                              "instead.</p><p>Kubernetes RBAC, Microsoft Entra ID and Azure RBAC joined into one "
                              "permission graph, evaluated offline from exports.</p>")
                               .arg(QStringLiteral(CLEARANCE_VERSION)));
    });
    rebuildRecentMenu();
}

void MainWindow::openFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open exports"), m_lastFolder,
                                                            tr("Exports (*.yaml *.yml *.json);;All files (*)"));
    if (files.isEmpty())
        return;
    m_lastFolder = QFileInfo(files.first()).absolutePath();
    openPaths(files);
}

void MainWindow::openFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a folder of exports"), m_lastFolder);
    if (dir.isEmpty())
        return;
    m_lastFolder = dir;
    openPaths({dir});
}

void MainWindow::addRecent(const QStringList &paths)
{
    QStringList absolute;
    for (const QString &p : paths)
        absolute << QFileInfo(p).absoluteFilePath();
    m_recent.removeAll(absolute);
    m_recent.prepend(absolute);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    rebuildRecentMenu();
    writeSettings();
}

QStringList MainWindow::recentEntries() const
{
    QStringList out;
    for (const auto &entry : m_recent)
        out << entry.join(QStringLiteral(", "));
    return out;
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (int i = 0; i < m_recent.size(); ++i) {
        const QStringList entry = m_recent[i];
        QString label = QDir::toNativeSeparators(entry.first());
        if (entry.size() > 1)
            label = tr("%1 and %2 more").arg(label).arg(entry.size() - 1);
        QAction *action = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1 < 10 ? QString::number(i + 1) : QStringLiteral("0"), label));
        action->setToolTip(entry.join(QLatin1Char('\n')));
        connect(action, &QAction::triggered, this, [this, entry] { openPaths(entry); });
    }
    if (!m_recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear"), this, [this] {
            m_recent.clear();
            rebuildRecentMenu();
            writeSettings();
        });
    }
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    if (!restoreState(settings.value(kStateKey).toByteArray())) {
        // First start: docks get their sizes once the window is laid out.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_identitiesDock, m_explanationDock}, {310, 400}, Qt::Horizontal);
            resizeDocks({m_problemsDock}, {160}, Qt::Vertical);
        });
    }
    m_lastFolder = settings.value(kLastFolderKey, QDir::homePath()).toString();
    const int n = settings.beginReadArray(kRecentKey);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        const QStringList paths = settings.value(QStringLiteral("paths")).toStringList();
        if (!paths.isEmpty())
            m_recent << paths;
    }
    settings.endArray();
    rebuildRecentMenu();
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kLastFolderKey, m_lastFolder);
    settings.beginWriteArray(kRecentKey, int(m_recent.size()));
    for (int i = 0; i < m_recent.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("paths"), m_recent[i]);
    }
    settings.endArray();
}

} // namespace clr::ui
