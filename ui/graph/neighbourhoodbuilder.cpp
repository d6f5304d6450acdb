// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/neighbourhoodbuilder.h"

#include "azure/dataactions.h"
#include "common/stringconv.h"

#include <QObject>
#include <QStringList>

namespace clr::ui {

namespace {

QString lastSegments(const std::string &scope)
{
    const QStringList parts = toQString(scope).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    return parts.size() < 2 ? toQString(scope) : parts[parts.size() - 2] + QLatin1Char('/') + parts.last();
}

} // namespace

NeighbourhoodBuilder::NeighbourhoodBuilder(const Session &session)
    : m_session(session)
{
}

int NeighbourhoodBuilder::node(const std::string &key, GraphNode n)
{
    if (auto it = m_byKey.find(key); it != m_byKey.end())
        return it->second;
    if (m_perLayer[n.layer] >= Neighbourhood::kMaxPerLayer) {
        ++m_hidden[n.layer];
        m_byKey.emplace(key, -1); // count each hidden object once
        return -1;
    }
    ++m_perLayer[n.layer];
    const int index = int(m_out.nodes.size());
    m_out.nodes.push_back(std::move(n));
    m_byKey.emplace(key, index);
    return index;
}

void NeighbourhoodBuilder::edge(int from, int to, const QString &label)
{
    if (from < 0 || to < 0 || from == to || !m_edges.insert({from, to}).second)
        return;
    m_out.edges.push_back({from, to, label});
}

int NeighbourhoodBuilder::subjectNode(SubjectRef subject, int layer)
{
    const auto &cat = *m_session.catalog;
    GraphNode n;
    n.kind = subject.kind == SubjectKind::Group ? GraphNode::Kind::Group : GraphNode::Kind::Principal;
    n.label = cat.name(subject);
    n.detail = cat.kindLabel(subject) + (cat.disabled(subject) ? QObject::tr(", disabled") : QString());
    n.ref = cat.refOf(subject);
    n.subject = subject;
    n.warning = cat.unresolved(subject);
    n.layer = layer;
    const std::string key = n.ref.toString(); // read before n is moved into the call
    return node(key, std::move(n));
}

int NeighbourhoodBuilder::kubernetesSubjectNode(const k8s::Subject &s, const std::string &bindingNs, int layer)
{
    const auto &cat = *m_session.catalog;
    std::optional<SubjectRef> ref;
    if (s.kind == k8s::Subject::Kind::ServiceAccount) {
        const std::string ns = s.ns.empty() ? bindingNs : s.ns;
        ref = ns.empty() ? std::nullopt : cat.findServiceAccount(ns, s.name);
    } else if (s.kind == k8s::Subject::Kind::User) {
        ref = cat.findKubernetesUser(s.name);
    } else {
        ref = cat.findKubernetesGroup(s.name);
    }
    if (ref)
        return subjectNode(*ref, layer);
    GraphNode n{GraphNode::Kind::Principal, toQString(s.name), QObject::tr("matches nobody"), {}, std::nullopt, false, true, layer};
    return node("subject:" + s.name, std::move(n));
}

int NeighbourhoodBuilder::bindingNode(std::uint32_t binding, int layer)
{
    const auto &b = m_session.graph->kubernetes().cluster().bindings[binding];
    GraphNode n;
    n.kind = GraphNode::Kind::Binding;
    n.label = toQString(b.name);
    n.detail = b.cluster ? QStringLiteral("ClusterRoleBinding") : QObject::tr("RoleBinding in %1").arg(toQString(b.ns));
    n.ref = b.cluster ? ObjectRef(ObjectRef::Kind::ClusterRoleBinding, b.name) : ObjectRef(ObjectRef::Kind::RoleBinding, b.ns, b.name);
    n.cluster = b.cluster;
    n.warning = m_session.graph->kubernetes().roleOf(binding) < 0;
    n.layer = layer;
    const std::string key = n.ref.toString(); // read before n is moved into the call
    return node(key, std::move(n));
}

int NeighbourhoodBuilder::roleNode(int role, int layer)
{
    const auto &r = m_session.graph->kubernetes().cluster().roles[std::size_t(role)];
    GraphNode n;
    n.kind = GraphNode::Kind::Role;
    n.label = toQString(r.name);
    n.detail = r.cluster ? (r.aggregated ? QObject::tr("ClusterRole, aggregated") : QStringLiteral("ClusterRole")) : QObject::tr("Role in %1").arg(toQString(r.ns));
    n.ref = r.cluster ? ObjectRef(ObjectRef::Kind::ClusterRole, r.name) : ObjectRef(ObjectRef::Kind::Role, r.ns, r.name);
    n.cluster = r.cluster;
    n.layer = layer;
    const std::string key = n.ref.toString(); // read before n is moved into the call
    return node(key, std::move(n));
}

int NeighbourhoodBuilder::assignmentNode(std::uint32_t assignment, int layer)
{
    const auto &a = m_session.graph->snapshot().azure.assignments[assignment];
    GraphNode n;
    n.kind = GraphNode::Kind::Assignment;
    const QStringList scope = lastSegments(a.scope).split(QLatin1Char('/'));
    n.label = QObject::tr("at %1").arg(scope.last());
    n.detail = (a.condition.empty() ? QObject::tr("Azure assignment") : QObject::tr("Azure assignment, conditional"))
        + (scope.size() > 1 ? QStringLiteral(" (%1)").arg(scope.first()) : QString());
    n.ref = {ObjectRef::Kind::Assignment, a.id};
    n.warning = !m_session.graph->snapshot().azure.definitionOf(a);
    n.layer = layer;
    const std::string key = n.ref.toString(); // read before n is moved into the call
    return node(key, std::move(n));
}

int NeighbourhoodBuilder::definitionNode(const azure::RoleDefinition *def, int layer)
{
    if (!def) {
        GraphNode n{GraphNode::Kind::Role, QObject::tr("unknown role definition"), QObject::tr("grants nothing"), {}, std::nullopt, false, true, layer};
        return node("definition:?", std::move(n));
    }
    GraphNode n;
    n.kind = GraphNode::Kind::Role;
    n.label = toQString(def->roleName);
    n.detail = def->builtin ? QObject::tr("Azure built-in role") : QObject::tr("Azure custom role");
    n.ref = {ObjectRef::Kind::RoleDefinition, def->id};
    n.layer = layer;
    const std::string key = n.ref.toString(); // read before n is moved into the call
    return node(key, std::move(n));
}

int NeighbourhoodBuilder::scopeNode(const std::string &ns, bool clusterWide, int layer)
{
    GraphNode n;
    n.kind = GraphNode::Kind::Scope;
    n.label = clusterWide ? QObject::tr("whole cluster") : toQString(ns);
    n.detail = clusterWide ? QObject::tr("every namespace and cluster scope") : QObject::tr("namespace");
    n.cluster = clusterWide;
    n.layer = layer;
    return node(clusterWide ? std::string("scope:*") : "scope:" + ns, std::move(n));
}

int NeighbourhoodBuilder::assignmentScopeNode(std::uint32_t assignment, int layer)
{
    const auto &a = m_session.graph->snapshot().azure.assignments[assignment];
    if (const auto *ca = m_session.graph->clusterAssignmentOf(assignment))
        return ca->match == azure::ScopeMatch::Namespace ? scopeNode(ca->ns, false, layer) : scopeNode({}, true, layer);
    GraphNode n{GraphNode::Kind::Scope, lastSegments(a.scope), QObject::tr("outside this cluster"), {}, std::nullopt, false, false, layer};
    return node("scope:" + a.scope, std::move(n));
}

void NeighbourhoodBuilder::bindingChain(int from, std::uint32_t binding, int layer)
{
    const auto &b = m_session.graph->kubernetes().cluster().bindings[binding];
    const int role = m_session.graph->kubernetes().roleOf(binding);
    if (role < 0) {
        GraphNode n{GraphNode::Kind::Role, toQString(b.roleRef.kind + ' ' + b.roleRef.name), QObject::tr("missing: grants nothing"), {}, std::nullopt, false, true, layer};
        edge(from, node("missing:" + b.roleRef.kind + '/' + b.ns + '/' + b.roleRef.name, std::move(n)));
        return;
    }
    const int r = roleNode(role, layer);
    edge(from, r);
    edge(r, scopeNode(b.ns, b.cluster, layer + 1));
}

void NeighbourhoodBuilder::assignmentChain(int from, std::uint32_t assignment, int layer, bool adminCredential)
{
    const auto &az = m_session.graph->snapshot().azure;
    const auto &a = az.assignments[assignment];
    const auto *def = az.definitionOf(a);
    const int d = definitionNode(def, layer);
    edge(from, d);
    if (!def)
        return;
    edge(d, assignmentScopeNode(assignment, layer + 1));
    if (adminCredential) { // the overlooked path: the admin credential makes the holder cluster-admin
        GraphNode n{GraphNode::Kind::Scope, QObject::tr("cluster-admin via admin credential"), QObject::tr("local accounts are enabled"), {}, std::nullopt, true, true, layer + 1};
        edge(d, node("scope:admin-credential", std::move(n)), QObject::tr("listClusterAdminCredential"));
    }
}

Neighbourhood NeighbourhoodBuilder::finish(QString title)
{
    for (const auto &[layer, hidden] : m_hidden) {
        GraphNode n{GraphNode::Kind::More, QObject::tr("%n more", nullptr, hidden), QObject::tr("not drawn"), {}, std::nullopt, false, false, layer};
        m_out.nodes.push_back(std::move(n));
    }
    m_out.title = std::move(title);
    return std::move(m_out);
}

} // namespace clr::ui
