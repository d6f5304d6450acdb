// SPDX-License-Identifier: GPL-3.0-or-later
#include "entraparse_p.h"

#include "common/strings.h"
#include "jsonutil_p.h"

namespace clr::entra::detail {

using clr::detail::boolValue;
using clr::detail::describeType;
using clr::detail::field;
using clr::detail::stringView;
using clr::detail::takeString;

namespace {

constexpr std::string_view kGraphTypePrefix = "#microsoft.graph.";

Shape shapeOfODataType(std::string_view type)
{
    if (type.size() <= kGraphTypePrefix.size() || !iequals(type.substr(0, kGraphTypePrefix.size()), kGraphTypePrefix))
        return Shape::NotDirectoryObject;
    const std::string_view name = type.substr(kGraphTypePrefix.size());
    if (iequals(name, "user"))
        return Shape::User;
    if (iequals(name, "group"))
        return Shape::Group;
    if (iequals(name, "servicePrincipal"))
        return Shape::ServicePrincipal;
    return Shape::Unsupported;
}

PrincipalType principalType(Shape shape)
{
    switch (shape) {
    case Shape::User:
        return PrincipalType::User;
    case Shape::Group:
        return PrincipalType::Group;
    case Shape::ServicePrincipal:
        return PrincipalType::ServicePrincipal;
    default:
        return PrincipalType::Unresolved;
    }
}

std::string objectId(Json &obj)
{
    std::string id = takeString(obj, "id");
    return id.empty() ? takeString(obj, "objectId") : id; // objectId: az CLI before 2.37
}

/** Reads the fields Clearance uses; strings are moved out of the document. */
Principal principalFrom(Json &obj, Shape shape, TextPos pos, FileContext &ctx)
{
    Principal p;
    p.type = principalType(shape);
    p.displayName = takeString(obj, "displayName");
    p.userPrincipalName = takeString(obj, "userPrincipalName");
    p.mail = takeString(obj, "mail");
    p.appId = takeString(obj, "appId");
    p.servicePrincipalType = takeString(obj, "servicePrincipalType");
    p.userType = takeString(obj, "userType");
    p.accountEnabled = boolValue(field(obj, "accountEnabled")).value_or(true);
    p.guest = iequals(p.userType, "Guest") || p.userPrincipalName.find("#EXT#") != std::string::npos;
    p.source = ctx.source(pos);
    // A managed identity always belongs to the tenant it lives in; an application's owner tenant
    // may be Microsoft's or a vendor's, so it says nothing about this export.
    if (const auto org = stringView(obj, "organizationId"); !org.empty())
        ctx.tenant(pos, org);
    else if (p.isManagedIdentity())
        ctx.tenant(pos, stringView(obj, "appOwnerOrganizationId"));
    return p;
}

bool isExpanded(const Json &member)
{
    return member.contains("displayName") || member.contains("userPrincipalName");
}

std::string skippedLabel(const Json &obj)
{
    const auto type = stringView(obj, "@odata.type");
    return type.empty() ? std::string("directory object of another type") : std::string(type);
}

void loadMemberArray(Json &members, const char *key, PrincipalId group, TextPos pos, FileContext &ctx)
{
    Directory &directory = ctx.snapshot.directory;
    if (!members.is_array()) {
        ctx.warn(pos, std::string("group '") + directory.at(group).id + "': " + key + " is " + describeType(members)
                          + ", expected a list; ignored");
        return;
    }
    for (Json &member : members) {
        if (!member.is_object() || member.contains("@removed"))
            continue; // delta responses mark members that left the group with @removed
        const Classification c = classify(member, Collection::Unknown);
        if (c.shape == Shape::Unsupported) {
            ctx.skipped(pos, skippedLabel(member) + " (group member)");
            continue;
        }
        PrincipalId id = NoPrincipal;
        if (c.shape != Shape::NotDirectoryObject && isExpanded(member)) { // $expand=members returns whole objects
            Principal p = principalFrom(member, c.shape, pos, ctx);
            p.id = objectId(member);
            p.source.line = p.source.column = 0; // the position is the group's: let the member's own definition tell
            id = directory.upsert(std::move(p));
        } else if (const auto memberId = stringView(member, "id"); !memberId.empty()) {
            id = directory.getOrAdd(memberId);
        }
        if (id != NoPrincipal)
            directory.addMembership(group, id);
    }
}

} // namespace

Collection collectionOf(std::string_view odataContext)
{
    const auto hash = odataContext.find('#');
    if (hash == std::string_view::npos)
        return Collection::Unknown;
    std::string_view name = odataContext.substr(hash + 1);
    name = name.substr(0, name.find_first_of("(/"));
    if (iequals(name, "users"))
        return Collection::Users;
    if (iequals(name, "groups"))
        return Collection::Groups;
    if (iequals(name, "servicePrincipals"))
        return Collection::ServicePrincipals;
    if (iequals(name, "directoryObjects"))
        return Collection::DirectoryObjects;
    return Collection::Other;
}

Classification classify(const Json &obj, Collection hint)
{
    if (!obj.is_object())
        return {};
    if (const auto type = stringView(obj, "@odata.type"); !type.empty()) {
        if (const Shape shape = shapeOfODataType(type); shape != Shape::NotDirectoryObject)
            return {shape, true};
    }
    // No "id" is not decided here: loadDirectoryObject() reports it as a directory object without id.
    if (obj.contains("userPrincipalName"))
        return {Shape::User, false};
    if (obj.contains("securityEnabled") || obj.contains("groupTypes") || obj.contains("mailEnabled"))
        return {Shape::Group, false};
    if (obj.contains("signInAudience") || obj.contains("requiredResourceAccess"))
        return {Shape::Unsupported, false}; // an application registration, not its service principal
    if (obj.contains("servicePrincipalType") || obj.contains("appId"))
        return {Shape::ServicePrincipal, false};
    switch (hint) {
    case Collection::Users:
        return {Shape::User, false};
    case Collection::Groups:
        return {Shape::Group, false};
    case Collection::ServicePrincipals:
        return {Shape::ServicePrincipal, false};
    case Collection::Other:
        return {Shape::Unsupported, false};
    default:
        return {};
    }
}

PrincipalId loadDirectoryObject(Json &obj, Shape shape, TextPos pos, FileContext &ctx)
{
    if (shape == Shape::Unsupported) {
        ctx.skipped(pos, skippedLabel(obj));
        return NoPrincipal;
    }
    if (obj.contains("@removed")) {
        ctx.skipped(pos, "deleted directory object (@removed)");
        return NoPrincipal;
    }
    Principal p = principalFrom(obj, shape, pos, ctx);
    p.id = objectId(obj);
    if (p.id.empty()) {
        ctx.unrecognized(pos, "a directory object without id");
        return NoPrincipal;
    }
    Directory &directory = ctx.snapshot.directory;
    const PrincipalId id = directory.upsert(std::move(p));
    auto &defined = ctx.state.definedPrincipals;
    if (defined.size() <= id)
        defined.resize(id + 1, 0);
    if (defined[id])
        ctx.duplicate(pos, "directory object " + directory.at(id).id, /*conflict=*/false); // pages overlap, delta repeats groups
    defined[id] = 1;
    if (shape == Shape::Group) {
        for (const char *key : {"members", "transitiveMembers", "members@delta"}) {
            if (Json *members = field(obj, key))
                loadMemberArray(*members, key, id, pos, ctx);
        }
    }
    return id;
}

std::string groupOfMembersLink(std::string_view link)
{
    const auto at = toLower(link).find("/groups/");
    if (at == std::string::npos)
        return {};
    std::string_view rest = link.substr(at + 8);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos)
        return {};
    const std::string_view relation = rest.substr(slash + 1, rest.find_first_of("?/", slash + 1) - slash - 1);
    if (!iequals(relation, "members") && !iequals(relation, "transitiveMembers"))
        return {};
    return toLower(rest.substr(0, slash));
}

} // namespace clr::entra::detail
