// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "azure/dataactions.h"
#include "graph/permissiongraph.h"

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace clr {

/** An Azure role assignment that concerns the selected cluster, pre-resolved once. */
struct AzureGrantRef
{
    std::uint32_t assignment = 0;
    int roleDefinition = -1; // index into Snapshot::azure.roleDefinitions, -1 when unknown
    entra::PrincipalId assignee = entra::NoPrincipal;
    azure::ScopeMatch match = azure::ScopeMatch::None;
    std::string ns; // for Namespace matches
    bool conditional = false;
    bool adminCredential = false; // the role grants listClusterAdminCredential/action
    bool userCredential = false;  // the role grants listClusterUserCredential/action
};

struct PermissionGraph::Private
{
    const azure::ManagedCluster *cluster = nullptr;
    std::unordered_map<std::string, int> roleDefinitionByGuid;
    std::vector<AzureGrantRef> azure;                    // assignments relevant to the cluster
    std::vector<std::vector<std::uint32_t>> azureByPrincipal; // principal -> indexes into azure
    // Views into the snapshot's directory strings, which never move once the graph is built.
    std::vector<std::string_view> kubernetesNames; // principal -> Kubernetes user name
    std::unordered_map<std::string_view, entra::PrincipalId> byKubernetesName;
    std::vector<entra::PrincipalId> adminGroups;
    std::vector<std::string> unresolvedAssignees;
    std::once_flag nameOrderOnce;
    std::vector<entra::PrincipalId> nameOrder; // users and service principals by Kubernetes name, built lazily

    bool azureRbacOn() const { return cluster && cluster->enableAzureRbac; }
    bool localAccountsOn() const { return cluster && !cluster->disableLocalAccounts; }
};

/** Azure grants of one identity for one request: which assignments (indexes into Private::azure) allow. */
struct AzureVerdict
{
    std::vector<std::uint32_t> granting;    // unconditional grants
    std::vector<std::uint32_t> conditional; // grants behind an ABAC condition
    std::vector<std::string> patterns;      // matched dataAction per granting entry (same order)
};

} // namespace clr
