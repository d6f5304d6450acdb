// SPDX-License-Identifier: GPL-3.0-or-later
// Azure role assignment drafts as `az role assignment create` commands (Learn: "Assign Azure roles
// using Azure CLI") and as an ARM template (Learn: "Assign Azure roles using ARM templates").
#include "generate/export.h"

#include "azure/dataactions.h"

#include <nlohmann/json.hpp>

namespace clr::gen {

namespace {

using ojson = nlohmann::ordered_json;

/** A POSIX shell word: single quotes, each ' closed, escaped and reopened. */
std::string shellQuote(const std::string &s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + '\'';
}

std::string oneLine(const std::string &s)
{
    std::string out;
    for (char c : s)
        out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}

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
        return d.roleDefinitionId;
    // Role definition IDs differ by subscription prefix; let ARM build the one of the deployment.
    return "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '" + guid + "')]";
}

/** An ARM template expression string literal doubles its single quotes. */
std::string armLiteral(const std::string &s)
{
    std::string out;
    for (char c : s)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return '\'' + out + '\'';
}

ojson armResource(const AzureAssignmentDraft &d)
{
    ojson properties{{"roleDefinitionId", armRoleDefinitionId(d)}, {"principalId", d.principalId}};
    if (!d.principalType.empty())
        properties["principalType"] = d.principalType;
    const std::string description = d.description.empty() ? d.displayName + ": " + d.roleName : d.description;
    properties["description"] = description;
    // guid() of scope, principal and role: deploying twice updates instead of duplicating.
    const std::string name = "[guid(" + armLiteral(d.scope) + ", " + armLiteral(d.principalId) + ", " + armLiteral(azure::roleDefinitionGuid(d.roleDefinitionId)) + ")]";
    return {{"type", "Microsoft.Authorization/roleAssignments"}, {"apiVersion", "2022-04-01"}, {"name", name}, {"scope", d.scope},
            {"properties", properties}};
}

} // namespace

std::string toAzScript(const std::vector<AzureAssignmentDraft> &drafts)
{
    std::string out = "#!/usr/bin/env bash\n# Azure role assignments drafted with Clearance. Review, then run with a signed-in az CLI.\nset -euo pipefail\n";
    for (const auto &d : drafts) {
        out += "\n# " + oneLine(d.displayName.empty() ? d.principalId : d.displayName) + " (" + oneLine(d.principalType) + "): "
            + oneLine(d.roleName) + '\n';
        out += "az role assignment create \\\n  --assignee-object-id " + shellQuote(d.principalId);
        if (!d.principalType.empty())
            out += " \\\n  --assignee-principal-type " + shellQuote(d.principalType);
        out += " \\\n  --role " + shellQuote(roleArgument(d)) + " \\\n  --scope " + shellQuote(d.scope);
        if (!d.description.empty())
            out += " \\\n  --description " + shellQuote(d.description);
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
    return doc.dump(2) + '\n';
}

} // namespace clr::gen
