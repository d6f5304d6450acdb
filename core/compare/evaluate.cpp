// SPDX-License-Identifier: GPL-3.0-or-later
#include "evaluate_p.h"

#include <algorithm>
#include <string_view>
#include <type_traits>

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

/** Both sides' identity and profile, and the namespace rows either profile needs. */
PartyEval profiles(const PermissionGraph &base, const PermissionGraph &head, const Party &party)
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
    return e;
}

/** Asks every probe of the party on both sides; fills e.cells. */
void answerAll(PartyEval &e, Probes &probes)
{
    const std::vector<std::string> &rows = e.rows;
    std::vector<char> before, after;
    for (std::size_t p : probesFor(e, probes)) {
        answer(e.side[0], Side::Base, p, probes, rows, before);
        answer(e.side[1], Side::Head, p, probes, rows, after);
        for (std::size_t r = 0; r < before.size(); ++r) {
            if (before[r] != after[r])
                e.cells.push_back({p, r == 0 ? std::string() : rows[r - 1], bool(after[r])});
        }
    }
}

template<typename T>
void put(std::string &out, const T &value)
{
    static_assert(std::is_arithmetic_v<T>); // structs go field by field (padding)
    out.append(reinterpret_cast<const char *>(&value), sizeof value);
}

void put(std::string &out, std::string_view text)
{
    put(out, text.size());
    out += text;
}

void put(std::string &out, const std::string &text)
{
    put(out, std::string_view(text));
}

// Field by field: padding bytes must not reach the key.
void put(std::string &out, const k8s::BindingMatch &m)
{
    put(out, m.binding);
    put(out, m.role);
    put(out, m.subject);
    put(out, m.cluster);
}

template<typename T>
void put(std::string &out, const std::vector<T> &values)
{
    put(out, values.size());
    for (const auto &v : values)
        put(out, v);
}

} // namespace

PartyEval evaluateParty(const PermissionGraph &base, const PermissionGraph &head, const Party &party, Probes &probes)
{
    PartyEval e = profiles(base, head, party);
    answerAll(e, probes);
    return e;
}

std::string profileKey(const SideView &side)
{
    // A field added to AccessProfile may change answers: it must be added here too, or the cache would
    // hand one party's answers to another whose profiles differ only there.
    static_assert(sizeof(AccessProfile) == sizeof(Identity) + 8 + sizeof(std::vector<entra::PrincipalId>)
                          + sizeof(std::vector<std::uint32_t>) * 2 + sizeof(k8s::BindingSet) + sizeof(std::vector<std::string>)
                          + sizeof(std::size_t),
                  "AccessProfile changed: update profileKey()");
    std::string out;
    if (!side.who)
        return out;
    const AccessProfile &p = side.profile;
    put(out, p.privileged);
    put(out, p.disabled);
    put(out, p.azureRbac);
    put(out, p.adminGroups);
    put(out, p.adminCredential);
    put(out, p.bindings.matches);
    put(out, p.bindings.namespaces);
    put(out, p.bindings.clusterCount);
    put(out, p.assignments);
    put(out, p.assignmentNamespaces);
    put(out, p.clusterAssignmentCount);
    return out;
}

PartyEval EvalCache::evaluate(const PermissionGraph &base, const PermissionGraph &head, const Party &party, Probes &probes)
{
    PartyEval e = profiles(base, head, party);
    std::string key = profileKey(e.side[0]);
    key += '\0';
    key += profileKey(e.side[1]);
    key += e.side[0].who ? 'b' : '-';
    key += e.side[1].who ? 'h' : '-';
    if (const auto it = m_answers.find(key); it != m_answers.end()) {
        e.cells = it->second.cells;
        return e;
    }
    answerAll(e, probes);
    m_answers.emplace(std::move(key), Answer{e.cells});
    return e;
}

} // namespace clr::compare::detail
