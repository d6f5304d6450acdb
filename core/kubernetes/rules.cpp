// SPDX-License-Identifier: GPL-3.0-or-later
// Rule and subject matching as in kubernetes pkg/apis/rbac/v1/evaluation_helpers.go and
// pkg/registry/rbac/validation/rule.go (appliesToUser).
#include "kubernetes/rules.h"

#include "common/strings.h"

#include <algorithm>

namespace clr::k8s {

namespace {
bool contains(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}
} // namespace

bool verbMatches(const PolicyRule &rule, const std::string &verb)
{
    return contains(rule.verbs, "*") || contains(rule.verbs, verb);
}

bool apiGroupMatches(const PolicyRule &rule, const std::string &group)
{
    return contains(rule.apiGroups, "*") || contains(rule.apiGroups, group);
}

bool resourceMatches(const PolicyRule &rule, const std::string &resource, const std::string &subresource)
{
    const std::string combined = subresource.empty() ? resource : resource + '/' + subresource;
    for (const auto &r : rule.resources) {
        if (r == "*" || r == combined)
            return true;
        // "*/scale" matches any resource's scale subresource, but only a request for a subresource.
        if (!subresource.empty() && r.size() == subresource.size() + 2 && startsWith(r, "*/") && endsWith(r, subresource))
            return true;
    }
    return false;
}

bool resourceNameMatches(const PolicyRule &rule, const std::string &name)
{
    return rule.resourceNames.empty() || contains(rule.resourceNames, name);
}

bool nonResourceURLMatches(const PolicyRule &rule, const std::string &path)
{
    for (const auto &url : rule.nonResourceURLs) {
        if (url == "*" || url == path)
            return true;
        if (endsWith(url, "*")) {
            const auto prefix = std::string_view(url).substr(0, url.find_last_not_of('*') + 1);
            if (startsWith(path, prefix))
                return true;
        }
    }
    return false;
}

bool ruleAllows(const Request &request, const PolicyRule &rule)
{
    if (request.resourceRequest) {
        return verbMatches(rule, request.verb) && apiGroupMatches(rule, request.apiGroup)
            && resourceMatches(rule, request.resource, request.subresource) && resourceNameMatches(rule, request.name);
    }
    return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

bool ruleAllowsSomeNames(const Request &request, const PolicyRule &rule)
{
    return request.resourceRequest && !rule.resourceNames.empty() && verbMatches(rule, request.verb)
        && apiGroupMatches(rule, request.apiGroup) && resourceMatches(rule, request.resource, request.subresource);
}

bool bindingApplies(const Binding &binding, const Request &request)
{
    return binding.cluster || (request.resourceRequest && !request.ns.empty() && binding.ns == request.ns);
}

const char *subjectKindName(Subject::Kind kind)
{
    switch (kind) {
    case Subject::Kind::User:
        return "User";
    case Subject::Kind::Group:
        return "Group";
    case Subject::Kind::ServiceAccount:
        return "ServiceAccount";
    }
    return "User";
}

bool subjectMatches(const Subject &subject, const UserInfo &user, std::string_view bindingNamespace)
{
    switch (subject.kind) {
    case Subject::Kind::User:
        return user.name == subject.name;
    case Subject::Kind::Group:
        return contains(user.groups, subject.name);
    case Subject::Kind::ServiceAccount: {
        // The subject's namespace defaults to the RoleBinding's; a ClusterRoleBinding passes "".
        // Compared piece by piece with "system:serviceaccount:<ns>:<name>", without building it.
        const std::string_view ns = subject.ns.empty() ? bindingNamespace : std::string_view(subject.ns);
        constexpr std::string_view prefix = "system:serviceaccount:";
        std::string_view name = user.name;
        if (ns.empty() || !startsWith(name, prefix))
            return false;
        name.remove_prefix(prefix.size());
        return name.size() == ns.size() + 1 + subject.name.size() && startsWith(name, ns) && name[ns.size()] == ':'
            && name.substr(ns.size() + 1) == subject.name;
    }
    }
    return false;
}

std::string subjectKey(const Subject &subject, const std::string &bindingNamespace)
{
    switch (subject.kind) {
    case Subject::Kind::User:
        return "User:" + subject.name;
    case Subject::Kind::Group:
        return "Group:" + subject.name;
    case Subject::Kind::ServiceAccount: {
        const std::string &ns = subject.ns.empty() ? bindingNamespace : subject.ns;
        return ns.empty() ? std::string() : "ServiceAccount:" + ns + ':' + subject.name;
    }
    }
    return {};
}

} // namespace clr::k8s
