// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/matrixmodel.h"

#include <memory>
#include <string>
#include <vector>

namespace clr::ui {

/**
 * One scope's access matrix: rows are subjects (all of them, a group's members, a selection),
 * columns resource × verb, for a namespace or the cluster scope (""). A row's Identity and cells
 * are computed the first time any cell of that row is asked for, then cached: scrolling through
 * 200k users evaluates only the rows that are painted.
 */
class NamespaceMatrixModel final : public MatrixModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NamespaceMatrixModel)

public:
    explicit NamespaceMatrixModel(QObject *parent = nullptr);
    ~NamespaceMatrixModel() override;

    /** Resets onto a session with no rows. */
    void setSession(SessionPtr session);
    void setNamespace(const std::string &ns);
    const std::string &namespaceName() const { return m_namespace; }
    void setRows(std::vector<SubjectRef> rows);
    const std::vector<SubjectRef> &rows() const { return m_rows; }
    /** The row of a subject, or -1. */
    int rowOf(SubjectRef ref) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int computedRowCount() const override { return m_computed; }

protected:
    MatrixCell cellAt(int row, int col) const override;
    QVariant rowHeaderData(int row, int role) const override;
    Identity identityAt(int row) const override;
    std::string namespaceAt(int row) const override;
    QString whoLabel(int row) const override;
    std::optional<SubjectRef> subjectOfRow(int row) const override;

private:
    struct RowData
    {
        Identity who;
        std::vector<MatrixCell> cells;
    };
    const RowData &row(int r) const;
    void clearCache();

    std::string m_namespace;
    std::vector<SubjectRef> m_rows;
    mutable std::vector<std::unique_ptr<RowData>> m_cache;
    mutable int m_computed = 0;
};

} // namespace clr::ui
