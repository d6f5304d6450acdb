// SPDX-License-Identifier: GPL-3.0-or-later
#include "generate/replace.h"

#include "common/strings.h"
#include "kubernetes/authorizer.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace clr::gen {

namespace {

std::string bindingText(const k8s::Binding &b)
{
    return b.cluster ? "ClusterRoleBinding " + b.name : "RoleBinding " + b.ns + '/' + b.name;
}

bool hasWildcard(const std::string &s)
{
    return s.find('*') != std::string::npos;
}

/** The old binding alone, bound to the new subject: what its role allows in its scope. */
k8s::Authorizer oldScope(const k8s::Cluster &cluster, const k8s::Binding &binding, const k8s::Subject &subject)
{
    k8s::Cluster c;
    c.roles = cluster.roles; // aggregation sources included
    k8s::Binding b = binding;
    b.subjects = {subject};
    c.bindings = {b};
    return k8s::Authorizer(std::move(c));
}

k8s::Authorizer newScope(const GeneratedPolicy &policy)
{
    k8s::Cluster c;
    c.roles = policy.roles;
    c.bindings = policy.bindings;
    return k8s::Authorizer(std::move(c));
}

struct RemovalCheck
{
    const k8s::Authorizer &replacement;
    k8s::UserInfo user;
    std::string scope; // the old binding's namespace, "" for a ClusterRoleBinding
    std::set<std::string> namespaces; // where the replacement grants namespaced access
    const std::vector<k8s::Request> &requested;
    Replacement &out;

    void noteNames(const k8s::Request &r)
    {
        std::set<std::string> names;
        for (const auto &q : requested) {
            k8s::Request named = r;
            named.name = q.name;
            if (!q.name.empty() && q.verb == r.verb && q.apiGroup == r.apiGroup && q.resource == r.resource && q.subresource == r.subresource
                && replacement.allows(user, named))
                names.insert(q.name);
        }
        if (!names.empty())
            out.notes.push_back(describeRequest(r) + " narrowed to the name(s) " + join({names.begin(), names.end()}, ", "));
    }

    void resourceRule(const k8s::PolicyRule &rule)
    {
        std::vector<std::string> names = rule.resourceNames.empty() ? std::vector<std::string>{""} : rule.resourceNames;
        for (const auto &group : rule.apiGroups)
            for (const auto &resource : rule.resources)
                for (const auto &name : names)
                    piece(rule, group, resource, name);
    }

    void piece(const k8s::PolicyRule &rule, const std::string &group, const std::string &resource, const std::string &name)
    {
        const bool wildcard = hasWildcard(group) || hasWildcard(resource);
        std::vector<std::string> removedVerbs;
        for (const auto &verb : concreteVerbs(rule))
            if (wildcard || !keeps(request(verb, group, resource, name)))
                removedVerbs.push_back(verb);
        if (wildcard)
            out.notes.push_back("wildcard rule (" + describeRule(rule) + ") is replaced by the audited permissions only");
        if (removedVerbs.empty())
            return;
        if (std::find(rule.verbs.begin(), rule.verbs.end(), "*") != rule.verbs.end() && removedVerbs == standardVerbs())
            removedVerbs = {"*"};
        out.removed.push_back({removedVerbs, {group}, {resource}, name.empty() ? std::vector<std::string>{} : std::vector<std::string>{name}, {}});
    }

    void urlRule(const k8s::PolicyRule &rule)
    {
        for (const auto &url : rule.nonResourceURLs) {
            std::vector<std::string> removedVerbs;
            for (const auto &verb : rule.verbs) {
                k8s::Request r{verb, false, {}, {}, {}, {}, {}, url};
                if (hasWildcard(url) || verb == "*" || !replacement.allows(user, r))
                    removedVerbs.push_back(verb);
            }
            if (!removedVerbs.empty())
                out.removed.push_back({removedVerbs, {}, {}, {}, {url}});
        }
    }

    std::vector<std::string> concreteVerbs(const k8s::PolicyRule &rule) const
    {
        if (std::find(rule.verbs.begin(), rule.verbs.end(), "*") != rule.verbs.end())
            return standardVerbs();
        return rule.verbs;
    }

    k8s::Request request(const std::string &verb, const std::string &group, const std::string &resource, const std::string &name) const
    {
        const auto slash = resource.find('/');
        return {verb, true, group, resource.substr(0, slash), slash == std::string::npos ? std::string() : resource.substr(slash + 1), name, scope, {}};
    }

    /** Kept when the replacement allows it in the old scope. A grant kept only for some names, or
     *  (from a ClusterRoleBinding) only in some namespaces, counts as removed with a note. */
    bool keeps(const k8s::Request &r)
    {
        if (replacement.allows(user, r))
            return true;
        noteNames(r);
        if (!scope.empty())
            return false;
        std::vector<std::string> where;
        for (const auto &ns : namespaces) {
            k8s::Request in = r;
            in.ns = ns;
            if (replacement.allows(user, in))
                where.push_back(ns);
        }
        if (!where.empty())
            out.notes.push_back(describeRequest(r) + " narrowed to namespace(s) " + join(where, ", "));
        return false;
    }
};

/** Merges removed pieces of one group with the same verbs and names back into rules. */
std::vector<k8s::PolicyRule> mergeRemoved(const std::vector<k8s::PolicyRule> &pieces)
{
    std::map<std::tuple<std::vector<std::string>, std::vector<std::string>, std::vector<std::string>, bool>, std::set<std::string>> merged;
    for (const auto &p : pieces) {
        const bool url = !p.nonResourceURLs.empty();
        auto &targets = merged[{p.apiGroups, p.verbs, p.resourceNames, url}];
        targets.insert(url ? p.nonResourceURLs.begin() : p.resources.begin(), url ? p.nonResourceURLs.end() : p.resources.end());
    }
    std::vector<k8s::PolicyRule> out;
    for (const auto &[key, targets] : merged) {
        const auto &[groups, verbs, names, url] = key;
        std::vector<std::string> list(targets.begin(), targets.end());
        out.push_back(url ? k8s::PolicyRule{verbs, {}, {}, {}, list} : k8s::PolicyRule{verbs, groups, list, names, {}});
    }
    // Resource rules by group and resource, then URLs: the order a reader scans the old role in.
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return std::tie(a.nonResourceURLs, a.apiGroups, a.resources) < std::tie(b.nonResourceURLs, b.apiGroups, b.resources);
    });
    return out;
}

} // namespace

const k8s::Binding *findBinding(const k8s::Cluster &cluster, const std::string &ref)
{
    const auto slash = ref.find('/');
    const std::string ns = slash == std::string::npos ? std::string() : ref.substr(0, slash);
    const std::string name = slash == std::string::npos ? ref : ref.substr(slash + 1);
    for (const auto &b : cluster.bindings) {
        if (b.name == name && b.cluster == ns.empty() && b.ns == ns)
            return &b;
    }
    return nullptr;
}

AuditFilter filterFor(const k8s::Subject &subject, const std::string &bindingNamespace)
{
    AuditFilter f;
    switch (subject.kind) {
    case k8s::Subject::Kind::User:
        f.user = subject.name;
        break;
    case k8s::Subject::Kind::Group:
        f.group = subject.name;
        break;
    case k8s::Subject::Kind::ServiceAccount:
        f.serviceAccount = (subject.ns.empty() ? bindingNamespace : subject.ns) + ':' + subject.name;
        break;
    }
    return f;
}

std::optional<Replacement> proposeReplacement(const k8s::Cluster &cluster, const std::string &ref, std::vector<k8s::Request> requests,
                                              const GenerateOptions &options, std::string *error)
{
    const k8s::Binding *binding = findBinding(cluster, ref);
    if (!binding) {
        *error = "no " + std::string(ref.find('/') == std::string::npos ? "ClusterRoleBinding " : "RoleBinding ") + ref + " in the input";
        return std::nullopt;
    }
    const k8s::Authorizer old = oldScope(cluster, *binding, options.subject);
    if (old.roleOf(0) < 0) {
        *error = bindingText(*binding) + " refers to " + binding->roleRef.kind + ' ' + binding->roleRef.name + ", which is not in the input";
        return std::nullopt;
    }
    Replacement out;
    out.oldBinding = bindingText(*binding);
    out.oldRole = binding->roleRef.kind + ' ' + binding->roleRef.name;
    const k8s::UserInfo user = probeUser(options.subject);
    std::vector<k8s::Request> carried;
    for (auto &r : normalizeRequests(std::move(requests)))
        (old.allows(user, r) ? carried : out.notFromOldBinding).push_back(std::move(r));
    out.policy = generate(std::move(carried), options);
    const k8s::Authorizer replacement = newScope(out.policy);
    RemovalCheck check{replacement, user, binding->cluster ? std::string() : binding->ns, {}, out.policy.requested, out};
    for (const auto &r : out.policy.requested)
        if (!r.ns.empty())
            check.namespaces.insert(r.ns);
    for (const auto &rule : old.cluster().roles[std::size_t(old.roleOf(0))].rules) {
        if (rule.nonResourceURLs.empty())
            check.resourceRule(rule);
        else
            check.urlRule(rule);
    }
    out.removed = mergeRemoved(out.removed);
    std::sort(out.notes.begin(), out.notes.end());
    out.notes.erase(std::unique(out.notes.begin(), out.notes.end()), out.notes.end());
    return out;
}

std::string describeRule(const k8s::PolicyRule &rule)
{
    std::string out = join(rule.verbs, ", ") + " on ";
    if (!rule.nonResourceURLs.empty())
        return out + join(rule.nonResourceURLs, ", ");
    out += join(rule.resources, ", ");
    std::vector<std::string> groups;
    for (const auto &g : rule.apiGroups)
        groups.push_back(g.empty() ? std::string("core") : g);
    out += " (" + join(groups, ", ") + ')';
    if (!rule.resourceNames.empty())
        out += " named " + join(rule.resourceNames, ", ");
    return out;
}

} // namespace clr::gen
