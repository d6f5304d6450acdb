// SPDX-License-Identifier: GPL-3.0-or-later
// The reverse walk: one request, everyone it is allowed to. It asks the same predicates as the forward
// walk (evaluate.cpp), from the other end: which bindings apply and which rules allow (the Kubernetes
// authorizer's whoCan), whom a binding subject names (principalsNamedBy's rule), which assignments apply
// and grant, who holds the admin credential, who is in an admin group. The agreement tests prove both
// walks give the same answers.
#include "graph/permissiongraph.h"

#include "permissiongraph_p.h"

#include <algorithm>

namespace clr {

namespace {

constexpr std::uint8_t kConditionalBit = 0x10; // beside the Planes bits in who-can's marks

/** Where a grant to a directory object lands: on the object itself (an assignee) or on its members only
 *  (a group named in a binding: its members carry the group claim, the group never asks). */
struct Seed
{
    entra::PrincipalId principal = entra::NoPrincipal;
    bool self = true;
};

/**
 * Visits every principal reached from the seeds: each seed with `self`, and every transitive member of
 * every seed, each once (cycle-safe, no per-group allocation). `visit(p)` returns false when p was already
 * marked, which stops the walk there.
 */
template<typename Visit>
void reach(const entra::Directory &dir, const std::vector<Seed> &seeds, Visit visit)
{
    std::vector<entra::PrincipalId> queue;
    for (const auto &s : seeds) {
        if (!s.self || visit(s.principal))
            queue.push_back(s.principal);
    }
    for (std::size_t i = 0; i < queue.size(); ++i) {
        for (auto m : dir.directMembers(queue[i])) {
            if (visit(m))
                queue.push_back(m);
        }
    }
}

void markAll(const entra::Directory &dir, const std::vector<Seed> &seeds, std::uint8_t bit, std::vector<std::uint8_t> &marks)
{
    reach(dir, seeds, [&](entra::PrincipalId p) {
        if (marks[p] & bit)
            return false;
        marks[p] |= bit;
        return true;
    });
}

} // namespace

SubjectReach PermissionGraph::reachOf(const k8s::Subject &subject) const
{
    // The reverse of identityOf(): an Entra principal's user name is kubernetesUserName(), its groups the
    // lower-case object IDs of its transitive groups plus system:authenticated. Nothing else (service
    // accounts, other system: groups) names one.
    const auto &dir = m_snapshot.directory;
    if (subject.kind == k8s::Subject::Kind::User) {
        if (auto it = d->byKubernetesName.find(subject.name); it != d->byKubernetesName.end())
            return {SubjectReach::Kind::Principal, it->second};
    } else if (subject.kind == k8s::Subject::Kind::Group && subject.name == "system:authenticated") {
        return {SubjectReach::Kind::Everyone, entra::NoPrincipal};
    } else if (subject.kind == k8s::Subject::Kind::Group) {
        // Exact: a group claim is the lower-case object ID and RBAC compares names exactly.
        const auto g = dir.find(subject.name);
        if (g != entra::NoPrincipal && dir.at(g).id == subject.name)
            return {SubjectReach::Kind::MembersOf, g};
    }
    return {};
}

std::vector<entra::PrincipalId> PermissionGraph::principalsNamedBy(const k8s::Subject &subject) const
{
    const auto &dir = m_snapshot.directory;
    const SubjectReach r = reachOf(subject);
    std::vector<entra::PrincipalId> out;
    switch (r.kind) {
    case SubjectReach::Kind::None:
        break;
    case SubjectReach::Kind::Principal:
        out.push_back(r.principal);
        break;
    case SubjectReach::Kind::Everyone:
        out = principalsByName();
        break;
    case SubjectReach::Kind::MembersOf:
        for (auto m : dir.transitiveMembers(r.principal)) {
            const auto t = dir.at(m).type;
            if (t == entra::PrincipalType::User || t == entra::PrincipalType::ServicePrincipal)
                out.push_back(m);
        }
        break;
    }
    return out;
}

const std::vector<entra::PrincipalId> &PermissionGraph::principalsByName() const
{
    // Sorted once, on the first who-can: answers are then listed in this order without sorting them.
    std::call_once(d->nameOrderOnce, [this] {
        const auto &dir = m_snapshot.directory;
        d->nameOrder.reserve(dir.size());
        for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
            const auto t = dir.at(p).type;
            if (t == entra::PrincipalType::User || t == entra::PrincipalType::ServicePrincipal)
                d->nameOrder.push_back(p);
        }
        const auto &names = d->kubernetesNames;
        std::sort(d->nameOrder.begin(), d->nameOrder.end(), [&](auto a, auto b) { return names[a] < names[b]; });
    });
    return d->nameOrder;
}

WhoCanResult PermissionGraph::whoCan(const k8s::Request &asked, bool anyNamespace) const
{
    WhoCanResult out;
    out.request = asked;
    out.anyNamespace = anyNamespace && asked.resourceRequest && asked.ns.empty();
    if (!asked.resourceRequest || isClusterScoped(asked)) {
        // No request for a cluster-scoped resource or a URL carries a namespace: RoleBindings never count.
        if (!asked.ns.empty() || anyNamespace)
            out.notes.push_back((asked.resourceRequest ? asked.resource + " is cluster-scoped" : std::string("non-resource URLs have no namespace"))
                                + ": answered cluster-wide, whatever the namespace asked");
        out.request.ns.clear();
        out.anyNamespace = false;
    }
    const Query q = query(out.request);
    out.subjects = m_authorizer->whoCan(q.request, out.anyNamespace);
    const auto &dir = m_snapshot.directory;
    if (!m_snapshot.hasEntra())
        return out;
    std::vector<std::uint8_t> marks(dir.size(), 0);

    // Kubernetes RBAC: the principals each granted subject names.
    std::vector<Seed> kube;
    bool everyone = false; // system:authenticated is granted: every Entra user and service principal
    for (const auto &sg : out.subjects) {
        const SubjectReach r = reachOf(sg.subject);
        everyone = everyone || r.kind == SubjectReach::Kind::Everyone;
        if (r.kind == SubjectReach::Kind::Principal || r.kind == SubjectReach::Kind::MembersOf)
            kube.push_back({r.principal, r.kind == SubjectReach::Kind::Principal});
    }
    markAll(dir, kube, planeBit(Plane::Kubernetes), marks);

    // The AKS admin groups: their members.
    if (adminGroupsApply()) {
        std::vector<Seed> admins;
        for (auto g : d->adminGroups)
            admins.push_back({g, false});
        markAll(dir, admins, planeBit(Plane::AksAdminGroup), marks);
    }

    // The admin credential: assignees and, for groups, their members.
    std::vector<Seed> credential;
    for (const auto &a : d->assignments)
        if (a.assignee != entra::NoPrincipal && yieldsAdminCredential(a))
            credential.push_back({a.assignee, true});
    markAll(dir, credential, planeBit(Plane::AdminCredential), marks);

    // Azure RBAC: every action must be granted, by one assignment or several.
    const bool azureOn = d->azureRbacOn();
    const std::size_t actions = q.azureActions.size();
    const bool azureForEveryone = azureOn && q.discovery; // the webhook's discovery default
    if (azureOn && !q.discovery && actions > 0) {
        const auto &defs = m_snapshot.azure.roleDefinitions;
        k8s::Request scoped = q.request;
        // The assignments that grant action `i` where they apply (with -A, each in its own namespace).
        auto seedsFor = [&](std::size_t action, std::vector<Seed> &granting, std::vector<Seed> &conditional) {
            for (const auto &a : d->assignments) {
                if (a.assignee == entra::NoPrincipal || a.roleDefinition < 0)
                    continue;
                scoped.ns = out.anyNamespace && a.match == azure::ScopeMatch::Namespace ? a.ns : q.request.ns;
                if (!assignmentApplies(a, scoped) || !azure::roleGrantsDataAction(defs[std::size_t(a.roleDefinition)], q.azureActions[action]))
                    continue;
                (a.conditional ? conditional : granting).push_back({a.assignee, true});
            }
        };
        if (actions == 1) {
            std::vector<Seed> granting, conditional;
            seedsFor(0, granting, conditional);
            markAll(dir, granting, planeBit(Plane::Azure), marks);
            markAll(dir, conditional, kConditionalBit, marks);
        } else {
            // A wildcard request: a principal is allowed when every action is granted to it, by one
            // assignment or several. Count the actions reaching each principal, once per action.
            std::vector<std::uint16_t> granted(dir.size(), 0), either(dir.size(), 0);
            std::vector<std::uint32_t> stamp(dir.size(), 0), stampEither(dir.size(), 0);
            for (std::size_t action = 0; action < actions; ++action) {
                std::vector<Seed> granting, conditional;
                seedsFor(action, granting, conditional);
                const auto tag = std::uint32_t(action + 1);
                reach(dir, granting, [&](entra::PrincipalId p) { return stamp[p] != tag && (stamp[p] = tag, ++granted[p], true); });
                granting.insert(granting.end(), conditional.begin(), conditional.end());
                reach(dir, granting, [&](entra::PrincipalId p) { return stampEither[p] != tag && (stampEither[p] = tag, ++either[p], true); });
            }
            for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
                if (granted[p] == actions)
                    marks[p] |= planeBit(Plane::Azure);
                else if (either[p] == actions)
                    marks[p] |= kConditionalBit;
            }
        }
    }

    const std::uint8_t always = (everyone ? planeBit(Plane::Kubernetes) : 0) | (azureForEveryone ? planeBit(Plane::Azure) : 0);
    for (auto p : principalsByName()) {
        const std::uint8_t m = marks[p] | always;
        if (!m)
            continue;
        const Planes planes = m & 0x0f;
        out.principals.push_back({p, planes, planes == 0});
    }
    std::size_t unresolved = 0;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p)
        unresolved += marks[p] && dir.at(p).type == entra::PrincipalType::Unresolved;
    if (unresolved)
        out.notes.push_back(std::to_string(unresolved) + " member(s) or assignee(s) are object IDs missing from the Entra export");
    if (azureOn)
        out.notes.push_back("Azure RBAC and Kubernetes RBAC are combined as a union (assumption: AKS documents that they work together)");
    for (const auto &id : d->unresolvedAssignees)
        out.notes.push_back("role assignee " + id + " is not in the Entra export");
    return out;
}

} // namespace clr
