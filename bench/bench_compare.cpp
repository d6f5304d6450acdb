// SPDX-License-Identifier: GPL-3.0-or-later
// clearance diff on the enterprise tenant (issue 14): BASE is the tenant, HEAD the tenant with one
// change, and each benchmark times compare::compare() on the two prebuilt graphs (what the command adds
// to loading both snapshots). Changes: one RoleBinding given another role; a ClusterRole that 1,000
// RoleBindings use given a rule (read Roles and RoleBindings); a group of 10,000 users moved from one
// group that a RoleBinding names into another.
#include "compare/compare.h"
#include "load/loader.h"
#include "tenant.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <utility>

using namespace clr;

namespace {

const Snapshot &baseSnapshot()
{
    static const Snapshot s = loadSnapshot(bench::tenantFiles());
    return s;
}

const PermissionGraph &baseGraph()
{
    static const PermissionGraph g(baseSnapshot());
    return g;
}

bool system(const std::string &name)
{
    return name.rfind("system:", 0) == 0;
}

/** One RoleBinding of a team's group re-pointed from its ClusterRole to another. */
Snapshot oneBinding(double &reached)
{
    Snapshot s = baseSnapshot();
    for (auto &b : s.kube.bindings) {
        if (b.cluster || system(b.name) || b.roleRef.kind != "ClusterRole" || b.subjects.empty() || b.subjects.front().kind != k8s::Subject::Kind::Group)
            continue;
        b.roleRef.name = b.roleRef.name == "admin" ? "view" : "admin";
        reached = double(baseGraph().principalsNamedBy(b.subjects.front()).size());
        return s;
    }
    std::abort();
}

/** BASE and HEAD of the ClusterRole case: 1,000 of the RoleBindings to the (aggregated) ClusterRole edit
 *  are pointed at a plain copy of it, team-edit, on both sides; HEAD gives team-edit one more rule. */
std::pair<Snapshot, Snapshot> clusterRoleOf1000()
{
    Snapshot s = baseSnapshot();
    const int edit = baseGraph().kubernetes().findRole({}, "edit", true);
    k8s::Role copy = baseGraph().kubernetes().cluster().roles[std::size_t(edit)];
    copy.name = "team-edit";
    copy.aggregated = false;
    copy.clusterRoleSelectors.clear();
    copy.ruleOrigins.clear();
    copy.labels.clear();
    s.kube.roles.push_back(copy);
    int moved = 0;
    for (auto &b : s.kube.bindings)
        if (moved < 1000 && !b.cluster && b.roleRef.kind == "ClusterRole" && b.roleRef.name == "edit")
            b.roleRef.name = "team-edit", ++moved;
    Snapshot head = s;
    // Something edit does not grant (admin does): reading the namespace's Roles and RoleBindings.
    head.kube.roles.back().rules.push_back({{"get", "list", "watch"}, {"rbac.authorization.k8s.io"}, {"roles", "rolebindings"}, {}, {}});
    return {std::move(s), std::move(head)};
}

/** The directory with a new group "bench-moved" of `members` users (the first of the export), nested in
 *  `parent`. */
entra::Directory withMovedGroup(const entra::Directory &dir, std::size_t members, entra::PrincipalId parent)
{
    entra::Directory out;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p)
        out.upsert(dir.at(p));
    entra::Principal group;
    group.id = "0b0b0b0b-0000-4000-8000-00000000b0b0";
    group.displayName = "bench-moved";
    group.type = entra::PrincipalType::Group;
    const entra::PrincipalId moved = out.upsert(group);
    for (entra::PrincipalId g = 0; g < dir.size(); ++g)
        for (auto m : dir.directMembers(g))
            out.addMembership(g, m);
    std::size_t added = 0;
    for (entra::PrincipalId p = 0; p < dir.size() && added < members; ++p)
        if (dir.at(p).type == entra::PrincipalType::User)
            out.addMembership(moved, p), ++added;
    out.addMembership(parent, moved);
    out.tenantId = dir.tenantId;
    out.finalize();
    return out;
}

/** Two groups that RoleBindings name (by object ID): the old and the new parent of the moved group. */
std::pair<entra::PrincipalId, entra::PrincipalId> boundGroups()
{
    std::vector<entra::PrincipalId> found;
    for (const auto &b : baseSnapshot().kube.bindings) {
        for (const auto &subject : b.subjects) {
            const SubjectReach r = baseGraph().reachOf(subject);
            if (r.kind == SubjectReach::Kind::MembersOf && std::find(found.begin(), found.end(), r.principal) == found.end())
                found.push_back(r.principal);
        }
        if (found.size() == 2)
            return {found[0], found[1]};
    }
    std::abort();
}

/** BASE and HEAD of the group case: a group of 10,000 users nested in one bound group, then in another. */
std::pair<Snapshot, Snapshot> groupOf10000Moved()
{
    const auto [from, to] = boundGroups();
    Snapshot base = baseSnapshot(), head = baseSnapshot();
    base.directory = withMovedGroup(baseSnapshot().directory, 10000, from);
    head.directory = withMovedGroup(baseSnapshot().directory, 10000, to);
    return {std::move(base), std::move(head)};
}

void measure(benchmark::State &state, const PermissionGraph &base, const PermissionGraph &head)
{
    compare::Comparison c;
    for (auto _ : state)
        c = compare::compare(base, head);
    state.counters["evaluated"] = double(c.evaluated);
    state.counters["gained"] = double(c.gainedCount());
    state.counters["lost"] = double(c.lostCount());
    state.counters["changes"] = double(c.changes.size());
}

void BM_DiffOneBinding(benchmark::State &state)
{
    double members = 0;
    const PermissionGraph head(oneBinding(members));
    measure(state, baseGraph(), head);
    state.counters["group_members"] = members;
}

void BM_DiffClusterRoleOf1000Bindings(benchmark::State &state)
{
    auto [base, head] = clusterRoleOf1000();
    const PermissionGraph before(std::move(base)), after(std::move(head));
    measure(state, before, after);
    state.counters["bindings"] = 1000;
}

void BM_DiffGroupOf10000MembersMoved(benchmark::State &state)
{
    auto [base, head] = groupOf10000Moved();
    const PermissionGraph before(std::move(base)), after(std::move(head));
    measure(state, before, after);
    state.counters["members"] = 10000;
}

} // namespace

BENCHMARK(BM_DiffOneBinding)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_DiffClusterRoleOf1000Bindings)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_DiffGroupOf10000MembersMoved)->Unit(benchmark::kMillisecond)->Iterations(1);
