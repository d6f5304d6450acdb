// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/permissiongraph.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clr {

/** What kind of identity a matrix row is: the row filter's kinds, in the order "sort by kind" uses. */
enum class RowKind : std::uint8_t {
    User,
    Guest,
    ServicePrincipal,
    ManagedIdentity,
    ServiceAccount,
    KubernetesUser,  // a User subject of some binding that no Entra principal answers to
    KubernetesGroup, // a Group subject that is no Entra object (system:serviceaccounts:NS, a display name...)
    Unresolved,      // an Entra object ID referenced by a member list, binding or assignment but not exported
};
inline constexpr int kRowKindCount = 8;
/** "user", "guest", "service-principal", "managed-identity", "service-account", "kubernetes-user",
 *  "kubernetes-group", "unresolved". */
std::string rowKindName(RowKind kind);
/** A kind by rowKindName() or its plural ("users", "groups" stands for Kubernetes groups). */
std::optional<RowKind> parseRowKind(std::string_view text);

/** A service account the snapshot defines (`source` indexes Cluster::serviceAccounts) or a binding names (-1). */
struct ServiceAccountName
{
    std::string ns;
    std::string name;
    int source = -1;
};

/** Every service account, defined or named by a binding (namespace defaulted to the binding's); sorted, unique. */
std::vector<ServiceAccountName> serviceAccountsOf(const PermissionGraph &graph);
/** User subjects of bindings that no Entra principal answers to and that are not service accounts; sorted. */
std::vector<std::string> kubernetesOnlyUsers(const PermissionGraph &graph);
/** Group subjects of bindings that are no Entra object ID; sorted. */
std::vector<std::string> kubernetesOnlyGroups(const PermissionGraph &graph);
/** Stands for "any member of the Kubernetes group": its grants, without anyone's personal ones. */
Identity memberOfKubernetesGroup(const std::string &group);

/** One identity that may ask the cluster, as every identity matrix (window and command line) lists it. */
struct RequesterRow
{
    RowKind kind = RowKind::User;
    entra::PrincipalId principal = entra::NoPrincipal; // Entra kinds (User, Guest, ServicePrincipal, ManagedIdentity, Unresolved)
    std::string name;        // as the API server sees it: user name, system:serviceaccount:NS:NAME, group name, object ID
    std::string displayName; // Entra display name (its object ID when it has none); NS/NAME for service accounts; else name
    bool disabled = false;   // a disabled Entra account

    bool isEntra() const { return principal != entra::NoPrincipal; }
};

/**
 * Every identity that may ask: Entra users and guests, service principals, managed identities, service
 * accounts, Kubernetes-only users and groups, and object IDs missing from the export. Entra groups are
 * not rows: a group never asks, its members do. In kind order, each kind by display name.
 */
std::vector<RequesterRow> requesterRows(const PermissionGraph &graph);
/** The row of an Entra principal (any type but Group). */
RequesterRow requesterRowOf(const PermissionGraph &graph, entra::PrincipalId principal);
/** The row of a service account, a Kubernetes-only user or a Kubernetes-only group. */
RequesterRow serviceAccountRow(const std::string &ns, const std::string &name);
RequesterRow kubernetesUserRow(const std::string &name);
RequesterRow kubernetesGroupRow(const std::string &group);
/** How the API server sees the row's identity (what check() is asked with). */
Identity identityOfRow(const PermissionGraph &graph, const RequesterRow &row);

} // namespace clr
