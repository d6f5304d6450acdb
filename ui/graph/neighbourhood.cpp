// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/neighbourhood.h"

#include "common/strings.h"
#include "common/stringconv.h"
#include "graph/neighbourhoodbuilder.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <deque>
#include <unordered_set>

namespace clr::ui {

namespace {

constexpr int kMaxGroupDepth = 6;

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

/**
 * The node a binding hangs from: the group node its matching subject names, a node for an implicit
 * group (system:authenticated...) next to the root, or the root itself. -1: not drawn (a group's
 * view shows what the group grants, not what every authenticated caller has).
 */
int bindingAnchor(NeighbourhoodBuilder &b, SubjectRef root, int rootNode, const k8s::Subject &subject,
                  const std::unordered_map<entra::PrincipalId, int> &entraNodes)
{
    const auto &cat = *b.session().catalog;
    if (subject.kind != k8s::Subject::Kind::Group)
        return rootNode;
    const SubjectReach reach = b.session().graph->reachOf(subject);
    if (reach.kind == SubjectReach::Kind::MembersOf) {
        const auto it = entraNodes.find(reach.principal);
        return it != entraNodes.end() ? it->second : rootNode;
    }
    const auto group = cat.findKubernetesGroup(subject.name);
    if (!group || *group == root)
        return rootNode;
    if (!cat.canAsk(root))
        return -1;
    const int node = b.subjectNode(*group, 1);
    b.edge(rootNode, node, QObject::tr("member of"));
    return node;
}

/** The AKS admin groups the profile is in → the admin-group plane → cluster-admin → the whole cluster. */
void addAdminGroups(NeighbourhoodBuilder &b, const AccessProfile &profile, int rootNode,
                    const std::unordered_map<entra::PrincipalId, int> &entraNodes, int layer)
{
    for (auto g : profile.adminGroups) {
        const auto it = entraNodes.find(g);
        GraphNode n{GraphNode::Kind::Binding, QObject::tr("AKS admin group"), QStringLiteral("aadProfile.adminGroupObjectIds"), {}, std::nullopt, true, false, layer};
        const int binding = b.node("aks-admin-binding", std::move(n));
        b.edge(it != entraNodes.end() ? it->second : rootNode, binding);
        const int role = b.session().graph->kubernetes().findRole({}, "cluster-admin", true);
        GraphNode admin{GraphNode::Kind::Role, QStringLiteral("cluster-admin"), QStringLiteral("ClusterRole"), {ObjectRef::Kind::ClusterRole, "cluster-admin"}, std::nullopt, true, false, layer + 1};
        const int r = role >= 0 ? b.roleNode(role, layer + 1) : b.node("clusterrole:cluster-admin", std::move(admin));
        b.edge(binding, r);
        b.edge(r, b.scopeNode({}, true, layer + 2));
    }
}

/** Assignments that reach the profile (cluster-relevant, from the evaluator), then the others of its
 *  Entra nodes (scopes outside this cluster: shown, granting nothing here). */
void addAssignments(NeighbourhoodBuilder &b, const AccessProfile &profile, int rootNode,
                    const std::unordered_map<entra::PrincipalId, int> &entraNodes, int layer)
{
    const auto &graph = *b.session().graph;
    std::unordered_set<std::uint32_t> drawn;
    for (auto index : profile.assignments) {
        const ClusterAssignment &ca = graph.clusterAssignments()[index];
        const auto it = entraNodes.find(ca.assignee);
        const int a = b.assignmentNode(ca.assignment, layer);
        b.edge(it != entraNodes.end() ? it->second : rootNode, a);
        drawn.insert(ca.assignment);
        const bool credential = std::find(profile.adminCredential.begin(), profile.adminCredential.end(), index) != profile.adminCredential.end();
        if (a >= 0)
            b.assignmentChain(a, ca.assignment, layer + 1, credential);
    }
    const auto &snap = graph.snapshot();
    for (std::uint32_t i = 0; i < snap.azure.assignments.size(); ++i) {
        auto it = entraNodes.find(snap.directory.find(snap.azure.assignments[i].principalId));
        if (it == entraNodes.end() || drawn.count(i) || graph.clusterAssignmentOf(i))
            continue;
        const int a = b.assignmentNode(i, layer);
        b.edge(it->second, a);
        if (a >= 0)
            b.assignmentChain(a, i, layer + 1, false);
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
    const auto *ca = b.session().graph->clusterAssignmentOf(assignment);
    b.assignmentChain(node, assignment, 2, ca && b.session().graph->yieldsAdminCredential(*ca));
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
    const auto &graph = *session.graph;
    const auto &cat = *session.catalog;
    const int root = b.subjectNode(subject, 0);
    std::unordered_map<entra::PrincipalId, int> entraNodes;
    int deepest = 0;
    if (subject.isEntra())
        deepest = addGroups(b, subject, root, entraNodes);
    // What the evaluator finds for this subject (a group: for a member, as far as the group goes):
    // the same profile can-i and the matrix ask, so the view cannot show another answer.
    const AccessProfile profile = graph.profile(cat.canAsk(subject) ? cat.identity(subject) : graph.memberOf(subject.id));
    const auto &kube = graph.kubernetes().cluster();
    std::vector<std::pair<int, std::uint32_t>> bindings; // anchor node, binding
    for (const auto &m : profile.bindings.matches) {
        const auto &binding = kube.bindings[m.binding];
        const int anchor = bindingAnchor(b, subject, root, binding.subjects[m.subject], entraNodes);
        if (anchor >= 0)
            bindings.emplace_back(anchor, m.binding);
    }
    const auto workloadIdentity = cat.workloadIdentityOf(subject);
    const bool layerOneUsed = std::any_of(b.nodes().begin(), b.nodes().end(), [](const GraphNode &n) { return n.layer == 1; });
    if (deepest == 0 && (layerOneUsed || workloadIdentity))
        deepest = 1; // implicit groups and the workload identity sit in layer 1, the bindings right of them
    const int bindingLayer = deepest + 1;
    for (const auto &[anchor, binding] : bindings) {
        const int node = b.bindingNode(binding, bindingLayer);
        b.edge(anchor, node);
        if (node >= 0)
            b.bindingChain(node, binding, bindingLayer + 1);
    }
    addAdminGroups(b, profile, root, entraNodes, bindingLayer);
    addAssignments(b, profile, root, entraNodes, bindingLayer);
    if (workloadIdentity)
        b.edge(root, b.subjectNode(*workloadIdentity, 1), QObject::tr("workload identity"));
    return b.finish(QObject::tr("%1 %2").arg(cat.kindLabel(subject), cat.name(subject)));
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
