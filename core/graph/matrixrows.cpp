// SPDX-License-Identifier: GPL-3.0-or-later
// The rows of an identity matrix: who may ask the cluster. The window's subject catalog and the command
// line's export both list exactly these, so a view of the matrix is the same everywhere.
#include "graph/matrixrows.h"

#include "common/strings.h"
#include "kubernetes/request.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace clr {

namespace {

struct KindName
{
    RowKind kind;
    const char *name;
    const char *plural;
};

constexpr KindName kKindNames[] = {
    {RowKind::User, "user", "users"},
    {RowKind::Guest, "guest", "guests"},
    {RowKind::ServicePrincipal, "service-principal", "service-principals"},
    {RowKind::ManagedIdentity, "managed-identity", "managed-identities"},
    {RowKind::ServiceAccount, "service-account", "service-accounts"},
    {RowKind::KubernetesUser, "kubernetes-user", "kubernetes-users"},
    {RowKind::KubernetesGroup, "kubernetes-group", "kubernetes-groups"},
    {RowKind::Unresolved, "unresolved", "unresolved"},
};

RowKind kindOf(const entra::Principal &p)
{
    switch (p.type) {
    case entra::PrincipalType::User:
        return p.guest ? RowKind::Guest : RowKind::User;
    case entra::PrincipalType::ServicePrincipal:
        return p.isManagedIdentity() ? RowKind::ManagedIdentity : RowKind::ServicePrincipal;
    case entra::PrincipalType::Group:
    case entra::PrincipalType::Unresolved:
        break;
    }
    return RowKind::Unresolved;
}

} // namespace

std::string rowKindName(RowKind kind)
{
    return kKindNames[std::size_t(kind)].name;
}

std::optional<RowKind> parseRowKind(std::string_view text)
{
    const std::string wanted = toLower(std::string(text));
    if (wanted == "groups" || wanted == "group")
        return RowKind::KubernetesGroup; // Entra groups are no rows: the only groups a matrix lists
    for (const auto &k : kKindNames) {
        if (wanted == k.name || wanted == k.plural)
            return k.kind;
    }
    return std::nullopt;
}

std::vector<ServiceAccountName> serviceAccountsOf(const PermissionGraph &graph)
{
    const auto &kube = graph.kubernetes().cluster();
    std::vector<ServiceAccountName> out;
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < kube.serviceAccounts.size(); ++i) {
        const auto &sa = kube.serviceAccounts[i];
        if (seen.insert({sa.ns, sa.name}).second)
            out.push_back({sa.ns, sa.name, int(i)});
    }
    for (const auto &b : kube.bindings) {
        for (const auto &s : b.subjects) {
            const std::string ns = s.ns.empty() ? b.ns : s.ns; // a ClusterRoleBinding's has none: it names nobody
            if (s.kind == k8s::Subject::Kind::ServiceAccount && !ns.empty() && seen.insert({ns, s.name}).second)
                out.push_back({ns, s.name, -1});
        }
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return std::tie(a.ns, a.name) < std::tie(b.ns, b.name); });
    return out;
}

std::vector<std::string> kubernetesOnlyUsers(const PermissionGraph &graph)
{
    std::set<std::string> users;
    for (const auto &b : graph.kubernetes().cluster().bindings) {
        for (const auto &s : b.subjects) {
            if (s.kind != k8s::Subject::Kind::User || k8s::parseServiceAccountUser(s.name, nullptr, nullptr))
                continue;
            const SubjectReach reach = graph.reachOf(s);
            if (reach.kind != SubjectReach::Kind::Principal)
                users.insert(s.name);
        }
    }
    return {users.begin(), users.end()};
}

std::vector<std::string> kubernetesOnlyGroups(const PermissionGraph &graph)
{
    const auto &dir = graph.snapshot().directory;
    std::set<std::string> groups;
    for (const auto &b : graph.kubernetes().cluster().bindings) {
        for (const auto &s : b.subjects) {
            if (s.kind == k8s::Subject::Kind::Group && dir.find(s.name) == entra::NoPrincipal)
                groups.insert(s.name);
        }
    }
    return {groups.begin(), groups.end()};
}

Identity memberOfKubernetesGroup(const std::string &group)
{
    Identity who;
    who.user = k8s::impersonate("member of group " + group, {group});
    return who;
}

RequesterRow requesterRowOf(const PermissionGraph &graph, entra::PrincipalId principal)
{
    const auto &p = graph.snapshot().directory.at(principal);
    RequesterRow row;
    row.kind = kindOf(p);
    row.principal = principal;
    row.name = p.type == entra::PrincipalType::Unresolved ? p.id : graph.kubernetesUserName(principal);
    row.displayName = p.displayName.empty() ? p.id : p.displayName;
    row.disabled = !p.accountEnabled;
    return row;
}

RequesterRow serviceAccountRow(const std::string &ns, const std::string &name)
{
    return {RowKind::ServiceAccount, entra::NoPrincipal, "system:serviceaccount:" + ns + ':' + name, ns + '/' + name, false};
}

RequesterRow kubernetesUserRow(const std::string &name)
{
    return {RowKind::KubernetesUser, entra::NoPrincipal, name, name, false};
}

RequesterRow kubernetesGroupRow(const std::string &group)
{
    return {RowKind::KubernetesGroup, entra::NoPrincipal, group, group, false};
}

std::vector<RequesterRow> requesterRows(const PermissionGraph &graph)
{
    std::vector<RequesterRow> out;
    const auto &dir = graph.snapshot().directory;
    out.reserve(dir.size());
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        if (dir.at(p).type != entra::PrincipalType::Group)
            out.push_back(requesterRowOf(graph, p));
    }
    // Entra rows by kind then display name, as the catalog lists them; the other kinds come sorted.
    std::vector<std::string> keys(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        keys[i] = toLower(out[i].displayName);
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(out[a].kind, keys[a]) < std::tie(out[b].kind, keys[b]);
    });
    std::vector<RequesterRow> sorted;
    sorted.reserve(out.size() + 64);
    for (auto i : order)
        sorted.push_back(std::move(out[i]));
    auto unresolved = std::find_if(sorted.begin(), sorted.end(), [](const auto &r) { return r.kind == RowKind::Unresolved; });
    std::vector<RequesterRow> tail(std::make_move_iterator(unresolved), std::make_move_iterator(sorted.end()));
    sorted.erase(unresolved, sorted.end());
    for (const auto &sa : serviceAccountsOf(graph))
        sorted.push_back(serviceAccountRow(sa.ns, sa.name));
    for (const auto &u : kubernetesOnlyUsers(graph))
        sorted.push_back(kubernetesUserRow(u));
    for (const auto &g : kubernetesOnlyGroups(graph))
        sorted.push_back(kubernetesGroupRow(g));
    sorted.insert(sorted.end(), std::make_move_iterator(tail.begin()), std::make_move_iterator(tail.end()));
    return sorted;
}

Identity identityOfRow(const PermissionGraph &graph, const RequesterRow &row)
{
    switch (row.kind) {
    case RowKind::ServiceAccount: {
        Identity who;
        who.user = k8s::impersonate(row.name, {});
        who.serviceAccount = true;
        return who;
    }
    case RowKind::KubernetesUser: {
        Identity who;
        who.user = k8s::impersonate(row.name, {});
        return who;
    }
    case RowKind::KubernetesGroup:
        return memberOfKubernetesGroup(row.name);
    default:
        return graph.identityOf(row.principal);
    }
}

} // namespace clr
