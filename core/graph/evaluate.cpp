// SPDX-License-Identifier: GPL-3.0-or-later
// The forward walk: one identity's profile, asked one request. check(), explain() and the matrices
// all come through here.
#include "graph/permissiongraph.h"

#include "permissiongraph_p.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace clr {

namespace {
constexpr std::string_view kPrivilegedGroup = "system:masters";
} // namespace

// ---------------------------------------------------------------- ActionCoverage

void ActionCoverage::set(std::size_t action)
{
    if (action < 64) {
        m_bits |= std::uint64_t(1) << action;
        return;
    }
    const std::size_t word = action / 64 - 1;
    if (m_more.size() <= word)
        m_more.resize(word + 1, 0);
    m_more[word] |= std::uint64_t(1) << (action % 64);
}

bool ActionCoverage::any() const
{
    return m_bits != 0 || std::any_of(m_more.begin(), m_more.end(), [](std::uint64_t w) { return w != 0; });
}

bool ActionCoverage::all(std::size_t actions) const
{
    if (actions == 0)
        return false;
    for (std::size_t i = 0; i < actions; i += 64) {
        const std::size_t n = std::min<std::size_t>(64, actions - i);
        const std::uint64_t want = n == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << n) - 1;
        const std::uint64_t have = i == 0 ? m_bits : (i / 64 - 1 < m_more.size() ? m_more[i / 64 - 1] : 0);
        if ((have & want) != want)
            return false;
    }
    return true;
}

void ActionCoverage::merge(const ActionCoverage &other)
{
    m_bits |= other.m_bits;
    if (m_more.size() < other.m_more.size())
        m_more.resize(other.m_more.size(), 0);
    for (std::size_t i = 0; i < other.m_more.size(); ++i)
        m_more[i] |= other.m_more[i];
}

void PartialVerdict::merge(const PartialVerdict &other)
{
    kubernetes = kubernetes || other.kubernetes;
    someNames = someNames || other.someNames;
    granted.merge(other.granted);
    conditional.merge(other.conditional);
}

// ---------------------------------------------------------------- preparing

Query PermissionGraph::query(const k8s::Request &request) const
{
    Query q;
    q.request = request;
    q.azureActions = azureActionsFor(request);
    q.discovery = !request.resourceRequest && azure::isDiscoveryRequest(request);
    return q;
}

AccessProfile PermissionGraph::profile(const Identity &who) const
{
    AccessProfile p;
    p.who = who;
    gather(who, p);
    return p;
}

void PermissionGraph::gather(const Identity &who, AccessProfile &p) const
{
    p.privileged = std::find(who.user.groups.begin(), who.user.groups.end(), kPrivilegedGroup) != who.user.groups.end();
    p.bindings = m_authorizer->bindingsNaming(who.user);
    if (!who.isEntra() || who.serviceAccount)
        return; // only Entra principals reach Azure, the admin groups and the admin credential
    const auto &dir = m_snapshot.directory;
    p.disabled = !dir.at(who.principal).accountEnabled;
    p.azureRbac = azureRbacApplies(who);
    if (adminGroupsApply()) {
        for (auto g : d->adminGroups) {
            if (std::find(who.entraGroups.begin(), who.entraGroups.end(), g) != who.entraGroups.end())
                p.adminGroups.push_back(g);
        }
    }
    // Assignments to the principal and to each of its groups, transitively.
    auto add = [&](entra::PrincipalId id) {
        if (id < d->assignmentsByPrincipal.size())
            p.assignments.insert(p.assignments.end(), d->assignmentsByPrincipal[id].begin(), d->assignmentsByPrincipal[id].end());
    };
    add(who.principal);
    for (auto g : who.entraGroups)
        add(g);
    std::sort(p.assignments.begin(), p.assignments.end());
    p.assignments.erase(std::unique(p.assignments.begin(), p.assignments.end()), p.assignments.end());
    std::stable_sort(p.assignments.begin(), p.assignments.end(), [this](std::uint32_t a, std::uint32_t b) {
        const auto &x = d->assignments[a], &y = d->assignments[b];
        const bool xc = x.match != azure::ScopeMatch::Namespace, yc = y.match != azure::ScopeMatch::Namespace;
        return xc != yc ? xc : (!xc && x.ns < y.ns);
    });
    for (auto a : p.assignments) {
        const auto &ca = d->assignments[a];
        const bool clusterWide = ca.match != azure::ScopeMatch::Namespace;
        p.assignmentNamespaces.push_back(clusterWide ? std::string_view() : std::string_view(ca.ns));
        p.clusterAssignmentCount += clusterWide ? 1 : 0;
        if (yieldsAdminCredential(ca))
            p.adminCredential.push_back(a);
    }
}

// ---------------------------------------------------------------- evaluating

void PermissionGraph::azurePart(const AccessProfile &profile, const Query &query, std::size_t first, std::size_t last,
                                PartialVerdict &out, Trace *trace) const
{
    if (!profile.azureRbac || query.azureActions.empty())
        return;
    const auto &defs = m_snapshot.azure.roleDefinitions;
    for (std::size_t i = first; i < last; ++i) {
        const ClusterAssignment &a = d->assignments[profile.assignments[i]];
        if (a.roleDefinition < 0 || !assignmentApplies(a, query.request))
            continue;
        const auto &role = defs[std::size_t(a.roleDefinition)];
        std::string firstPattern;
        for (std::size_t action = 0; action < query.azureActions.size(); ++action) {
            std::string pattern;
            if (!azure::roleGrantsDataAction(role, query.azureActions[action], trace ? &pattern : nullptr))
                continue;
            (a.conditional ? out.conditional : out.granted).set(action);
            if (firstPattern.empty())
                firstPattern = pattern.empty() ? std::string("*") : pattern;
        }
        if (trace && !firstPattern.empty())
            trace->azure.push_back({profile.assignments[i], firstPattern, a.conditional});
    }
}

PartialVerdict PermissionGraph::evaluateClusterWide(const AccessProfile &profile, const Query &query, Trace *trace) const
{
    PartialVerdict v;
    const auto k = m_authorizer->evaluate(profile.bindings, 0, profile.bindings.clusterCount, query.request, trace ? &trace->grants : nullptr);
    v.kubernetes = k.allowed;
    v.someNames = k.someNames;
    azurePart(profile, query, 0, profile.clusterAssignmentCount, v, trace);
    return v;
}

NamespaceSlice PermissionGraph::namespaceSlice(const AccessProfile &profile, std::string_view ns) const
{
    NamespaceSlice slice;
    if (ns.empty())
        return slice;
    std::tie(slice.bindingsFirst, slice.bindingsLast) = profile.bindings.inNamespace(ns);
    const auto &names = profile.assignmentNamespaces;
    const auto range = std::equal_range(names.begin() + std::ptrdiff_t(profile.clusterAssignmentCount), names.end(), ns);
    slice.assignmentsFirst = std::size_t(range.first - names.begin());
    slice.assignmentsLast = std::size_t(range.second - names.begin());
    return slice;
}

PartialVerdict PermissionGraph::evaluateNamespace(const AccessProfile &profile, const NamespaceSlice &slice, const Query &query,
                                                  Trace *trace) const
{
    PartialVerdict v;
    if (slice.empty())
        return v;
    const auto k = m_authorizer->evaluate(profile.bindings, slice.bindingsFirst, slice.bindingsLast, query.request,
                                          trace ? &trace->grants : nullptr);
    v.kubernetes = k.allowed;
    v.someNames = k.someNames;
    azurePart(profile, query, slice.assignmentsFirst, slice.assignmentsLast, v, trace);
    return v;
}

PartialVerdict PermissionGraph::evaluateNamespace(const AccessProfile &profile, const Query &query, Trace *trace) const
{
    return evaluateNamespace(profile, namespaceSlice(profile, query.request.ns), query, trace);
}

Decision PermissionGraph::decide(const AccessProfile &profile, const Query &query, const PartialVerdict &v) const
{
    Decision out;
    if (v.kubernetes || profile.privileged)
        out.planes |= planeBit(Plane::Kubernetes);
    if (!profile.adminGroups.empty())
        out.planes |= planeBit(Plane::AksAdminGroup);
    if (!profile.adminCredential.empty())
        out.planes |= planeBit(Plane::AdminCredential);
    const std::size_t actions = query.azureActions.size();
    if (profile.azureRbac && (v.granted.all(actions) || query.discovery))
        out.planes |= planeBit(Plane::Azure);
    out.allowed = out.planes != 0;
    if (!out.allowed) {
        ActionCoverage either = v.granted;
        either.merge(v.conditional);
        out.conditional = profile.azureRbac && v.conditional.any() && either.all(actions);
        out.someNames = v.someNames;
    }
    out.disabledAccount = out.allowed && profile.disabled;
    return out;
}

Decision PermissionGraph::evaluate(const AccessProfile &profile, const Query &query, Trace *trace) const
{
    PartialVerdict v = evaluateClusterWide(profile, query, trace);
    v.merge(evaluateNamespace(profile, query, trace));
    return decide(profile, query, v);
}

Decision PermissionGraph::check(const Identity &who, const k8s::Request &request) const
{
    AccessProfile p; // evaluate() needs no copy of the identity
    gather(who, p);
    return evaluate(p, query(request));
}

} // namespace clr
