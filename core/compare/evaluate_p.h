// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/party.h"
#include "graph/permissiongraph.h"
#include "probes_p.h"

#include <optional>
#include <string>
#include <unordered_map>
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

/**
 * The answers of evaluateParty() by what they depend on: both sides' access profiles without the identity
 * itself (see profileKey()). Users reached by the same bindings and assignments on both sides, thousands
 * of them when a group or a widely bound role changes, are asked once; each still gets its own profile,
 * causes and paths.
 */
class EvalCache final
{
public:
    /** evaluateParty(), or the cells of an earlier party whose profiles were the same on both sides. */
    PartyEval evaluate(const PermissionGraph &base, const PermissionGraph &head, const Party &party, Probes &probes);

private:
    struct Answer
    {
        std::vector<CellDiff> cells; // the rows follow from the profiles
    };
    std::unordered_map<std::string, Answer> m_answers;
};

/**
 * Everything of a profile that PermissionGraph::evaluateClusterWide/evaluateNamespace/decide read (all but
 * `who`), as bytes; "" for a side where the party is absent. Equal keys on both sides mean equal answers.
 */
std::string profileKey(const SideView &side);

/** The namespaces where a profile holds something of its own (RoleBindings, namespace assignments). */
std::vector<std::string> namespaceRows(const AccessProfile &profile);

} // namespace clr::compare::detail
