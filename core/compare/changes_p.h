// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/change.h"
#include "compare/party.h"
#include "graph/permissiongraph.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace clr::compare::detail {

inline constexpr int kNone = -1;

/** Per snapshot: which change each object of that snapshot belongs to (kNone when unchanged). */
struct SideIndex
{
    std::vector<int> binding;    // Snapshot::kube.bindings index
    std::vector<int> role;       // Snapshot::kube.roles index (the authorizer keeps the order)
    std::vector<int> assignment; // Snapshot::azure.assignments index
    std::vector<int> definition; // Snapshot::azure.roleDefinitions index
    std::vector<int> principal;  // PrincipalId
    std::unordered_map<std::uint64_t, int> membership; // (group << 32 | member) direct edge
    std::unordered_map<entra::PrincipalId, int> adminGroup;
    std::unordered_map<std::string, int> customResource; // "group/plural"

    static std::uint64_t edge(entra::PrincipalId group, entra::PrincipalId member) { return (std::uint64_t(group) << 32) | member; }
    int membershipOf(entra::PrincipalId group, entra::PrincipalId member) const
    {
        const auto it = membership.find(edge(group, member));
        return it == membership.end() ? kNone : it->second;
    }
};

/** Where each change sits in both snapshots, for the affected set and for naming causes. */
struct ChangeIndex
{
    SideIndex side[2];
    int cluster = kNone;          // a different (or no) cluster: everything may change
    int entraIntegration = kNone;
    int azureRbac = kNone;
    int localAccounts = kNone;
    /** Principal IDs across the snapshots (NoPrincipal where the other export lacks the object). */
    std::vector<entra::PrincipalId> baseToHead, headToBase;

    SideIndex &of(Side s) { return side[int(s)]; }
    const SideIndex &of(Side s) const { return side[int(s)]; }
};

/** Everything that differs between the graphs, sorted by kind and object, with its index. */
std::vector<Change> detectChanges(const PermissionGraph &base, const PermissionGraph &head, ChangeIndex &index);

// The parts of detectChanges(), one file each.
void diffKubernetes(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index);
void diffEntra(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index);
void diffAzure(const PermissionGraph &base, const PermissionGraph &head, std::vector<Change> &out, ChangeIndex &index);

/** "file:line" of a source in its graph ("" when unknown). */
std::string sourceText(const PermissionGraph &graph, const SourceRef &source);

/** Appends a change; returns its position (what the index entries hold). */
int addChange(std::vector<Change> &out, Change change);

} // namespace clr::compare::detail
