// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes_p.h"

#include "azure/dataactions.h"
#include "common/strings.h"
#include "graph/matrix.h"

#include <algorithm>

namespace clr::compare::detail {

namespace {

constexpr std::size_t kNamesPerRule = 10; // resourceNames probed per rule

/** The Kubernetes verbs an Azure action suffix stands for (docs/semantics.md §4, read backwards). */
std::vector<std::string> verbsOfAction(std::string_view action)
{
    if (action == "read")
        return {"get", "list", "watch"};
    if (action == "write")
        return {"create", "update", "patch"};
    if (action == "delete")
        return {"delete"};
    return {};
}

} // namespace

std::string probeKey(const k8s::Request &r)
{
    return r.verb + '|' + r.apiGroup + '|' + r.resource + '|' + r.subresource + '|' + r.name + '|' + (r.resourceRequest ? "" : "/") + r.path;
}

Probes::Probes(const PermissionGraph &base, const PermissionGraph &head)
    : m_graphs{&base, &head}
{
    for (const PermissionGraph *g : m_graphs) {
        for (const auto &c : defaultMatrixColumns(*g))
            add(c.request(std::string()));
    }
    m_columns = m_probes.size();
    for (int s = 0; s < 2; ++s) {
        m_roles[s].resize(m_graphs[s]->kubernetes().cluster().roles.size());
        m_definitions[s].resize(m_graphs[s]->snapshot().azure.roleDefinitions.size());
    }
}

std::size_t Probes::add(const k8s::Request &request)
{
    const std::string key = probeKey(request);
    if (const auto it = m_byKey.find(key); it != m_byKey.end())
        return it->second;
    Probe p;
    p.request = request;
    p.request.ns.clear();
    for (int s = 0; s < 2; ++s) {
        // As the matrix does: a resource the table does not know is taken as namespaced.
        const auto *info = request.resourceRequest ? m_graphs[s]->resources().find(request.apiGroup, request.resource) : nullptr;
        p.namespaced[s] = request.resourceRequest && (!info || info->namespaced);
    }
    m_probes.push_back(std::move(p));
    m_queries[0].emplace_back();
    m_queries[1].emplace_back();
    m_byKey.emplace(key, m_probes.size() - 1);
    return m_probes.size() - 1;
}

void Probes::addRule(const k8s::PolicyRule &rule, std::vector<std::size_t> &out)
{
    std::vector<std::string> verbs;
    for (const auto &v : rule.verbs) {
        if (v != "*")
            verbs.push_back(v);
        else
            verbs.insert(verbs.end(), matrixVerbs().begin(), matrixVerbs().end());
    }
    for (const auto &path : rule.nonResourceURLs) {
        if (path.find('*') != std::string::npos)
            continue; // a prefix: the discovery and health paths of other rules stand for it
        for (const auto &v : rule.verbs) {
            k8s::Request r;
            r.verb = v == "*" ? "get" : v;
            r.resourceRequest = false;
            r.path = path;
            out.push_back(add(r));
        }
    }
    std::vector<std::string> names = rule.resourceNames;
    if (names.size() > kNamesPerRule)
        names.resize(kNamesPerRule);
    if (names.empty())
        names.emplace_back();
    for (const auto &res : rule.resources) {
        if (res.find('*') != std::string::npos)
            continue; // the matrix columns cover wildcard resources
        const auto slash = res.find('/');
        const std::string resource = res.substr(0, slash), sub = slash == std::string::npos ? std::string() : res.substr(slash + 1);
        std::vector<std::string> groups;
        for (const auto &g : rule.apiGroups) {
            if (g != "*") {
                groups.push_back(g);
                continue;
            }
            for (const PermissionGraph *graph : m_graphs)
                for (const auto &info : graph->resources().all())
                    if (info.plural == resource)
                        groups.push_back(info.group);
        }
        for (const auto &g : groups)
            for (const auto &v : verbs)
                for (const auto &n : names)
                    out.push_back(add({v, true, g, resource, sub, n, {}, {}}));
    }
}

void Probes::addDataAction(const std::string &pattern, std::vector<std::size_t> &out)
{
    // ".../managedClusters/<group>/<resource>/<action>" or ".../managedClusters/<resource>/<action>".
    const auto prefix = azure::kClusterDataActionPrefix;
    if (pattern.size() <= prefix.size() || !iequals(std::string_view(pattern).substr(0, prefix.size()), prefix)
        || pattern.find('*') != std::string::npos)
        return;
    const auto parts = split(std::string_view(pattern).substr(prefix.size()), '/');
    if (parts.size() < 2 || parts.size() > 3)
        return;
    const auto verbs = verbsOfAction(parts.back());
    const std::string group = parts.size() == 3 ? std::string(parts[0]) : std::string();
    const std::string resource(parts[parts.size() - 2]);
    if (resource == "customresources")
        return; // the matrix has a column per CRD
    for (const auto &v : verbs)
        out.push_back(add({v, true, group, resource, {}, {}, {}, {}}));
}

const std::vector<std::size_t> &Probes::ofRole(Side s, int role)
{
    auto &slot = m_roles[int(s)][std::size_t(role)];
    if (!slot) {
        std::vector<std::size_t> out;
        for (const auto &rule : m_graphs[int(s)]->kubernetes().cluster().roles[std::size_t(role)].rules)
            addRule(rule, out);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        slot = std::move(out);
    }
    return *slot;
}

const std::vector<std::size_t> &Probes::ofDefinition(Side s, int definition)
{
    auto &slot = m_definitions[int(s)][std::size_t(definition)];
    if (!slot) {
        std::vector<std::size_t> out;
        for (const auto &perm : m_graphs[int(s)]->snapshot().azure.roleDefinitions[std::size_t(definition)].permissions)
            for (const auto &pattern : perm.dataActions)
                addDataAction(pattern, out);
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        slot = std::move(out);
    }
    return *slot;
}

Query &Probes::query(Side s, std::size_t probe)
{
    auto &slot = m_queries[int(s)][probe];
    if (!slot)
        slot = m_graphs[int(s)]->query(m_probes[probe].request);
    return *slot;
}

} // namespace clr::compare::detail
