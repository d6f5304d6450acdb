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
    : QAbstractProxyModel(parent)
{
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

void MatrixSortProxy::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &c : m_connections)
        disconnect(c);
    m_connections.clear();
    m_changing = false;
    QAbstractProxyModel::setSourceModel(source);
    if (source) {
        // Every change of shape is a reset here: the view's changes come as resets anyway, and one
        // rebuild (milliseconds) is cheaper than mapping scattered moves through a permutation.
        using M = QAbstractItemModel;
        auto begin = [this] { beginSourceChange(); };
        auto end = [this] { endSourceChange(); };
        m_connections = {
            connect(source, &M::modelAboutToBeReset, this, begin),
            connect(source, &M::modelReset, this, end),
            connect(source, &M::layoutAboutToBeChanged, this, begin),
            connect(source, &M::layoutChanged, this, end),
            connect(source, &M::rowsAboutToBeInserted, this, begin),
            connect(source, &M::rowsInserted, this, end),
            connect(source, &M::rowsAboutToBeRemoved, this, begin),
            connect(source, &M::rowsRemoved, this, end),
            connect(source, &M::rowsAboutToBeMoved, this, begin),
            connect(source, &M::rowsMoved, this, end),
            connect(source, &M::columnsAboutToBeInserted, this, begin),
            connect(source, &M::columnsInserted, this, end),
            connect(source, &M::columnsAboutToBeRemoved, this, begin),
            connect(source, &M::columnsRemoved, this, end),
            connect(source, &M::columnsAboutToBeMoved, this, begin),
            connect(source, &M::columnsMoved, this, end),
            connect(source, &M::dataChanged, this, &MatrixSortProxy::onSourceDataChanged),
            connect(source, &M::headerDataChanged, this, &MatrixSortProxy::onSourceHeaderChanged),
        };
    }
    rebuild();
    endResetModel();
}

void MatrixSortProxy::beginSourceChange()
{
    if (m_changing)
        return;
    m_changing = true;
    beginResetModel();
}

void MatrixSortProxy::endSourceChange()
{
    if (!m_changing)
        return;
    m_changing = false;
    rebuild();
    endResetModel();
}

void MatrixSortProxy::rebuild()
{
    m_order.clear();
    m_fromSource.clear();
    QAbstractItemModel *source = sourceModel();
    if (!source)
        return;
    const int rows = source->rowCount();
    const bool hasColumns = source->columnCount() > 0;
    // One key per source row: pinned rows first in pin order, then by rank, then by base row.
    std::vector<std::pair<std::uint64_t, int>> keys(std::size_t(rows), {0, 0});
    for (int r = 0; r < rows; ++r) {
        const int base = hasColumns ? baseRow(source->index(r, 0)) : r;
        const int pin = pinIndex(base);
        std::uint64_t key;
        if (pin >= 0)
            key = std::uint64_t(pin);
        else if (m_ranks && std::size_t(base) < m_ranks->size())
            key = (std::uint64_t(1) << 32) + (*m_ranks)[std::size_t(base)];
        else
            key = (std::uint64_t(1) << 33) + std::uint64_t(base);
        keys[std::size_t(r)] = {key, r};
    }
    std::sort(keys.begin(), keys.end());
    m_order.resize(std::size_t(rows));
    m_fromSource.resize(std::size_t(rows));
    for (int p = 0; p < rows; ++p) {
        m_order[std::size_t(p)] = keys[std::size_t(p)].second;
        m_fromSource[std::size_t(keys[std::size_t(p)].second)] = p;
    }
}

void MatrixSortProxy::setRanks(std::shared_ptr<const std::vector<std::uint32_t>> ranks)
{
    beginResetModel();
    m_ranks = std::move(ranks);
    rebuild();
    endResetModel();
}

void MatrixSortProxy::setPinnedRows(std::vector<int> baseRows)
{
    if (baseRows == m_pinned)
        return;
    beginResetModel();
    m_pinned = std::move(baseRows);
    rebuild();
    endResetModel();
}

int MatrixSortProxy::pinIndex(int base) const
{
    const auto it = std::find(m_pinned.begin(), m_pinned.end(), base);
    return it == m_pinned.end() ? -1 : int(it - m_pinned.begin());
}

QModelIndex MatrixSortProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this || std::size_t(proxyIndex.row()) >= m_order.size())
        return {};
    return sourceModel()->index(m_order[std::size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex MatrixSortProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || std::size_t(sourceIndex.row()) >= m_fromSource.size())
        return {};
    return index(m_fromSource[std::size_t(sourceIndex.row())], sourceIndex.column());
}

QModelIndex MatrixSortProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex MatrixSortProxy::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex MatrixSortProxy::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int MatrixSortProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int MatrixSortProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool MatrixSortProxy::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

void MatrixSortProxy::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (m_changing || !topLeft.isValid() || !bottomRight.isValid() || m_order.empty())
        return;
    // One source row maps to one row; a range of rows is scattered here: say the whole band changed.
    if (topLeft.row() == bottomRight.row()) {
        const QModelIndex first = mapFromSource(topLeft), last = mapFromSource(bottomRight);
        if (first.isValid() && last.isValid())
            Q_EMIT dataChanged(first, last, roles);
        return;
    }
    Q_EMIT dataChanged(index(0, topLeft.column()), index(rowCount() - 1, bottomRight.column()), roles);
}

void MatrixSortProxy::onSourceHeaderChanged(Qt::Orientation orientation, int first, int last)
{
    if (m_changing)
        return;
    if (orientation == Qt::Horizontal) {
        Q_EMIT headerDataChanged(orientation, first, last);
        return;
    }
    if (first == last && std::size_t(first) < m_fromSource.size()) {
        const int row = m_fromSource[std::size_t(first)];
        Q_EMIT headerDataChanged(orientation, row, row);
    } else if (rowCount() > 0) {
        Q_EMIT headerDataChanged(orientation, 0, rowCount() - 1);
    }
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
    return QAbstractProxyModel::data(index, role);
}

QVariant MatrixSortProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation != Qt::Vertical)
        return sourceModel()->headerData(section, orientation, role);
    if (section < 0 || section >= rowCount())
        return {};
    const int sourceRow = m_order[std::size_t(section)];
    const QVariant header = sourceModel()->headerData(sourceRow, orientation, role);
    const bool pinned = columnCount() > 0 && pinIndex(baseRow(index(section, 0))) >= 0;
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
            return header.toString() + tr("<br><i>Pinned for comparison: marked cells differ</i>");
        break;
    default:
        break;
    }
    return header;
}

} // namespace clr::ui
