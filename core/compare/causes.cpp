// SPDX-License-Identifier: GPL-3.0-or-later
#include "causes_p.h"

#include "common/strings.h"

#include <algorithm>

namespace clr::compare::detail {

namespace {

/** A principal change alters answers only when the principal appears, disappears or gets another
 *  Kubernetes name (UPN, guest, type); a new display name or a disabled account changes none. */
bool renames(const Change &c)
{
    if (c.op != Change::Op::Edited)
        return true;
    return std::any_of(c.details.begin(), c.details.end(),
                       [](const std::string &d) { return startsWith(d, "userPrincipalName ") || startsWith(d, "type "); });
}

class Collector
{
public:
    Collector(const SideView &side, const SideIndex &index, const std::vector<Change> &changes, ChainCache &chains)
        : m_side(side)
        , m_index(index)
        , m_changes(changes)
        , m_chains(chains)
    {
    }

    void add(int change)
    {
        if (change != kNone)
            m_out.push_back(std::size_t(change));
    }
    void add(const std::vector<int> &slots, std::int64_t i)
    {
        if (i >= 0 && std::size_t(i) < slots.size())
            add(slots[std::size_t(i)]);
    }

    /** The membership edges between the identity and `group` on this side (a shortest chain). */
    void chain(entra::PrincipalId group)
    {
        const entra::PrincipalId from = m_side.who->principal;
        if (from == entra::NoPrincipal || group == entra::NoPrincipal || from == group)
            return;
        auto [it, fresh] = m_chains.try_emplace((std::uint64_t(from) << 32) | group);
        if (fresh) {
            entra::PrincipalId prev = from;
            for (auto g : m_side.graph->snapshot().directory.groupChain(from, group)) {
                if (const int c = m_index.membershipOf(g, prev); c != kNone)
                    it->second.push_back(std::size_t(c));
                prev = g;
            }
        }
        m_out.insert(m_out.end(), it->second.begin(), it->second.end());
    }

    void principal(entra::PrincipalId p)
    {
        if (p < m_index.principal.size() && m_index.principal[p] != kNone && renames(m_changes[std::size_t(m_index.principal[p])]))
            add(m_index.principal[p]);
    }

    void assignment(std::uint32_t clusterAssignment)
    {
        const ClusterAssignment &ca = m_side.graph->clusterAssignments()[clusterAssignment];
        add(m_index.assignment, ca.assignment);
        add(m_index.definition, ca.roleDefinition);
        chain(ca.assignee);
    }

    void kubernetes(const Trace &trace)
    {
        const auto &kube = m_side.graph->kubernetes().cluster();
        for (const auto &g : trace.grants) {
            add(m_index.binding, g.binding);
            add(m_index.role, g.role);
            const auto &role = kube.roles[g.role];
            if (g.rule < role.ruleOrigins.size()) // an aggregated rule: the ClusterRole it came from
                add(m_index.role, m_side.graph->kubernetes().findRole({}, role.ruleOrigins[g.rule], true));
            const SubjectReach reach = m_side.graph->reachOf(kube.bindings[g.binding].subjects[g.subject]);
            if (reach.kind == SubjectReach::Kind::MembersOf)
                chain(reach.principal);
            else if (reach.kind == SubjectReach::Kind::Principal)
                principal(reach.principal); // named by a user name that changed
        }
    }

    std::vector<std::size_t> take()
    {
        std::sort(m_out.begin(), m_out.end());
        m_out.erase(std::unique(m_out.begin(), m_out.end()), m_out.end());
        return std::move(m_out);
    }

private:
    const SideView &m_side;
    const SideIndex &m_index;
    const std::vector<Change> &m_changes;
    ChainCache &m_chains;
    std::vector<std::size_t> m_out;
};

bool sameRef(const ObjectRef &a, const ObjectRef &b)
{
    if (a.isNull() || a.kind != b.kind || a.ns != b.ns)
        return false;
    // Azure IDs compare case-insensitively.
    const bool azure = a.kind == ObjectRef::Kind::Assignment || a.kind == ObjectRef::Kind::RoleDefinition || a.kind == ObjectRef::Kind::Principal;
    return azure ? iequals(a.name, b.name) : a.name == b.name;
}

/** How many of the causes a path names. */
int score(const GrantPath &path, const std::vector<Change> &changes, const std::vector<std::size_t> &causes)
{
    int n = 0;
    for (auto c : causes) {
        const Change &ch = changes[c];
        if (ch.kind == Change::Kind::ClusterSetting) {
            const bool admin = ch.setting == "adminGroupObjectIds" || ch.setting == "entraIntegration";
            n += (admin && path.plane == Plane::AksAdminGroup) || (ch.setting == "disableLocalAccounts" && path.plane == Plane::AdminCredential)
                || (ch.setting == "enableAzureRbac" && path.plane == Plane::Azure);
            continue;
        }
        for (const auto &step : path.steps)
            if (sameRef(step.ref, ch.ref) || sameRef(step.ref, ch.member)) {
                ++n;
                break;
            }
    }
    return n;
}

} // namespace

std::vector<std::size_t> causesOf(const SideView &side, Side s, const ChangeIndex &index, const std::vector<Change> &changes, Query &query,
                                  ChainCache &chains)
{
    const SideIndex &idx = index.of(s);
    Collector out(side, idx, changes, chains);
    if (!side.who)
        return {};
    const PermissionGraph &g = *side.graph;
    Trace trace;
    const Decision d = g.evaluate(side.profile, query, &trace);
    out.add(index.cluster);
    if (side.who->isEntra())
        out.principal(side.who->principal); // added, removed or renamed: its presence and its own name
    if (d.planes & planeBit(Plane::Kubernetes))
        out.kubernetes(trace);
    if (d.planes & planeBit(Plane::Azure)) {
        for (const auto &hit : trace.azure)
            if (!hit.conditional)
                out.assignment(hit.clusterAssignment);
        out.add(index.azureRbac);
        const auto &r = query.request;
        if (const auto it = idx.customResource.find(r.apiGroup + '/' + r.resource); it != idx.customResource.end())
            out.add(it->second);
    }
    if (d.planes & planeBit(Plane::AksAdminGroup)) {
        out.add(index.entraIntegration);
        for (auto group : side.profile.adminGroups) {
            if (const auto it = idx.adminGroup.find(group); it != idx.adminGroup.end())
                out.add(it->second);
            out.chain(group);
        }
    }
    if (d.planes & planeBit(Plane::AdminCredential)) {
        out.add(index.localAccounts);
        out.add(index.entraIntegration);
        for (auto a : side.profile.adminCredential)
            out.assignment(a);
    }
    return out.take();
}

GrantPath pathThrough(const SideView &side, const k8s::Request &request, const std::vector<Change> &changes, const std::vector<std::size_t> &causes)
{
    if (!side.who)
        return {};
    const Explanation ex = side.graph->explain(*side.who, request);
    const GrantPath *best = nullptr;
    int bestScore = -1;
    for (const auto &path : ex.paths) {
        if (path.conditional)
            continue;
        const int s = score(path, changes, causes);
        if (s > bestScore) {
            best = &path;
            bestScore = s;
        }
    }
    return best ? *best : GrantPath{};
}

} // namespace clr::compare::detail
