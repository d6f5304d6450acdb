// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

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
 * Pinned rows (two to five identities compared) come first, in the order they were pinned; their row
 * header answers PinnedRole and their cells CompareDiffRole where the pinned rows disagree (state or planes).
 */
class MatrixSortProxy final : public QSortFilterProxyModel
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

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int pinIndex(int baseRow) const;
    bool differs(const QModelIndex &index) const;
    void resort();

    std::shared_ptr<const std::vector<std::uint32_t>> m_ranks;
    std::vector<int> m_pinned;
};

} // namespace clr::ui
