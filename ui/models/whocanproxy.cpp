// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/whocanproxy.h"

#include "models/itemroles.h"

namespace clr::ui {

WhoCanProxy::WhoCanProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setDynamicSortFilter(false);
}

void WhoCanProxy::setFilterText(const QString &text)
{
    if (text.trimmed() == m_text)
        return;
    m_text = text.trimmed();
    invalidateFilter();
}

bool WhoCanProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace clr::ui
