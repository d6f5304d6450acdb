// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "azure/model.h"

#include <string_view>

namespace clr::ui {

/**
 * The definition an assignment's roleDefinitionId names, matched by GUID whatever the scope prefix
 * ("/subscriptions/<s>/providers/.../roleDefinitions/<guid>" or "/providers/..."); null when unknown.
 * Linear: there are a few hundred definitions at most, and it only serves what is on screen.
 */
const azure::RoleDefinition *findRoleDefinition(const azure::Azure &azure, std::string_view roleDefinitionId);

} // namespace clr::ui
