// SPDX-License-Identifier: GPL-3.0-or-later
// Matrices evaluate the same graph as check(), but gather one identity's rules and assignments once
// and reuse the cluster-wide part of every column across rows: a row costs only its namespace's rules.
#include "graph/matrix.h"

#include "permissiongraph_p.h"
#include "kubernetes/rules.h"

#include <optional>
#include <unordered_map>

namespace clr {

k8s::Request MatrixColumn::request(const std::string &ns) const
{
    k8s::Request r;
    r.verb = verb;
    r.apiGroup = group;
    r.resource = resource;
    r.subresource = subresource;
    r.ns = namespaced ? ns : std::string();
    return r;
}

std::string MatrixColumn::resourceLabel() const
{
    std::string out = resource;
    if (!group.empty())
        out += '.' + group;
    if (!subresource.empty())
        out += '/' + subresource;
    return out;
}

const std::vector<std::string> &matrixVerbs()
{
    static const std::vector<std::string> verbs{"get", "list", "watch", "create", "update", "patch", "delete"};
    return verbs;
}

std::vector<MatrixColumn> defaultMatrixColumns(const PermissionGraph &graph)
{
    struct R
    {
        const char *group, *resource, *sub;
        std::vector<std::string> verbs;
    };
    const auto &v = matrixVerbs();
    const std::vector<R> common = {
        {"", "pods", "", v},
        {"", "pods", "log", {"get"}},
        {"", "pods", "exec", {"create"}},
        {"", "services", "", v},
        {"", "configmaps", "", v},
        {"", "secrets", "", v},
        {"", "serviceaccounts", "", v},
        {"", "persistentvolumeclaims", "", v},
        {"", "events", "", {"get", "list", "watch"}},
        {"apps", "deployments", "", v},
        {"apps", "statefulsets", "", v},
        {"apps", "daemonsets", "", v},
        {"apps", "replicasets", "", v},
        {"batch", "jobs", "", v},
        {"batch", "cronjobs", "", v},
        {"networking.k8s.io", "ingresses", "", v},
        {"networking.k8s.io", "networkpolicies", "", v},
        {"rbac.authorization.k8s.io", "roles", "", v},
        {"rbac.authorization.k8s.io", "rolebindings", "", v},
        {"", "namespaces", "", v},
        {"", "nodes", "", v},
        {"", "persistentvolumes", "", v},
        {"rbac.authorization.k8s.io", "clusterroles", "", v},
        {"rbac.authorization.k8s.io", "clusterrolebindings", "", v},
    };
    std::vector<MatrixColumn> out;
    auto add = [&](const std::string &g, const std::string &res, const std::string &sub, const std::vector<std::string> &verbs) {
        const auto *info = graph.resources().find(g, res);
        for (const auto &verb : verbs)
            out.push_back({g, res, sub, verb, info ? info->namespaced : true, info && info->custom});
    };
    for (const auto &r : common)
        add(r.group, r.resource, r.sub, r.verbs);
    for (const auto &info : graph.resources().all()) {
        if (info.custom)
            add(info.group, info.plural, {}, v);
    }
    return out;
}

namespace {

using RuleList = std::vector<const k8s::PolicyRule *>;
using RoleList = std::vector<const azure::RoleDefinition *>;

/** One identity's access, gathered once: what applies cluster-wide and what per namespace. */
struct IdentityAccess
{
    Planes full = 0; // planes that grant everything (admin group, admin credential, system:masters)
    RuleList clusterRules;
    std::unordered_map<std::string, RuleList> nsRules;
    RoleList azCluster, azClusterConditional;
    std::unordered_map<std::string, RoleList> azNs, azNsConditional;
};

struct CellEval
{
    bool allowed = false;
    bool someNames = false;
    bool conditional = false;
    Planes planes = 0;
    void merge(const CellEval &o)
    {
        allowed = allowed || o.allowed;
        someNames = someNames || o.someNames;
        conditional = conditional || o.conditional;
        planes |= o.planes;
    }
    MatrixCell cell() const
    {
        if (allowed)
            return {MatrixCell::State::Allowed, planes};
        if (someNames)
            return {MatrixCell::State::SomeNames, planeBit(Plane::Kubernetes)};
        if (conditional)
            return {MatrixCell::State::Conditional, planeBit(Plane::Azure)};
        return {};
    }
};

CellEval evalRules(const RuleList &rules, const k8s::Request &req)
{
    CellEval e;
    for (const auto *rule : rules) {
        if (k8s::ruleAllows(req, *rule)) {
            e.allowed = true;
            e.planes |= planeBit(Plane::Kubernetes);
            return e;
        }
        if (!rule->resourceNames.empty() && k8s::verbMatches(*rule, req.verb) && k8s::apiGroupMatches(*rule, req.apiGroup)
            && k8s::resourceMatches(*rule, req.resource, req.subresource))
            e.someNames = true;
    }
    return e;
}

CellEval evalRoles(const RoleList &roles, const RoleList &conditional, const std::string &action)
{
    CellEval e;
    for (const auto *role : roles) {
        if (azure::roleGrantsDataAction(*role, action)) {
            e.allowed = true;
            e.planes |= planeBit(Plane::Azure);
            return e;
        }
    }
    for (const auto *role : conditional)
        e.conditional = e.conditional || azure::roleGrantsDataAction(*role, action);
    return e;
}

template<typename Map>
const typename Map::mapped_type *lookup(const Map &map, const std::string &key)
{
    auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

} // namespace

/** Gathers an identity's access with the graph's own rules (see PermissionGraph::check). */
struct MatrixSupport
{
    static IdentityAccess gather(const PermissionGraph &g, const Identity &who)
    {
        IdentityAccess a;
        if (g.isPrivileged(who))
            a.full |= planeBit(Plane::Kubernetes);
        if (!g.adminGroupsOf(who).empty())
            a.full |= planeBit(Plane::AksAdminGroup);
        if (!g.adminCredentialRefs(who).empty())
            a.full |= planeBit(Plane::AdminCredential);
        const auto &authz = g.kubernetes();
        const auto &kube = authz.cluster();
        for (const auto &grant : authz.rulesFor(who.user, std::string())) // ClusterRoleBindings
            a.clusterRules.push_back(&kube.roles[grant.role].rules[grant.rule]);
        gatherNamespaced(g, who, a);
        if (g.d->azureRbacOn() && who.isEntra() && !who.serviceAccount) {
            for (auto r : g.azureRefsOf(who)) {
                const auto &ref = g.d->azure[r];
                if (ref.roleDefinition < 0)
                    continue;
                const auto *def = &g.snapshot().azure.roleDefinitions[std::size_t(ref.roleDefinition)];
                if (ref.match == azure::ScopeMatch::Namespace)
                    (ref.conditional ? a.azNsConditional : a.azNs)[ref.ns].push_back(def);
                else
                    (ref.conditional ? a.azClusterConditional : a.azCluster).push_back(def);
            }
        }
        return a;
    }

    static void gatherNamespaced(const PermissionGraph &g, const Identity &who, IdentityAccess &a)
    {
        const auto &authz = g.kubernetes();
        const auto &kube = authz.cluster();
        std::vector<std::string> keys{"User:" + who.user.name};
        for (const auto &grp : who.user.groups)
            keys.push_back("Group:" + grp);
        std::string saNs, saName;
        if (k8s::parseServiceAccountUser(who.user.name, &saNs, &saName))
            keys.push_back("ServiceAccount:" + saNs + ':' + saName);
        std::vector<std::uint32_t> seen;
        for (const auto &key : keys) {
            for (auto b : authz.bindingsForSubjectKey(key)) {
                const auto &binding = kube.bindings[b];
                const int role = authz.roleOf(b);
                if (binding.cluster || role < 0 || std::find(seen.begin(), seen.end(), b) != seen.end())
                    continue;
                seen.push_back(b);
                bool matches = false;
                for (const auto &s : binding.subjects)
                    matches = matches || k8s::subjectMatches(s, who.user, binding.ns);
                if (!matches)
                    continue;
                for (const auto &rule : kube.roles[std::size_t(role)].rules)
                    a.nsRules[binding.ns].push_back(&rule);
            }
        }
    }

    static std::string action(const PermissionGraph &, const MatrixColumn &c)
    {
        return azure::dataActionFor(c.request("x"), c.custom);
    }
};

// ---------------------------------------------------------------- PrincipalMatrix

struct PrincipalMatrix::Private
{
    const PermissionGraph &graph;
    Identity who;
    std::vector<MatrixColumn> columns;
    std::vector<std::string> rows;
    IdentityAccess access;
    std::vector<std::string> actions;
    std::vector<CellEval> clusterPart; // per column: ClusterRoleBindings and cluster-wide assignments
    mutable std::vector<std::optional<std::vector<MatrixCell>>> cache;

    void computeRow(int row) const
    {
        const std::string &ns = rows[std::size_t(row)];
        const RuleList *rules = ns.empty() ? nullptr : lookup(access.nsRules, ns);
        const RoleList *az = ns.empty() ? nullptr : lookup(access.azNs, ns);
        const RoleList *azc = ns.empty() ? nullptr : lookup(access.azNsConditional, ns);
        static const RoleList none;
        std::vector<MatrixCell> cells(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            CellEval e = clusterPart[c];
            if (columns[c].namespaced) {
                if (rules)
                    e.merge(evalRules(*rules, columns[c].request(ns)));
                if (az || azc)
                    e.merge(evalRoles(az ? *az : none, azc ? *azc : none, actions[c]));
            }
            e.planes |= access.full;
            e.allowed = e.allowed || access.full;
            cells[c] = e.cell();
        }
        cache[std::size_t(row)] = std::move(cells);
    }
};

PrincipalMatrix::PrincipalMatrix(const PermissionGraph &graph, Identity who, std::vector<MatrixColumn> columns, std::vector<std::string> rows)
    : d(std::make_unique<Private>(Private{graph, std::move(who), std::move(columns), std::move(rows), {}, {}, {}, {}}))
{
    d->access = MatrixSupport::gather(graph, d->who);
    d->cache.resize(d->rows.size());
    d->actions.reserve(d->columns.size());
    d->clusterPart.reserve(d->columns.size());
    for (const auto &c : d->columns) {
        d->actions.push_back(MatrixSupport::action(graph, c));
        CellEval e = evalRules(d->access.clusterRules, c.request(std::string()));
        e.merge(evalRoles(d->access.azCluster, d->access.azClusterConditional, d->actions.back()));
        d->clusterPart.push_back(e);
    }
}

PrincipalMatrix::~PrincipalMatrix() = default;
int PrincipalMatrix::rowCount() const { return int(d->rows.size()); }
int PrincipalMatrix::columnCount() const { return int(d->columns.size()); }
const std::string &PrincipalMatrix::rowNamespace(int row) const { return d->rows[std::size_t(row)]; }
const MatrixColumn &PrincipalMatrix::column(int col) const { return d->columns[std::size_t(col)]; }

MatrixCell PrincipalMatrix::cell(int row, int col) const
{
    auto &slot = d->cache[std::size_t(row)];
    if (!slot)
        d->computeRow(row);
    return (*slot)[std::size_t(col)];
}

// ---------------------------------------------------------------- NamespaceMatrix

struct NamespaceMatrix::Private
{
    const PermissionGraph &graph;
    std::string ns;
    std::vector<Identity> rows;
    std::vector<MatrixColumn> columns;
    std::vector<std::string> actions;
    mutable std::vector<std::optional<std::vector<MatrixCell>>> cache;

    void computeRow(int row) const
    {
        const IdentityAccess a = MatrixSupport::gather(graph, rows[std::size_t(row)]);
        const RuleList *rules = lookup(a.nsRules, ns);
        const RoleList *az = lookup(a.azNs, ns);
        const RoleList *azc = lookup(a.azNsConditional, ns);
        static const RoleList none;
        std::vector<MatrixCell> cells(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto req = columns[c].request(ns);
            // Every plane is evaluated (no short cut) so cells are coloured by all planes that grant them.
            CellEval e = evalRules(a.clusterRules, req);
            e.merge(evalRoles(a.azCluster, a.azClusterConditional, actions[c]));
            if (columns[c].namespaced && !ns.empty()) {
                if (rules)
                    e.merge(evalRules(*rules, req));
                if (az || azc)
                    e.merge(evalRoles(az ? *az : none, azc ? *azc : none, actions[c]));
            }
            e.planes |= a.full;
            e.allowed = e.allowed || a.full;
            cells[c] = e.cell();
        }
        cache[std::size_t(row)] = std::move(cells);
    }
};

NamespaceMatrix::NamespaceMatrix(const PermissionGraph &graph, std::string ns, std::vector<Identity> rows, std::vector<MatrixColumn> columns)
    : d(std::make_unique<Private>(Private{graph, std::move(ns), std::move(rows), std::move(columns), {}, {}}))
{
    d->cache.resize(d->rows.size());
    for (const auto &c : d->columns)
        d->actions.push_back(MatrixSupport::action(graph, c));
}

NamespaceMatrix::~NamespaceMatrix() = default;
int NamespaceMatrix::rowCount() const { return int(d->rows.size()); }
int NamespaceMatrix::columnCount() const { return int(d->columns.size()); }
const Identity &NamespaceMatrix::rowIdentity(int row) const { return d->rows[std::size_t(row)]; }
const MatrixColumn &NamespaceMatrix::column(int col) const { return d->columns[std::size_t(col)]; }

MatrixCell NamespaceMatrix::cell(int row, int col) const
{
    auto &slot = d->cache[std::size_t(row)];
    if (!slot)
        d->computeRow(row);
    return (*slot)[std::size_t(col)];
}

} // namespace clr
