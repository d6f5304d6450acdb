// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/diagnostics.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clr::azure {

struct Permission
{
    std::vector<std::string> actions;
    std::vector<std::string> notActions;
    std::vector<std::string> dataActions;
    std::vector<std::string> notDataActions;
};

/** A built-in or custom Azure role definition. */
struct RoleDefinition
{
    std::string id;   // full resource ID as exported ("/subscriptions/../roleDefinitions/<guid>" or "/providers/...")
    std::string name; // the GUID
    std::string roleName;
    std::string description;
    std::string type; // "BuiltInRole" / "CustomRole"
    std::vector<Permission> permissions;
    std::vector<std::string> assignableScopes;
    bool builtin = false;
    SourceRef source;
};

/** An Azure role assignment (az flat form and ARM nested form load into this). */
struct RoleAssignment
{
    std::string id;
    std::string name;
    std::string principalId; // lower case
    std::string principalType; // User, Group, ServicePrincipal, ForeignGroup, Device
    std::string roleDefinitionId;
    std::string roleDefinitionName; // az prints it; ARM does not
    std::string scope;
    std::string condition; // ABAC condition: shown as conditional, not evaluated
    std::string description;
    SourceRef source;
    /** Index into Azure::roleDefinitions, resolved once by resolveRoleDefinitions(); -1 when unknown. */
    int roleDefinition = -1;
};

/** The AKS managed cluster settings that decide authorization. */
struct ManagedCluster
{
    std::string id; // /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>
    std::string name;
    std::string resourceGroup;
    std::string subscriptionId;
    std::string location;
    std::string kubernetesVersion;
    bool entraIntegration = false; // aadProfile present (managed)
    bool enableAzureRbac = false;
    bool disableLocalAccounts = false;
    bool enableRbac = true; // Kubernetes RBAC on
    std::vector<std::string> adminGroupObjectIds;
    std::string tenantId;
    std::string oidcIssuerUrl;
    bool workloadIdentity = false;
    SourceRef source;
};

struct Azure
{
    std::vector<RoleDefinition> roleDefinitions;
    std::vector<RoleAssignment> assignments;
    std::vector<ManagedCluster> clusters;

    /** The definition an assignment names (resolved by resolveRoleDefinitions()); null when unknown. */
    const RoleDefinition *definitionOf(const RoleAssignment &a) const
    {
        return a.roleDefinition >= 0 && std::size_t(a.roleDefinition) < roleDefinitions.size() ? &roleDefinitions[std::size_t(a.roleDefinition)]
                                                                                                : nullptr;
    }
};

/**
 * The key that ties an assignment to its definition: the last segment of a role definition ID (or a
 * definition's name), lower case. "/subscriptions/<s>/providers/Microsoft.Authorization/roleDefinitions/<guid>",
 * "/providers/Microsoft.Authorization/roleDefinitions/<guid>" and "<guid>" all give "<guid>".
 */
std::string roleDefinitionKey(std::string_view roleDefinitionIdOrName);

/**
 * Resolves every assignment's roleDefinition index by roleDefinitionKey() (the first definition of a key
 * wins) and fills roleDefinitionName where the export left it out. The one place assignments are matched
 * to definitions: loaders and draft overlays call it, everything else reads RoleAssignment::roleDefinition.
 */
void resolveRoleDefinitions(Azure &azure);

} // namespace clr::azure
