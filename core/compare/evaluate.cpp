// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluate_p.h"

#include <algorithm>

namespace clr::compare::detail {

std::vector<std::string> namespaceRows(const AccessProfile &profile)
{
    std::vector<std::string> out(profile.bindings.namespaces.begin() + std::ptrdiff_t(profile.bindings.clusterCount),
                                 profile.bindings.namespaces.end());
    out.insert(out.end(), profile.assignmentNamespaces.begin() + std::ptrdiff_t(profile.clusterAssignmentCount),
               profile.assignmentNamespaces.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    std::erase(out, std::string());
    return out;
}

namespace {

/** Every probe the party's own roles and Azure role definitions name, plus the matrix columns. */
std::vector<std::size_t> probesFor(const PartyEval &e, Probes &probes)
{
    std::vector<std::size_t> out(probes.columnCount());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = i;
    for (Side s : {Side::Base, Side::Head}) {
        const SideView &v = e.side[int(s)];
        if (!v.who)
            continue;
        for (const auto &m : v.profile.bindings.matches) {
            if (m.role >= 0) {
                const auto &more = probes.ofRole(s, m.role);
                out.insert(out.end(), more.begin(), more.end());
            }
        }
        const auto &assignments = v.graph->clusterAssignments();
        for (auto a : v.profile.assignments) {
            if (assignments[a].roleDefinition >= 0) {
                const auto &more = probes.ofDefinition(s, assignments[a].roleDefinition);
                out.insert(out.end(), more.begin(), more.end());
            }
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/** One side's answers for one probe: [0] the cluster-scope row, then one per namespace row. */
void answer(const SideView &v, Side s, std::size_t probe, Probes &probes, const std::vector<std::string> &rows, std::vector<char> &out)
{
    out.assign(rows.size() + 1, 0);
    if (!v.who)
        return;
    const PermissionGraph &g = *v.graph;
    Query &q = probes.query(s, probe);
    q.request.ns.clear();
    const PartialVerdict clusterWide = g.evaluateClusterWide(v.profile, q);
    out[0] = g.decide(v.profile, q, clusterWide).allowed;
    if (!probes.at(probe).namespaced[int(s)]) {
        std::fill(out.begin(), out.end(), out[0]); // a cluster-scoped request never carries a namespace
        return;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        q.request.ns = rows[r];
        PartialVerdict verdict = clusterWide;
        verdict.merge(g.evaluateNamespace(v.profile, q));
        out[r + 1] = g.decide(v.profile, q, verdict).allowed;
    }
    q.request.ns.clear();
}

} // namespace

PartyEval evaluateParty(const PermissionGraph &base, const PermissionGraph &head, const Party &party, Probes &probes)
{
    PartyEval e;
    std::vector<std::string> &rows = e.rows;
    for (Side s : {Side::Base, Side::Head}) {
        SideView &v = e.side[int(s)];
        v.graph = s == Side::Base ? &base : &head;
        if (s == Side::Base ? !party.inBase : !party.inHead)
            continue;
        v.who = identityIn(*v.graph, party);
        if (!v.who)
            continue;
        v.profile = v.graph->profile(*v.who);
        const auto more = namespaceRows(v.profile);
        rows.insert(rows.end(), more.begin(), more.end());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<char> before, after;
    for (std::size_t p : probesFor(e, probes)) {
        answer(e.side[0], Side::Base, p, probes, rows, before);
        answer(e.side[1], Side::Head, p, probes, rows, after);
        for (std::size_t r = 0; r < before.size(); ++r) {
            if (before[r] != after[r])
                e.cells.push_back({p, r == 0 ? std::string() : rows[r - 1], bool(after[r])});
        }
    }
    return e;
}

} // namespace clr::compare::detail
