// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/party.h"
#include "graph/permissiongraph.h"
#include "probes_p.h"

#include <optional>
#include <string>
#include <vector>

namespace clr::compare::detail {

/** A party as one graph sees it: absent (an Entra object not in that export), or its identity and profile. */
struct SideView
{
    const PermissionGraph *graph = nullptr;
    std::optional<Identity> who;
    AccessProfile profile;
};

/** One request whose answer differs: probe, namespace row ("" = the cluster-scope row), direction. */
struct CellDiff
{
    std::size_t probe = 0;
    std::string ns;
    bool gained = false;
};

struct PartyEval
{
    SideView side[2];
    std::vector<std::string> rows; // the namespace rows asked besides the cluster scope, sorted
    std::vector<CellDiff> cells;   // probe by probe, the cluster-scope row first
};

/**
 * Asks both graphs every probe for one party: in the cluster-scope row and in each namespace where either
 * profile holds a RoleBinding or a namespace-scoped assignment. Any other namespace has no namespace part
 * on either side, so it answers exactly as the cluster-scope row does (PermissionGraph::evaluateNamespace
 * adds nothing there): those rows are not asked again. Evaluation is check()'s, split as the matrix splits it.
 */
PartyEval evaluateParty(const PermissionGraph &base, const PermissionGraph &head, const Party &party, Probes &probes);

/** The namespaces where a profile holds something of its own (RoleBindings, namespace assignments). */
std::vector<std::string> namespaceRows(const AccessProfile &profile);

} // namespace clr::compare::detail
