// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's drafting: the Drafts dock, Edit > Undo/Redo, least privilege from matrix cells,
// exports, and the drop targets (roles tree, matrix rows, namespace selector).
#include "mainwindow.h"

#include "drafts/draftscontroller.h"
#include "drafts/draftspanel.h"
#include "drafts/matrixdropfilter.h"
#include "identities/identitiespanel.h"
#include "matrix/matrixpage.h"
#include "models/itemroles.h"
#include "models/namespacematrixmodel.h"
#include "models/principalmatrixmodel.h"
#include "models/rbacobjectsmodel.h"
#include "roles/rolespage.h"

#include <QAction>
#include <QComboBox>
#include <QCursor>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QTreeView>

#include <map>
#include <set>

namespace clr::ui {

void MainWindow::createDrafting()
{
    m_drafts = new DraftsController(this, this);
    QString error;
    if (!m_drafts->restore({}, &error))
        QMessageBox::warning(this, tr("Drafts"), tr("The saved drafts could not be read; they were kept aside.\n%1").arg(error));
    m_draftsPanel = new DraftsPanel(m_drafts, this);
    m_draftsDock = addDock(m_draftsPanel, tr("Drafts"), QStringLiteral("draftsDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_explanationDock, m_draftsDock);
    m_explanationDock->raise();
    m_viewMenu->addAction(m_draftsDock->toggleViewAction());

    // Drag identities from the Identities panel onto roles, matrix rows or the namespace selector.
    m_identities->view()->setDragEnabled(true);
    m_identities->view()->setDragDropMode(QAbstractItemView::DragOnly);
    m_roles->model()->setDropHandler(m_drafts);
    m_roles->tree()->setAcceptDrops(true);
    m_roles->tree()->setDragDropMode(QAbstractItemView::DropOnly);
    m_roles->tree()->setDragDropOverwriteMode(true);
    m_roles->tree()->setDropIndicatorShown(true);
    new MatrixDropFilter(m_matrix, m_drafts, this);
    connect(m_matrix, &MatrixPage::exported, this, [this](const QString &path, const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), error);
        else
            statusBar()->showMessage(tr("Wrote %1").arg(path), 5000);
    });

    // Effect preview in both matrices; the namespace shown is what ambiguous drops preselect.
    connect(m_drafts, &DraftsController::draftGraphChanged, m_matrix->namespaceModel(), &MatrixModel::setDraftGraph);
    connect(m_drafts, &DraftsController::draftGraphChanged, m_matrix->principalModel(), &MatrixModel::setDraftGraph);
    if (auto *combo = m_matrix->findChild<QComboBox *>(QStringLiteral("namespaceCombo")))
        connect(combo, &QComboBox::currentTextChanged, this, [this] { m_drafts->setPreferredNamespace(m_matrix->namespaceName().toStdString()); });
    connect(m_drafts->undoStack(), &QUndoStack::indexChanged, this, [this] {
        m_draftsDock->show();
        m_draftsDock->raise();
    });

    QMenu *edit = nullptr;
    for (QAction *a : menuBar()->actions()) {
        if (a->menu() && a->text() == tr("&Edit"))
            edit = a->menu();
    }
    // The window's Edit menu owns Ctrl+Z / Ctrl+Shift+Z: the panel's copies would make them ambiguous.
    m_draftsPanel->undoAction()->setShortcut({});
    m_draftsPanel->redoAction()->setShortcut({});
    auto *undo = m_drafts->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    auto *redo = m_drafts->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    auto *generate = new QAction(tr("&Generate Least Privilege from Selection"), this);
    generate->setObjectName(QStringLiteral("generateAction"));
    generate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    generate->setStatusTip(tr("A Role that grants exactly the matrix cells selected for one identity and namespace"));
    connect(generate, &QAction::triggered, this, &MainWindow::generateLeastPrivilege);
    auto *exportAction = new QAction(tr("&Export…"), this);
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportAction, &QAction::triggered, this, &MainWindow::exportMenu);
    if (edit) {
        QAction *first = edit->actions().value(0);
        edit->insertAction(first, undo);
        edit->insertAction(first, redo);
        edit->insertSeparator(first);
        edit->addSeparator();
        edit->addAction(generate);
        edit->addAction(exportAction);
    } else {
        addActions({undo, redo, generate, exportAction});
    }
}

void MainWindow::generateLeastPrivilege()
{
    MatrixModel *model = m_matrix->currentModel();
    QModelIndexList selected;
    for (const QModelIndex &i : m_matrix->view()->selectionModel()->selectedIndexes())
        selected << m_matrix->sourceIndex(i);
    if (!m_session || !model || selected.isEmpty()) {
        statusBar()->showMessage(tr("Select cells of the access matrix for one identity and namespace first"), 5000);
        return;
    }
    std::set<int> rows;
    std::map<int, int> byColumn;
    for (const QModelIndex &i : selected) {
        rows.insert(i.row());
        byColumn[i.column()] = i.row();
    }
    if (rows.size() != 1) {
        statusBar()->showMessage(tr("Select cells of one row: one identity in one namespace"), 5000);
        return;
    }
    const QModelIndex any = selected.front();
    const ExplainTarget target = model->targetAt(any);
    std::optional<SubjectRef> subject = target.subject;
    if (!subject) {
        statusBar()->showMessage(tr("This row has no identity to grant to"), 5000);
        return;
    }
    std::vector<MatrixColumn> cells;
    std::string ns;
    for (const auto &[col, row] : byColumn) {
        cells.push_back(model->column(col));
        if (model->column(col).namespaced)
            ns = model->targetAt(model->index(row, col)).request.ns;
    }
    QString error;
    const auto proof = m_drafts->generateFromCells(*subject, cells, ns, &error);
    if (!proof) {
        statusBar()->showMessage(error, 6000);
        return;
    }
    const QString summary = QString::fromStdString(proof->summary());
    m_draftsPanel->showProof(summary, proof->exact());
    m_draftsDock->show();
    m_draftsDock->raise();
    statusBar()->showMessage(summary, 8000);
}

void MainWindow::exportMenu()
{
    QMenu menu(this);
    menu.addAction(tr("Drafts as Kubernetes YAML (one file)…"), m_draftsPanel, &DraftsPanel::exportYamlDialog);
    menu.addAction(tr("Drafts as Kubernetes YAML (one file per object)…"), m_draftsPanel, &DraftsPanel::exportFolderDialog);
    menu.addAction(tr("Azure drafts: az script and ARM template…"), m_draftsPanel, &DraftsPanel::exportAzureDialog);
    menu.addSeparator();
    for (bool html : {false, true}) {
        menu.addAction(html ? tr("Access matrix as HTML…") : tr("Access matrix as CSV…"), this, [this, html] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Export the access matrix"),
                                                              html ? QStringLiteral("matrix.html") : QStringLiteral("matrix.csv"));
            if (path.isEmpty())
                return;
            m_matrix->exportView(path, html); // the rows and columns the view shows; exported() reports
        });
    }
    menu.exec(QCursor::pos());
}

} // namespace clr::ui
