// SPDX-License-Identifier: GPL-3.0-or-later
#include "drafts/draftspanel.h"

#include "drafts/draftscontroller.h"
#include "drafts/draftsmodel.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace clr::ui {

DraftsPanel::DraftsPanel(DraftsController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("draftsPanel"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("draftsView"));
    m_view->setModel(controller->model());
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    m_effect = new QTextBrowser(this);
    m_effect->setObjectName(QStringLiteral("draftEffect"));
    m_status = new QLabel(this);
    m_proof = new QLabel(this);
    m_proof->setObjectName(QStringLiteral("proofLabel"));
    m_proof->setWordWrap(true);
    m_proof->hide();
    buildActions();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_undo);
    bar->addAction(m_redo);
    bar->addSeparator();
    bar->addAction(m_edit);
    bar->addAction(m_remove);
    bar->addSeparator();
    bar->addWidget(m_exportButton);
    layout->addWidget(bar);
    layout->addWidget(m_view, 2);
    layout->addWidget(m_proof);
    layout->addWidget(new QLabel(tr("<b>Effect of the drafts</b> (who gains what)"), this));
    layout->addWidget(m_effect, 3);
    layout->addWidget(m_status);
    connect(controller, &DraftsController::effectChanged, m_effect, &QTextBrowser::setPlainText);
    connect(controller, &DraftsController::updatingChanged, this, [this](bool updating) {
        m_status->setText(updating ? tr("Updating the preview…") : QString());
    });
    connect(controller->model(), &DraftsModel::saveFailed, this, [this](const QString &message) {
        m_status->setText(tr("Drafts could not be saved: %1").arg(message));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DraftsPanel::updateActions);
    connect(controller->model(), &DraftsModel::draftsChanged, this, &DraftsPanel::updateActions);
    updateActions();
}

DraftsPanel::~DraftsPanel() = default;

void DraftsPanel::buildActions()
{
    QUndoStack *stack = m_controller->undoStack();
    m_undo = stack->createUndoAction(this, tr("&Undo"));
    m_undo->setObjectName(QStringLiteral("draftsUndo"));
    m_undo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redo = stack->createRedoAction(this, tr("&Redo"));
    m_redo->setObjectName(QStringLiteral("draftsRedo"));
    m_redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    // The panel's own copies only act while it has focus; the window's Edit menu has the global ones.
    m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove = new QAction(tr("Remove"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_remove, &QAction::triggered, this, [this] {
        const auto rows = m_view->selectionModel()->selectedRows();
        std::vector<std::string> ids;
        for (const QModelIndex &row : rows)
            ids.push_back(m_controller->model()->draftAt(row.row()).id);
        m_controller->undoStack()->beginMacro(tr("Remove %n Drafts", nullptr, int(ids.size())));
        for (const auto &id : ids)
            m_controller->model()->removeDraft(id);
        m_controller->undoStack()->endMacro();
    });
    m_edit = new QAction(tr("Edit"), this);
    m_edit->setToolTip(tr("Edit the namespace, role or name of the selected draft (or double-click a cell)"));
    connect(m_edit, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_view->edit(current.siblingAtColumn(DraftsModel::ScopeColumn));
    });
    addActions({m_undo, m_redo, m_remove});
    m_exportButton = new QToolButton(this);
    m_exportButton->setObjectName(QStringLiteral("exportDrafts"));
    m_exportButton->setText(tr("Export"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_exportButton);
    menu->addAction(tr("Kubernetes YAML (one file)…"), this, &DraftsPanel::exportYamlDialog);
    menu->addAction(tr("Kubernetes YAML (one file per object)…"), this, &DraftsPanel::exportFolderDialog);
    menu->addAction(tr("Azure: az script and ARM template…"), this, &DraftsPanel::exportAzureDialog);
    m_exportButton->setMenu(menu);
}

void DraftsPanel::updateActions()
{
    m_remove->setEnabled(m_view->selectionModel()->hasSelection());
    m_edit->setEnabled(m_view->currentIndex().isValid());
    m_exportButton->setEnabled(m_controller->model()->rowCount() > 0 || !m_controller->generated().empty());
}

void DraftsPanel::showProof(const QString &text, bool exact)
{
    m_proof->setText(exact ? tr("✔ %1").arg(text) : tr("⚠ %1").arg(text));
    m_proof->show();
}

void DraftsPanel::report(const QString &error, const QString &done)
{
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
    else
        m_status->setText(done);
}

void DraftsPanel::exportYamlDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export drafts as YAML"), QStringLiteral("clearance-drafts.yaml"),
                                                      tr("YAML (*.yaml *.yml)"));
    if (!path.isEmpty())
        report(m_controller->exportYaml(path), tr("Wrote %1: kubectl apply -f %1").arg(path));
}

void DraftsPanel::exportFolderDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export drafts into a folder"));
    if (!dir.isEmpty())
        report(m_controller->exportFolder(dir), tr("Wrote the objects into %1: kubectl apply -f %1").arg(dir));
}

void DraftsPanel::exportAzureDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Azure drafts"), QStringLiteral("clearance-assignments.sh"),
                                                      tr("Shell script (*.sh)"));
    if (path.isEmpty())
        return;
    const QString arm = QFileInfo(path).path() + QLatin1Char('/') + QFileInfo(path).completeBaseName() + QStringLiteral(".json");
    QString error = m_controller->exportAzScript(path);
    if (error.isEmpty())
        error = m_controller->exportArmTemplate(arm);
    report(error, tr("Wrote %1 and %2").arg(path, arm));
}

} // namespace clr::ui
