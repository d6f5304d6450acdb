// SPDX-License-Identifier: GPL-3.0-or-later
// Who a change can reach: the walk from each changed object to the parties whose access may differ.
// It follows the graph's own predicates (reachOf for binding subjects, the directory's members for
// groups, clusterAssignments for Azure), on both snapshots.
#include "affected_p.h"

#include "common/strings.h"

#include <algorithm>
#include <map>

namespace clr::compare::detail {

namespace {

const PermissionGraph &graphOf(const PermissionGraph &base, const PermissionGraph &head, Side s)
{
    return s == Side::Base ? base : head;
}

struct Walker
{
    const PermissionGraph &base, &head;
    const ChangeIndex &index;
    Affected &out;
    std::vector<std::uint8_t> expanded[2];

    const PermissionGraph &graph(Side s) const { return graphOf(base, head, s); }

    /** The principal and everyone below it, each group walked once. */
    void tree(Side s, entra::PrincipalId root)
    {
        if (root == entra::NoPrincipal)
            return;
        const auto &dir = graph(s).snapshot().directory;
        auto &marks = out.principals[int(s)];
        auto &done = expanded[int(s)];
        std::vector<entra::PrincipalId> queue{root};
        marks[root] = 1;
        while (!queue.empty()) {
            const auto g = queue.back();
            queue.pop_back();
            if (done[g])
                continue;
            done[g] = 1;
            for (auto m : dir.directMembers(g)) {
                marks[m] = 1;
                if (!done[m])
                    queue.push_back(m);
            }
        }
    }

    void subject(Side s, const k8s::Binding &b, const k8s::Subject &subject)
    {
        const PermissionGraph &g = graph(s);
        switch (subject.kind) {
        case k8s::Subject::Kind::ServiceAccount: {
            const std::string ns = !subject.ns.empty() ? subject.ns : (b.cluster ? std::string() : b.ns);
            if (!ns.empty())
                out.kubernetes.insert(ObjectRef(ObjectRef::Kind::ServiceAccount, ns, subject.name).toString());
            return;
        }
        case k8s::Subject::Kind::User: {
            const SubjectReach r = g.reachOf(subject);
            if (r.kind == SubjectReach::Kind::Principal)
                out.principals[int(s)][r.principal] = 1;
            else
                out.kubernetes.insert(ObjectRef(ObjectRef::Kind::User, subject.name).toString());
            return;
        }
        case k8s::Subject::Kind::Group: {
            const SubjectReach r = g.reachOf(subject);
            if (r.kind == SubjectReach::Kind::MembersOf) {
                tree(s, r.principal);
            } else if (r.kind == SubjectReach::Kind::Everyone) {
                out.everyone = true;
            } else {
                out.kubernetes.insert(ObjectRef(ObjectRef::Kind::Group, subject.name).toString());
                out.allServiceAccounts = out.allServiceAccounts || startsWith(subject.name, "system:serviceaccounts");
            }
            return;
        }
        }
    }

    void binding(Side s, std::uint32_t b)
    {
        const auto &binding = graph(s).snapshot().kube.bindings[b];
        for (const auto &subj : binding.subjects)
            subject(s, binding, subj);
    }

    void kubernetes(Side s)
    {
        const auto &idx = index.of(s);
        const auto &authz = graph(s).kubernetes();
        for (std::uint32_t b = 0; b < idx.binding.size(); ++b) {
            const int role = authz.roleOf(b);
            if (idx.binding[b] != kNone || (role >= 0 && idx.role[std::size_t(role)] != kNone))
                binding(s, b);
        }
    }

    void azure(Side s, bool credentialListers, bool everyAssignee)
    {
        const auto &idx = index.of(s);
        for (const auto &ca : graph(s).clusterAssignments()) {
            const bool changed = idx.assignment[ca.assignment] != kNone || (ca.roleDefinition >= 0 && idx.definition[std::size_t(ca.roleDefinition)] != kNone);
            const bool lister = credentialListers && (ca.listsAdminCredential || ca.listsUserCredential);
            if (changed || lister || everyAssignee)
                tree(s, ca.assignee);
        }
    }

    void entra(Side s, bool adminGroups)
    {
        const auto &idx = index.of(s);
        for (std::size_t p = 0; p < idx.principal.size(); ++p)
            if (idx.principal[p] != kNone)
                out.principals[int(s)][p] = 1;
        for (const auto &[edge, id] : idx.membership)
            tree(s, entra::PrincipalId(edge & 0xffffffffu));
        for (const auto &[group, id] : idx.adminGroup)
            tree(s, group);
        const auto *cluster = graph(s).cluster();
        if (adminGroups && cluster) {
            for (const auto &oid : cluster->adminGroupObjectIds)
                tree(s, graph(s).snapshot().directory.find(oid));
        }
    }

    void run()
    {
        if (index.cluster != kNone) {
            out.everyone = true;
            return;
        }
        bool customResources = false;
        for (Side s : {Side::Base, Side::Head})
            customResources = customResources || !index.of(s).customResource.empty();
        // Entra integration decides the admin groups and whether the user credential is cluster-admin.
        const bool integration = index.entraIntegration != kNone;
        for (Side s : {Side::Base, Side::Head}) {
            kubernetes(s);
            azure(s, integration || index.localAccounts != kNone, customResources);
            entra(s, integration);
            if (index.azureRbac != kNone) // every Entra caller: discovery paths and every assignment
                std::fill(out.principals[int(s)].begin(), out.principals[int(s)].end(), std::uint8_t(1));
        }
    }
};

/** Entra groups that a binding, an assignment or the admin group list names on this side. */
std::vector<std::uint8_t> namedGroups(const PermissionGraph &g)
{
    const auto &dir = g.snapshot().directory;
    std::vector<std::uint8_t> out(dir.size(), 0);
    for (const auto &b : g.snapshot().kube.bindings) {
        for (const auto &s : b.subjects) {
            const SubjectReach r = g.reachOf(s);
            if (r.kind == SubjectReach::Kind::MembersOf)
                out[r.principal] = 1;
        }
    }
    for (const auto &ca : g.clusterAssignments())
        if (ca.assignee != entra::NoPrincipal)
            out[ca.assignee] = 1;
    if (const auto *c = g.cluster()) {
        for (const auto &oid : c->adminGroupObjectIds)
            if (const auto p = dir.find(oid); p != entra::NoPrincipal)
                out[p] = 1;
    }
    return out;
}

bool wanted(const entra::Principal &p, bool named)
{
    return p.type == entra::PrincipalType::User || p.type == entra::PrincipalType::ServicePrincipal
        || (p.type == entra::PrincipalType::Group && named);
}

/** Every Kubernetes user, group and service account a graph names (binding subjects, ServiceAccounts). */
void kubernetesParties(const PermissionGraph &g, std::set<std::string> &out, bool serviceAccountsOnly)
{
    for (const auto &b : g.snapshot().kube.bindings) {
        for (const auto &s : b.subjects) {
            if (s.kind == k8s::Subject::Kind::ServiceAccount) {
                const std::string ns = !s.ns.empty() ? s.ns : (b.cluster ? std::string() : b.ns);
                if (!ns.empty())
                    out.insert(ObjectRef(ObjectRef::Kind::ServiceAccount, ns, s.name).toString());
                continue;
            }
            if (serviceAccountsOnly)
                continue;
            const SubjectReach r = g.reachOf(s);
            if (s.kind == k8s::Subject::Kind::User && r.kind != SubjectReach::Kind::Principal)
                out.insert(ObjectRef(ObjectRef::Kind::User, s.name).toString());
            else if (s.kind == k8s::Subject::Kind::Group && r.kind != SubjectReach::Kind::MembersOf)
                out.insert(ObjectRef(ObjectRef::Kind::Group, s.name).toString());
        }
    }
    for (const auto &sa : g.snapshot().kube.serviceAccounts)
        out.insert(ObjectRef(ObjectRef::Kind::ServiceAccount, sa.ns, sa.name).toString());
}

Party kubernetesParty(const ObjectRef &ref)
{
    Party p;
    p.key = ref;
    switch (ref.kind) {
    case ObjectRef::Kind::ServiceAccount:
        p.kind = Party::Kind::ServiceAccount;
        p.name = "system:serviceaccount:" + ref.ns + ':' + ref.name;
        break;
    case ObjectRef::Kind::Group:
        p.kind = Party::Kind::KubernetesGroup;
        p.name = ref.name;
        break;
    default:
        p.kind = Party::Kind::KubernetesUser;
        p.name = ref.name;
        break;
    }
    return p;
}

bool partyLess(const Party &a, const Party &b)
{
    // Entra groups after the users and service principals they contain; Kubernetes names last.
    auto rank = [](Party::Kind k) { return k == Party::Kind::ServicePrincipal ? int(Party::Kind::User) : int(k); };
    if (rank(a.kind) != rank(b.kind))
        return rank(a.kind) < rank(b.kind);
    const std::string la = toLower(a.label()), lb = toLower(b.label());
    return la != lb ? la < lb : a.key.toString() < b.key.toString();
}

} // namespace

Affected affectedBy(const PermissionGraph &base, const PermissionGraph &head, const ChangeIndex &index)
{
    Affected out;
    Walker w{base, head, index, out, {}};
    for (Side s : {Side::Base, Side::Head}) {
        const auto n = graphOf(base, head, s).snapshot().directory.size();
        out.principals[int(s)].assign(n, 0);
        w.expanded[int(s)].assign(n, 0);
    }
    w.run();
    return out;
}

std::vector<Party> partiesOf(const PermissionGraph &base, const PermissionGraph &head, const ChangeIndex &index, const Affected &affected)
{
    std::vector<Party> out;
    const auto &db = base.snapshot().directory, &dh = head.snapshot().directory;
    const auto namedBase = namedGroups(base), namedHead = namedGroups(head);
    for (entra::PrincipalId h = 0; h < dh.size(); ++h) {
        const entra::PrincipalId b = index.headToBase[h];
        const bool inBase = b != entra::NoPrincipal && db.at(b).type != entra::PrincipalType::Unresolved;
        const bool named = namedHead[h] || (inBase && namedBase[b]);
        if (!wanted(dh.at(h), named))
            continue;
        if (!affected.everyone && !affected.principals[1][h] && !(inBase && affected.principals[0][b]))
            continue;
        Party p = principalParty(head, h);
        p.inBase = inBase;
        out.push_back(std::move(p));
    }
    for (entra::PrincipalId b = 0; b < db.size(); ++b) {
        const entra::PrincipalId h = index.baseToHead[b];
        if (h != entra::NoPrincipal && dh.at(h).type != entra::PrincipalType::Unresolved)
            continue; // listed above
        if (!wanted(db.at(b), namedBase[b]) || (!affected.everyone && !affected.principals[0][b]))
            continue;
        Party p = principalParty(base, b);
        p.inHead = false;
        out.push_back(std::move(p));
    }
    std::set<std::string> kube = affected.kubernetes;
    if (affected.everyone || affected.allServiceAccounts) {
        kubernetesParties(base, kube, !affected.everyone);
        kubernetesParties(head, kube, !affected.everyone);
    }
    for (const auto &key : kube) {
        if (const auto ref = ObjectRef::parse(key))
            out.push_back(kubernetesParty(*ref));
    }
    std::sort(out.begin(), out.end(), partyLess);
    return out;
}

std::optional<Party> findParty(const PermissionGraph &base, const PermissionGraph &head, const ObjectRef &key)
{
    if (key.kind != ObjectRef::Kind::Principal)
        return kubernetesParty(key);
    for (const PermissionGraph *g : {&head, &base}) {
        const auto &dir = g->snapshot().directory;
        const auto p = dir.find(key.name);
        if (p == entra::NoPrincipal || dir.at(p).type == entra::PrincipalType::Unresolved)
            continue;
        Party party = principalParty(*g, p);
        const auto other = (g == &head ? base : head).snapshot().directory.find(key.name);
        const bool there = other != entra::NoPrincipal
            && (g == &head ? base : head).snapshot().directory.at(other).type != entra::PrincipalType::Unresolved;
        (g == &head ? party.inBase : party.inHead) = there;
        return party;
    }
    return std::nullopt;
}

} // namespace clr::compare::detail
