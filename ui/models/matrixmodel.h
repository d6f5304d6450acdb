// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"
#include "drafts/draft.h"
#include "explain/explaintarget.h"
#include "graph/matrix.h"
#include "session.h"

#include <QAbstractTableModel>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace clr::ui {

/**
 * Common part of the two access matrices: columns are resource × verb (MatrixColumn), cells carry
 * their MatrixCell state (CellStateRole) and granting planes (PlanesRole); the horizontal header
 * gives the verb (DisplayRole) and the resource it belongs to (ResourceGroupRole). Subclasses say
 * what a row is and compute cells; they must do so lazily, row by row, on first request.
 */
class MatrixModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixModel)

public:
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;

    const MatrixColumn &column(int col) const { return m_columns[std::size_t(col)]; }
    const std::vector<MatrixColumn> &columns() const { return m_columns; }
    /** The column of `verb` on `resourceLabel` ("pods", "deployments.apps", "pods/exec"), or -1. */
    int columnOf(const QString &resourceLabel, const QString &verb) const;
    /** The question a cell answers, ready for PermissionGraph::explain(). Computes the row if needed. */
    ExplainTarget targetAt(const QModelIndex &index) const;
    /** "Megan Bowen can delete pods in finance-app" (or "cannot"). */
    QString describe(const QModelIndex &index) const;
    /** How many rows have been computed so far: the laziness the enterprise tenant depends on. */
    virtual int computedRowCount() const = 0;
    /** Effect preview of drafts: cells that `draftGraph` (built with drafts::applyDrafts) allows and the
     *  session's graph does not answer true for DraftGrantRole and name the draft in their tooltip.
     *  Null clears the preview. Only the painted cells are evaluated. */
    void setDraftGraph(std::shared_ptr<const PermissionGraph> draftGraph, drafts::DraftSet drafts);
    bool hasDraftGraph() const { return m_draftGraph != nullptr; }
    /** File > Compare: cells the comparison reports as gained or lost (BASE to HEAD) answer ComparisonRole
     *  and say why in their tooltip. The session's graph must be one of the compared two. Null clears. */
    void setComparison(std::shared_ptr<const compare::Comparison> comparison);
    bool hasComparison() const { return m_comparison != nullptr; }
    /** The compared party a row stands for (what the comparison's lookups take). */
    compare::Party partyAt(int row) const;

protected:
    explicit MatrixModel(QObject *parent);
    void resetColumns(const SessionPtr &session);
    virtual MatrixCell cellAt(int row, int col) const = 0;
    virtual QVariant rowHeaderData(int row, int role) const = 0;
    virtual Identity identityAt(int row) const = 0;
    virtual std::string namespaceAt(int row) const = 0;
    virtual QString whoLabel(int row) const = 0;
    virtual std::optional<SubjectRef> subjectOfRow(int row) const = 0;

    SessionPtr m_session;
    std::vector<MatrixColumn> m_columns;

private:
    QVariant cellData(const QModelIndex &index, int role) const;
    QString toolTip(const QModelIndex &index) const;
    bool draftGrants(const QModelIndex &index) const;
    QString draftToolTip(const QModelIndex &index) const;
    compare::CellChange comparisonAt(const QModelIndex &index) const;
    QString comparisonToolTip(const QModelIndex &index) const;

    std::shared_ptr<const PermissionGraph> m_draftGraph;
    drafts::DraftSet m_drafts;
    mutable std::unordered_map<quint64, bool> m_draftCells; // (row << 32 | column) -> newly allowed
    std::shared_ptr<const compare::Comparison> m_comparison;
    mutable std::unordered_map<int, ObjectRef> m_partyKeys; // row -> party key, while comparing
};

} // namespace clr::ui
