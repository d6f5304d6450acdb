// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: Azure role assignments, role definitions and AKS managed clusters,
// from az CLI output (flat) and ARM responses (fields under "properties").

#include "loadcontext_p.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace clr::azure::detail {

using clr::detail::FileContext;
using clr::detail::Json;
using clr::detail::TextPos;

enum class Shape : std::uint8_t {
    None,
    RoleAssignment,
    RoleDefinition,
    ManagedCluster,
    OtherResource, // an ARM resource of a type Clearance does not use
};

/** By the ARM "type" when present, otherwise by the fields that define each kind. */
Shape classify(const Json &obj);

/** Each skips the object with a diagnostic when a required field is missing. */
void loadRoleAssignment(Json &obj, TextPos pos, FileContext &ctx);
/** With ctx.builtin, marks the definition built-in and drops it when an export already has its GUID. */
void loadRoleDefinition(Json &obj, TextPos pos, FileContext &ctx);
void loadManagedCluster(Json &obj, TextPos pos, FileContext &ctx);
/** The key definitions are indexed by: the lower-cased last segment of "/subscriptions/<s>/providers/
 *  Microsoft.Authorization/roleDefinitions/<guid>", "/providers/.../roleDefinitions/<guid>" or a bare
 *  name. Unlike azure::roleDefinitionGuid() it accepts names that are not GUIDs (documentation samples). */
std::string definitionKey(std::string_view roleDefinitionId);
/** Skipped with the resource type counted in the file's summary. */
void skipResource(const Json &obj, TextPos pos, FileContext &ctx);

} // namespace clr::azure::detail
