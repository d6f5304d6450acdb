// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kubernetes/model.h"
#include "kubernetes/request.h"

namespace clr::k8s {

// The rule matching of pkg/apis/rbac/v1/evaluation_helpers.go, one function per clause.
bool verbMatches(const PolicyRule &rule, const std::string &verb);
bool apiGroupMatches(const PolicyRule &rule, const std::string &group);
bool resourceMatches(const PolicyRule &rule, const std::string &resource, const std::string &subresource);
bool resourceNameMatches(const PolicyRule &rule, const std::string &name);
bool nonResourceURLMatches(const PolicyRule &rule, const std::string &path);
/** True when the rule allows the request (resource or non-resource). */
bool ruleAllows(const Request &request, const PolicyRule &rule);

/** True when the subject names this user (User, Group or ServiceAccount; see DOMAIN.md §1). */
bool subjectMatches(const Subject &subject, const UserInfo &user, const std::string &bindingNamespace);

/** Fills aggregated ClusterRoles' rules from the ClusterRoles their selectors match, to a fixed point. */
void aggregateClusterRoles(std::vector<Role> &roles);

} // namespace clr::k8s
