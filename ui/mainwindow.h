// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/party.h"
#include "explain/explaintarget.h"
#include "loadworker.h"
#include "remoteservices.h"
#include "session.h"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTimer;

namespace clr::remote {
class FetchJob;
class RememberedExecConsent;
struct FetchResult;
} // namespace clr::remote

namespace clr::ui {

class ChangesPanel;
class CompareController;
class DraftsController;
class DraftsPanel;
class ExplanationView;
class GraphPage;
class IdentitiesPanel;
class LoadJob;
class MatrixPage;
class ProblemsPanel;
class RolesPage;
class SourceViewer;
class WhoCanPage;

/**
 * The Clearance window: Identities, Explanation and Problems docks around the Matrix, Who can,
 * Graph and Roles tabs. Loads run on a worker thread (LoadJob); the window stays usable with the
 * previous snapshot until the new one is ready, then every page switches to it at once.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Opens files and folders (replacing what is open); snapshotLoaded() or loadFailed() follows. */
    void openPaths(const QStringList &paths);
    /** Opens the built-in Contoso demo. */
    void openDemo();
    /** Loads what is open again from disk (F5); a fetched snapshot is refreshed from the services first. */
    void reload();
    /** The network and keychain for File → Connect… and refreshing (app/ injects them). */
    void setRemoteServices(RemoteServices services);
    /** File → Connect…: fetch a snapshot, then open it. */
    void showConnectDialog();
    /** Refreshes the open fetched snapshot in place (incrementally), then reloads it. False if none is open. */
    bool refreshSnapshot();
    bool isRefreshing() const;
    /** Where fetched snapshots are kept: <AppDataLocation>/snapshots. */
    static QString snapshotsRoot();
    /** The snapshot folder (with snapshot.json) that is open, or empty. */
    QString openSnapshotFolder() const;
    void cancelLoad();
    bool isLoading() const;
    SessionPtr session() const { return m_session; }

    /** Follows a PathStep ref ("principal:<oid>", "clusterrole:view", ...): selects that object. */
    bool activateRef(const QString &ref);
    /** Opens the source viewer on a file at a line. */
    void showSource(const QString &file, int line);
    QStringList recentEntries() const;

    IdentitiesPanel *identitiesPanel() const { return m_identities; }
    MatrixPage *matrixPage() const { return m_matrix; }
    WhoCanPage *whoCanPage() const { return m_whoCan; }
    GraphPage *graphPage() const { return m_graph; }
    RolesPage *rolesPage() const { return m_roles; }
    ExplanationView *explanationView() const { return m_explanation; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    SourceViewer *sourceViewer() const { return m_sourceViewer; }
    QTabWidget *tabs() const { return m_tabs; }
    DraftsController *drafts() const { return m_drafts; }
    DraftsPanel *draftsPanel() const { return m_draftsPanel; }
    CompareController *comparison() const { return m_compare; }
    ChangesPanel *changesPanel() const { return m_changesPanel; }
    /** File > Compare With: loads `paths` and compares the open snapshot (BASE) with them (HEAD). */
    void compareWith(const QStringList &paths);

Q_SIGNALS:
    void snapshotLoaded();
    void loadFailed(const QString &message);
    /** A refresh (F5 on a fetched snapshot) ended; a successful one is followed by a reload. */
    void refreshFinished(bool ok, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createPages();
    void createDocks();
    void createDrafting(); // mainwindow_drafts.cpp
    void createComparing(); // mainwindow_compare.cpp
    void explainCompared(const compare::Party &party, const k8s::Request &request);
    bool ensureRemote();   // mainwindow_connect.cpp
    void onRefreshed(const remote::FetchResult &result);
    void generateLeastPrivilege();
    void exportMenu();
    void createActions();
    void createMenus();
    void createStatusBar();
    void connectPages();
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area);

    void startLoad(const LoadRequest &request);
    void onLoaded(const SessionPtr &session);
    void onLoadEnded(const QString &message);
    void onProgress(qint64 done, qint64 total);
    void showDemoStart();
    void explain(const ExplainTarget &target);
    void onIdentitySelection(const std::vector<SubjectRef> &requesters, std::optional<SubjectRef> current);

    void openFilesDialog();
    void openFolderDialog();
    void addRecent(const QStringList &paths);
    void rebuildRecentMenu();
    void readSettings();
    void writeSettings() const;
    void updateTitle();

    LoadJob *m_loadJob = nullptr;
    RemoteServices m_remote;
    std::unique_ptr<remote::HttpTransport> m_transport;
    std::unique_ptr<remote::SecretStore> m_secrets;
    std::unique_ptr<remote::RememberedExecConsent> m_consent;
    std::unique_ptr<remote::FetchJob> m_refresh;
    SessionPtr m_session;
    LoadRequest m_lastRequest;
    QList<QStringList> m_recent;
    QString m_lastFolder;

    QTabWidget *m_tabs = nullptr;
    MatrixPage *m_matrix = nullptr;
    WhoCanPage *m_whoCan = nullptr;
    GraphPage *m_graph = nullptr;
    RolesPage *m_roles = nullptr;
    IdentitiesPanel *m_identities = nullptr;
    ExplanationView *m_explanation = nullptr;
    ProblemsPanel *m_problems = nullptr;
    SourceViewer *m_sourceViewer = nullptr;
    QDockWidget *m_identitiesDock = nullptr;
    QDockWidget *m_explanationDock = nullptr;
    QDockWidget *m_problemsDock = nullptr;
    DraftsController *m_drafts = nullptr;
    DraftsPanel *m_draftsPanel = nullptr;
    QDockWidget *m_draftsDock = nullptr;
    CompareController *m_compare = nullptr;
    ChangesPanel *m_changesPanel = nullptr;
    QDockWidget *m_changesDock = nullptr;
    QMenu *m_fileMenu = nullptr;

    QMenu *m_recentMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_openFilesAction = nullptr;
    QAction *m_openFolderAction = nullptr;
    QAction *m_openDemoAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_filterIdentitiesAction = nullptr;

    QLabel *m_summary = nullptr;
    QLabel *m_phase = nullptr;
    QTimer *m_phaseTimer = nullptr; // hides the outcome of the last load after a while
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace clr::ui
