// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/azurelookup.h"

#include "azure/dataactions.h"
#include "common/strings.h"

namespace clr::ui {

const azure::RoleDefinition *findRoleDefinition(const azure::Azure &azure, std::string_view roleDefinitionId)
{
    const std::string guid = azure::roleDefinitionGuid(roleDefinitionId);
    if (guid.empty())
        return nullptr;
    for (const auto &def : azure.roleDefinitions) {
        if (iequals(def.name, guid) || azure::roleDefinitionGuid(def.id) == guid)
            return &def;
    }
    return nullptr;
}

} // namespace clr::ui
