// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "azure/model.h"
#include "kubernetes/request.h"

#include <string>
#include <string_view>
#include <vector>

namespace clr::azure {

/** Prefix of every AKS data action. */
inline constexpr std::string_view kClusterDataActionPrefix = "Microsoft.ContainerService/managedClusters/";

/**
 * The data action AKS's authorization webhook checks for a Kubernetes request (DOMAIN.md §3,
 * guard authz/providers/azure/rbac): ".../managedClusters/<group>/<resource>/<read|write|delete|verb/action>",
 * subresources folded into the parent except pods/exec; CRD resources map to ".../customresources/<action>".
 */
std::string dataActionFor(const k8s::Request &request, bool customResource);

/** Azure's action pattern match: case-insensitive, `*` matches any run of characters including '/'. */
bool actionPatternMatches(std::string_view pattern, std::string_view action);

/** True when some dataActions pattern of one Permission matches and no notDataActions of the same role does. */
bool roleGrantsDataAction(const RoleDefinition &role, std::string_view action, std::string *matchedPattern = nullptr);
/** Same for management-plane `actions`/`notActions` (e.g. listClusterAdminCredential/action). */
bool roleGrantsAction(const RoleDefinition &role, std::string_view action, std::string *matchedPattern = nullptr);

/** How an assignment's scope relates to a cluster. */
enum class ScopeMatch { None, Cluster /* cluster or an ancestor */, Namespace /* <cluster>/namespaces/<ns> */ };
/** Compares case-insensitively by path segment; `ns` receives the namespace for Namespace matches. */
ScopeMatch matchScope(std::string_view assignmentScope, std::string_view clusterId, std::string *ns = nullptr);
/** True when `scope` is a syntactically valid ARM scope ("/", management group, subscription, RG, resource). */
bool isValidScope(std::string_view scope);

/** The GUID at the end of a role definition ID, lower case ("" when malformed). */
std::string roleDefinitionGuid(std::string_view roleDefinitionId);

inline constexpr std::string_view kListAdminCredentialAction =
    "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action";
inline constexpr std::string_view kListUserCredentialAction =
    "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action";

} // namespace clr::azure
