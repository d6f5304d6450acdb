// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/diagnostics.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace clr::k8s {

/** One entry of a Role's `rules` (rbac.authorization.k8s.io/v1 PolicyRule). */
struct PolicyRule
{
    std::vector<std::string> verbs;
    std::vector<std::string> apiGroups;
    std::vector<std::string> resources;
    std::vector<std::string> resourceNames;
    std::vector<std::string> nonResourceURLs;

    bool operator==(const PolicyRule &) const = default;
};

/** A label selector requirement (matchExpressions entry). */
struct LabelRequirement
{
    enum class Op : std::uint8_t { In, NotIn, Exists, DoesNotExist };
    std::string key;
    Op op = Op::In;
    std::vector<std::string> values;
};

/** metav1.LabelSelector: matchLabels AND matchExpressions. An empty selector matches everything. */
struct LabelSelector
{
    std::map<std::string, std::string> matchLabels;
    std::vector<LabelRequirement> matchExpressions;
    bool matches(const std::map<std::string, std::string> &labels) const;
};

/** A Role (namespace non-empty) or a ClusterRole (namespace empty, cluster = true). */
struct Role
{
    std::string name;
    std::string ns;
    bool cluster = false;
    std::map<std::string, std::string> labels;
    std::vector<PolicyRule> rules;
    /** For aggregated ClusterRoles: for each rule, the ClusterRole it was aggregated from. */
    std::vector<std::string> ruleOrigins;
    bool aggregated = false; // has aggregationRule
    std::vector<LabelSelector> clusterRoleSelectors;
    SourceRef source;
};

struct Subject
{
    enum class Kind : std::uint8_t { User, Group, ServiceAccount };
    Kind kind = Kind::User;
    std::string name;
    std::string ns; // ServiceAccount only
    bool operator==(const Subject &) const = default;
};

/** "User", "Group" or "ServiceAccount", as manifests spell the subject kind. */
const char *subjectKindName(Subject::Kind kind);

struct RoleRef
{
    std::string kind; // Role or ClusterRole
    std::string name;
};

/** A RoleBinding (namespace non-empty) or ClusterRoleBinding (cluster = true). */
struct Binding
{
    std::string name;
    std::string ns;
    bool cluster = false;
    RoleRef roleRef;
    std::vector<Subject> subjects;
    SourceRef source;
};

struct ServiceAccount
{
    std::string name;
    std::string ns;
    std::map<std::string, std::string> annotations;
    std::map<std::string, std::string> labels;
    SourceRef source;
};

struct Namespace
{
    std::string name;
    std::map<std::string, std::string> labels;
    SourceRef source;
};

/** The parts of a CustomResourceDefinition that stand in for discovery. */
struct CustomResource
{
    std::string group;
    std::string plural;
    std::string singular;
    std::string kind;
    std::vector<std::string> shortNames;
    std::vector<std::string> versions;
    bool namespaced = true;
    SourceRef source;
};

/** Everything Kubernetes a snapshot holds. Plain values; the authorizer indexes them. */
struct Cluster
{
    std::vector<Role> roles; // Roles and ClusterRoles
    std::vector<Binding> bindings;
    std::vector<ServiceAccount> serviceAccounts;
    std::vector<Namespace> namespaces;
    std::vector<CustomResource> customResources;
    std::map<std::string, int> skippedKinds; // kind -> count of objects of kinds we do not use
};

} // namespace clr::k8s
