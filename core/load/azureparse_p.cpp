// SPDX-License-Identifier: GPL-3.0-or-later
#include "azureparse_p.h"

#include "common/strings.h"
#include "jsonutil_p.h"

namespace clr::azure::detail {

using clr::detail::FieldReader;
using clr::detail::field;
using clr::detail::fieldAnyCase;
using clr::detail::stringView;
using clr::detail::TextKind;

namespace {

/** ARM nests the interesting fields under "properties"; az prints them at the top level. */
const Json &propertiesOf(const Json &obj)
{
    const Json *properties = field(obj, "properties");
    return properties && properties->is_object() ? *properties : obj;
}

/** The fields of an ARM resource are under "properties", of az output at the top level; a
 *  "properties" of another type is reported and the top level is read instead. */
Json &readProperties(Json &obj, const FieldReader &fields)
{
    Json *properties = fields.mapping(obj, "properties", "properties", "its fields are read from the top level");
    return properties ? *properties : obj;
}

/** "properties." for ARM, "" for az: field paths in messages say where the field was. */
std::string_view prefixOf(const Json &obj, const Json &props)
{
    return &obj == &props ? std::string_view() : std::string_view("properties.");
}

bool has(const Json &obj, std::string_view key)
{
    return field(obj, key) != nullptr;
}

/** The segment after `name` in an ARM ID ("/subscriptions/<this>/resourceGroups/<that>/..."), any case. */
std::string idSegmentAfter(std::string_view id, std::string_view name)
{
    const auto parts = split(id, '/');
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        if (iequals(parts[i], name))
            return std::string(parts[i + 1]);
    }
    return {};
}

std::vector<Permission> parsePermissions(Json &props, const FieldReader &fields, const std::string &prefix)
{
    std::vector<Permission> out;
    Json *permissions = fields.list(props, "permissions", prefix + "permissions", "loaded without permissions");
    if (!permissions)
        return out;
    for (std::size_t i = 0; i < permissions->size(); ++i) {
        Json &entry = (*permissions)[i];
        const std::string path = prefix + "permissions[" + std::to_string(i) + "]";
        if (!entry.is_object()) {
            fields.wrongType(path, entry, "a mapping", "ignored");
            continue;
        }
        Permission p;
        p.actions = fields.textList(entry, "actions", path + ".actions", TextKind::Text, false);
        p.notActions = fields.textList(entry, "notActions", path + ".notActions", TextKind::Text, false);
        p.dataActions = fields.textList(entry, "dataActions", path + ".dataActions", TextKind::Text, false);
        p.notDataActions = fields.textList(entry, "notDataActions", path + ".notDataActions", TextKind::Text, false);
        out.push_back(std::move(p));
    }
    return out;
}

/**
 * An ABAC condition as text. A condition of another type cannot be read, but it is there: the grant
 * stays conditional (its text is the value as JSON) rather than looking unconditional.
 */
std::string readCondition(Json &props, const FieldReader &fields, const std::string &prefix)
{
    Json *condition = field(props, "condition");
    if (!condition || condition->is_string())
        return fields.text(condition, prefix + "condition");
    const bool empty = (condition->is_array() || condition->is_object()) && condition->empty();
    if (empty) {
        fields.wrongType(prefix + "condition", *condition, "a string", "treated as no condition");
        return {};
    }
    fields.wrongType(prefix + "condition", *condition, "a string",
                     "the assignment is treated as conditional (the condition cannot be read)");
    return condition->dump();
}

/** The definition replaces a shipped built-in of the same GUID; a second export of it is ignored. */
void addDefinition(RoleDefinition def, const std::string &guid, TextPos pos, FileContext &ctx)
{
    auto &definitions = ctx.snapshot.azure.roleDefinitions;
    const auto [it, inserted] = ctx.state.definitionsByGuid.try_emplace(guid, definitions.size());
    if (inserted) {
        definitions.push_back(std::move(def));
        return;
    }
    if (ctx.builtin)
        return; // the export has it: exported definitions win over the shipped copy
    ctx.duplicate(pos, "role definition " + guid, /*conflict=*/false);
}

} // namespace

std::string definitionKey(std::string_view roleDefinitionId)
{
    return roleDefinitionKey(roleDefinitionId);
}

Shape classify(const Json &obj)
{
    if (!obj.is_object())
        return Shape::None;
    const std::string_view type = stringView(obj, "type");
    if (iequals(type, "Microsoft.Authorization/roleAssignments"))
        return Shape::RoleAssignment;
    if (iequals(type, "Microsoft.Authorization/roleDefinitions"))
        return Shape::RoleDefinition;
    if (iequals(type, "Microsoft.ContainerService/managedClusters"))
        return Shape::ManagedCluster;
    const Json &props = propertiesOf(obj);
    if (has(props, "roleDefinitionId") && (has(props, "principalId") || has(props, "scope")))
        return Shape::RoleAssignment;
    if (has(props, "roleName") && has(props, "permissions"))
        return Shape::RoleDefinition;
    if (has(props, "aadProfile") || has(props, "agentPoolProfiles"))
        return Shape::ManagedCluster;
    if (type.find('/') != std::string_view::npos && startsWith(toLower(stringView(obj, "id")), "/subscriptions/"))
        return Shape::OtherResource;
    return Shape::None;
}

void loadRoleAssignment(Json &obj, TextPos pos, FileContext &ctx)
{
    FieldReader fields(ctx, pos, "role assignment");
    Json &props = readProperties(obj, fields);
    const std::string prefix(prefixOf(obj, props));
    RoleAssignment a;
    a.id = fields.name(obj, "id", "id");
    a.name = fields.name(obj, "name", "name");
    fields.setObject("role assignment '" + (a.name.empty() ? a.id : a.name) + "'");
    a.principalId = toLower(fields.name(props, "principalId", prefix + "principalId"));
    a.principalType = fields.text(props, "principalType", prefix + "principalType");
    a.roleDefinitionId = fields.name(props, "roleDefinitionId", prefix + "roleDefinitionId");
    a.roleDefinitionName = fields.text(props, "roleDefinitionName", prefix + "roleDefinitionName");
    a.scope = fields.name(props, "scope", prefix + "scope");
    a.condition = readCondition(props, fields, prefix);
    a.description = fields.text(props, "description", prefix + "description");
    std::vector<std::string> missing;
    for (const auto &[value, name] : {std::pair{&a.principalId, "principalId"}, std::pair{&a.roleDefinitionId, "roleDefinitionId"},
                                      std::pair{&a.scope, "scope"}}) {
        if (value->empty())
            missing.emplace_back(name);
    }
    if (!missing.empty()) {
        ctx.warn(pos, "role assignment '" + (a.name.empty() ? a.id : a.name) + "' has no " + join(missing, ", ") + "; skipped");
        return;
    }
    if (!a.id.empty() && !ctx.state.assignmentIds.insert(toLower(a.id)).second) {
        ctx.duplicate(pos, "role assignment " + a.name, /*conflict=*/false);
        return;
    }
    a.source = ctx.source(pos);
    ctx.snapshot.azure.assignments.push_back(std::move(a));
}

void loadRoleDefinition(Json &obj, TextPos pos, FileContext &ctx)
{
    FieldReader fields(ctx, pos, "role definition");
    const bool arm = field(obj, "properties") != nullptr;
    Json &props = readProperties(obj, fields);
    const std::string prefix(prefixOf(obj, props));
    RoleDefinition def;
    def.id = fields.name(obj, "id", "id");
    def.name = fields.name(obj, "name", "name");
    def.roleName = fields.name(props, "roleName", prefix + "roleName");
    fields.setObject("role definition '" + (def.roleName.empty() ? def.name : def.roleName) + "'");
    def.description = fields.text(props, "description", prefix + "description");
    // az prints the role's kind as roleType, because "type" is the ARM resource type there.
    def.type = arm ? fields.text(props, "type", prefix + "type") : fields.text(obj, "roleType", "roleType");
    def.permissions = parsePermissions(props, fields, prefix);
    def.assignableScopes = fields.textList(props, "assignableScopes", prefix + "assignableScopes", TextKind::Name, false);
    const std::string guid = definitionKey(def.name.empty() ? def.id : def.name);
    if (guid.empty()) {
        ctx.warn(pos, "role definition '" + def.roleName + "' has neither name nor id; skipped");
        return;
    }
    if (def.name.empty())
        def.name = guid;
    def.builtin = ctx.builtin || iequals(def.type, "BuiltInRole");
    def.source = ctx.builtin ? SourceRef{} : ctx.source(pos);
    addDefinition(std::move(def), guid, pos, ctx);
}

namespace {

/**
 * aadProfile: az prints enableAzureRbac/tenantId, ARM enableAzureRBAC/tenantID; both adminGroupObjectIDs.
 * A value of the wrong type falls back to what shows the most access: Azure RBAC on.
 */
void readAadProfile(Json &props, const FieldReader &fields, const std::string &prefix, ManagedCluster &c)
{
    Json *aad = fieldAnyCase(props, "aadProfile");
    if (!aad)
        return;
    c.entraIntegration = true; // managed, or the legacy server-app integration: Entra signs users in either way
    if (!aad->is_object()) {
        fields.wrongType(prefix + "aadProfile", *aad, "a mapping",
                         "read as Entra integration with Azure RBAC on (what shows the most access) and no admin groups");
        c.enableAzureRbac = true;
        return;
    }
    const std::string path = prefix + "aadProfile.";
    c.enableAzureRbac = fields.flag(fieldAnyCase(*aad, "enableAzureRbac"), path + "enableAzureRbac", false, true,
                                    "true (Azure RBAC on), which shows the most access");
    c.tenantId = fields.text(fieldAnyCase(*aad, "tenantId"), path + "tenantId", TextKind::Name);
    Json *admins = fields.list(fieldAnyCase(*aad, "adminGroupObjectIds"), path + "adminGroupObjectIDs", "no admin groups read");
    if (!admins)
        return;
    for (std::size_t i = 0; i < admins->size(); ++i) {
        Json &group = (*admins)[i];
        const std::string at = path + "adminGroupObjectIDs[" + std::to_string(i) + "]";
        if (group.is_object() || group.is_array())
            fields.wrongType(at, group, "a string (a group object ID)", "entry ignored");
        else if (std::string id = fields.text(&group, at, TextKind::Name); !id.empty())
            c.adminGroupObjectIds.push_back(toLower(id));
    }
}

/** Local accounts, Kubernetes RBAC, OIDC issuer and workload identity. */
void readSecuritySettings(Json &props, const FieldReader &fields, const std::string &prefix, ManagedCluster &c)
{
    c.disableLocalAccounts = fields.flag(fieldAnyCase(props, "disableLocalAccounts"), prefix + "disableLocalAccounts", false,
                                         false, "false (local accounts on), which shows the most access");
    c.enableRbac = fields.flag(fieldAnyCase(props, "enableRbac"), prefix + "enableRbac", true, true,
                               "true (Kubernetes RBAC on, the AKS default)");
    if (Json *oidc = fields.mapping(fieldAnyCase(props, "oidcIssuerProfile"), prefix + "oidcIssuerProfile"))
        c.oidcIssuerUrl = fields.text(fieldAnyCase(*oidc, "issuerUrl"), prefix + "oidcIssuerProfile.issuerUrl");
    if (Json *security = fields.mapping(fieldAnyCase(props, "securityProfile"), prefix + "securityProfile")) {
        const std::string path = prefix + "securityProfile.workloadIdentity";
        if (Json *wi = fields.mapping(fieldAnyCase(*security, "workloadIdentity"), path)) {
            c.workloadIdentity = fields.flag(fieldAnyCase(*wi, "enabled"), path + ".enabled", false, true,
                                             "true (workload identity on), which shows the most access");
        }
    }
}

} // namespace

void loadManagedCluster(Json &obj, TextPos pos, FileContext &ctx)
{
    FieldReader fields(ctx, pos, "AKS cluster");
    Json &props = readProperties(obj, fields);
    const std::string prefix(prefixOf(obj, props));
    ManagedCluster c;
    c.id = fields.name(obj, "id", "id");
    c.name = fields.name(obj, "name", "name");
    fields.setObject("AKS cluster '" + (c.name.empty() ? c.id : c.name) + "'");
    c.location = fields.text(obj, "location", "location");
    c.kubernetesVersion = fields.text(props, "kubernetesVersion", prefix + "kubernetesVersion");
    readAadProfile(props, fields, prefix, c);
    readSecuritySettings(props, fields, prefix, c);
    if (c.tenantId.empty()) { // the cluster identity's tenant is the cluster's
        if (Json *identity = fields.mapping(obj, "identity", "identity"))
            c.tenantId = fields.name(*identity, "tenantId", "identity.tenantId");
    }
    c.subscriptionId = idSegmentAfter(c.id, "subscriptions");
    c.resourceGroup = idSegmentAfter(c.id, "resourceGroups");
    if (c.resourceGroup.empty())
        c.resourceGroup = fields.name(obj, "resourceGroup", "resourceGroup");
    if (c.id.empty() && c.name.empty()) {
        ctx.warn(pos, "AKS cluster without id or name; skipped");
        return;
    }
    if (!c.id.empty() && !ctx.state.clusterIds.insert(toLower(c.id)).second) {
        ctx.duplicate(pos, "cluster " + c.name, /*conflict=*/false);
        return;
    }
    ctx.tenant(pos, c.tenantId);
    c.source = ctx.source(pos);
    ctx.snapshot.azure.clusters.push_back(std::move(c));
}

void skipResource(const Json &obj, TextPos pos, FileContext &ctx)
{
    ctx.skipped(pos, std::string(stringView(obj, "type")));
}

} // namespace clr::azure::detail
