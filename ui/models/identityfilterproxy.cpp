// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/identityfilterproxy.h"

#include "models/identitymodel.h"

#include <QTimer>

#include <utility>

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
    // Views (and the model tester) walk the tree from the signals re-filtering emits; a fetch from
    // there would insert rows in the middle of this change.
    m_filtering = true;
    // invalidate(), not invalidateFilter(): the latter removes rejected rows range by range, and
    // with matches scattered over 200k users the views drown in rowsRemoved signals. Dropping the
    // mapping is one layoutChanged; the views then ask only for what they show.
    invalidate();
    m_filtering = false;
}

void IdentityFilterProxy::fetchMore(const QModelIndex &parent)
{
    if (!m_filtering) {
        QSortFilterProxyModel::fetchMore(parent);
        return;
    }
    if (m_fetchQueue.isEmpty())
        QTimer::singleShot(0, this, &IdentityFilterProxy::fetchQueued);
    m_fetchQueue.append(QPersistentModelIndex(parent));
}

void IdentityFilterProxy::fetchQueued()
{
    const auto queue = std::exchange(m_fetchQueue, {});
    for (const QPersistentModelIndex &index : queue) {
        if (index.isValid())
            fetchMore(index);
    }
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
