// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/permissiongraph.h"

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clr {

struct PermissionGraph::Private
{
    const azure::ManagedCluster *cluster = nullptr;
    std::vector<ClusterAssignment> assignments;                // those relevant to the cluster
    std::vector<std::vector<std::uint32_t>> assignmentsByPrincipal; // assignee -> indexes into assignments
    // Views into the snapshot's directory strings, which never move once the graph is built.
    std::vector<std::string_view> kubernetesNames; // principal -> Kubernetes user name
    std::unordered_map<std::string_view, entra::PrincipalId> byKubernetesName;
    std::vector<entra::PrincipalId> adminGroups;
    std::vector<std::string> unresolvedAssignees;
    std::once_flag nameOrderOnce;
    std::vector<entra::PrincipalId> nameOrder; // users and service principals by Kubernetes name, built lazily
    std::once_flag unresolvedOnce;
    std::vector<entra::PrincipalId> unresolved; // principals of type Unresolved, built lazily

    bool azureRbacOn() const { return cluster && cluster->enableAzureRbac; }
    bool localAccountsOn() const { return cluster && !cluster->disableLocalAccounts; }
};

} // namespace clr
