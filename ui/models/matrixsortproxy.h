// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractProxyModel>

#include <cstdint>
#include <memory>
#include <vector>

namespace clr::ui {

/**
 * Orders the rows of an access matrix as a view says, with the rows under comparison pinned on top.
 * The order itself is computed off the UI thread (gen::applyView()); this proxy sorts by the rank it was
 * given per base row (the row of the matrix model under every proxy), so a 200k-row sort compares
 * integers. Without ranks, the source order stays.
 *
 * It is a plain permutation of the source's rows, not a QSortFilterProxyModel: that one sorts through
 * QModelIndex comparisons (half a second for 226,000 rows, on the UI thread, at every reset). Here any
 * change of the source's shape (a reset, rows or columns inserted, removed or moved, a new layout) resets
 * this proxy, and the order is rebuilt with one integer key per row.
 *
 * Pinned rows (two to five identities compared) come first, in the order they were pinned; their row
 * header answers PinnedRole and their cells CompareDiffRole where the pinned rows disagree (state or planes).
 */
class MatrixSortProxy final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixSortProxy)

public:
    explicit MatrixSortProxy(QObject *parent = nullptr);

    /** Rank per base row (lower first); null keeps the source order. */
    void setRanks(std::shared_ptr<const std::vector<std::uint32_t>> ranks);
    /** Base rows to pin on top, in this order; empty pins nothing. */
    void setPinnedRows(std::vector<int> baseRows);
    const std::vector<int> &pinnedRows() const { return m_pinned; }
    int pinnedCount() const { return int(m_pinned.size()); }

    /** The row of the model under every proxy for an index of any model in the chain (-1 when invalid). */
    static int baseRow(const QModelIndex &index);

    void setSourceModel(QAbstractItemModel *source) override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int pinIndex(int baseRow) const;
    bool differs(const QModelIndex &index) const;
    /** Recomputes the order from the source's rows, the ranks and the pins (inside a reset). */
    void rebuild();
    void beginSourceChange();
    void endSourceChange();
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void onSourceHeaderChanged(Qt::Orientation orientation, int first, int last);

    std::shared_ptr<const std::vector<std::uint32_t>> m_ranks;
    std::vector<int> m_pinned;
    std::vector<int> m_order;      // proxy row -> source row
    std::vector<int> m_fromSource; // source row -> proxy row
    std::vector<QMetaObject::Connection> m_connections;
    bool m_changing = false;       // between a source's "about to" signal and its completion
};

} // namespace clr::ui
