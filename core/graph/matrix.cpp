// SPDX-License-Identifier: GPL-3.0-or-later
// Matrices ask the graph exactly as check() does (profile, then evaluate), but keep one identity's
// profile and, per column, the cluster-wide part of the evaluation: a row then costs only its namespace.
#include "graph/matrix.h"


#include <optional>

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

MatrixCell cellOf(const Decision &d)
{
    if (d.allowed)
        return {MatrixCell::State::Allowed, d.planes};
    if (d.someNames)
        return {MatrixCell::State::SomeNames, planeBit(Plane::Kubernetes)};
    if (d.conditional)
        return {MatrixCell::State::Conditional, planeBit(Plane::Azure)};
    return {};
}

} // namespace

// ---------------------------------------------------------------- PrincipalMatrix

struct PrincipalMatrix::Private
{
    const PermissionGraph &graph;
    std::vector<MatrixColumn> columns;
    std::vector<std::string> rows;
    AccessProfile profile;
    mutable std::vector<Query> queries;      // per column; its namespace is set to the row's when asked
    std::vector<PartialVerdict> clusterPart; // per column: the part that does not depend on the namespace
    std::vector<MatrixCell> clusterOnly;     // per column: the cells of a namespace where nothing else applies
    mutable std::vector<std::optional<std::vector<MatrixCell>>> cache;

    void computeRow(int row) const
    {
        const std::string &ns = rows[std::size_t(row)];
        const NamespaceSlice slice = graph.namespaceSlice(profile, ns);
        if (slice.empty()) { // most namespaces of most identities: the cluster-wide part decides
            cache[std::size_t(row)] = clusterOnly;
            return;
        }
        std::vector<MatrixCell> cells(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (!columns[c].namespaced) {
                cells[c] = clusterOnly[c];
                continue;
            }
            Query &q = queries[c];
            q.request.ns = ns;
            PartialVerdict v = clusterPart[c];
            v.merge(graph.evaluateNamespace(profile, slice, q));
            cells[c] = cellOf(graph.decide(profile, q, v));
        }
        cache[std::size_t(row)] = std::move(cells);
    }
};

PrincipalMatrix::PrincipalMatrix(const PermissionGraph &graph, Identity who, std::vector<MatrixColumn> columns, std::vector<std::string> rows)
    : d(std::make_unique<Private>(Private{graph, std::move(columns), std::move(rows), graph.profile(who), {}, {}, {}, {}}))
{
    d->cache.resize(d->rows.size());
    d->queries.reserve(d->columns.size());
    d->clusterPart.reserve(d->columns.size());
    for (const auto &c : d->columns) {
        d->queries.push_back(graph.query(c.request(std::string())));
        d->clusterPart.push_back(graph.evaluateClusterWide(d->profile, d->queries.back()));
        d->clusterOnly.push_back(cellOf(graph.decide(d->profile, d->queries.back(), d->clusterPart.back())));
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
    std::vector<Query> queries; // per column, in ns
    mutable std::vector<std::optional<std::vector<MatrixCell>>> cache;

    void computeRow(int row) const
    {
        const AccessProfile profile = graph.profile(rows[std::size_t(row)]);
        std::vector<MatrixCell> cells(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c)
            cells[c] = cellOf(graph.evaluate(profile, queries[c]));
        cache[std::size_t(row)] = std::move(cells);
    }
};

NamespaceMatrix::NamespaceMatrix(const PermissionGraph &graph, std::string ns, std::vector<Identity> rows, std::vector<MatrixColumn> columns)
    : d(std::make_unique<Private>(Private{graph, std::move(ns), std::move(rows), std::move(columns), {}, {}}))
{
    d->cache.resize(d->rows.size());
    for (const auto &c : d->columns)
        d->queries.push_back(graph.query(c.request(d->ns)));
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
