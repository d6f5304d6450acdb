// SPDX-License-Identifier: GPL-3.0-or-later
// Who-can answers mapped onto matrix rows (see WhoCanRows). The mapping adds no rule: it asks the
// predicates of kubernetes/rules.h that the authorizer asks, reads who-can's principals as they are, and
// sends what the reverse walk cannot name to the forward walk. tests/core/tst_agreement.cpp proves the
// result equals check() for every row kind.
#include "graph/matrixaccess.h"

#include "kubernetes/rules.h"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

namespace clr {

AccessRow accessRowOf(const PermissionGraph &graph, const RequesterRow &row)
{
    AccessRow out;
    if (row.isEntra())
        out.principal = row.principal;
    else
        out.identity = identityOfRow(graph, row);
    return out;
}

WhoCanRows::WhoCanRows(const PermissionGraph &graph, std::vector<AccessRow> rows)
    : m_graph(graph)
    , m_rows(std::move(rows))
{
    const auto &dir = graph.snapshot().directory;
    const bool listed = graph.snapshot().hasEntra(); // who-can lists principals only when Entra data is loaded
    m_firstRowOf.assign(dir.size(), kNoRow);
    m_nextRow.assign(m_rows.size(), kNoRow);
    for (std::uint32_t r = std::uint32_t(m_rows.size()); r-- > 0;) {
        const AccessRow &row = m_rows[r];
        if (row.principal == entra::NoPrincipal) {
            for (auto &key : k8s::subjectKeysOf(row.identity.user))
                m_rowsByKey[std::move(key)].push_back(r);
            if (k8s::isPrivileged(row.identity.user))
                m_privileged.push_back(r);
            continue;
        }
        const auto type = dir.at(row.principal).type;
        if (listed && (type == entra::PrincipalType::User || type == entra::PrincipalType::ServicePrincipal)) {
            m_nextRow[r] = m_firstRowOf[row.principal];
            m_firstRowOf[row.principal] = r;
        } else {
            m_forward.push_back({r, graph.profile(graph.identityOf(row.principal))});
        }
    }
}

WhoCanRows::~WhoCanRows() = default;

std::vector<Planes> WhoCanRows::allowed(const WhoCanResult &answer) const
{
    std::vector<Planes> out(m_rows.size(), 0);
    allowed(answer, out.data());
    return out;
}

void WhoCanRows::allowed(const WhoCanResult &answer, Planes *out) const
{
    std::fill(out, out + m_rows.size(), Planes(0));
    for (const auto &p : answer.principals) {
        if (p.planes == 0 || p.principal >= m_firstRowOf.size())
            continue; // conditional only: shown by who-can, not allowed
        for (auto r = m_firstRowOf[p.principal]; r != kNoRow; r = m_nextRow[r])
            out[r] |= p.planes;
    }
    for (const auto &sg : answer.subjects) {
        // Service account subjects carry their effective namespace: no binding namespace is needed.
        const auto it = m_rowsByKey.find(k8s::subjectKey(sg.subject, sg.subject.ns));
        if (it == m_rowsByKey.end())
            continue;
        for (auto r : it->second) {
            if (k8s::subjectMatches(sg.subject, m_rows[r].identity.user, sg.subject.ns))
                out[r] |= planeBit(Plane::Kubernetes);
        }
    }
    for (auto r : m_privileged)
        out[r] |= planeBit(Plane::Kubernetes);
    forward(answer, out);
}

void WhoCanRows::forward(const WhoCanResult &answer, Planes *out) const
{
    if (m_forward.empty())
        return;
    // With -A an answer means "in some namespace": ask each one, and cluster-wide, as who-can did.
    std::vector<std::string> where{answer.request.ns};
    if (answer.anyNamespace) {
        where = m_graph.namespaces();
        where.push_back(std::string());
    }
    Query q = m_graph.query(answer.request);
    for (const auto &f : m_forward) {
        for (const auto &ns : where) {
            q.request.ns = ns;
            out[f.row] |= m_graph.evaluate(f.profile, q).planes;
        }
    }
}

std::optional<MatrixAccess> MatrixAccess::compute(const PermissionGraph &graph, const WhoCanRows &rows, const std::vector<MatrixColumn> &columns,
                                                  const std::string &ns, const Progress &progress, unsigned threads)
{
    MatrixAccess out;
    out.m_rows = rows.size();
    out.m_columns = columns.size();
    out.m_cells.resize(out.m_rows * out.m_columns);
    // Columns are independent (the graph and the row index are read-only): workers take them in turn and
    // each fills its own contiguous slice. Only the calling thread reports progress.
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::size_t reported = 0; // by the calling thread only
    auto work = [&](bool reporter) {
        for (std::size_t c; !stop.load(std::memory_order_relaxed) && (c = next.fetch_add(1)) < columns.size();) {
            rows.allowed(graph.whoCan(columns[c].request(ns)), out.m_cells.data() + c * out.m_rows);
            const std::size_t finished = done.fetch_add(1) + 1;
            if (reporter && progress) {
                reported = finished;
                if (!progress(finished, columns.size()))
                    stop = true;
            }
        }
    };
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    threads = unsigned(std::min<std::size_t>({threads, 8, std::max<std::size_t>(columns.size(), 1)}));
    std::vector<std::thread> helpers;
    try {
        for (unsigned i = 1; i < threads; ++i)
            helpers.emplace_back(work, false);
    } catch (const std::system_error &) {
        // No thread to spare: the calling thread does the rest alone.
    }
    work(true);
    for (auto &t : helpers)
        t.join();
    if (!stop && progress && reported != columns.size() && !progress(columns.size(), columns.size()))
        stop = true; // the helpers answered the last columns: report the end, which may still cancel
    if (stop)
        return std::nullopt;
    out.m_counts.assign(out.m_rows, 0);
    out.m_rowPlanes.assign(out.m_rows, 0);
    for (std::size_t c = 0; c < out.m_columns; ++c) {
        const Planes *cells = out.m_cells.data() + c * out.m_rows;
        for (std::size_t r = 0; r < out.m_rows; ++r) {
            out.m_counts[r] += cells[r] != 0;
            out.m_rowPlanes[r] |= cells[r];
        }
    }
    return out;
}

} // namespace clr
