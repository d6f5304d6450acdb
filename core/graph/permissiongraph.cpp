// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/permissiongraph.h"

#include "common/strings.h"
#include "permissiongraph_p.h"

#include <algorithm>
#include <mutex>
#include <set>

namespace clr {

std::string planeName(Plane p)
{
    switch (p) {
    case Plane::Kubernetes:
        return "kubernetes";
    case Plane::Azure:
        return "azure";
    case Plane::AksAdminGroup:
        return "aks-admin-group";
    case Plane::AdminCredential:
        return "admin-credential";
    }
    return {};
}

std::vector<std::string> planeNames(Planes planes)
{
    std::vector<std::string> out;
    for (Plane p : kAllPlanes) {
        if (planes & planeBit(p))
            out.push_back(planeName(p));
    }
    return out;
}

// ---------------------------------------------------------------- construction

namespace {

const azure::ManagedCluster *selectCluster(const Snapshot &s, const std::string &selector, Diagnostics &diags)
{
    const auto &clusters = s.azure.clusters;
    if (clusters.empty())
        return nullptr;
    if (selector.empty()) {
        if (clusters.size() == 1)
            return &clusters.front();
        std::string names;
        for (const auto &c : clusters)
            names += (names.empty() ? "" : ", ") + c.name;
        diags.push_back({Diagnostic::Severity::Warning, {}, 0, 0,
                         "the snapshot holds " + std::to_string(clusters.size()) + " AKS clusters (" + names
                             + "); choose one with --cluster NAME|ID. Azure planes are off until then"});
        return nullptr;
    }
    for (const auto &c : clusters) {
        if (iequals(c.name, selector) || iequals(c.id, selector))
            return &c;
    }
    diags.push_back({Diagnostic::Severity::Error, {}, 0, 0, "no AKS cluster named '" + selector + "' in the snapshot"});
    return nullptr;
}

} // namespace

PermissionGraph::PermissionGraph(Snapshot snapshot, const std::string &clusterSelector)
    : m_snapshot(std::move(snapshot))
    , d(std::make_unique<Private>())
{
    azure::resolveRoleDefinitions(m_snapshot.azure); // a no-op on loaded snapshots; hand-built ones need it
    d->cluster = selectCluster(m_snapshot, clusterSelector, m_diagnostics);
    k8s::Cluster kube = m_snapshot.kube; // the authorizer owns an aggregated copy
    m_resources.addCustomResources(kube.customResources);
    m_authorizer = std::make_unique<k8s::Authorizer>(std::move(kube));

    const auto &dir = m_snapshot.directory;
    d->kubernetesNames.resize(dir.size());
    d->byKubernetesName.reserve(dir.size());
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        const auto &pr = dir.at(p);
        const bool byUpn = pr.type == entra::PrincipalType::User && !pr.guest && !pr.userPrincipalName.empty();
        d->kubernetesNames[p] = byUpn ? std::string_view(pr.userPrincipalName) : std::string_view(pr.id);
        if (pr.type == entra::PrincipalType::User || pr.type == entra::PrincipalType::ServicePrincipal)
            d->byKubernetesName.emplace(d->kubernetesNames[p], p);
    }
    if (d->cluster) {
        for (const auto &g : d->cluster->adminGroupObjectIds) {
            const auto id = dir.find(g);
            if (id != entra::NoPrincipal)
                d->adminGroups.push_back(id);
            else
                m_diagnostics.push_back({Diagnostic::Severity::Warning, {}, 0, 0,
                                         "AKS admin group " + g + " is not in the Entra export; its members cannot be listed"});
        }
    }
    indexAzure();
    reportFindings();
}

PermissionGraph::~PermissionGraph() = default;

void PermissionGraph::indexAzure()
{
    const auto &az = m_snapshot.azure;
    d->assignmentsByPrincipal.resize(m_snapshot.directory.size());
    if (!d->cluster)
        return;
    std::set<std::string> unresolved;
    for (std::uint32_t i = 0; i < az.assignments.size(); ++i) {
        const auto &a = az.assignments[i];
        ClusterAssignment ref;
        ref.assignment = i;
        ref.match = azure::matchScope(a.scope, d->cluster->id, &ref.ns);
        if (ref.match == azure::ScopeMatch::None)
            continue;
        if (const auto *role = az.definitionOf(a)) {
            ref.roleDefinition = a.roleDefinition;
            ref.listsAdminCredential = azure::roleGrantsAction(*role, azure::kListAdminCredentialAction);
            ref.listsUserCredential = azure::roleGrantsAction(*role, azure::kListUserCredentialAction);
        } else {
            m_diagnostics.push_back({Diagnostic::Severity::Warning, fileOf(a.source), a.source.line, a.source.column,
                                     "role assignment " + a.name + " refers to unknown role definition " + a.roleDefinitionId
                                         + "; it grants nothing here"});
        }
        ref.conditional = !a.condition.empty();
        ref.assignee = m_snapshot.directory.find(a.principalId);
        if (ref.assignee == entra::NoPrincipal || m_snapshot.directory.at(ref.assignee).type == entra::PrincipalType::Unresolved) {
            if (m_snapshot.hasEntra() && unresolved.insert(a.principalId).second)
                m_diagnostics.push_back({Diagnostic::Severity::Warning, fileOf(a.source), a.source.line, a.source.column,
                                         "role assignment " + a.name + " (" + a.roleDefinitionName + ") names principal " + a.principalId
                                             + ", which is not in the Entra export; its access cannot be attributed"});
        }
        const auto idx = std::uint32_t(d->assignments.size());
        if (ref.assignee != entra::NoPrincipal)
            d->assignmentsByPrincipal[ref.assignee].push_back(idx);
        d->assignments.push_back(std::move(ref));
    }
    d->unresolvedAssignees.assign(unresolved.begin(), unresolved.end());
}

std::string PermissionGraph::fileOf(const SourceRef &src) const
{
    return src.file < m_snapshot.files.size() ? m_snapshot.files[src.file] : std::string();
}

void PermissionGraph::reportFindings()
{
    const auto &kube = m_authorizer->cluster();
    const auto &dir = m_snapshot.directory;
    // Group display names, indexed once: a binding that names a group by display name never matches on AKS.
    std::unordered_map<std::string_view, entra::PrincipalId> groupByName;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        if (dir.at(p).type == entra::PrincipalType::Group && !dir.at(p).displayName.empty())
            groupByName.emplace(dir.at(p).displayName, p);
    }
    for (std::uint32_t b = 0; b < kube.bindings.size(); ++b) {
        const auto &binding = kube.bindings[b];
        const std::string where = fileOf(binding.source);
        if (m_authorizer->roleOf(b) < 0)
            m_diagnostics.push_back({Diagnostic::Severity::Warning, where, binding.source.line, binding.source.column,
                                     (binding.cluster ? "ClusterRoleBinding " : "RoleBinding " + binding.ns + '/') + binding.name
                                         + " refers to " + binding.roleRef.kind + ' ' + binding.roleRef.name
                                         + ", which does not exist: it grants nothing"});
        for (const auto &s : binding.subjects) {
            if (s.kind != k8s::Subject::Kind::Group || startsWith(s.name, "system:"))
                continue;
            auto it = groupByName.find(s.name);
            if (it == groupByName.end() || dir.find(s.name) != entra::NoPrincipal)
                continue;
            m_diagnostics.push_back({Diagnostic::Severity::Warning, where, binding.source.line, binding.source.column,
                                     "binding " + binding.name + " names group '" + s.name
                                         + "' by display name; AKS matches groups only by object ID (" + dir.at(it->second).id
                                         + "), so it never matches"});
        }
    }
}

const azure::ManagedCluster *PermissionGraph::cluster() const
{
    return d->cluster;
}

std::vector<std::string> PermissionGraph::namespaces() const
{
    std::set<std::string> names;
    for (const auto &n : m_snapshot.kube.namespaces)
        names.insert(n.name);
    for (const auto &r : m_snapshot.kube.roles)
        if (!r.cluster)
            names.insert(r.ns);
    for (const auto &b : m_snapshot.kube.bindings)
        if (!b.cluster)
            names.insert(b.ns);
    for (const auto &sa : m_snapshot.kube.serviceAccounts)
        names.insert(sa.ns);
    for (const auto &a : d->assignments)
        if (a.match == azure::ScopeMatch::Namespace)
            names.insert(a.ns);
    names.erase(std::string());
    return {names.begin(), names.end()};
}

// ---------------------------------------------------------------- identities

std::string PermissionGraph::kubernetesUserName(entra::PrincipalId principal) const
{
    // Member users by UPN; guests and service principals are known to AKS by object ID.
    return std::string(d->kubernetesNames[principal]);
}

Identity PermissionGraph::identityOf(entra::PrincipalId principal) const
{
    Identity who;
    who.principal = principal;
    who.entraGroups = m_snapshot.directory.transitiveGroups(principal);
    who.user.name = kubernetesUserName(principal);
    for (auto g : who.entraGroups)
        who.user.groups.push_back(m_snapshot.directory.at(g).id);
    who.user.groups.push_back("system:authenticated");
    return who;
}

Identity PermissionGraph::memberOf(entra::PrincipalId group) const
{
    Identity who = identityOf(group);
    who.user.name.clear(); // a member's own name is not the group's: only the group's grants count
    who.entraGroups.insert(who.entraGroups.begin(), group);
    who.user.groups.insert(who.user.groups.begin(), m_snapshot.directory.at(group).id);
    return who;
}

Identity PermissionGraph::identityFor(const std::string &as, const std::vector<std::string> &asGroups, std::string *error) const
{
    Identity who;
    if (k8s::parseServiceAccountUser(as, nullptr, nullptr)) {
        who.user = k8s::impersonate(as, asGroups);
        who.serviceAccount = true;
        return who;
    }
    const auto &dir = m_snapshot.directory;
    std::vector<entra::PrincipalId> matches;
    if (auto it = d->byKubernetesName.find(as); it != d->byKubernetesName.end())
        matches.push_back(it->second);
    else if (!as.empty())
        matches = dir.lookup(as);
    std::erase_if(matches, [&](auto p) { return dir.at(p).type == entra::PrincipalType::Unresolved; });
    if (matches.size() > 1) {
        if (error) {
            *error = "'" + as + "' is ambiguous in the Entra export: ";
            for (auto p : matches)
                *error += dir.at(p).displayName + " (" + dir.at(p).id + ") ";
            *error += "; use the object ID or the userPrincipalName";
        }
        return who;
    }
    if (matches.size() == 1 && dir.at(matches[0]).type == entra::PrincipalType::Group) {
        if (error)
            *error = "'" + as + "' is an Entra group; use --as-group " + dir.at(matches[0]).id + " with a user";
        return who;
    }
    if (matches.size() == 1) {
        who = identityOf(matches[0]);
        for (const auto &g : asGroups) {
            if (std::find(who.user.groups.begin(), who.user.groups.end(), g) == who.user.groups.end())
                who.user.groups.insert(who.user.groups.end() - 1, g);
        }
        return who;
    }
    who.user = k8s::impersonate(as, asGroups); // a plain Kubernetes user, unknown to Entra
    return who;
}

// ---------------------------------------------------------------- the rules

bool PermissionGraph::adminGroupsApply() const
{
    return d->cluster && d->cluster->entraIntegration;
}

bool PermissionGraph::azureRbacApplies(const Identity &who) const
{
    return d->azureRbacOn() && who.isEntra() && !who.serviceAccount;
}

bool PermissionGraph::yieldsAdminCredential(const ClusterAssignment &a) const
{
    // Only holders at or above the cluster scope can call listClusterAdminCredential on it. Without Entra
    // integration the user credential is a cluster-admin certificate too.
    return d->localAccountsOn() && a.match == azure::ScopeMatch::Cluster && !a.conditional
        && (a.listsAdminCredential || (!d->cluster->entraIntegration && a.listsUserCredential));
}

bool PermissionGraph::assignmentApplies(const ClusterAssignment &a, const k8s::Request &request)
{
    if (a.match == azure::ScopeMatch::Cluster)
        return true;
    // A namespace-scoped assignment never grants a cluster-scoped request or a list across namespaces.
    return a.match == azure::ScopeMatch::Namespace && request.resourceRequest && !request.ns.empty() && request.ns == a.ns;
}

bool PermissionGraph::isCustomResource(const k8s::Request &request) const
{
    const auto *info = m_resources.find(request.apiGroup, request.resource);
    return info && info->custom;
}

bool PermissionGraph::isClusterScoped(const k8s::Request &request) const
{
    const auto *info = request.resourceRequest ? m_resources.find(request.apiGroup, request.resource) : nullptr;
    return info && !info->namespaced;
}

std::vector<std::string> PermissionGraph::azureActionsFor(const k8s::Request &request) const
{
    if (!request.resourceRequest || !azure::isWildcardRequest(request)) {
        std::string action = azure::dataActionFor(request, request.resourceRequest && isCustomResource(request));
        if (action.empty())
            return {};
        return {std::move(action)};
    }
    // A '*' verb, group or resource: the webhook expands it into every concrete action of the matching
    // resources and allows only when all are allowed. Offline, the resource table stands in for its
    // discovered operations map, with the read/write/delete actions every resource serves.
    const std::vector<std::string> verbs = request.verb == "*" ? std::vector<std::string>{"get", "create", "delete"}
                                                               : std::vector<std::string>{request.verb};
    std::vector<std::string> actions;
    for (const auto &info : m_resources.all()) {
        if ((request.apiGroup != "*" && info.group != request.apiGroup) || (request.resource != "*" && info.plural != request.resource))
            continue;
        for (const auto &verb : verbs) {
            k8s::Request concrete = request;
            concrete.verb = verb;
            concrete.apiGroup = info.group;
            concrete.resource = info.plural;
            actions.push_back(azure::dataActionFor(concrete, info.custom));
        }
    }
    std::sort(actions.begin(), actions.end());
    actions.erase(std::unique(actions.begin(), actions.end()), actions.end());
    std::erase(actions, std::string());
    return actions;
}

const std::vector<ClusterAssignment> &PermissionGraph::clusterAssignments() const
{
    return d->assignments;
}

const ClusterAssignment *PermissionGraph::clusterAssignmentOf(std::uint32_t assignment) const
{
    // d->assignments is in assignment order (built by one pass over the snapshot's assignments).
    const auto it = std::lower_bound(d->assignments.begin(), d->assignments.end(), assignment,
                                     [](const ClusterAssignment &a, std::uint32_t i) { return a.assignment < i; });
    return it != d->assignments.end() && it->assignment == assignment ? &*it : nullptr;
}

} // namespace clr
