// SPDX-License-Identifier: GPL-3.0-or-later
#include "azure/model.h"

#include "common/strings.h"

#include <unordered_map>

namespace clr::azure {

std::string roleDefinitionKey(std::string_view id)
{
    while (!id.empty() && (id.back() == '/' || id.back() == ' '))
        id.remove_suffix(1);
    const auto slash = id.rfind('/');
    return toLower(slash == std::string_view::npos ? id : id.substr(slash + 1));
}

void resolveRoleDefinitions(Azure &azure)
{
    std::unordered_map<std::string, int> byKey;
    for (std::size_t i = 0; i < azure.roleDefinitions.size(); ++i) {
        const auto &def = azure.roleDefinitions[i];
        byKey.try_emplace(roleDefinitionKey(def.name.empty() ? def.id : def.name), int(i));
    }
    for (auto &a : azure.assignments) {
        const auto it = byKey.find(roleDefinitionKey(a.roleDefinitionId));
        a.roleDefinition = it == byKey.end() ? -1 : it->second;
        if (a.roleDefinition >= 0 && a.roleDefinitionName.empty())
            a.roleDefinitionName = azure.roleDefinitions[std::size_t(a.roleDefinition)].roleName;
    }
}

} // namespace clr::azure
