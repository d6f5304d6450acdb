// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/party.h"
#include "graph/permissiongraph.h"

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace clr::compare::detail {

/** One request asked on both sides, without a namespace (rows add it). */
struct Probe
{
    k8s::Request request;
    bool namespaced[2] = {true, true}; // per side: a namespaced resource there (non-resource URLs: false)
};

/**
 * The requests a comparison asks: the access matrix's columns of both snapshots, plus the concrete
 * requests each identity's own roles name (their rules, including subresources, resourceNames and
 * non-resource URLs, and the dataActions of its Azure roles), so that a change outside the matrix
 * columns is seen too. Queries are prepared once per side and probe.
 */
class Probes final
{
public:
    Probes(const PermissionGraph &base, const PermissionGraph &head);

    std::size_t size() const { return m_probes.size(); }
    /** The matrix columns: probes [0, columnCount()). */
    std::size_t columnCount() const { return m_columns; }
    const Probe &at(std::size_t i) const { return m_probes[i]; }
    /** The probes a role's rules name (role index of that side's authorizer). */
    const std::vector<std::size_t> &ofRole(Side s, int role);
    /** The probes an Azure role definition's concrete dataActions name. */
    const std::vector<std::size_t> &ofDefinition(Side s, int definition);
    /** The prepared query of a probe on one side (namespace ""; callers set and restore it). */
    Query &query(Side s, std::size_t probe);

private:
    std::size_t add(const k8s::Request &request);
    void addRule(const k8s::PolicyRule &rule, std::vector<std::size_t> &out);
    void addDataAction(const std::string &pattern, std::vector<std::size_t> &out);

    const PermissionGraph *m_graphs[2];
    std::vector<Probe> m_probes;
    std::size_t m_columns = 0;
    std::unordered_map<std::string, std::size_t> m_byKey;
    std::deque<std::optional<Query>> m_queries[2]; // a deque: adding probes keeps references valid
    std::vector<std::optional<std::vector<std::size_t>>> m_roles[2];
    std::vector<std::optional<std::vector<std::size_t>>> m_definitions[2];
};

/** "verb|group|resource|subresource|name|path": one key per distinct request template. */
std::string probeKey(const k8s::Request &request);

} // namespace clr::compare::detail
