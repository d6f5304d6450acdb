// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace clr::k8s {

/** Who asks, as the API server sees them after authentication (or impersonation). */
struct UserInfo
{
    std::string name;
    std::vector<std::string> groups;
};

/** What is asked: a resource request or a non-resource request (authorizer.Attributes). */
struct Request
{
    std::string verb;
    bool resourceRequest = true;
    std::string apiGroup; // "" = core
    std::string resource; // plural, lower case
    std::string subresource;
    std::string name;
    std::string ns; // "" = cluster-scoped or across all namespaces
    std::string path; // non-resource requests

    /** "get pods/log named x in namespace y" style text for messages. */
    std::string describe() const;
};

/**
 * Completes a UserInfo the way kube-apiserver impersonation does: a service-account user name gets
 * system:serviceaccounts and system:serviceaccounts:<ns> when no groups were given, then
 * system:authenticated is added unless system:authenticated/system:unauthenticated is present
 * (system:anonymous gets system:unauthenticated instead).
 */
UserInfo impersonate(const std::string &user, const std::vector<std::string> &groups);

/** Splits "system:serviceaccount:<ns>:<name>"; false when `user` is not a service-account name. */
bool parseServiceAccountUser(const std::string &user, std::string *ns, std::string *name);

} // namespace clr::k8s
