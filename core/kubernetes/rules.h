// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kubernetes/model.h"
#include "kubernetes/request.h"

#include <string_view>

namespace clr::k8s {

// The rule matching of pkg/apis/rbac/v1/evaluation_helpers.go, one function per clause.
bool verbMatches(const PolicyRule &rule, const std::string &verb);
bool apiGroupMatches(const PolicyRule &rule, const std::string &group);
bool resourceMatches(const PolicyRule &rule, const std::string &resource, const std::string &subresource);
bool resourceNameMatches(const PolicyRule &rule, const std::string &name);
bool nonResourceURLMatches(const PolicyRule &rule, const std::string &path);
/** True when the rule allows the request (resource or non-resource). */
bool ruleAllows(const Request &request, const PolicyRule &rule);

/** True when the rule would allow the request but for its resourceNames (a "some names only" grant). */
bool ruleAllowsSomeNames(const Request &request, const PolicyRule &rule);

/**
 * True when the binding counts for the request (rbac.go VisitRulesFor): a ClusterRoleBinding always; a
 * RoleBinding only for a resource request in its own namespace. Non-resource requests and requests
 * without a namespace (cluster-scoped resources, lists across all namespaces) see ClusterRoleBindings only.
 */
bool bindingApplies(const Binding &binding, const Request &request);

/** True when the subject names this user (User, Group or ServiceAccount; see docs/semantics.md). */
bool subjectMatches(const Subject &subject, const UserInfo &user, std::string_view bindingNamespace);

/**
 * The index key of a binding subject: "User:<name>", "Group:<name>" or "ServiceAccount:<ns>:<name>" with
 * the namespace defaulted to the binding's (`bindingNamespace` is "" for a ClusterRoleBinding). Empty for
 * a subject that matches nobody (a ServiceAccount without namespace in a ClusterRoleBinding).
 */
std::string subjectKey(const Subject &subject, const std::string &bindingNamespace);

/** Fills aggregated ClusterRoles' rules from the ClusterRoles their selectors match, to a fixed point. */
void aggregateClusterRoles(std::vector<Role> &roles);

} // namespace clr::k8s
