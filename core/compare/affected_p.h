// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changes_p.h"
#include "compare/party.h"

#include <set>
#include <string>
#include <vector>

namespace clr::compare::detail {

/**
 * Who may have gained or lost anything: the parties a change can reach. A binding reaches its subjects
 * (a group subject every transitive member), a role the subjects of every binding that refers to it, an
 * assignment its assignee and the assignee's members, a role definition every assignment that uses it,
 * a membership the member and everyone below it, an admin group its members; Entra integration, Azure
 * RBAC or a different cluster reach everyone. Both snapshots are walked: a grant may exist on either.
 * Everyone else provably keeps exactly the access they had (tst_compareagreement evaluates them all).
 */
struct Affected
{
    std::vector<std::uint8_t> principals[2]; // per side, per PrincipalId: 1 = reached
    std::set<std::string> kubernetes;        // ObjectRef text of Kubernetes users, groups, service accounts
    bool everyone = false;
    bool allServiceAccounts = false;         // a system:serviceaccounts group changed
};

Affected affectedBy(const PermissionGraph &base, const PermissionGraph &head, const ChangeIndex &index);

/**
 * The parties to evaluate, sorted (Entra users and service principals, Entra groups, then Kubernetes
 * users, groups and service accounts; each by name). Entra groups count only where a binding, an
 * assignment or the admin group list names them: a group nobody names grants nothing of its own.
 */
std::vector<Party> partiesOf(const PermissionGraph &base, const PermissionGraph &head, const ChangeIndex &index, const Affected &affected);

/** The party `key` names in either graph (for --as); nullopt when neither knows it. */
std::optional<Party> findParty(const PermissionGraph &base, const PermissionGraph &head, const ObjectRef &key);

} // namespace clr::compare::detail
