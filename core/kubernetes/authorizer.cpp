// SPDX-License-Identifier: GPL-3.0-or-later
// Binding selection of plugin/pkg/auth/authorizer/rbac/rbac.go (VisitRulesFor): ClusterRoleBindings
// first, then the RoleBindings of the request's namespace; a dangling roleRef grants nothing.
#include "kubernetes/authorizer.h"

#include "kubernetes/rules.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace clr::k8s {

namespace {
const std::vector<std::uint32_t> kNoBindings;

std::string roleKey(const std::string &ns, const std::string &name, bool cluster)
{
    return cluster ? "C/" + name : "R/" + ns + '/' + name;
}
} // namespace

std::pair<std::size_t, std::size_t> BindingSet::inNamespace(std::string_view ns) const
{
    if (ns.empty())
        return {matches.size(), matches.size()};
    const auto begin = namespaces.begin() + std::ptrdiff_t(clusterCount);
    const auto range = std::equal_range(begin, namespaces.end(), ns);
    return {std::size_t(range.first - namespaces.begin()), std::size_t(range.second - namespaces.begin())};
}

Authorizer::Authorizer(Cluster cluster)
    : m_cluster(std::move(cluster))
{
    aggregateClusterRoles(m_cluster.roles);
    index();
}

void Authorizer::index()
{
    m_roleIndex.reserve(m_cluster.roles.size());
    for (std::size_t i = 0; i < m_cluster.roles.size(); ++i) {
        const Role &r = m_cluster.roles[i];
        m_roleIndex.emplace(roleKey(r.ns, r.name, r.cluster), int(i)); // first definition wins
    }
    m_bindingRole.resize(m_cluster.bindings.size(), -1);
    for (std::uint32_t b = 0; b < m_cluster.bindings.size(); ++b) {
        const Binding &binding = m_cluster.bindings[b];
        const bool clusterRole = binding.roleRef.kind == "ClusterRole";
        if (clusterRole || (binding.roleRef.kind == "Role" && !binding.cluster))
            m_bindingRole[b] = findRole(binding.ns, binding.roleRef.name, clusterRole);
        if (binding.cluster)
            m_clusterBindings.push_back(b);
        else
            m_byNamespace[binding.ns].push_back(b);
        for (const Subject &s : binding.subjects) {
            const std::string &ns = s.ns.empty() ? (binding.cluster ? s.ns : binding.ns) : s.ns;
            if (s.kind == Subject::Kind::ServiceAccount && ns.empty())
                continue; // matches nobody
            Index &index = s.kind == Subject::Kind::User ? m_byUser : s.kind == Subject::Kind::Group ? m_byGroup : m_byServiceAccount;
            auto &list = index[s.kind == Subject::Kind::ServiceAccount ? ns + ':' + s.name : s.name];
            if (list.empty() || list.back() != b)
                list.push_back(b);
        }
    }
}

int Authorizer::findRole(const std::string &ns, const std::string &name, bool cluster) const
{
    auto it = m_roleIndex.find(roleKey(ns, name, cluster));
    return it == m_roleIndex.end() ? -1 : it->second;
}

const std::vector<std::uint32_t> &Authorizer::namespaceBindings(const std::string &ns) const
{
    auto it = m_byNamespace.find(ns);
    return it == m_byNamespace.end() ? kNoBindings : it->second;
}

const std::vector<std::uint32_t> &Authorizer::find(const Index &index, std::string_view key)
{
    auto it = index.find(key);
    return it == index.end() ? kNoBindings : it->second;
}

const std::vector<std::uint32_t> &Authorizer::bindingsForSubjectKey(std::string_view key) const
{
    // The forms subjectKey() writes: "User:<name>", "Group:<name>", "ServiceAccount:<ns>:<name>".
    for (const auto &[prefix, index] : {std::pair<std::string_view, const Index *>{"User:", &m_byUser}, {"Group:", &m_byGroup},
                                        {"ServiceAccount:", &m_byServiceAccount}}) {
        if (key.substr(0, prefix.size()) == prefix)
            return find(*index, key.substr(prefix.size()));
    }
    return kNoBindings;
}

BindingSet Authorizer::bindingsNaming(const UserInfo &user) const
{
    // Candidates through the subject indexes (the user name, each group, the service account), then
    // each checked with subjectMatches().
    std::vector<std::uint32_t> candidates;
    auto add = [&](const std::vector<std::uint32_t> &list) { candidates.insert(candidates.end(), list.begin(), list.end()); };
    add(find(m_byUser, user.name));
    for (const auto &g : user.groups)
        add(find(m_byGroup, g));
    std::string saNs, saName;
    if (parseServiceAccountUser(user.name, &saNs, &saName))
        add(find(m_byServiceAccount, saNs + ':' + saName));
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    BindingSet set;
    set.matches.reserve(candidates.size());
    for (std::uint32_t b : candidates) {
        const Binding &binding = m_cluster.bindings[b];
        const std::string_view bindingNs = binding.cluster ? std::string_view() : std::string_view(binding.ns);
        for (std::uint32_t s = 0; s < binding.subjects.size(); ++s) {
            if (subjectMatches(binding.subjects[s], user, bindingNs)) {
                set.matches.push_back({b, m_bindingRole[b], s, binding.cluster});
                break;
            }
        }
    }
    // The authorizer's order: ClusterRoleBindings, then RoleBindings (grouped by namespace, stable within).
    if (set.matches.size() > 1) {
        std::stable_sort(set.matches.begin(), set.matches.end(), [this](const BindingMatch &a, const BindingMatch &b) {
            if (a.cluster != b.cluster)
                return a.cluster;
            return !a.cluster && m_cluster.bindings[a.binding].ns < m_cluster.bindings[b.binding].ns;
        });
    }
    set.namespaces.reserve(set.matches.size());
    for (const auto &m : set.matches) {
        set.namespaces.push_back(m.cluster ? std::string_view() : std::string_view(m_cluster.bindings[m.binding].ns));
        set.clusterCount += m.cluster ? 1 : 0;
    }
    return set;
}

KubeVerdict Authorizer::evaluate(const BindingSet &set, std::size_t first, std::size_t last, const Request &request,
                                 std::vector<Grant> *grants) const
{
    KubeVerdict v;
    for (std::size_t i = first; i < last; ++i) {
        const BindingMatch &m = set.matches[i];
        if (m.role < 0 || !bindingApplies(m_cluster.bindings[m.binding], request))
            continue;
        const auto &rules = m_cluster.roles[std::size_t(m.role)].rules;
        for (std::uint32_t r = 0; r < rules.size(); ++r) {
            if (!ruleAllows(request, rules[r])) {
                v.someNames = v.someNames || ruleAllowsSomeNames(request, rules[r]);
                continue;
            }
            v.allowed = true;
            if (!grants)
                return v;
            grants->push_back({m.binding, std::uint32_t(m.role), r, m.subject});
        }
    }
    return v;
}

KubeVerdict Authorizer::evaluate(const BindingSet &set, const Request &request, std::vector<Grant> *grants) const
{
    KubeVerdict v = evaluate(set, 0, set.clusterCount, request, grants);
    if (v.allowed && !grants)
        return v;
    const auto [first, last] = set.inNamespace(request.ns);
    const KubeVerdict ns = evaluate(set, first, last, request, grants);
    return {v.allowed || ns.allowed, v.someNames || ns.someNames};
}

bool Authorizer::allows(const UserInfo &user, const Request &request, std::vector<Grant> *grants) const
{
    return evaluate(bindingsNaming(user), request, grants).allowed;
}

std::vector<SubjectGrants> Authorizer::whoCan(const Request &request, bool anyNamespace) const
{
    // The namespace index only narrows the walk; bindingApplies() decides, as in evaluate().
    const bool everyNamespace = anyNamespace && request.resourceRequest && request.ns.empty();
    std::vector<std::uint32_t> candidates = m_clusterBindings;
    if (everyNamespace) {
        for (const auto &[ns, list] : m_byNamespace)
            candidates.insert(candidates.end(), list.begin(), list.end());
        std::sort(candidates.begin(), candidates.end());
    } else {
        const auto &list = namespaceBindings(request.ns);
        candidates.insert(candidates.end(), list.begin(), list.end());
    }
    std::map<std::string, SubjectGrants> bySubject; // sorted, stable output
    Request scoped;
    for (std::uint32_t b : candidates) {
        const int role = m_bindingRole[b];
        const Binding &binding = m_cluster.bindings[b];
        const Request *asked = &request;
        if (everyNamespace && !binding.cluster) {
            scoped = request; // -A: each RoleBinding answers for its own namespace
            scoped.ns = binding.ns;
            asked = &scoped;
        }
        if (role < 0 || !bindingApplies(binding, *asked))
            continue;
        const std::string bindingNs = binding.cluster ? std::string() : binding.ns;
        const auto &rules = m_cluster.roles[std::size_t(role)].rules;
        for (std::uint32_t r = 0; r < rules.size(); ++r) {
            if (!ruleAllows(*asked, rules[r]))
                continue;
            for (std::uint32_t s = 0; s < binding.subjects.size(); ++s) {
                const std::string key = subjectKey(binding.subjects[s], bindingNs);
                if (key.empty())
                    continue; // matches nobody
                auto &entry = bySubject[key];
                entry.subject = binding.subjects[s];
                if (entry.subject.kind == Subject::Kind::ServiceAccount && entry.subject.ns.empty())
                    entry.subject.ns = bindingNs;
                entry.grants.push_back({b, std::uint32_t(role), r, s});
                if (std::find(entry.namespaces.begin(), entry.namespaces.end(), bindingNs) == entry.namespaces.end())
                    entry.namespaces.push_back(bindingNs);
            }
        }
    }
    std::vector<SubjectGrants> out;
    out.reserve(bySubject.size());
    for (auto &[key, grants] : bySubject) {
        std::sort(grants.namespaces.begin(), grants.namespaces.end());
        out.push_back(std::move(grants));
    }
    return out;
}

std::vector<Grant> Authorizer::rulesFor(const UserInfo &user, const std::string &ns) const
{
    Request any; // a resource request in `ns`: the bindings that apply there
    any.ns = ns;
    const BindingSet set = bindingsNaming(user);
    std::vector<Grant> out;
    for (const auto &m : set.matches) {
        if (m.role < 0 || !bindingApplies(m_cluster.bindings[m.binding], any))
            continue;
        const auto &rules = m_cluster.roles[std::size_t(m.role)].rules;
        for (std::uint32_t r = 0; r < rules.size(); ++r)
            out.push_back({m.binding, std::uint32_t(m.role), r, m.subject});
    }
    return out;
}

} // namespace clr::k8s
