// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/neighbourhood.h"

#include <set>
#include <unordered_map>

namespace clr::ui {

/**
 * Builds a Neighbourhood step by step: nodes are deduplicated by key, edges by endpoints, and
 * layers are capped (see Neighbourhood::kMaxPerLayer). Private to graph/neighbourhood.cpp.
 */
class NeighbourhoodBuilder final
{
public:
    explicit NeighbourhoodBuilder(const Session &session);

    /** Adds (or finds) a node; -1 when its layer is full (then counted in a "more" node). */
    int node(const std::string &key, GraphNode node);
    void edge(int from, int to, const QString &label = {});

    int subjectNode(SubjectRef subject, int layer);
    /** A binding subject (User/Group/ServiceAccount) as a node, resolved through the catalog when possible. */
    int kubernetesSubjectNode(const k8s::Subject &subject, const std::string &bindingNs, int layer);
    int bindingNode(std::uint32_t binding, int layer);
    int roleNode(int role, int layer);
    int assignmentNode(std::uint32_t assignment, int layer);
    int definitionNode(const azure::RoleDefinition *definition, int layer);
    int scopeNode(const std::string &ns, bool clusterWide, int layer);
    /** Where an assignment lands: a namespace, the whole cluster, or a scope outside this cluster. */
    int assignmentScopeNode(std::uint32_t assignment, int layer);

    /** Binding → role → scope, from an existing binding node. */
    void bindingChain(int bindingNode, std::uint32_t binding, int layer);
    /** Assignment → role definition → scope, and → "cluster-admin via admin credential" when `adminCredential`
     *  (PermissionGraph::yieldsAdminCredential decides, never this view). */
    void assignmentChain(int assignmentNode, std::uint32_t assignment, int layer, bool adminCredential);

    Neighbourhood finish(QString title);
    const Session &session() const { return m_session; }
    const std::vector<GraphNode> &nodes() const { return m_out.nodes; }

private:
    const Session &m_session;
    Neighbourhood m_out;
    std::unordered_map<std::string, int> m_byKey;
    std::unordered_map<int, int> m_perLayer;
    std::unordered_map<int, int> m_hidden;
    std::set<std::pair<int, int>> m_edges;
};

} // namespace clr::ui
