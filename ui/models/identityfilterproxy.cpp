// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/identityfilterproxy.h"

#include "models/identitymodel.h"

namespace clr::ui {

IdentityFilterProxy::IdentityFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setDynamicSortFilter(false);
}

void IdentityFilterProxy::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return;
    m_text = trimmed;
    m_needle = trimmed.toLower().toStdString();
    invalidateFilter();
}

bool IdentityFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_needle.empty())
        return true;
    const auto *model = qobject_cast<const IdentityModel *>(sourceModel());
    if (!model)
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    return model->matches(model->index(sourceRow, 0, sourceParent), m_needle);
}

} // namespace clr::ui
