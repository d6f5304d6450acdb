// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kubernetes/model.h"
#include "kubernetes/request.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace clr::k8s {

/** One reason a request is allowed: binding → role → rule (indexes into Cluster vectors). */
struct Grant
{
    std::uint32_t binding = 0;
    std::uint32_t role = 0;
    std::uint32_t rule = 0;
    std::uint32_t subject = 0; // index into the binding's subjects
};

/** A subject that some binding grants the request to, with every grant. */
struct SubjectGrants
{
    Subject subject; // ServiceAccount subjects carry their effective namespace
    std::vector<Grant> grants;
    std::vector<std::string> namespaces; // where it applies ("" = cluster-wide)
};

/**
 * The Kubernetes RBAC authorizer over one Cluster, with the semantics of
 * plugin/pkg/auth/authorizer/rbac/rbac.go: ClusterRoleBindings everywhere, RoleBindings in their
 * namespace, dangling role references grant nothing. Built once (aggregation resolved, bindings
 * indexed by subject and namespace), then queried read-only from any thread.
 */
class Authorizer final
{
public:
    explicit Authorizer(Cluster cluster);

    const Cluster &cluster() const { return m_cluster; }

    /** True when some binding allows; `grants` (optional) receives every grant, not just the first. */
    bool allows(const UserInfo &user, const Request &request, std::vector<Grant> *grants = nullptr) const;

    /** Every subject some binding grants the request to. With an empty namespace in a resource
     *  request and `anyNamespace`, RoleBindings of every namespace count (each noted in `namespaces`). */
    std::vector<SubjectGrants> whoCan(const Request &request, bool anyNamespace = false) const;

    /** The rules that apply to the user in `ns` (can-i --list), each with where it comes from. */
    std::vector<Grant> rulesFor(const UserInfo &user, const std::string &ns) const;

    /** The role a binding refers to, or -1 when it does not exist (dangling). */
    int roleOf(std::uint32_t binding) const { return m_bindingRole[binding]; }
    int findRole(const std::string &ns, const std::string &name, bool cluster) const;
    /** Bindings (indexes) that may apply in `ns`: all ClusterRoleBindings plus RoleBindings in ns. */
    const std::vector<std::uint32_t> &clusterBindings() const { return m_clusterBindings; }
    const std::vector<std::uint32_t> &namespaceBindings(const std::string &ns) const;
    /** Bindings naming a subject: key is "User:<name>", "Group:<name>", "ServiceAccount:<ns>:<name>". */
    const std::vector<std::uint32_t> &bindingsForSubjectKey(const std::string &key) const;
    static std::string subjectKey(const Subject &s, const std::string &bindingNamespace);

private:
    void index();
    void collect(const UserInfo &user, const Request &request, std::vector<std::uint32_t> &out) const;

    Cluster m_cluster;
    std::vector<int> m_bindingRole;
    std::vector<std::uint32_t> m_clusterBindings;
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_byNamespace;
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_bySubject;
    std::unordered_map<std::string, int> m_roleIndex;
};

} // namespace clr::k8s
