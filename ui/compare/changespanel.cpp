// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/changespanel.h"

#include "common/stringconv.h"
#include "compare/comparecontroller.h"
#include "compare/report.h"
#include "models/changesmodel.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace clr::ui {

ChangesPanel::ChangesPanel(CompareController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_model(new ChangesModel(this))
    , m_changeList(new ChangeListModel(this))
{
    setObjectName(QStringLiteral("changesPanel"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("changesSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("changesView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(true);
    m_changes = new QTableView(this);
    m_changes->setObjectName(QStringLiteral("changeListView"));
    m_changes->setModel(m_changeList);
    m_changes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_changes->verticalHeader()->hide();
    m_changes->horizontalHeader()->setStretchLastSection(true);
    m_changes->setWordWrap(false);

    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_swap = bar->addAction(tr("Swap BASE and HEAD"), controller, &CompareController::swap);
    m_swap->setObjectName(QStringLiteral("swapComparison"));
    m_export = bar->addAction(tr("Export Report…"), this, &ChangesPanel::exportDialog);
    m_close = bar->addAction(tr("Close Comparison"), controller, &CompareController::close);
    m_close->setObjectName(QStringLiteral("closeComparison"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_changes);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(bar);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(controller, &CompareController::comparisonChanged, this, &ChangesPanel::onComparison);
    connect(controller, &CompareController::busyChanged, this, &ChangesPanel::onComparison);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChangesPanel::onCurrent);
    onComparison();
}

ChangesPanel::~ChangesPanel() = default;

QString ChangesPanel::summary() const
{
    return m_summary->text();
}

void ChangesPanel::onComparison()
{
    const ComparisonPtr c = m_controller->comparison();
    if (m_model->comparison() != c.get()) {
        m_model->setComparison(c);
        m_changeList->setComparison(c);
        m_changes->resizeColumnToContents(ChangeListModel::NumberColumn);
        m_changes->resizeColumnToContents(ChangeListModel::EffectColumn);
        // Who and what can be long; the causes take the rest.
        m_view->setColumnWidth(ChangesModel::WhatColumn, std::max(360, m_view->viewport()->width() / 2));
        m_changes->setColumnWidth(ChangeListModel::ChangeColumn, std::max(360, m_changes->viewport()->width() / 2));
    }
    const bool active = m_controller->isActive();
    m_swap->setEnabled(active && !m_controller->isBusy());
    m_export->setEnabled(c != nullptr);
    m_close->setEnabled(active || m_controller->isBusy());
    if (m_controller->isBusy())
        m_summary->setText(tr("Comparing…"));
    else if (!c)
        m_summary->setText(tr("Nothing compared. File > Compare With… picks the snapshot to compare the open one with."));
    else
        m_summary->setText(tr("<b>BASE</b> %1 → <b>HEAD</b> %2<br>%3")
                               .arg(m_controller->baseLabel().toHtmlEscaped(), m_controller->headLabel().toHtmlEscaped(),
                                    toQString(compare::summaryText(*c)).toHtmlEscaped()));
}

void ChangesPanel::onCurrent(const QModelIndex &index)
{
    const compare::IdentityDelta *d = m_model->deltaAt(index);
    if (!d)
        return;
    const compare::PermissionChange *line = m_model->lineAt(index);
    if (!line)
        line = !d->gained.empty() ? &d->gained.front() : (!d->lost.empty() ? &d->lost.front() : nullptr);
    if (line && !line->requests.empty())
        Q_EMIT explainRequested(d->who, line->requests.front());
}

QString ChangesPanel::exportReport(const QString &path, bool html) const
{
    const ComparisonPtr c = m_controller->comparison();
    if (!c)
        return tr("Nothing compared.");
    const compare::ReportInfo info{toStd(m_controller->baseLabel()), toStd(m_controller->headLabel())};
    const std::string text = html ? compare::toHtml(*c, info) : compare::toJson(*c, info);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0 || !file.commit())
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

void ChangesPanel::exportDialog()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the comparison"), QStringLiteral("clearance-diff.html"),
                                                      tr("HTML report (*.html);;JSON (*.json)"), &filter);
    if (path.isEmpty())
        return;
    const QString error = exportReport(path, !path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive));
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace clr::ui
