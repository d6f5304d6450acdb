// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/objectref.h"
#include "graph/permissiongraph.h"

#include <cstdint>
#include <optional>
#include <string>

namespace clr::compare {

/** The two snapshots of a comparison: the one compared from (BASE) and the one compared to (HEAD). */
enum class Side : std::uint8_t { Base = 0, Head = 1 };

/**
 * Someone whose access is compared, named so that the same key finds them in both snapshots
 * (principal IDs are per-snapshot indexes, object IDs are not): Entra users, service principals and
 * groups by object ID, Kubernetes users, groups and service accounts by name.
 */
struct Party
{
    enum class Kind : std::uint8_t { User, ServicePrincipal, Group, KubernetesUser, KubernetesGroup, ServiceAccount };
    Kind kind = Kind::KubernetesUser;
    /** Principal(object ID) for Entra objects; User(name), Group(name), ServiceAccount(ns, name) otherwise. */
    ObjectRef key;
    std::string name;        // as Kubernetes sees it: UPN or object ID, group name, system:serviceaccount:NS:NAME
    std::string displayName; // the Entra display name ("" for Kubernetes names)
    bool inBase = true;      // Entra objects exist in one export or both; Kubernetes names always "exist"
    bool inHead = true;
    bool disabled = false;   // an Entra account disabled (in HEAD when it is there)

    bool isEntra() const { return kind == Kind::User || kind == Kind::ServicePrincipal || kind == Kind::Group; }
    /** "Bob Builder (bob@contoso.com)", "service account ci/deployer", "group system:authenticated". */
    std::string label() const;
};

/** "user", "servicePrincipal", "group", "kubernetesUser", "kubernetesGroup", "serviceAccount". */
const char *partyKindName(Party::Kind kind);

/**
 * The identity a party has in one graph, exactly as check() takes it: identityOf() for an Entra user or
 * service principal, memberOf() for an Entra group (what belonging to it grants), a Kubernetes user as
 * the API server authenticates it, a Kubernetes group as one of its authenticated members, a service
 * account with its groups. nullopt when an Entra object is not in that graph's export.
 */
std::optional<Identity> identityIn(const PermissionGraph &graph, const Party &party);

/** The party an identity of `graph` stands for (a matrix row, an --as): Entra principals by object ID. */
Party partyOf(const PermissionGraph &graph, const Identity &who);

/** The party of an Entra object of `graph` (users, service principals, groups). */
Party principalParty(const PermissionGraph &graph, entra::PrincipalId principal);

} // namespace clr::compare
