// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/matrixfilterproxy.h"

#include <algorithm>

namespace clr::ui {

MatrixFilterProxy::MatrixFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // The source's dataChanged (a new namespace, a draft preview) never changes which rows a view shows:
    // only a new answer does, and that comes with a reset.
    setDynamicSortFilter(false);
}

void MatrixFilterProxy::setAcceptedRows(std::shared_ptr<const std::vector<bool>> accepted)
{
    beginResetModel();
    m_rows = std::move(accepted);
    endResetModel();
}

void MatrixFilterProxy::setVisibleColumns(std::vector<bool> visible)
{
    if (visible == m_columns)
        return;
    beginResetModel();
    m_columns = std::move(visible);
    endResetModel();
}

void MatrixFilterProxy::setPinnedRows(std::vector<int> sourceRows)
{
    if (sourceRows == m_pinned)
        return;
    beginResetModel();
    m_pinned = std::move(sourceRows);
    endResetModel();
}

int MatrixFilterProxy::firstVisibleColumn() const
{
    if (!sourceModel() || sourceModel()->columnCount() == 0)
        return -1;
    if (m_columns.empty())
        return 0;
    const auto it = std::find(m_columns.begin(), m_columns.end(), true);
    return it == m_columns.end() ? -1 : int(it - m_columns.begin());
}

bool MatrixFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    if (!m_rows)
        return true;
    if (std::size_t(sourceRow) < m_rows->size() && (*m_rows)[std::size_t(sourceRow)])
        return true;
    return std::find(m_pinned.begin(), m_pinned.end(), sourceRow) != m_pinned.end();
}

bool MatrixFilterProxy::filterAcceptsColumn(int sourceColumn, const QModelIndex &) const
{
    return m_columns.empty() || (std::size_t(sourceColumn) < m_columns.size() && m_columns[std::size_t(sourceColumn)]);
}

} // namespace clr::ui
