// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/neighbourhood.h"

#include "common/strings.h"
#include "common/stringconv.h"
#include "azure/dataactions.h"
#include "common/azurelookup.h"
#include "graph/neighbourhoodbuilder.h"

#include <QObject>
#include <QStringList>

#include <deque>
#include <unordered_set>

namespace clr::ui {

namespace {

constexpr int kMaxGroupDepth = 6;

struct SubjectKey
{
    int node;
    std::string key;
};

/** principal → its groups, transitively, one layer per nesting level. Returns the deepest layer. */
int addGroups(NeighbourhoodBuilder &b, SubjectRef root, int rootNode, std::unordered_map<entra::PrincipalId, int> &entraNodes)
{
    const auto &dir = b.session().graph->snapshot().directory;
    std::deque<std::pair<entra::PrincipalId, int>> queue{{root.id, 0}};
    std::unordered_set<entra::PrincipalId> seen{root.id};
    entraNodes[root.id] = rootNode;
    int deepest = 0;
    while (!queue.empty()) {
        const auto [p, depth] = queue.front();
        queue.pop_front();
        for (auto g : dir.directGroups(p)) {
            const bool fresh = seen.insert(g).second;
            const int node = fresh ? b.subjectNode(b.session().catalog->principalRef(g), depth + 1) : entraNodes[g];
            b.edge(entraNodes[p], node, QObject::tr("member of"));
            if (!fresh || node < 0)
                continue;
            entraNodes[g] = node;
            deepest = std::max(deepest, depth + 1);
            if (depth + 1 < kMaxGroupDepth)
                queue.emplace_back(g, depth + 1);
        }
    }
    return deepest;
}

/** The subject keys (Authorizer::bindingsForSubjectKey) of the root and every group node. */
std::vector<SubjectKey> subjectKeys(NeighbourhoodBuilder &b, SubjectRef root, int rootNode,
                                    const std::unordered_map<entra::PrincipalId, int> &entraNodes)
{
    const auto &cat = *b.session().catalog;
    const auto &dir = b.session().graph->snapshot().directory;
    std::vector<SubjectKey> keys;
    if (root.kind == SubjectKind::KubernetesGroup)
        keys.push_back({rootNode, "Group:" + toStd(cat.kubernetesName(root))});
    else if (root.kind != SubjectKind::Group)
        keys.push_back({rootNode, "User:" + toStd(cat.kubernetesName(root))});
    if (root.kind == SubjectKind::ServiceAccount) {
        const auto &sa = cat.serviceAccount(root);
        keys.push_back({rootNode, "ServiceAccount:" + sa.ns + ':' + sa.name});
    }
    for (const auto &[p, node] : entraNodes) {
        if (dir.at(p).type == entra::PrincipalType::Group)
            keys.push_back({node, "Group:" + dir.at(p).id});
    }
    return keys;
}

/** Built-in groups the API server adds (system:authenticated, system:serviceaccounts...) that some binding names. */
bool addImplicitGroups(NeighbourhoodBuilder &b, SubjectRef root, int rootNode, std::vector<SubjectKey> &keys)
{
    const auto &cat = *b.session().catalog;
    if (!cat.canAsk(root))
        return false;
    bool added = false;
    const auto &authz = b.session().graph->kubernetes();
    for (const auto &g : cat.identity(root).user.groups) {
        if (b.session().graph->snapshot().directory.find(g) != entra::NoPrincipal || authz.bindingsForSubjectKey("Group:" + g).empty())
            continue;
        const auto ref = cat.findKubernetesGroup(g);
        if (!ref || *ref == root)
            continue;
        const int node = b.subjectNode(*ref, 1);
        b.edge(rootNode, node, QObject::tr("member of"));
        keys.push_back({node, "Group:" + g});
        added = true;
    }
    return added;
}

void addAksAdminGroups(NeighbourhoodBuilder &b, const std::unordered_map<entra::PrincipalId, int> &entraNodes, int layer)
{
    const auto *cluster = b.session().graph->cluster();
    if (!cluster || !cluster->entraIntegration)
        return;
    const auto &dir = b.session().graph->snapshot().directory;
    for (const auto &id : cluster->adminGroupObjectIds) {
        const auto g = dir.find(id);
        auto it = entraNodes.find(g);
        if (g == entra::NoPrincipal || it == entraNodes.end())
            continue;
        GraphNode n{GraphNode::Kind::Binding, QObject::tr("AKS admin group"), QStringLiteral("aadProfile.adminGroupObjectIds"), {}, std::nullopt, true, false, layer};
        const int binding = b.node("aks-admin-binding", std::move(n));
        b.edge(it->second, binding);
        const int role = b.session().graph->kubernetes().findRole({}, "cluster-admin", true);
        GraphNode admin{GraphNode::Kind::Role, QStringLiteral("cluster-admin"), QStringLiteral("ClusterRole"), {ObjectRef::Kind::ClusterRole, "cluster-admin"}, std::nullopt, true, false, layer + 1};
        const int r = role >= 0 ? b.roleNode(role, layer + 1) : b.node("clusterrole:cluster-admin", std::move(admin));
        b.edge(binding, r);
        b.edge(r, b.scopeNode({}, true, layer + 2));
    }
}

void addAssignments(NeighbourhoodBuilder &b, const std::unordered_map<entra::PrincipalId, int> &entraNodes, int layer)
{
    const auto &snap = b.session().graph->snapshot();
    for (std::uint32_t i = 0; i < snap.azure.assignments.size(); ++i) {
        auto it = entraNodes.find(snap.directory.find(snap.azure.assignments[i].principalId));
        if (it == entraNodes.end())
            continue;
        const int a = b.assignmentNode(i, layer);
        b.edge(it->second, a);
        if (a >= 0)
            b.assignmentChain(a, i, layer + 1);
    }
}

int assigneeNode(NeighbourhoodBuilder &b, const azure::RoleAssignment &a)
{
    const auto &dir = b.session().graph->snapshot().directory;
    const auto p = dir.find(a.principalId);
    if (p != entra::NoPrincipal)
        return b.subjectNode(b.session().catalog->principalRef(p), 0);
    GraphNode n{GraphNode::Kind::Principal, toQString(a.principalId), QObject::tr("not in the Entra export"), {}, std::nullopt, false, true, 0};
    return b.node("assignee:" + a.principalId, std::move(n));
}

/** subjects → binding → role → scope. */
void addBindingWithSubjects(NeighbourhoodBuilder &b, std::uint32_t binding)
{
    const auto &bind = b.session().graph->kubernetes().cluster().bindings[binding];
    const int node = b.bindingNode(binding, 1);
    if (node < 0)
        return;
    for (const auto &s : bind.subjects)
        b.edge(b.kubernetesSubjectNode(s, bind.ns, 0), node);
    b.bindingChain(node, binding, 2);
}

/** assignee → assignment → role definition → scope. */
void addAssignmentWithAssignee(NeighbourhoodBuilder &b, std::uint32_t assignment)
{
    const int node = b.assignmentNode(assignment, 1);
    if (node < 0)
        return;
    b.edge(assigneeNode(b, b.session().graph->snapshot().azure.assignments[assignment]), node);
    b.assignmentChain(node, assignment, 2);
}

bool addRoleObject(NeighbourhoodBuilder &b, const std::string &ns, const std::string &name, bool cluster)
{
    const auto &authz = b.session().graph->kubernetes();
    const int role = authz.findRole(ns, name, cluster);
    if (role < 0)
        return false;
    b.roleNode(role, 2);
    for (std::uint32_t i = 0; i < authz.cluster().bindings.size(); ++i) {
        if (authz.roleOf(i) == role)
            addBindingWithSubjects(b, i);
    }
    return true;
}

bool addBindingObject(NeighbourhoodBuilder &b, const std::string &ns, const std::string &name, bool cluster)
{
    const auto &bindings = b.session().graph->kubernetes().cluster().bindings;
    for (std::uint32_t i = 0; i < bindings.size(); ++i) {
        if (bindings[i].cluster == cluster && bindings[i].name == name && (cluster || bindings[i].ns == ns)) {
            addBindingWithSubjects(b, i);
            return true;
        }
    }
    return false;
}

bool addAzureObject(NeighbourhoodBuilder &b, const std::string &id, bool definition)
{
    const auto &az = b.session().graph->snapshot().azure;
    bool found = false;
    for (std::uint32_t i = 0; i < az.assignments.size(); ++i) {
        const auto &a = az.assignments[i];
        const bool match = definition ? azure::roleDefinitionGuid(a.roleDefinitionId) == azure::roleDefinitionGuid(id) : iequals(a.id, id);
        if (match) {
            addAssignmentWithAssignee(b, i);
            found = true;
        }
    }
    if (definition) {
        for (const auto &d : az.roleDefinitions) {
            if (iequals(d.id, id)) {
                b.definitionNode(&d, 2);
                found = true;
            }
        }
    }
    return found;
}

} // namespace

Neighbourhood Neighbourhood::ofSubject(const Session &session, SubjectRef subject)
{
    NeighbourhoodBuilder b(session);
    const int root = b.subjectNode(subject, 0);
    std::unordered_map<entra::PrincipalId, int> entraNodes;
    int deepest = 0;
    if (subject.isEntra())
        deepest = addGroups(b, subject, root, entraNodes);
    auto keys = subjectKeys(b, subject, root, entraNodes);
    const bool implicitGroups = addImplicitGroups(b, subject, root, keys);
    const auto workloadIdentity = session.catalog->workloadIdentityOf(subject);
    if (deepest == 0 && (implicitGroups || workloadIdentity))
        deepest = 1; // those sit in layer 1, the bindings right of them
    const int bindingLayer = deepest + 1;
    const auto &authz = session.graph->kubernetes();
    for (const auto &k : keys) {
        for (auto binding : authz.bindingsForSubjectKey(k.key)) {
            const int node = b.bindingNode(binding, bindingLayer);
            b.edge(k.node, node);
            if (node >= 0)
                b.bindingChain(node, binding, bindingLayer + 1);
        }
    }
    addAksAdminGroups(b, entraNodes, bindingLayer);
    addAssignments(b, entraNodes, bindingLayer);
    if (workloadIdentity)
        b.edge(root, b.subjectNode(*workloadIdentity, 1), QObject::tr("workload identity"));
    return b.finish(QObject::tr("%1 %2").arg(session.catalog->kindLabel(subject), session.catalog->name(subject)));
}

Neighbourhood Neighbourhood::ofObject(const Session &session, const ObjectRef &ref)
{
    NeighbourhoodBuilder b(session);
    bool found = false;
    switch (ref.kind) {
    case ObjectRef::Kind::Role:
    case ObjectRef::Kind::ClusterRole:
        found = addRoleObject(b, ref.ns, ref.name, ref.kind == ObjectRef::Kind::ClusterRole);
        break;
    case ObjectRef::Kind::RoleBinding:
    case ObjectRef::Kind::ClusterRoleBinding:
        found = addBindingObject(b, ref.ns, ref.name, ref.kind == ObjectRef::Kind::ClusterRoleBinding);
        break;
    case ObjectRef::Kind::RoleDefinition:
    case ObjectRef::Kind::Assignment:
        found = addAzureObject(b, ref.name, ref.kind == ObjectRef::Kind::RoleDefinition);
        break;
    default:
        break;
    }
    if (!found)
        return {};
    return b.finish(toQString(ref.toString()));
}

QString Neighbourhood::dump() const
{
    static const char *const kinds[] = {"principal", "group", "binding", "assignment", "role", "scope", "more"};
    QStringList lines;
    for (const auto &n : nodes)
        lines << QStringLiteral("%1 %2 %3").arg(n.layer).arg(QLatin1String(kinds[int(n.kind)]), n.label);
    for (const auto &e : edges)
        lines << QStringLiteral("%1 -> %2").arg(nodes[std::size_t(e.from)].label, nodes[std::size_t(e.to)].label);
    return lines.join(QLatin1Char('\n'));
}

} // namespace clr::ui
