// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/rbacfilterproxy.h"

#include "models/itemroles.h"

namespace clr::ui {

RbacFilterProxy::RbacFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(SortRole);
}

void RbacFilterProxy::setFilterText(const QString &text)
{
    if (text.trimmed() == m_text)
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

bool RbacFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    if (!sourceParent.isValid())
        return false; // a folder stays only for its matching children (recursive filtering)
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace clr::ui
