// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/matrix.h"
#include "graph/matrixrows.h"
#include "graph/permissiongraph.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace clr {

/** A matrix row as the reverse walk answers it: an Entra principal by ID, anyone else by identity. */
struct AccessRow
{
    entra::PrincipalId principal = entra::NoPrincipal;
    Identity identity; // rows that are no Entra principal: how the API server sees them
};

/** The AccessRow of a requester row (cheap for Entra rows: their groups are not resolved). */
AccessRow accessRowOf(const PermissionGraph &graph, const RequesterRow &row);

/**
 * Which of a fixed set of identities a who-can answer allows: the reverse walk mapped onto matrix rows,
 * with the evaluator's own predicates, so that a row is allowed exactly when check() allows its identity.
 *
 * - Entra users and service principals are read from the answer's principals (every plane).
 * - Anyone else (service accounts, Kubernetes-only users, members of Kubernetes groups) is matched against
 *   the answer's Kubernetes subjects as the authorizer's bindingsNaming() matches bindings: by subjectKey()
 *   among the identity's subjectKeysOf(), confirmed by subjectMatches(). A Group subject such as
 *   system:serviceaccounts:NS or system:authenticated thus reaches service accounts too. Members of
 *   system:masters (isPrivileged()) are allowed everything. Only Entra principals reach the Azure plane,
 *   the admin groups and the admin credential, so nothing else can allow them.
 * - Entra objects the answer does not list (object IDs missing from the export) are asked forward, with
 *   evaluate() on their access profile.
 *
 * Build once per row set (it indexes the rows), then ask it per answer from any thread.
 */
class WhoCanRows final
{
public:
    WhoCanRows(const PermissionGraph &graph, std::vector<AccessRow> rows);
    ~WhoCanRows();
    WhoCanRows(const WhoCanRows &) = delete;
    WhoCanRows &operator=(const WhoCanRows &) = delete;

    std::size_t size() const { return m_rows.size(); }
    const AccessRow &row(std::size_t i) const { return m_rows[i]; }
    /** Per row, the planes by which `answer` allows it; 0 when it does not (a conditional-only grant does not). */
    std::vector<Planes> allowed(const WhoCanResult &answer) const;
    /** The same into `out`, which holds size() entries. */
    void allowed(const WhoCanResult &answer, Planes *out) const;

private:
    struct Forward
    {
        std::uint32_t row = 0;
        AccessProfile profile;
    };
    void forward(const WhoCanResult &answer, Planes *out) const;

    static constexpr std::uint32_t kNoRow = 0xffffffffu;
    const PermissionGraph &m_graph;
    std::vector<AccessRow> m_rows;
    std::vector<std::uint32_t> m_firstRowOf; // principal -> its first row (kNoRow): who-can lists principals
    std::vector<std::uint32_t> m_nextRow;    // row -> the next row of the same principal (kNoRow)
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_rowsByKey; // subjectKeysOf() -> rows
    std::vector<std::uint32_t> m_privileged;
    std::vector<Forward> m_forward;
};

/**
 * Per row and column of an identity matrix, the planes that allow the cell (0: not allowed): one who-can
 * answer per column, mapped onto the rows by WhoCanRows. What "only identities with access", the plane
 * filter and the sorts by allowed cells or by a column are computed from.
 */
class MatrixAccess final
{
public:
    /** Called after each column with (done, total); returning false stops the computation. */
    using Progress = std::function<bool(std::size_t done, std::size_t total)>;

    /**
     * Asks whoCan(column.request(ns)) for every column; nullopt when `progress` stopped it. Columns are
     * answered on `threads` threads (0: one per core, at most 8); `progress` is called on the calling thread.
     */
    static std::optional<MatrixAccess> compute(const PermissionGraph &graph, const WhoCanRows &rows, const std::vector<MatrixColumn> &columns,
                                               const std::string &ns, const Progress &progress = {}, unsigned threads = 0);

    std::size_t rowCount() const { return m_rows; }
    std::size_t columnCount() const { return m_columns; }
    Planes planes(std::size_t row, std::size_t col) const { return m_cells[col * m_rows + row]; }
    /** How many columns allow the row. */
    std::uint32_t allowedCount(std::size_t row) const { return m_counts[row]; }
    /** Every plane that allows the row some column. */
    Planes rowPlanes(std::size_t row) const { return m_rowPlanes[row]; }

private:
    std::size_t m_rows = 0;
    std::size_t m_columns = 0;
    std::vector<Planes> m_cells; // column-major: one who-can answer fills one contiguous column
    std::vector<std::uint32_t> m_counts;
    std::vector<Planes> m_rowPlanes;
};

} // namespace clr
