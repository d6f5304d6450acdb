// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/problemsproxy.h"

#include "common/diagnostics.h"
#include "models/itemroles.h"

namespace clr::ui {

ProblemsProxy::ProblemsProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
}

void ProblemsProxy::setShowNotes(bool show)
{
    if (show == m_showNotes)
        return;
    m_showNotes = show;
    invalidateFilter();
}

void ProblemsProxy::setFilterText(const QString &text)
{
    if (text.trimmed() == m_text)
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

bool ProblemsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_showNotes && index.data(SeverityRole).toInt() == int(Diagnostic::Severity::Info))
        return false;
    return m_text.isEmpty() || index.data(FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace clr::ui
