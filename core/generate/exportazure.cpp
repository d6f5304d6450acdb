// SPDX-License-Identifier: GPL-3.0-or-later
// Azure role assignment drafts as `az role assignment create` commands (Learn: "Assign Azure roles
// using Azure CLI") and as an ARM template (Learn: "Assign Azure roles using ARM templates").
#include "generate/export.h"

#include "azure/dataactions.h"
#include "common/outputsafety.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace clr::gen {

namespace {

using ojson = nlohmann::ordered_json;

/** --role takes a name or an ID; the GUID is unambiguous where role names are not (custom roles). */
std::string roleArgument(const AzureAssignmentDraft &d)
{
    const std::string guid = azure::roleDefinitionGuid(d.roleDefinitionId);
    return guid.empty() ? d.roleName : guid;
}

std::string armRoleDefinitionId(const AzureAssignmentDraft &d)
{
    const std::string guid = azure::roleDefinitionGuid(d.roleDefinitionId);
    if (guid.empty())
        return safe::armString(d.roleDefinitionId);
    // Role definition IDs differ by subscription prefix; let ARM build the one of the deployment.
    return "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '" + guid + "')]";
}

ojson armResource(const AzureAssignmentDraft &d)
{
    // Values from the input go through safe::armString: only the two expressions below are ours.
    ojson properties{{"roleDefinitionId", armRoleDefinitionId(d)}, {"principalId", safe::armString(d.principalId)}};
    if (!d.principalType.empty())
        properties["principalType"] = safe::armString(d.principalType);
    const std::string description = d.description.empty() ? d.displayName + ": " + d.roleName : d.description;
    properties["description"] = safe::armString(description);
    // guid() of scope, principal and role: deploying twice updates instead of duplicating.
    const std::string name = "[guid(" + safe::armExpressionLiteral(d.scope) + ", " + safe::armExpressionLiteral(d.principalId) + ", "
        + safe::armExpressionLiteral(azure::roleDefinitionGuid(d.roleDefinitionId)) + ")]";
    return {{"type", "Microsoft.Authorization/roleAssignments"}, {"apiVersion", "2022-04-01"}, {"name", name},
            {"scope", safe::armString(d.scope)}, {"properties", properties}};
}

} // namespace

std::string toAzScript(const std::vector<AzureAssignmentDraft> &drafts)
{
    std::string out = "#!/usr/bin/env bash\n# Azure role assignments drafted with Clearance. Review, then run with a signed-in az CLI.\nset -euo pipefail\n";
    for (const auto &d : drafts) {
        out += '\n' + safe::comment((d.displayName.empty() ? d.principalId : d.displayName) + " (" + d.principalType + "): " + d.roleName) + '\n';
        std::vector<std::string> args{"az", "role", "assignment", "create", "--assignee-object-id", d.principalId};
        if (!d.principalType.empty())
            args.insert(args.end(), {"--assignee-principal-type", d.principalType});
        args.insert(args.end(), {"--role", roleArgument(d), "--scope", d.scope});
        if (!d.description.empty())
            args.insert(args.end(), {"--description", d.description});
        if (!std::all_of(args.begin(), args.end(), [](const auto &a) { return safe::shellRepresentable(a); })) {
            out += "# skipped: a value holds a NUL byte, which no command argument can carry\n";
            continue;
        }
        out += "az role assignment create";
        for (std::size_t i = 4; i < args.size(); i += 2)
            out += " \\\n  " + args[i] + ' ' + safe::shellWord(args[i + 1]);
        out += '\n';
    }
    return out;
}

std::string toArmTemplate(const std::vector<AzureAssignmentDraft> &drafts)
{
    ojson resources = ojson::array();
    for (const auto &d : drafts)
        resources.push_back(armResource(d));
    ojson doc{{"$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"},
              {"contentVersion", "1.0.0.0"},
              {"metadata", {{"generator", "clearance"},
                            {"comments", "Role assignments drafted with Clearance. Deploy with: az deployment group create "
                                         "--resource-group <the cluster's resource group> --template-file <this file>"}}},
              {"resources", resources}};
    return safe::json(doc, 2) + '\n';
}

} // namespace clr::gen
