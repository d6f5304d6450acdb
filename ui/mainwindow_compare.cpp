// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's File > Compare With: the other snapshot loaded on a worker thread, the Changes dock, the
// matrix's gained and lost marks, and explanations of both sides.
#include "mainwindow.h"

#include "common/stringconv.h"
#include "compare/changespanel.h"
#include "compare/comparecontroller.h"
#include "explain/explanationview.h"
#include "matrix/matrixpage.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>

namespace clr::ui {

void MainWindow::createComparing()
{
    m_compare = new CompareController(this);
    m_changesPanel = new ChangesPanel(m_compare, this);
    m_changesDock = addDock(m_changesPanel, tr("Changes"), QStringLiteral("changesDock"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_problemsDock, m_changesDock);
    m_problemsDock->raise();
    m_changesDock->hide();
    m_viewMenu->addAction(m_changesDock->toggleViewAction());

    auto *withFiles = new QAction(tr("Compare &With Files…"), this);
    withFiles->setObjectName(QStringLiteral("compareWithFiles"));
    withFiles->setStatusTip(tr("Who gains and who loses access between the open snapshot (BASE) and other exports (HEAD)"));
    connect(withFiles, &QAction::triggered, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Compare with exports"), m_lastFolder,
                                                                tr("Exports (*.yaml *.yml *.json);;All files (*)"));
        if (!files.isEmpty())
            compareWith(files);
    });
    auto *withFolder = new QAction(tr("Compare With F&older…"), this);
    withFolder->setObjectName(QStringLiteral("compareWithFolder"));
    connect(withFolder, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Compare with a folder of exports"), m_lastFolder);
        if (!dir.isEmpty())
            compareWith({dir});
    });
    m_fileMenu->insertAction(m_reloadAction, withFiles);
    m_fileMenu->insertAction(m_reloadAction, withFolder);
    m_fileMenu->insertAction(m_reloadAction, m_changesPanel->closeAction());
    m_fileMenu->insertSeparator(m_reloadAction);

    connect(m_compare, &CompareController::comparisonChanged, this, [this](const ComparisonPtr &comparison) {
        m_matrix->setComparison(comparison);
        if (comparison) {
            m_changesDock->show();
            m_changesDock->raise();
            statusBar()->showMessage(m_changesPanel->summary().replace(QStringLiteral("<br>"), QStringLiteral(" — ")).remove(QRegularExpression(QStringLiteral("<[^>]*>"))), 8000);
        }
    });
    connect(m_compare, &CompareController::busyChanged, this, [this](bool busy) {
        m_phase->setText(busy ? tr("Comparing…") : QString());
        m_phase->setVisible(busy);
    });
    connect(m_compare, &CompareController::failed, this,
            [this](const QString &message) { QMessageBox::warning(this, tr("Compare"), tr("The snapshot to compare with could not be loaded:\n%1").arg(message)); });
    connect(m_changesPanel, &ChangesPanel::explainRequested, this, &MainWindow::explainCompared);
}

void MainWindow::compareWith(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    m_lastFolder = QFileInfo(paths.first()).absolutePath();
    m_compare->compareWith({paths, false});
}

void MainWindow::explainCompared(const compare::Party &party, const k8s::Request &request)
{
    const auto base = m_compare->baseGraph(), head = m_compare->headGraph();
    if (!base || !head)
        return;
    auto sideOf = [&](const std::shared_ptr<const PermissionGraph> &graph, const QString &label) {
        ExplanationView::Side side{graph.get(), label, std::nullopt};
        if (const auto who = compare::identityIn(*graph, party)) {
            ExplainTarget t;
            t.who = *who;
            t.request = request;
            t.whoLabel = toQString(party.label());
            side.target = t;
        }
        return side;
    };
    m_explanation->showComparison(sideOf(base, m_compare->baseLabel()), sideOf(head, m_compare->headLabel()));
    m_explanationDock->show();
    m_explanationDock->raise();
}

} // namespace clr::ui
