// SPDX-License-Identifier: GPL-3.0-or-later
#include "problems/problemspanel.h"

#include "models/itemroles.h"
#include "models/problemsmodel.h"
#include "models/problemsproxy.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

namespace clr::ui {

ProblemsPanel::ProblemsPanel(QWidget *parent)
    : QWidget(parent)
    , m_showNotes(new QCheckBox(tr("Show &notes"), this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new ProblemsModel(this))
    , m_proxy(new ProblemsProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("problemsView"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ProblemsModel::SeverityColumn, Qt::AscendingOrder);
    m_view->header()->resizeSection(ProblemsModel::SeverityColumn, 90);
    m_view->header()->resizeSection(ProblemsModel::FileColumn, 220);
    m_view->header()->resizeSection(ProblemsModel::LineColumn, 50);
    m_view->setToolTip(tr("Double-click (or Enter) to open the file at that line"));
    // activated covers Enter (and double-click where the style says so); double-click always opens.
    connect(m_view, &QTreeView::activated, this, &ProblemsPanel::activate);
    connect(m_view, &QTreeView::doubleClicked, this, &ProblemsPanel::activate);
    m_filter->setPlaceholderText(tr("Filter problems"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ProblemsProxy::setFilterText);
    m_showNotes->setToolTip(tr("Also list informational notes (skipped objects, defaults applied)"));
    connect(m_showNotes, &QCheckBox::toggled, m_proxy, &ProblemsProxy::setShowNotes);
    connect(m_showNotes, &QCheckBox::toggled, this, &ProblemsPanel::updateCount);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_showNotes);
    bar->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void ProblemsPanel::setDiagnostics(Diagnostics diagnostics)
{
    m_model->setDiagnostics(std::move(diagnostics));
    updateCount();
}

int ProblemsPanel::problemCount() const
{
    return m_model->problemCount();
}

void ProblemsPanel::updateCount()
{
    const int problems = m_model->problemCount();
    const int notes = m_model->rowCount() - problems;
    m_count->setText(tr("%n problem(s)", nullptr, problems) + (notes ? tr(", %n note(s)", nullptr, notes) : QString()));
    Q_EMIT countChanged(problems);
}

void ProblemsPanel::activate(const QModelIndex &index)
{
    const QString file = index.data(FileRole).toString();
    if (!file.isEmpty())
        Q_EMIT openSourceRequested(file, index.data(LineRole).toInt());
}

} // namespace clr::ui
