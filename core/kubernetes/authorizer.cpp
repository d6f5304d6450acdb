// SPDX-License-Identifier: GPL-3.0-or-later
// Binding selection of plugin/pkg/auth/authorizer/rbac/rbac.go (VisitRulesFor): ClusterRoleBindings
// first, then the RoleBindings of the request's namespace; a dangling roleRef grants nothing.
#include "kubernetes/authorizer.h"

#include "kubernetes/rules.h"

#include <algorithm>
#include <map>

namespace clr::k8s {

namespace {
const std::vector<std::uint32_t> kNoBindings;

std::string roleKey(const std::string &ns, const std::string &name, bool cluster)
{
    return cluster ? "C/" + name : "R/" + ns + '/' + name;
}
} // namespace

Authorizer::Authorizer(Cluster cluster)
    : m_cluster(std::move(cluster))
{
    aggregateClusterRoles(m_cluster.roles);
    index();
}

std::string Authorizer::subjectKey(const Subject &s, const std::string &bindingNamespace)
{
    switch (s.kind) {
    case Subject::Kind::User:
        return "User:" + s.name;
    case Subject::Kind::Group:
        return "Group:" + s.name;
    case Subject::Kind::ServiceAccount:
        return "ServiceAccount:" + (s.ns.empty() ? bindingNamespace : s.ns) + ':' + s.name;
    }
    return {};
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
            if (s.kind == Subject::Kind::ServiceAccount && s.ns.empty() && binding.cluster)
                continue; // matches nothing
            auto &list = m_bySubject[subjectKey(s, binding.ns)];
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

const std::vector<std::uint32_t> &Authorizer::bindingsForSubjectKey(const std::string &key) const
{
    auto it = m_bySubject.find(key);
    return it == m_bySubject.end() ? kNoBindings : it->second;
}

void Authorizer::collect(const UserInfo &user, const Request &request, std::vector<std::uint32_t> &out) const
{
    // Candidate bindings through the subject index: the user name, each group, and the SA identity.
    auto add = [&](const std::string &key) {
        for (std::uint32_t b : bindingsForSubjectKey(key)) {
            const Binding &binding = m_cluster.bindings[b];
            if (binding.cluster || (!request.ns.empty() && binding.ns == request.ns && request.resourceRequest))
                out.push_back(b);
        }
    };
    add("User:" + user.name);
    for (const auto &g : user.groups)
        add("Group:" + g);
    std::string saNs, saName;
    if (parseServiceAccountUser(user.name, &saNs, &saName))
        add("ServiceAccount:" + saNs + ':' + saName);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    // Evaluate in the authorizer's order: ClusterRoleBindings, then RoleBindings.
    std::stable_partition(out.begin(), out.end(), [&](std::uint32_t b) { return m_cluster.bindings[b].cluster; });
}

bool Authorizer::allows(const UserInfo &user, const Request &request, std::vector<Grant> *grants) const
{
    std::vector<std::uint32_t> candidates;
    collect(user, request, candidates);
    bool allowed = false;
    for (std::uint32_t b : candidates) {
        const int role = m_bindingRole[b];
        if (role < 0)
            continue;
        const Binding &binding = m_cluster.bindings[b];
        std::uint32_t subject = 0;
        bool applies = false;
        for (; subject < binding.subjects.size(); ++subject) {
            if (subjectMatches(binding.subjects[subject], user, binding.cluster ? std::string() : binding.ns)) {
                applies = true;
                break;
            }
        }
        if (!applies)
            continue;
        const auto &rules = m_cluster.roles[std::size_t(role)].rules;
        for (std::uint32_t r = 0; r < rules.size(); ++r) {
            if (!ruleAllows(request, rules[r]))
                continue;
            if (!grants)
                return true;
            allowed = true;
            grants->push_back({b, std::uint32_t(role), r, subject});
        }
    }
    return allowed;
}

std::vector<SubjectGrants> Authorizer::whoCan(const Request &request, bool anyNamespace) const
{
    std::vector<std::uint32_t> bindings = m_clusterBindings;
    if (request.resourceRequest) {
        if (!request.ns.empty()) {
            const auto &nsb = namespaceBindings(request.ns);
            bindings.insert(bindings.end(), nsb.begin(), nsb.end());
        } else if (anyNamespace) {
            for (const auto &[ns, list] : m_byNamespace)
                bindings.insert(bindings.end(), list.begin(), list.end());
        }
    }
    std::map<std::string, SubjectGrants> bySubject; // sorted, stable output
    for (std::uint32_t b : bindings) {
        const int role = m_bindingRole[b];
        if (role < 0)
            continue;
        const Binding &binding = m_cluster.bindings[b];
        Request scoped = request;
        if (anyNamespace && !binding.cluster)
            scoped.ns = binding.ns;
        const auto &rules = m_cluster.roles[std::size_t(role)].rules;
        for (std::uint32_t r = 0; r < rules.size(); ++r) {
            if (!ruleAllows(scoped, rules[r]))
                continue;
            for (std::uint32_t s = 0; s < binding.subjects.size(); ++s) {
                Subject subject = binding.subjects[s];
                if (subject.kind == Subject::Kind::ServiceAccount) {
                    if (subject.ns.empty())
                        subject.ns = binding.cluster ? std::string() : binding.ns;
                    if (subject.ns.empty())
                        continue;
                }
                auto &entry = bySubject[subjectKey(subject, {})];
                entry.subject = subject;
                entry.grants.push_back({b, std::uint32_t(role), r, s});
                const std::string where = binding.cluster ? std::string() : binding.ns;
                if (std::find(entry.namespaces.begin(), entry.namespaces.end(), where) == entry.namespaces.end())
                    entry.namespaces.push_back(where);
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
    Request any;
    any.ns = ns;
    std::vector<std::uint32_t> candidates;
    collect(user, any, candidates);
    std::vector<Grant> out;
    for (std::uint32_t b : candidates) {
        const int role = m_bindingRole[b];
        if (role < 0)
            continue;
        const Binding &binding = m_cluster.bindings[b];
        for (std::uint32_t s = 0; s < binding.subjects.size(); ++s) {
            if (!subjectMatches(binding.subjects[s], user, binding.cluster ? std::string() : binding.ns))
                continue;
            const auto &rules = m_cluster.roles[std::size_t(role)].rules;
            for (std::uint32_t r = 0; r < rules.size(); ++r)
                out.push_back({b, std::uint32_t(role), r, s});
            break;
        }
    }
    return out;
}

} // namespace clr::k8s
