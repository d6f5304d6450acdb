// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace clr::ui {

/** The custom item data roles of every Clearance model, in one place so they never collide. */
enum ItemRole {
    SortRole = Qt::UserRole,  // raw value to sort by (QString, int...)
    SubjectRole,              // QVariant<SubjectRef>: the identity a row stands for
    RefRole,                  // QString: PathStep-style ref of the object ("clusterrole:view", "principal:<oid>")
    PlanesRole,               // int: Planes bitmask that grants
    CellStateRole,            // int: MatrixCell::State
    ResourceGroupRole,        // QString (horizontal header): the resource a matrix column belongs to
    FileRole,                 // QString: a file path (problems, sources)
    LineRole,                 // int: 1-based line, 0 when unknown
    SeverityRole,             // int: Diagnostic::Severity
    FilterTextRole,           // QString: what a filter box matches against
    UnresolvedRole,           // bool: the subject is named somewhere but not in the Entra export
    DraftGrantRole,           // bool (matrix cells): allowed only with the drafts applied (effect preview)
    PinnedRole,               // bool (matrix rows, vertical header and cells): a row pinned for comparison
    CompareDiffRole,          // bool (matrix cells of pinned rows): the compared rows disagree on this cell
    ColumnIdRole,             // QString (matrix horizontal header): "VERB:RESOURCE", gen::columnId()
    ComparisonRole,           // int (matrix cells, change lines): compare::CellChange, gained or lost from BASE to HEAD
    PartyKeyRole,             // QString: the compared party's key (compare::Party::key as text)
};

} // namespace clr::ui
