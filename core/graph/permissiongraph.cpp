// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/permissiongraph.h"

#include "common/strings.h"
#include "permissiongraph_p.h"
#include "kubernetes/rules.h"

#include <algorithm>
#include <mutex>
#include <set>

namespace clr {

namespace {
constexpr std::string_view kPrivilegedGroup = "system:masters";
} // namespace

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
    for (std::size_t i = 0; i < az.roleDefinitions.size(); ++i)
        d->roleDefinitionByGuid[toLower(az.roleDefinitions[i].name)] = int(i);
    d->azureByPrincipal.resize(m_snapshot.directory.size());
    if (!d->cluster)
        return;
    std::set<std::string> unresolved;
    for (std::uint32_t i = 0; i < az.assignments.size(); ++i) {
        const auto &a = az.assignments[i];
        AzureGrantRef ref;
        ref.assignment = i;
        ref.match = azure::matchScope(a.scope, d->cluster->id, &ref.ns);
        if (ref.match == azure::ScopeMatch::None)
            continue;
        const auto guid = azure::roleDefinitionGuid(a.roleDefinitionId);
        auto def = d->roleDefinitionByGuid.find(guid);
        if (def == d->roleDefinitionByGuid.end()) {
            m_diagnostics.push_back({Diagnostic::Severity::Warning, fileOf(a.source), a.source.line, a.source.column,
                                     "role assignment " + a.name + " refers to unknown role definition " + a.roleDefinitionId
                                         + "; it grants nothing here"});
        } else {
            ref.roleDefinition = def->second;
            const auto &role = az.roleDefinitions[std::size_t(def->second)];
            ref.adminCredential = azure::roleGrantsAction(role, azure::kListAdminCredentialAction);
            ref.userCredential = azure::roleGrantsAction(role, azure::kListUserCredentialAction);
        }
        ref.conditional = !a.condition.empty();
        ref.assignee = m_snapshot.directory.find(a.principalId);
        if (ref.assignee == entra::NoPrincipal || m_snapshot.directory.at(ref.assignee).type == entra::PrincipalType::Unresolved) {
            if (m_snapshot.hasEntra() && unresolved.insert(a.principalId).second)
                m_diagnostics.push_back({Diagnostic::Severity::Warning, fileOf(a.source), a.source.line, a.source.column,
                                         "role assignment " + a.name + " (" + a.roleDefinitionName + ") names principal " + a.principalId
                                             + ", which is not in the Entra export; its access cannot be attributed"});
        }
        const auto idx = std::uint32_t(d->azure.size());
        if (ref.assignee != entra::NoPrincipal)
            d->azureByPrincipal[ref.assignee].push_back(idx);
        d->azure.push_back(std::move(ref));
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
    for (const auto &a : d->azure)
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

// ---------------------------------------------------------------- evaluation

bool PermissionGraph::isPrivileged(const Identity &who) const
{
    return std::find(who.user.groups.begin(), who.user.groups.end(), kPrivilegedGroup) != who.user.groups.end();
}

std::vector<entra::PrincipalId> PermissionGraph::adminGroupsOf(const Identity &who) const
{
    std::vector<entra::PrincipalId> out;
    if (!who.isEntra() || !d->cluster || !d->cluster->entraIntegration)
        return out;
    for (auto g : d->adminGroups) {
        if (std::find(who.entraGroups.begin(), who.entraGroups.end(), g) != who.entraGroups.end())
            out.push_back(g);
    }
    return out;
}

std::vector<std::uint32_t> PermissionGraph::azureRefsOf(const Identity &who) const
{
    std::vector<std::uint32_t> refs;
    if (!who.isEntra() || who.serviceAccount)
        return refs;
    auto add = [&](entra::PrincipalId p) {
        if (p < d->azureByPrincipal.size())
            refs.insert(refs.end(), d->azureByPrincipal[p].begin(), d->azureByPrincipal[p].end());
    };
    add(who.principal);
    for (auto g : who.entraGroups)
        add(g);
    return refs;
}

std::vector<std::uint32_t> PermissionGraph::adminCredentialRefs(const Identity &who) const
{
    std::vector<std::uint32_t> out;
    if (!d->localAccountsOn())
        return out;
    for (auto r : azureRefsOf(who)) {
        const auto &ref = d->azure[r];
        // Only holders at or above the cluster scope can call listClusterAdminCredential on it.
        const bool admin = ref.adminCredential || (!d->cluster->entraIntegration && ref.userCredential);
        if (admin && ref.match == azure::ScopeMatch::Cluster && !ref.conditional)
            out.push_back(r);
    }
    return out;
}

std::vector<std::string> PermissionGraph::azureActionsFor(const k8s::Request &request) const
{
    if (!request.resourceRequest || !azure::isWildcardRequest(request))
        return {azure::dataActionFor(request, request.resourceRequest && isCustomResource(request))};
    // A '*' verb, group or resource: the webhook expands it into every concrete action of the matching
    // resources and allows only when all are allowed (MAPPING.md §5). Offline, the resource table stands
    // in for its discovered operations map, with the read/write/delete actions every resource serves.
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

AzureVerdict PermissionGraph::azureVerdict(const Identity &who, const k8s::Request &request) const
{
    AzureVerdict v;
    if (!d->azureRbacOn() || !who.isEntra() || who.serviceAccount)
        return v;
    const std::vector<std::string> actions = azureActionsFor(request);
    if (actions.empty())
        return v;
    std::vector<bool> covered(actions.size(), false), coveredConditionally(actions.size(), false);
    for (auto r : azureRefsOf(who)) {
        const auto &ref = d->azure[r];
        if (ref.roleDefinition < 0)
            continue;
        if (ref.match == azure::ScopeMatch::Namespace && (!request.resourceRequest || request.ns != ref.ns))
            continue; // a namespace-scoped assignment never grants cluster-scoped requests
        const auto &role = m_snapshot.azure.roleDefinitions[std::size_t(ref.roleDefinition)];
        std::string firstPattern;
        for (std::size_t i = 0; i < actions.size(); ++i) {
            std::string pattern;
            if (!azure::roleGrantsDataAction(role, actions[i], &pattern))
                continue;
            (ref.conditional ? coveredConditionally : covered)[i] = true;
            if (firstPattern.empty())
                firstPattern = pattern;
        }
        if (firstPattern.empty())
            continue;
        if (ref.conditional) {
            v.conditional.push_back(r);
        } else {
            v.granting.push_back(r);
            v.patterns.push_back(firstPattern);
        }
    }
    // Every action must be allowed (by one assignment or several) for the request to be allowed.
    if (std::find(covered.begin(), covered.end(), false) != covered.end()) {
        v.granting.clear();
        v.patterns.clear();
        for (std::size_t i = 0; i < actions.size(); ++i)
            coveredConditionally[i] = coveredConditionally[i] || covered[i];
        if (std::find(coveredConditionally.begin(), coveredConditionally.end(), false) != coveredConditionally.end())
            v.conditional.clear();
    }
    return v;
}

bool PermissionGraph::isCustomResource(const k8s::Request &request) const
{
    const auto *info = m_resources.find(request.apiGroup, request.resource);
    return info && info->custom;
}

bool PermissionGraph::azureDiscoveryDefault(const Identity &who, const k8s::Request &request) const
{
    return d->azureRbacOn() && who.isEntra() && !who.serviceAccount && !request.resourceRequest
        && azure::isDiscoveryRequest(request);
}

Decision PermissionGraph::check(const Identity &who, const k8s::Request &request) const
{
    Decision out;
    if (m_authorizer->allows(who.user, request) || isPrivileged(who))
        out.planes |= planeBit(Plane::Kubernetes);
    if (!adminGroupsOf(who).empty())
        out.planes |= planeBit(Plane::AksAdminGroup);
    if (!adminCredentialRefs(who).empty())
        out.planes |= planeBit(Plane::AdminCredential);
    const AzureVerdict v = azureVerdict(who, request);
    if (!v.granting.empty() || azureDiscoveryDefault(who, request))
        out.planes |= planeBit(Plane::Azure);
    out.allowed = out.planes != 0;
    out.conditional = !out.allowed && !v.conditional.empty();
    out.disabledAccount = out.allowed && who.isEntra() && !m_snapshot.directory.at(who.principal).accountEnabled;
    return out;
}

// ---------------------------------------------------------------- who-can

namespace {

constexpr std::uint8_t kConditionalBit = 0x10; // beside the Planes bits in who-can's marks

/**
 * Marks every principal reached from `seeds` (principals or groups, expanded to their transitive
 * members) with `bit`: one breadth-first walk per plane over the reverse membership edges, where a
 * principal already marked is not walked again. No per-group allocation, cycle-safe.
 */
void markMembers(const entra::Directory &dir, const std::vector<entra::PrincipalId> &seeds, std::uint8_t bit,
                 std::vector<std::uint8_t> &marks)
{
    std::vector<entra::PrincipalId> queue;
    for (auto s : seeds) {
        if (!(marks[s] & bit)) {
            marks[s] |= bit;
            queue.push_back(s);
        }
    }
    for (std::size_t i = 0; i < queue.size(); ++i) {
        for (auto m : dir.directMembers(queue[i])) {
            if (!(marks[m] & bit)) {
                marks[m] |= bit;
                queue.push_back(m);
            }
        }
    }
}

} // namespace

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

WhoCanResult PermissionGraph::whoCan(const k8s::Request &request, bool anyNamespace) const
{
    WhoCanResult out;
    out.subjects = m_authorizer->whoCan(request, anyNamespace);
    const auto &dir = m_snapshot.directory;
    if (!m_snapshot.hasEntra())
        return out;
    std::vector<entra::PrincipalId> k8sSeeds, adminSeeds, credentialSeeds, azureSeeds, conditionalSeeds;
    bool everyone = false;
    for (const auto &sg : out.subjects) {
        const auto &s = sg.subject;
        if (s.kind == k8s::Subject::Kind::User) {
            if (auto it = d->byKubernetesName.find(s.name); it != d->byKubernetesName.end())
                k8sSeeds.push_back(it->second);
        } else if (s.kind == k8s::Subject::Kind::Group) {
            if (s.name == "system:authenticated")
                everyone = true; // every Entra user and service principal signs in as authenticated
            else if (auto g = dir.find(s.name); g != entra::NoPrincipal)
                k8sSeeds.push_back(g); // no Entra token carries system:masters or other system: groups
        }
    }
    if (d->cluster && d->cluster->entraIntegration)
        adminSeeds = d->adminGroups;
    const std::string action = azure::dataActionFor(request, request.resourceRequest && isCustomResource(request));
    for (const auto &ref : d->azure) {
        if (ref.assignee == entra::NoPrincipal || ref.roleDefinition < 0)
            continue;
        if (d->localAccountsOn() && ref.match == azure::ScopeMatch::Cluster && !ref.conditional
            && (ref.adminCredential || (!d->cluster->entraIntegration && ref.userCredential)))
            credentialSeeds.push_back(ref.assignee);
        if (!d->azureRbacOn())
            continue;
        if (ref.match == azure::ScopeMatch::Namespace && (!request.resourceRequest || (request.ns != ref.ns && !anyNamespace)))
            continue;
        if (azure::roleGrantsDataAction(m_snapshot.azure.roleDefinitions[std::size_t(ref.roleDefinition)], action))
            (ref.conditional ? conditionalSeeds : azureSeeds).push_back(ref.assignee);
    }
    std::vector<std::uint8_t> marks(dir.size(), 0);
    markMembers(dir, k8sSeeds, planeBit(Plane::Kubernetes), marks);
    markMembers(dir, adminSeeds, planeBit(Plane::AksAdminGroup), marks);
    markMembers(dir, credentialSeeds, planeBit(Plane::AdminCredential), marks);
    markMembers(dir, azureSeeds, planeBit(Plane::Azure), marks);
    markMembers(dir, conditionalSeeds, kConditionalBit, marks);
    for (auto p : principalsByName()) {
        const std::uint8_t m = marks[p] | (everyone ? planeBit(Plane::Kubernetes) : 0);
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
    if (d->azureRbacOn())
        out.notes.push_back("Azure RBAC and Kubernetes RBAC are combined as a union (assumption: AKS documents that they work together)");
    for (const auto &id : d->unresolvedAssignees)
        out.notes.push_back("role assignee " + id + " is not in the Entra export");
    return out;
}

} // namespace clr
