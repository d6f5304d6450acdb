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
 * The data action AKS's authorization webhook checks for a Kubernetes request (docs/semantics.md §4,
 * guard authz/providers/azure/rbac): ".../managedClusters/<group>/<resource>/<read|write|delete|verb/action>",
 * subresources folded into the parent except pods/exec; CRD resources map to ".../customresources/<action>".
 * `customResource` is honoured only for a named group (guard never treats the core group as custom).
 * Returns "" when guard cannot form an action: a custom resource with a verb outside read/write/delete
 * (guard fails the review, so Azure RBAC never allows it).
 */
std::string dataActionFor(const k8s::Request &request, bool customResource);

/**
 * The action suffix guard appends for a Kubernetes verb (guard checkaccessreqhelper.go getActionName):
 * get/list/watch -> "read", create/update/patch -> "write", delete/deletecollection -> "delete",
 * bind/escalate/use/impersonate -> "<verb>/action", "*" -> "*", anything else -> "" (no suffix).
 * Case-sensitive, like upstream: Kubernetes verbs are lower case.
 */
std::string_view verbAction(std::string_view verb);

/**
 * True when guard expands the request against its discovered operations map instead of checking one
 * action (verb, group or resource is "*"); all expanded actions must then be allowed. dataActionFor()
 * returns the literal form (verb "*" on pods gives ".../pods/" followed by a '*' segment), which a
 * caller must not treat as the complete answer.
 */
bool isWildcardRequest(const k8s::Request &request);

/**
 * The non-resource paths guard allows to every Entra caller without a role assignment when
 * --azure.allow-nonres-discovery-path-access is on (default true): lower-cased path starting with
 * "/api", "/openapi", "/version" or "/healthz" (guard rbac.go AllowNonResPathDiscoveryAccess).
 * Note the plain prefix test: "/apis/..." and even "/apifoo" qualify, "/livez" and "/readyz" do not.
 */
bool isDiscoveryPath(std::string_view path);
/** isDiscoveryPath() for a non-resource request whose verb is "get" (compared case-insensitively, as guard does). */
bool isDiscoveryRequest(const k8s::Request &request);

/** Azure's action pattern match: case-insensitive, `*` matches any run of characters including '/'. */
bool actionPatternMatches(std::string_view pattern, std::string_view action);

/**
 * True when some dataActions pattern of one Permission matches and no notDataActions of the same role does.
 * Exclusions apply within their own Permission block (each block is allow-minus-exclude on its own; every
 * built-in role has a single block). Another role never subtracts: notDataActions are not deny rules.
 * `matchedPattern` receives the allowing pattern as written in the role.
 */
bool roleGrantsDataAction(const RoleDefinition &role, std::string_view action, std::string *matchedPattern = nullptr);
/** Same for management-plane `actions`/`notActions` (e.g. listClusterAdminCredential/action). */
bool roleGrantsAction(const RoleDefinition &role, std::string_view action, std::string *matchedPattern = nullptr);

/** How an assignment's scope relates to a cluster. */
enum class ScopeMatch { None, Cluster /* cluster or an ancestor */, Namespace /* <cluster>/namespaces/<ns> */ };
/**
 * Compares case-insensitively by path segment (trailing slashes tolerated); `ns` receives the namespace
 * (lower-cased) for Namespace matches. Ancestors are "/", any management group (see isManagementGroupScope),
 * the subscription, the resource group and the cluster itself; a prefix that is not a whole scope is None.
 */
ScopeMatch matchScope(std::string_view assignmentScope, std::string_view clusterId, std::string *ns = nullptr);
/**
 * True for "/providers/Microsoft.Management/managementGroups/<name>". The management-group hierarchy is
 * not part of an offline snapshot, so matchScope() treats every management group as an ancestor of
 * every cluster (assumption: it may over-report access granted at a management group).
 */
bool isManagementGroupScope(std::string_view scope);
/**
 * True for "<clusterId>/managedNamespaces/<ns>" (AKS managed namespaces). guard checks this scope only
 * as a fallback behind --azure.use-managed-namespace-resource-scope-format (guard rbac.go), whose AKS
 * value is not documented; matchScope() therefore answers None for it and callers may opt in.
 */
bool isManagedNamespaceScope(std::string_view scope, std::string_view clusterId, std::string *ns = nullptr);
/** True when `scope` is a syntactically valid ARM scope ("/", management group, subscription, RG, resource). */
bool isValidScope(std::string_view scope);

/** The GUID at the end of a role definition ID, lower case ("" when malformed). */
std::string roleDefinitionGuid(std::string_view roleDefinitionId);

inline constexpr std::string_view kListAdminCredentialAction =
    "Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action";
inline constexpr std::string_view kListUserCredentialAction =
    "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action";

} // namespace clr::azure
