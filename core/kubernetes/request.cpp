// SPDX-License-Identifier: GPL-3.0-or-later
#include "kubernetes/request.h"

#include "common/strings.h"

#include <algorithm>

namespace clr::k8s {

namespace {
constexpr std::string_view kServiceAccountPrefix = "system:serviceaccount:";
const std::string kAuthenticated = "system:authenticated";
const std::string kUnauthenticated = "system:unauthenticated";
const std::string kAnonymous = "system:anonymous";
} // namespace

std::string Request::describe() const
{
    if (!resourceRequest)
        return verb + ' ' + path;
    std::string out = verb + ' ' + resource;
    if (!subresource.empty())
        out += '/' + subresource;
    if (!apiGroup.empty())
        out += " (" + apiGroup + ')';
    if (!name.empty())
        out += " named " + name;
    out += ns.empty() ? std::string(" cluster-wide") : " in namespace " + ns;
    return out;
}

bool parseServiceAccountUser(const std::string &user, std::string *ns, std::string *name)
{
    // serviceaccount.SplitUsername: exactly "system:serviceaccount:<ns>:<name>", both parts non-empty.
    if (!startsWith(user, kServiceAccountPrefix))
        return false;
    const auto rest = std::string_view(user).substr(kServiceAccountPrefix.size());
    const auto parts = split(rest, ':');
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty())
        return false;
    if (ns)
        *ns = std::string(parts[0]);
    if (name)
        *name = std::string(parts[1]);
    return true;
}

UserInfo impersonate(const std::string &user, const std::vector<std::string> &groups)
{
    UserInfo info{user, groups};
    std::string saNamespace;
    if (groups.empty() && parseServiceAccountUser(user, &saNamespace, nullptr)) {
        info.groups.push_back("system:serviceaccounts");
        info.groups.push_back("system:serviceaccounts:" + saNamespace);
    }
    auto has = [&](const std::string &g) { return std::find(info.groups.begin(), info.groups.end(), g) != info.groups.end(); };
    if (user != kAnonymous) {
        if (!has(kAuthenticated) && !has(kUnauthenticated))
            info.groups.push_back(kAuthenticated);
    } else if (!has(kUnauthenticated)) {
        info.groups.push_back(kUnauthenticated);
    }
    return info;
}

} // namespace clr::k8s
