// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/matrix.h"
#include "graph/matrixaccess.h"
#include "graph/matrixrows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clr::gen {

/** Quick column filters. The resource presets (secrets, exec, RBAC objects) add up; "write" narrows them to writes. */
enum class ColumnPreset : std::uint8_t { Write, Secrets, Exec, Rbac };
inline constexpr ColumnPreset kColumnPresets[] = {ColumnPreset::Write, ColumnPreset::Secrets, ColumnPreset::Exec, ColumnPreset::Rbac};
/** "write", "secrets", "exec", "rbac": how --columns and saved views name a preset. */
std::string presetName(ColumnPreset preset);
/** "Write access", "Secrets", "Exec / attach / port-forward", "RBAC objects". */
std::string presetLabel(ColumnPreset preset);
std::optional<ColumnPreset> parsePreset(std::string_view name);
/** True when the preset keeps the column: create/update/patch/delete (write), secrets, pods/exec|attach|portforward,
 *  RBAC's roles and bindings. */
bool presetMatches(ColumnPreset preset, const MatrixColumn &column);

/** "VERB:RESOURCE" with the resource as the matrix labels it ("create:pods/exec", "get:deployments.apps"). */
std::string columnId(const MatrixColumn &column);
/** A column pick "VERB:RESOURCE" matches: either side may be `*`; a resource without its group matches any group. */
bool columnMatches(std::string_view pick, const MatrixColumn &column);

enum class RowSort : std::uint8_t {
    Kind,         // kind, then name
    Name,         // display name (case-insensitive), then Kubernetes name
    AllowedCells, // most allowed cells among the shown columns first, then name
    Column,       // one column: allowed first, grouped by plane, then name
};
std::string sortName(RowSort sort); // "kind", "name", "allowed", "column:VERB:RESOURCE" needs the column
enum class AccountFilter : std::uint8_t { Any, Enabled, Disabled };
/** "any", "enabled", "disabled". */
std::optional<AccountFilter> parseAccountFilter(std::string_view text);
/** A plane by planeName(): "kubernetes", "azure", "aks-admin-group", "admin-credential". */
std::optional<Plane> parsePlaneName(std::string_view text);

/**
 * What an identity matrix shows: which columns, which rows, in which order. The window's filter bar and
 * saved views, and `clearance export --what matrix`, are one and the same MatrixView, applied by applyView().
 */
struct MatrixView
{
    std::vector<std::string> columns; // column picks (columnMatches); empty: every column
    std::vector<ColumnPreset> presets;

    bool onlyAllowed = false;        // rows allowed at least one shown column
    std::vector<RowKind> kinds;      // empty: every kind
    std::string memberOf;            // an Entra group's object ID: only its transitive members
    Planes planes = 0;               // rows that some shown column allows through one of these planes; 0: any
    AccountFilter accounts = AccountFilter::Any;

    RowSort sort = RowSort::Kind;
    std::string sortColumn; // columnId() of the column RowSort::Column sorts by

    bool showsColumn(const MatrixColumn &column) const;
    /** Indexes of the shown columns. */
    std::vector<std::size_t> visibleColumns(const std::vector<MatrixColumn> &columns) const;
    /** The row filters or the sort need who-can answers (MatrixAccess). */
    bool needsAccess() const;
    bool operator==(const MatrixView &) const = default;

    /** A compact JSON object: what saved views store. fromJson() rejects what it does not know. */
    std::string toJson() const;
    static std::optional<MatrixView> fromJson(std::string_view json, std::string *error = nullptr);
};

/** Adds a --columns list ("write,secrets", "create:secrets,delete:*") to the view; false with a message on an unknown item. */
bool addColumnPicks(MatrixView &view, std::string_view list, std::string *error);
/** Sets the sort from "kind", "name", "allowed" or "column:VERB:RESOURCE"; false with a message otherwise. */
bool setSort(MatrixView &view, std::string_view text, std::string *error);
/** The pick of a view that shows no column at all (everything unchecked): it matches nothing. */
inline constexpr std::string_view kNoColumnPick = "-";
/** Checks picks typed by a user: each must match some column (a saved view's picks are not checked: a view
 *  saved on another snapshot may name a custom resource this one lacks). */
bool checkPicks(const std::vector<std::string> &picks, const std::vector<MatrixColumn> &columns, std::string *error);
/** Checks the view's sort against the columns: a column sort needs a shown column. */
bool checkView(const MatrixView &view, const std::vector<MatrixColumn> &columns, std::string *error);

/**
 * The rows of an identity matrix, prepared for views once (on a worker thread: it indexes every row):
 * their mapping onto who-can answers and their order by name.
 */
class MatrixRowSet final
{
public:
    MatrixRowSet(const PermissionGraph &graph, std::vector<RequesterRow> rows);
    const PermissionGraph &graph() const { return m_graph; }
    std::size_t size() const { return m_rows.size(); }
    const std::vector<RequesterRow> &rows() const { return m_rows; }
    const WhoCanRows &access() const { return m_access; }
    /** The row's position by display name (case-insensitive), then Kubernetes name, then kind. */
    std::uint32_t nameRank(std::size_t row) const { return m_nameRank[row]; }

private:
    const PermissionGraph &m_graph;
    std::vector<RequesterRow> m_rows;
    WhoCanRows m_access;
    std::vector<std::uint32_t> m_nameRank;
};

/** A view applied to a row set in one namespace. */
struct ViewResult
{
    std::vector<std::size_t> columns;   // the shown columns: indexes into the columns given
    std::vector<std::uint32_t> rows;    // the shown rows (indexes into the row set), in the view's order
    std::optional<MatrixAccess> access; // over the shown columns, when the view needed it
    std::string error;                  // why nothing could be shown (an unknown group...)
    bool cancelled = false;
};

/**
 * Applies the view: the shown columns, then the rows that pass every row filter, ordered by its sort
 * (computed over those rows only). Who-can is asked once per shown column, only when the view needs it.
 * `progress` may stop it (the result is then `cancelled`); `threads` as MatrixAccess::compute() takes them.
 */
ViewResult applyView(const MatrixRowSet &rows, const std::vector<MatrixColumn> &columns, const std::string &ns, const MatrixView &view,
                     const MatrixAccess::Progress &progress = {}, unsigned threads = 0);

} // namespace clr::gen
