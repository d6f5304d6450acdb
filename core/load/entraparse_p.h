// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: Microsoft Entra directory objects from Microsoft Graph responses and
// `az ad ... list` output.

#include "entra/directory.h"
#include "loadcontext_p.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace clr::entra::detail {

using clr::detail::FileContext;
using clr::detail::Json;
using clr::detail::TextPos;

/** The collection a Graph page lists, from its "@odata.context" ("...$metadata#users(id,displayName)"). */
enum class Collection : std::uint8_t { Unknown, Users, Groups, ServicePrincipals, DirectoryObjects, Other };
Collection collectionOf(std::string_view odataContext);

enum class Shape : std::uint8_t {
    NotDirectoryObject,
    User,
    Group,
    ServicePrincipal,
    Unsupported, // a directory object of another type (device, orgContact, application...)
};

struct Classification
{
    Shape shape = Shape::NotDirectoryObject;
    bool byODataType = false; // the object said what it is; otherwise inferred from its fields
};

/** By "@odata.type" first, then by fields (userPrincipalName, securityEnabled/groupTypes/mailEnabled,
 *  servicePrincipalType/appId), then by the page's collection. */
Classification classify(const Json &obj, Collection hint);

/**
 * Adds the object to ctx.snapshot.directory (merging with an earlier definition of the same ID) and
 * the members listed on a group ("members", "transitiveMembers", "members@delta"; removed ones
 * ignored). Returns the principal, or NoPrincipal when skipped.
 */
PrincipalId loadDirectoryObject(Json &obj, Shape shape, TextPos pos, FileContext &ctx);

/** The group ID in a members page link ("https://graph.microsoft.com/v1.0/groups/<id>/members?..."), or empty. */
std::string groupOfMembersLink(std::string_view link);

} // namespace clr::entra::detail
