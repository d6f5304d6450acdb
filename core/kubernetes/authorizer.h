// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kubernetes/model.h"
#include "kubernetes/request.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
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

/** A binding that names a user: one of its subjects matches. `role` is -1 when the roleRef dangles. */
struct BindingMatch
{
    std::uint32_t binding = 0;
    std::int32_t role = -1;
    std::uint32_t subject = 0; // the first matching subject
    bool cluster = false;      // a ClusterRoleBinding
};

/**
 * The bindings that name one user, ordered as the authorizer visits them: ClusterRoleBindings first,
 * then RoleBindings grouped by namespace. inNamespace() finds one namespace's RoleBindings without a
 * scan, which is what lets a matrix evaluate thousands of namespaces per identity cheaply.
 */
struct BindingSet
{
    std::vector<BindingMatch> matches;
    /** Per match: "" for ClusterRoleBindings, else the RoleBinding's namespace (a view into the
     *  Authorizer's cluster, valid while the Authorizer lives). */
    std::vector<std::string_view> namespaces;
    std::size_t clusterCount = 0; // matches[0, clusterCount) are ClusterRoleBindings
    /** [first, last) indexes of the RoleBindings in `ns`. */
    std::pair<std::size_t, std::size_t> inNamespace(std::string_view ns) const;
};

/** What the Kubernetes plane says about one request for one set of bindings. */
struct KubeVerdict
{
    bool allowed = false;
    bool someNames = false; // a rule would allow it but for resourceNames
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
 *
 * Every question goes through the same three predicates of kubernetes/rules.h: subjectMatches()
 * (through bindingsNaming()), bindingApplies() and ruleAllows(). evaluate() is the forward walk
 * (one user, one request); whoCan() is the reverse walk (one request, every subject).
 */
class Authorizer final
{
public:
    explicit Authorizer(Cluster cluster);

    const Cluster &cluster() const { return m_cluster; }

    /** The bindings that name the user, found through the subject index and checked with subjectMatches(). */
    BindingSet bindingsNaming(const UserInfo &user) const;

    /**
     * The Kubernetes plane for one request over a user's bindings (bindingsNaming()). With `grants`, every
     * grant is collected; without, it stops at the first. Only the bindings in [first, last) are visited,
     * so a caller may evaluate the cluster-wide part and one namespace's part separately.
     */
    KubeVerdict evaluate(const BindingSet &set, std::size_t first, std::size_t last, const Request &request,
                         std::vector<Grant> *grants = nullptr) const;
    /** evaluate() over every binding of the set that may apply to the request. */
    KubeVerdict evaluate(const BindingSet &set, const Request &request, std::vector<Grant> *grants = nullptr) const;

    /** True when some binding allows; `grants` (optional) receives every grant, not just the first. */
    bool allows(const UserInfo &user, const Request &request, std::vector<Grant> *grants = nullptr) const;

    /**
     * Every subject some binding grants the request to. With `anyNamespace` (a resource request without
     * namespace, kubectl's -A), each RoleBinding is asked the request in its own namespace, so subjects
     * granted in any namespace count (each noted in `namespaces`).
     */
    std::vector<SubjectGrants> whoCan(const Request &request, bool anyNamespace = false) const;

    /** The rules that apply to the user in `ns` (can-i --list), each with where it comes from. */
    std::vector<Grant> rulesFor(const UserInfo &user, const std::string &ns) const;

    /** The role a binding refers to, or -1 when it does not exist (dangling). */
    int roleOf(std::uint32_t binding) const { return m_bindingRole[binding]; }
    int findRole(const std::string &ns, const std::string &name, bool cluster) const;
    /** Bindings naming a subject, by subjectKey(). */
    const std::vector<std::uint32_t> &bindingsForSubjectKey(std::string_view key) const;

private:
    /** Looked up by string_view: naming a user's bindings allocates no key per group. */
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Index = std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>>;

    void index();
    const std::vector<std::uint32_t> &namespaceBindings(const std::string &ns) const;
    static const std::vector<std::uint32_t> &find(const Index &index, std::string_view key);

    Cluster m_cluster;
    std::vector<int> m_bindingRole;
    std::vector<std::uint32_t> m_clusterBindings;
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_byNamespace;
    Index m_byUser, m_byGroup, m_byServiceAccount; // by name; service accounts by "<ns>:<name>"
    std::unordered_map<std::string, int> m_roleIndex;
};

} // namespace clr::k8s
