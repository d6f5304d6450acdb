// SPDX-License-Identifier: GPL-3.0-or-later
// Least-privilege roles from requests. Compared with audit2rbac (pkg/process.go, pkg/util.go):
// several namespaces needing the same access share a ClusterRole through RoleBindings instead of
// one ClusterRoleBinding over the whole cluster; several names stay a resourceNames list instead of
// every name; verb expansion is opt-in; create keeps no name the authorizer never sees.
#include "generate/generator.h"

#include "kubernetes/authorizer.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace clr::gen {

namespace {

auto requestKey(const k8s::Request &r)
{
    return std::tie(r.resourceRequest, r.apiGroup, r.resource, r.subresource, r.ns, r.name, r.path, r.verb);
}

/** Rank of a verb in standardVerbs(), others after them in alphabetical order. */
bool verbLess(const std::string &a, const std::string &b)
{
    const auto &v = standardVerbs();
    const auto ia = std::find(v.begin(), v.end(), a) - v.begin();
    const auto ib = std::find(v.begin(), v.end(), b) - v.begin();
    return ia != ib ? ia < ib : a < b;
}

std::vector<std::string> sortedVerbs(const std::set<std::string> &verbs)
{
    std::vector<std::string> out(verbs.begin(), verbs.end());
    std::sort(out.begin(), out.end(), verbLess);
    return out;
}

std::string resourceOf(const k8s::Request &r)
{
    return r.subresource.empty() ? r.resource : r.resource + '/' + r.subresource;
}

/** The bootstrap roles every authenticated user has on any cluster (system:discovery,
 *  system:public-info-viewer, system:basic-user): requests they allow need no grant. */
const k8s::Authorizer &defaultAccess()
{
    static const k8s::Authorizer authorizer = [] {
        k8s::Cluster c;
        k8s::Role discovery;
        discovery.name = "system:discovery";
        discovery.cluster = true;
        discovery.rules = {{{"get"}, {}, {}, {}, {"/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"}},
                           {{"create"}, {"authorization.k8s.io"}, {"selfsubjectaccessreviews", "selfsubjectrulesreviews"}, {}, {}},
                           {{"create"}, {"authentication.k8s.io"}, {"selfsubjectreviews"}, {}, {}}};
        c.roles.push_back(discovery);
        k8s::Binding b;
        b.name = "system:discovery";
        b.cluster = true;
        b.roleRef = {"ClusterRole", "system:discovery"};
        b.subjects = {groupSubject("system:authenticated")};
        c.bindings.push_back(b);
        return k8s::Authorizer(std::move(c));
    }();
    return authorizer;
}

std::vector<k8s::Request> expand(const std::vector<k8s::Request> &requests)
{
    std::vector<k8s::Request> out;
    for (const auto &r : requests) {
        auto it = verbExpansions().find(r.verb);
        if (!r.resourceRequest || it == verbExpansions().end())
            continue;
        for (const auto &verb : it->second) {
            k8s::Request extra = r;
            extra.verb = verb;
            out.push_back(extra);
        }
    }
    return out;
}

k8s::Role makeRole(const std::string &name, const std::string &ns, std::vector<k8s::PolicyRule> rules)
{
    k8s::Role role;
    role.name = name;
    role.ns = ns;
    role.cluster = ns.empty();
    role.labels[kManagedByLabel] = kManagedByValue;
    role.rules = std::move(rules);
    return role;
}

k8s::Binding makeBinding(const std::string &name, const std::string &ns, const k8s::Role &role, const k8s::Subject &subject)
{
    k8s::Binding b;
    b.name = name;
    b.ns = ns;
    b.cluster = ns.empty();
    b.roleRef = {role.cluster ? "ClusterRole" : "Role", role.name};
    b.subjects = {subject};
    return b;
}

std::string baseName(const GenerateOptions &options)
{
    if (!options.name.empty())
        return options.name;
    const std::string label = options.subjectLabel.empty() ? options.subject.name : options.subjectLabel;
    if (options.subject.kind == k8s::Subject::Kind::ServiceAccount && options.subjectLabel.empty())
        return sanitizeName("clearance:" + options.subject.ns + ':' + options.subject.name);
    return sanitizeName("clearance:" + label);
}

/** One permission of a namespace after name merging: group, resource, subresource, verb, names ({} = any). */
using Atom = std::tuple<std::string, std::string, std::string, std::string, std::set<std::string>>;

/** Per (group, resource, subresource, verb), the names, or none once any request named no object. */
std::set<Atom> atomsOf(const std::vector<k8s::Request> &requests)
{
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::pair<bool, std::set<std::string>>> named;
    for (const auto &r : requests) {
        auto &[unnamed, names] = named[{r.apiGroup, r.resource, r.subresource, r.verb}];
        unnamed = unnamed || r.name.empty();
        if (!r.name.empty())
            names.insert(r.name);
    }
    std::set<Atom> atoms;
    for (const auto &[key, n] : named) {
        const auto &[group, resource, sub, verb] = key;
        atoms.insert({group, resource, sub, verb, n.first ? std::set<std::string>() : n.second});
    }
    return atoms;
}

void addRequestsOf(const Atom &atom, const std::string &ns, std::vector<k8s::Request> &out)
{
    const auto &[group, resource, sub, verb, names] = atom;
    if (names.empty())
        out.push_back({verb, true, group, resource, sub, {}, ns, {}});
    for (const auto &name : names)
        out.push_back({verb, true, group, resource, sub, name, ns, {}});
}

/** The permissions grouped by the set of namespaces that need them, in a stable order. */
std::map<std::vector<std::string>, std::vector<Atom>> byNamespaceSet(const std::map<std::string, std::vector<k8s::Request>> &byNamespace)
{
    std::map<Atom, std::vector<std::string>> where;
    for (const auto &[ns, requests] : byNamespace)
        for (const auto &atom : atomsOf(requests))
            where[atom].push_back(ns);
    std::map<std::vector<std::string>, std::vector<Atom>> out;
    for (const auto &[atom, namespaces] : where)
        out[namespaces].push_back(atom);
    return out;
}

void addNamespaced(GeneratedPolicy &out, const std::map<std::string, std::vector<k8s::Request>> &byNamespace, const std::string &base)
{
    const auto sets = byNamespaceSet(byNamespace);
    const auto shared = std::count_if(sets.begin(), sets.end(), [](const auto &s) { return s.first.size() > 1; });
    int sharedIndex = 0;
    for (const auto &[namespaces, atoms] : sets) {
        std::vector<k8s::Request> requests;
        for (const auto &atom : atoms)
            addRequestsOf(atom, namespaces.front(), requests);
        if (namespaces.size() == 1) {
            out.roles.push_back(makeRole(base, namespaces.front(), compactRules(requests)));
            out.bindings.push_back(makeBinding(base, namespaces.front(), out.roles.back(), out.subject));
            continue;
        }
        // The same access in several namespaces: one ClusterRole, bound only where it is needed.
        const std::string name = base + (shared == 1 ? ":namespaced" : ":namespaced-" + std::to_string(++sharedIndex));
        out.roles.push_back(makeRole(name, {}, compactRules(requests)));
        for (const auto &ns : namespaces)
            out.bindings.push_back(makeBinding(name, ns, out.roles.back(), out.subject));
    }
}

void sortObjects(GeneratedPolicy &out)
{
    auto roleKey = [](const k8s::Role &r) { return std::make_tuple(!r.cluster, r.ns, r.name); };
    auto bindingKey = [](const k8s::Binding &b) { return std::make_tuple(!b.cluster, b.ns, b.name); };
    std::sort(out.roles.begin(), out.roles.end(), [&](const auto &a, const auto &b) { return roleKey(a) < roleKey(b); });
    std::sort(out.bindings.begin(), out.bindings.end(), [&](const auto &a, const auto &b) { return bindingKey(a) < bindingKey(b); });
}

} // namespace

const std::vector<std::string> &standardVerbs()
{
    static const std::vector<std::string> verbs{"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"};
    return verbs;
}

const std::vector<std::string> &httpVerbs()
{
    static const std::vector<std::string> verbs{"get", "head", "post", "put", "patch", "delete", "options"};
    return verbs;
}

const std::map<std::string, std::vector<std::string>> &verbExpansions()
{
    static const std::map<std::string, std::vector<std::string>> expansions{
        {"watch", {"get", "list"}}, {"list", {"get", "watch"}}, {"update", {"get", "patch"}}, {"patch", {"get", "update"}}};
    return expansions;
}

std::string sanitizeName(std::string_view s)
{
    std::string out;
    for (char c : s) {
        const char l = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        const bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == ':' || l == '.' || l == '-';
        out += ok ? l : '-';
    }
    if (out.size() > 253)
        out.resize(253);
    return out;
}

k8s::Subject subjectForUser(const std::string &userName)
{
    std::string ns, name;
    if (k8s::parseServiceAccountUser(userName, &ns, &name))
        return {k8s::Subject::Kind::ServiceAccount, name, ns};
    return {k8s::Subject::Kind::User, userName, {}};
}

k8s::Subject groupSubject(const std::string &group)
{
    return {k8s::Subject::Kind::Group, group, {}};
}

k8s::UserInfo probeUser(const k8s::Subject &subject)
{
    switch (subject.kind) {
    case k8s::Subject::Kind::User:
        return k8s::impersonate(subject.name, {});
    case k8s::Subject::Kind::Group:
        return k8s::impersonate("clearance:member-of:" + subject.name, {subject.name});
    case k8s::Subject::Kind::ServiceAccount:
        return k8s::impersonate("system:serviceaccount:" + subject.ns + ':' + subject.name, {});
    }
    return {};
}

bool covers(const k8s::Request &a, const k8s::Request &b)
{
    if (a.verb != b.verb || a.resourceRequest != b.resourceRequest)
        return false;
    if (!a.resourceRequest)
        return a.path == b.path;
    return a.apiGroup == b.apiGroup && a.resource == b.resource && a.subresource == b.subresource && (a.ns.empty() || a.ns == b.ns)
        && (a.name.empty() || a.name == b.name);
}

std::vector<k8s::Request> normalizeRequests(std::vector<k8s::Request> requests)
{
    std::sort(requests.begin(), requests.end(), [](const auto &a, const auto &b) { return requestKey(a) < requestKey(b); });
    requests.erase(std::unique(requests.begin(), requests.end(), [](const auto &a, const auto &b) { return requestKey(a) == requestKey(b); }),
                   requests.end());
    std::vector<k8s::Request> out;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        bool covered = false;
        for (std::size_t j = 0; j < requests.size() && !covered; ++j)
            covered = i != j && covers(requests[j], requests[i]);
        if (!covered)
            out.push_back(requests[i]);
    }
    return out;
}

std::vector<k8s::PolicyRule> compactRules(const std::vector<k8s::Request> &requests)
{
    // (group, resource, verb) -> names; an empty set once any request named no object.
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<bool, std::set<std::string>>> byVerb;
    std::map<std::string, std::set<std::string>> urlVerbs;
    for (const auto &r : requests) {
        if (!r.resourceRequest) {
            urlVerbs[r.path].insert(r.verb);
            continue;
        }
        auto &[unnamed, names] = byVerb[{r.apiGroup, resourceOf(r), r.verb}];
        unnamed = unnamed || r.name.empty();
        if (!r.name.empty())
            names.insert(r.name);
    }
    // Verbs of one resource with the same names, then resources of one group with the same verbs and names.
    std::map<std::tuple<std::string, std::string, std::set<std::string>>, std::set<std::string>> verbsOf;
    for (const auto &[key, named] : byVerb)
        verbsOf[{std::get<0>(key), std::get<1>(key), named.first ? std::set<std::string>() : named.second}].insert(std::get<2>(key));
    std::map<std::tuple<std::string, std::vector<std::string>, std::set<std::string>>, std::set<std::string>> resourcesOf;
    for (const auto &[key, verbs] : verbsOf)
        resourcesOf[{std::get<0>(key), sortedVerbs(verbs), std::get<2>(key)}].insert(std::get<1>(key));
    std::vector<k8s::PolicyRule> rules;
    for (const auto &[key, resources] : resourcesOf) {
        const auto &[group, verbs, names] = key;
        rules.push_back({verbs, {group}, {resources.begin(), resources.end()}, {names.begin(), names.end()}, {}});
    }
    std::stable_sort(rules.begin(), rules.end(), [](const auto &a, const auto &b) {
        return std::tie(a.apiGroups, a.resources, a.resourceNames) < std::tie(b.apiGroups, b.resources, b.resourceNames);
    });
    std::map<std::vector<std::string>, std::set<std::string>> pathsOf;
    for (const auto &[path, verbs] : urlVerbs)
        pathsOf[sortedVerbs(verbs)].insert(path);
    for (const auto &[verbs, paths] : pathsOf)
        rules.push_back({verbs, {}, {}, {}, {paths.begin(), paths.end()}});
    return rules;
}

GeneratedPolicy generate(std::vector<k8s::Request> requests, const GenerateOptions &options)
{
    GeneratedPolicy out;
    out.subject = options.subject;
    const k8s::UserInfo user = probeUser(options.subject);
    std::vector<k8s::Request> needed;
    for (auto &r : normalizeRequests(std::move(requests))) {
        if (options.skipDefaultAccess && defaultAccess().allows(user, r))
            out.skipped.push_back(std::move(r));
        else
            needed.push_back(std::move(r));
    }
    out.requested = needed;
    if (options.expandVerbs) {
        for (auto &r : normalizeRequests(expand(needed))) {
            if (std::none_of(needed.begin(), needed.end(), [&](const auto &n) { return covers(n, r); }))
                out.expanded.push_back(std::move(r));
        }
        needed.insert(needed.end(), out.expanded.begin(), out.expanded.end());
        needed = normalizeRequests(std::move(needed));
    }
    std::vector<k8s::Request> clusterWide;
    std::map<std::string, std::vector<k8s::Request>> byNamespace;
    for (const auto &r : needed)
        (r.resourceRequest && !r.ns.empty() ? byNamespace[r.ns] : clusterWide).push_back(r);
    const std::string base = baseName(options);
    if (!clusterWide.empty()) {
        out.roles.push_back(makeRole(base, {}, compactRules(clusterWide)));
        out.bindings.push_back(makeBinding(base, {}, out.roles.back(), out.subject));
    }
    addNamespaced(out, byNamespace, base);
    sortObjects(out);
    return out;
}

std::vector<k8s::Request> requestsFromCells(const std::vector<MatrixColumn> &cells, const std::string &ns)
{
    std::vector<k8s::Request> out;
    out.reserve(cells.size());
    for (const auto &c : cells)
        out.push_back(c.request(ns));
    return out;
}

std::string describeRequest(const k8s::Request &r)
{
    if (!r.resourceRequest)
        return r.verb + ' ' + r.path;
    std::string out = r.verb + ' ' + r.resource;
    if (!r.apiGroup.empty())
        out += '.' + r.apiGroup;
    if (!r.subresource.empty())
        out += '/' + r.subresource;
    if (!r.name.empty())
        out += " named " + r.name;
    out += r.ns.empty() ? std::string(" cluster-wide") : " in " + r.ns;
    return out;
}

} // namespace clr::gen
