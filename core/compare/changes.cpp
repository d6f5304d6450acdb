// SPDX-License-Identifier: GPL-3.0-or-later
#include "changes_p.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace clr::compare {

const char *changeKindName(Change::Kind kind)
{
    switch (kind) {
    case Change::Kind::Binding:
        return "binding";
    case Change::Kind::Role:
        return "role";
    case Change::Kind::Assignment:
        return "assignment";
    case Change::Kind::RoleDefinition:
        return "roleDefinition";
    case Change::Kind::Membership:
        return "membership";
    case Change::Kind::Principal:
        return "principal";
    case Change::Kind::ClusterSetting:
        return "clusterSetting";
    case Change::Kind::CustomResource:
        return "customResource";
    }
    return "";
}

const char *changeOpName(Change::Op op)
{
    switch (op) {
    case Change::Op::Added:
        return "added";
    case Change::Op::Removed:
        return "removed";
    case Change::Op::Edited:
        return "edited";
    case Change::Op::Renamed:
        return "renamed";
    }
    return "";
}

namespace detail {

std::string sourceText(const PermissionGraph &graph, const SourceRef &source)
{
    const std::string file = graph.fileOf(source);
    if (file.empty())
        return {};
    return source.line > 0 ? file + ':' + std::to_string(source.line) : file;
}

int addChange(std::vector<Change> &out, Change change)
{
    out.push_back(std::move(change));
    return int(out.size() - 1);
}

namespace {

/** Rewrites every index entry after the changes were sorted. */
void remap(ChangeIndex &index, const std::vector<int> &to)
{
    auto fix = [&to](int &i) {
        if (i != kNone)
            i = to[std::size_t(i)];
    };
    for (auto &side : index.side) {
        for (auto *v : {&side.binding, &side.role, &side.assignment, &side.definition, &side.principal})
            std::for_each(v->begin(), v->end(), fix);
        for (auto &[k, v] : side.membership)
            fix(v);
        for (auto &[k, v] : side.adminGroup)
            fix(v);
        for (auto &[k, v] : side.customResource)
            fix(v);
    }
    for (int *i : {&index.cluster, &index.entraIntegration, &index.azureRbac, &index.localAccounts})
        fix(*i);
}

} // namespace

std::vector<Change> detectChanges(const PermissionGraph &base, const PermissionGraph &head, ChangeIndex &index)
{
    std::vector<Change> found;
    diffAzure(base, head, found, index); // cluster settings first: they concern everyone
    diffKubernetes(base, head, found, index);
    diffEntra(base, head, found, index);
    // A stable order for output: by kind, then object, then operation.
    std::vector<int> order(found.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const Change &x = found[std::size_t(a)], &y = found[std::size_t(b)];
        const auto kx = x.kind == Change::Kind::ClusterSetting ? -1 : int(x.kind), ky = y.kind == Change::Kind::ClusterSetting ? -1 : int(y.kind);
        return std::make_tuple(kx, x.ref.toString(), x.setting, int(x.op)) < std::make_tuple(ky, y.ref.toString(), y.setting, int(y.op));
    });
    std::vector<int> to(found.size());
    std::vector<Change> out;
    out.reserve(found.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        to[std::size_t(order[i])] = int(i);
        out.push_back(std::move(found[std::size_t(order[i])]));
    }
    remap(index, to);
    return out;
}

} // namespace detail

} // namespace clr::compare
