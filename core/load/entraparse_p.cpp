// SPDX-License-Identifier: GPL-3.0-or-later
#include "entraparse_p.h"

#include "common/strings.h"
#include "jsonutil_p.h"
#include "load/limits.h"

namespace clr::entra::detail {

using clr::detail::field;
using clr::detail::FieldReader;
using clr::detail::stringView;
using clr::detail::TextKind;

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

std::string objectId(Json &obj, const FieldReader &fields)
{
    std::string id = fields.name(obj, "id", "id");
    return id.empty() ? fields.name(obj, "objectId", "objectId") : id; // objectId: az CLI before 2.37
}

/** Reads the fields Clearance uses; strings are moved out of the document. */
Principal principalFrom(Json &obj, Shape shape, const FieldReader &fields)
{
    FileContext &ctx = fields.context();
    Principal p;
    p.type = principalType(shape);
    p.displayName = fields.name(obj, "displayName", "displayName");
    p.userPrincipalName = fields.name(obj, "userPrincipalName", "userPrincipalName");
    p.mail = fields.name(obj, "mail", "mail");
    p.appId = fields.name(obj, "appId", "appId");
    p.servicePrincipalType = fields.text(obj, "servicePrincipalType", "servicePrincipalType");
    p.userType = fields.text(obj, "userType", "userType");
    p.accountEnabled = fields.flag(field(obj, "accountEnabled"), "accountEnabled", true, true,
                                   "true (the account can sign in), which shows the most access");
    p.guest = iequals(p.userType, "Guest") || p.userPrincipalName.find("#EXT#") != std::string::npos;
    p.source = ctx.source(fields.pos());
    // A managed identity always belongs to the tenant it lives in; an application's owner tenant
    // may be Microsoft's or a vendor's, so it says nothing about this export.
    if (const std::string org = fields.name(obj, "organizationId", "organizationId"); !org.empty())
        ctx.tenant(fields.pos(), org);
    else if (p.isManagedIdentity())
        ctx.tenant(fields.pos(), fields.name(obj, "appOwnerOrganizationId", "appOwnerOrganizationId"));
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

void loadMemberArray(Json &json, const char *key, PrincipalId group, const FieldReader &fields)
{
    FileContext &ctx = fields.context();
    const TextPos pos = fields.pos();
    Directory &directory = ctx.snapshot.directory;
    Json *members = fields.list(&json, key, "ignored (no members read)");
    if (!members)
        return;
    for (std::size_t i = 0; i < members->size(); ++i) {
        Json &member = (*members)[i];
        const auto path = [&] { return std::string(key) + "[" + std::to_string(i) + "]"; }; // for messages only
        if (!member.is_object()) {
            fields.wrongType(path(), member, "a mapping", "member ignored");
            continue;
        }
        if (member.contains("@removed"))
            continue; // delta responses mark members that left the group with @removed
        const Classification c = classify(member, Collection::Unknown);
        if (c.shape == Shape::Unsupported) {
            ctx.skipped(pos, skippedLabel(member) + " (group member)");
            continue;
        }
        PrincipalId id = NoPrincipal;
        const bool expanded = c.shape != Shape::NotDirectoryObject && isExpanded(member); // $expand=members: whole objects
        if (Json *memberId = field(member, "id");
            !expanded && memberId && memberId->is_string() && memberId->get_ref<const std::string &>().size() <= limits::kMaxNameLength) {
            id = directory.getOrAdd(memberId->get_ref<const std::string &>()); // the common case, kept cheap
        } else {
            const FieldReader memberFields(ctx, pos, fields.object() + ": " + path());
            if (expanded) {
                Principal p = principalFrom(member, c.shape, memberFields);
                p.id = objectId(member, memberFields);
                p.source.line = p.source.column = 0; // the position is the group's: let the member's own definition tell
                if (!p.id.empty())
                    id = directory.upsert(std::move(p));
            } else if (const std::string other = memberFields.name(member, "id", "id"); !other.empty()) {
                id = directory.getOrAdd(other);
            }
        }
        if (id == NoPrincipal)
            fields.warn(path(), "has no id; member ignored");
        else
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
    FieldReader fields(ctx, pos, "directory object");
    std::string id = objectId(obj, fields);
    if (id.empty()) {
        ctx.unrecognized(pos, "a directory object without id");
        return NoPrincipal;
    }
    fields.setObject("directory object " + id);
    Principal p = principalFrom(obj, shape, fields);
    p.id = std::move(id);
    Directory &directory = ctx.snapshot.directory;
    const PrincipalId principal = directory.upsert(std::move(p));
    auto &defined = ctx.state.definedPrincipals;
    if (defined.size() <= principal)
        defined.resize(principal + 1, 0);
    if (defined[principal])
        ctx.duplicate(pos, "directory object " + directory.at(principal).id, /*conflict=*/false); // pages overlap, delta repeats groups
    defined[principal] = 1;
    if (shape == Shape::Group) {
        for (const char *key : {"members", "transitiveMembers", "members@delta"}) {
            if (Json *members = field(obj, key))
                loadMemberArray(*members, key, principal, fields);
        }
    }
    return principal;
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
