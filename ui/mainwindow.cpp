// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "compare/comparecontroller.h"
#include "drafts/draftscontroller.h"
#include "explain/explanationview.h"
#include "graph/graphpage.h"
#include "identities/identitiespanel.h"
#include "loadjob.h"
#include "matrix/matrixpage.h"
#include "models/itemroles.h"
#include "models/namespacematrixmodel.h"
#include "problems/problemspanel.h"
#include "problems/sourceviewer.h"
#include "remote/execconsent.h"
#include "remote/fetchjob.h"
#include "remote/http.h"
#include "remote/secretstore.h"
#include "roles/rolespage.h"
#include "whocan/whocanpage.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTableView>
#include <QUrl>

namespace clr::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_loadJob(new LoadJob(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    createPages();
    createDocks();
    createActions();
    createMenus();
    createStatusBar();
    createDrafting();
    createComparing();
    connectPages();
    connect(m_loadJob, &LoadJob::finished, this, &MainWindow::onLoaded);
    connect(m_loadJob, &LoadJob::progress, this, &MainWindow::onProgress);
    connect(m_loadJob, &LoadJob::phaseChanged, m_phase, &QLabel::setText);
    connect(m_loadJob, &LoadJob::cancelled, this, [this] { onLoadEnded(tr("Loading cancelled")); });
    connect(m_loadJob, &LoadJob::failed, this, [this](const QString &message) {
        onLoadEnded(tr("Loading failed: %1").arg(message));
        Q_EMIT loadFailed(message);
    });
    const QSize available = screen() ? screen()->availableSize() : QSize(1600, 1000);
    resize(qMin(1800, available.width() * 95 / 100), qMin(1100, available.height() * 92 / 100));
    readSettings();
    updateTitle();
}

MainWindow::~MainWindow()
{
    m_refresh.reset(); // before the transport and the store it uses
}

void MainWindow::createPages()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_matrix = new MatrixPage(m_tabs);
    m_whoCan = new WhoCanPage(m_tabs);
    m_graph = new GraphPage(m_tabs);
    m_roles = new RolesPage(m_tabs);
    m_tabs->addTab(m_matrix, tr("Access &matrix"));
    m_tabs->addTab(m_whoCan, tr("&Who can"));
    m_tabs->addTab(m_graph, tr("&Graph"));
    m_tabs->addTab(m_roles, tr("&Roles and bindings"));
    setCentralWidget(m_tabs);
    m_sourceViewer = new SourceViewer(this);
}

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name); // saveState() keys docks by object name
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createDocks()
{
    m_identities = new IdentitiesPanel(this);
    m_explanation = new ExplanationView(this);
    m_problems = new ProblemsPanel(this);
    m_identitiesDock = addDock(m_identities, tr("Identities"), QStringLiteral("identitiesDock"), Qt::LeftDockWidgetArea);
    m_explanationDock = addDock(m_explanation, tr("Explanation"), QStringLiteral("explanationDock"), Qt::RightDockWidgetArea);
    m_problemsDock = addDock(m_problems, tr("Problems"), QStringLiteral("problemsDock"), Qt::BottomDockWidgetArea);
}

void MainWindow::createStatusBar()
{
    m_summary = new QLabel(tr("Nothing loaded"), this);
    m_summary->setObjectName(QStringLiteral("statusSummary"));
    m_phase = new QLabel(this);
    m_phase->setObjectName(QStringLiteral("loadPhase"));
    m_phaseTimer = new QTimer(this);
    m_phaseTimer->setSingleShot(true);
    m_phaseTimer->setInterval(6000);
    connect(m_phaseTimer, &QTimer::timeout, m_phase, &QLabel::hide);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelLoad"));
    m_cancel->setToolTip(tr("Stop loading (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancelLoad);
    statusBar()->addWidget(m_summary, 1);
    statusBar()->addPermanentWidget(m_phase);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_phase->hide();
    m_progress->hide();
    m_cancel->hide();
}

void MainWindow::connectPages()
{
    connect(m_matrix, &MatrixPage::explainRequested, this, &MainWindow::explain);
    connect(m_whoCan, &WhoCanPage::explainRequested, this, &MainWindow::explain);
    connect(m_explanation, &ExplanationView::refActivated, this, &MainWindow::activateRef);
    connect(m_roles, &RolesPage::refActivated, this, &MainWindow::activateRef);
    connect(m_graph, &GraphPage::refActivated, this, &MainWindow::activateRef);
    connect(m_roles, &RolesPage::openSourceRequested, this, &MainWindow::showSource);
    connect(m_problems, &ProblemsPanel::openSourceRequested, this, &MainWindow::showSource);
    connect(m_roles, &RolesPage::currentObjectChanged, m_graph, &GraphPage::showObject);
    connect(m_identities, &IdentitiesPanel::selectionChanged, this, &MainWindow::onIdentitySelection);
    connect(m_problems, &ProblemsPanel::countChanged, this, [this](int problems) {
        m_problemsDock->setWindowTitle(problems ? tr("Problems (%1)").arg(problems) : tr("Problems"));
    });
}

// ---------------------------------------------------------------- loading

void MainWindow::openPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    addRecent(paths);
    startLoad({paths, false});
}

void MainWindow::openDemo()
{
    startLoad({{}, true});
}

void MainWindow::reload()
{
    if (refreshSnapshot())
        return; // reloads when the refresh is done
    if (m_lastRequest.demo || !m_lastRequest.paths.isEmpty())
        startLoad(m_lastRequest);
}

void MainWindow::cancelLoad()
{
    m_loadJob->cancel();
}

bool MainWindow::isLoading() const
{
    return m_loadJob->isRunning();
}

void MainWindow::startLoad(const LoadRequest &request)
{
    m_lastRequest = request;
    m_progress->setRange(0, 0);
    m_progress->show();
    m_phaseTimer->stop();
    m_phase->show();
    m_cancel->show();
    m_loadJob->start(request);
    updateTitle();
}

void MainWindow::onProgress(qint64 done, qint64 total)
{
    // QProgressBar is int: scale bytes to per-mille so multi-gigabyte exports still fit.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
}

void MainWindow::onLoadEnded(const QString &message)
{
    m_progress->hide();
    m_cancel->hide();
    // The outcome replaces the phase for a while; the summary on the left stays.
    m_phase->setText(message);
    m_phase->show();
    m_phaseTimer->start();
    updateTitle();
}

void MainWindow::onLoaded(const SessionPtr &session)
{
    m_session = session;
    m_identities->setSession(session);
    m_matrix->setSession(session);
    m_whoCan->setSession(session);
    m_graph->setSession(session);
    m_roles->setSession(session);
    m_drafts->setSession(session);
    m_compare->setSession(session);
    m_problems->setDiagnostics(session->diagnostics());
    m_explanation->showMessage(tr("Select a cell of the access matrix or a who-can result to see why it is allowed or denied."));
    m_summary->setText(session->summary());
    onLoadEnded(tr("Loaded %1").arg(session->title()));
    if (session->demo)
        showDemoStart();
    else if (m_problems->problemCount() > 0)
        m_problemsDock->raise();
    Q_EMIT snapshotLoaded();
}

void MainWindow::showDemoStart()
{
    // The first screen should already answer something: finance-app, and the first identity that
    // may delete pods there through Kubernetes RBAC, explained.
    m_matrix->setMode(MatrixPage::Mode::AllIdentities);
    m_matrix->setNamespace(QStringLiteral("finance-app"));
    auto *model = m_matrix->namespaceModel();
    const int col = model->columnOf(QStringLiteral("pods"), QStringLiteral("delete"));
    if (col < 0)
        return;
    for (int row = 0; row < qMin(model->rowCount(), 400); ++row) {
        const QModelIndex cell = model->index(row, col);
        const QModelIndex shown = m_matrix->viewIndex(cell);
        if (shown.isValid() && (cell.data(PlanesRole).toInt() & planeBit(Plane::Kubernetes))) {
            m_matrix->view()->setCurrentIndex(shown);
            m_matrix->view()->scrollTo(shown, QAbstractItemView::EnsureVisible);
            return;
        }
    }
}

void MainWindow::updateTitle()
{
    QString what = m_session ? m_session->title() : tr("nothing open");
    if (isLoading())
        what = m_session ? tr("%1 (loading…)").arg(what) : tr("loading…");
    setWindowTitle(tr("Clearance — %1").arg(what));
}

// ---------------------------------------------------------------- cross-page navigation

void MainWindow::explain(const ExplainTarget &target)
{
    if (!m_session)
        return;
    if (m_compare->comparison())
        explainCompared(compare::partyOf(*m_session->graph, target.who), target.request);
    else
        m_explanation->showExplanation(*m_session->graph, target);
    if (target.subject)
        m_graph->showSubject(*target.subject);
}

void MainWindow::onIdentitySelection(const std::vector<SubjectRef> &requesters, std::optional<SubjectRef> current)
{
    m_matrix->setSelection(requesters, current);
    if (current)
        m_graph->showSubject(*current);
}

bool MainWindow::activateRef(const QString &ref)
{
    if (!m_session)
        return false;
    const auto r = ObjectRef::parse(ref.toStdString());
    if (!r)
        return false;
    if (const auto subject = m_session->catalog->resolveRef(*r)) {
        m_identitiesDock->show();
        m_identitiesDock->raise();
        m_graph->showSubject(*subject);
        return m_identities->selectSubject(*subject);
    }
    if (m_roles->selectRef(*r)) {
        m_tabs->setCurrentWidget(m_roles);
        return true;
    }
    m_phase->setText(tr("%1 is not in the snapshot").arg(ref));
    m_phase->show();
    m_phaseTimer->start();
    return false;
}

void MainWindow::showSource(const QString &file, int line)
{
    m_sourceViewer->showFile(file, line);
    m_sourceViewer->show();
    m_sourceViewer->raise();
    m_sourceViewer->activateWindow();
}

// ---------------------------------------------------------------- window events

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_loadJob->cancel();
    writeSettings();
    m_sourceViewer->close();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls()) {
        for (const QUrl &url : event->mimeData()->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openPaths(paths);
}

} // namespace clr::ui
