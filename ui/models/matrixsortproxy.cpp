// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/matrixsortproxy.h"

#include "models/itemroles.h"

#include <QAbstractProxyModel>
#include <QBrush>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace clr::ui {

MatrixSortProxy::MatrixSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(false); // the order changes only with new ranks or pins, each a reset
}

int MatrixSortProxy::baseRow(const QModelIndex &index)
{
    QModelIndex i = index;
    while (i.isValid()) {
        const auto *proxy = qobject_cast<const QAbstractProxyModel *>(i.model());
        if (!proxy)
            return i.row();
        i = proxy->mapToSource(i);
    }
    return -1;
}

void MatrixSortProxy::resort()
{
    // Sorting needs a column to sort by; any will do, lessThan() looks at rows only.
    if (columnCount() > 0)
        sort(0, Qt::AscendingOrder);
}

void MatrixSortProxy::setRanks(std::shared_ptr<const std::vector<std::uint32_t>> ranks)
{
    beginResetModel();
    m_ranks = std::move(ranks);
    endResetModel();
    resort();
}

void MatrixSortProxy::setPinnedRows(std::vector<int> baseRows)
{
    if (baseRows == m_pinned)
        return;
    beginResetModel();
    m_pinned = std::move(baseRows);
    endResetModel();
    resort();
}

int MatrixSortProxy::pinIndex(int base) const
{
    const auto it = std::find(m_pinned.begin(), m_pinned.end(), base);
    return it == m_pinned.end() ? -1 : int(it - m_pinned.begin());
}

bool MatrixSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int l = baseRow(left), r = baseRow(right);
    const int pl = pinIndex(l), pr = pinIndex(r);
    if (pl >= 0 || pr >= 0)
        return pr < 0 || (pl >= 0 && pl < pr);
    if (m_ranks && std::size_t(l) < m_ranks->size() && std::size_t(r) < m_ranks->size())
        return (*m_ranks)[std::size_t(l)] < (*m_ranks)[std::size_t(r)];
    return l < r;
}

bool MatrixSortProxy::differs(const QModelIndex &index) const
{
    if (m_pinned.size() < 2 || index.row() >= int(m_pinned.size()))
        return false;
    // Pinned rows are the first rows: compare this cell with the same column of each of them.
    const QVariant state = index.data(CellStateRole), planes = index.data(PlanesRole);
    for (int row = 0; row < int(m_pinned.size()); ++row) {
        const QModelIndex other = this->index(row, index.column());
        if (other.data(CellStateRole) != state || other.data(PlanesRole) != planes)
            return true;
    }
    return false;
}

QVariant MatrixSortProxy::data(const QModelIndex &index, int role) const
{
    if (role == PinnedRole)
        return index.isValid() && pinIndex(baseRow(index)) >= 0;
    if (role == CompareDiffRole)
        return index.isValid() && pinIndex(baseRow(index)) >= 0 && differs(index);
    return QSortFilterProxyModel::data(index, role);
}

QVariant MatrixSortProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Vertical || section < 0 || section >= rowCount())
        return QSortFilterProxyModel::headerData(section, orientation, role);
    const bool pinned = pinIndex(baseRow(index(section, 0))) >= 0;
    switch (role) {
    case PinnedRole:
        return pinned;
    case Qt::FontRole:
        if (pinned) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::BackgroundRole:
        if (pinned)
            return QBrush(QPalette().color(QPalette::AlternateBase).darker(108));
        break;
    case Qt::ToolTipRole:
        if (pinned)
            return QSortFilterProxyModel::headerData(section, orientation, role).toString() + tr("<br><i>Pinned for comparison: marked cells differ</i>");
        break;
    default:
        break;
    }
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

} // namespace clr::ui
