// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

#include <memory>
#include <vector>

namespace clr::ui {

/**
 * The rows and columns of an access matrix that a view shows. Which ones is decided elsewhere, off the
 * UI thread (gen::applyView() in a MatrixViewJob): this proxy only looks the answers up, so filtering
 * 200k rows costs one vector read per row. Rows pinned for comparison always pass.
 *
 * Changes reset the proxy (one reset instead of thousands of scattered row removals).
 */
class MatrixFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixFilterProxy)

public:
    explicit MatrixFilterProxy(QObject *parent = nullptr);

    /** Source rows to show (by source row); null shows every row. */
    void setAcceptedRows(std::shared_ptr<const std::vector<bool>> accepted);
    bool filtersRows() const { return m_rows != nullptr; }
    /** Source columns to show; empty shows every column. */
    void setVisibleColumns(std::vector<bool> visible);
    /** Source rows shown whatever the row filter says (rows under comparison). */
    void setPinnedRows(std::vector<int> sourceRows);
    const std::vector<int> &pinnedRows() const { return m_pinned; }
    /** True when the source row passes (whatever the columns). */
    bool showsRow(int sourceRow) const { return filterAcceptsRow(sourceRow, {}); }
    /** The first source column shown, or -1. */
    int firstVisibleColumn() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool filterAcceptsColumn(int sourceColumn, const QModelIndex &sourceParent) const override;

private:
    std::shared_ptr<const std::vector<bool>> m_rows;
    std::vector<bool> m_columns;
    std::vector<int> m_pinned;
};

} // namespace clr::ui
