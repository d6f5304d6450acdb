// SPDX-License-Identifier: GPL-3.0-or-later
#include "azureparse_p.h"

#include "common/strings.h"
#include "jsonutil_p.h"

namespace clr::azure::detail {

using clr::detail::boolValue;
using clr::detail::describeType;
using clr::detail::field;
using clr::detail::fieldAnyCase;
using clr::detail::stringView;
using clr::detail::takeScalar;
using clr::detail::takeString;

namespace {

/** ARM nests the interesting fields under "properties"; az prints them at the top level. */
Json &propertiesOf(Json &obj)
{
    Json *properties = field(obj, "properties");
    return properties && properties->is_object() ? *properties : obj;
}

const Json &propertiesOf(const Json &obj)
{
    const Json *properties = field(obj, "properties");
    return properties && properties->is_object() ? *properties : obj;
}

bool has(const Json &obj, std::string_view key)
{
    return field(obj, key) != nullptr;
}

std::vector<std::string> stringList(Json &obj, std::string_view key)
{
    std::vector<std::string> out;
    Json *v = field(obj, key);
    if (!v || !v->is_array())
        return out;
    out.reserve(v->size());
    for (Json &item : *v) {
        if (std::string s = takeScalar(item); !s.empty())
            out.push_back(std::move(s));
    }
    return out;
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

std::vector<Permission> parsePermissions(Json &props, FileContext &ctx, TextPos pos, const std::string &role)
{
    std::vector<Permission> out;
    Json *permissions = field(props, "permissions");
    if (!permissions)
        return out;
    if (!permissions->is_array()) {
        ctx.warn(pos, "role definition '" + role + "': permissions is " + describeType(*permissions)
                          + ", expected a list; loaded without permissions");
        return out;
    }
    for (Json &entry : *permissions) {
        Permission p;
        p.actions = stringList(entry, "actions");
        p.notActions = stringList(entry, "notActions");
        p.dataActions = stringList(entry, "dataActions");
        p.notDataActions = stringList(entry, "notDataActions");
        out.push_back(std::move(p));
    }
    return out;
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
    Json &props = propertiesOf(obj);
    RoleAssignment a;
    a.id = takeString(obj, "id");
    a.name = takeString(obj, "name");
    a.principalId = toLower(takeString(props, "principalId"));
    a.principalType = takeString(props, "principalType");
    a.roleDefinitionId = takeString(props, "roleDefinitionId");
    a.roleDefinitionName = takeString(props, "roleDefinitionName");
    a.scope = takeString(props, "scope");
    a.condition = takeString(props, "condition");
    a.description = takeString(props, "description");
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
    const bool arm = field(obj, "properties") != nullptr;
    Json &props = propertiesOf(obj);
    RoleDefinition def;
    def.id = takeString(obj, "id");
    def.name = takeString(obj, "name");
    def.roleName = takeString(props, "roleName");
    def.description = takeString(props, "description");
    // az prints the role's kind as roleType, because "type" is the ARM resource type there.
    def.type = arm ? takeString(props, "type") : takeString(obj, "roleType");
    def.permissions = parsePermissions(props, ctx, pos, def.roleName);
    def.assignableScopes = stringList(props, "assignableScopes");
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

/** aadProfile: az prints enableAzureRbac/tenantId, ARM enableAzureRBAC/tenantID; both adminGroupObjectIDs. */
void readAadProfile(Json &props, ManagedCluster &c)
{
    Json *aad = fieldAnyCase(props, "aadProfile");
    if (!aad || !aad->is_object())
        return;
    c.entraIntegration = true; // managed, or the legacy server-app integration: Entra signs users in either way
    c.enableAzureRbac = boolValue(fieldAnyCase(*aad, "enableAzureRbac")).value_or(false);
    if (Json *tenant = fieldAnyCase(*aad, "tenantId"))
        c.tenantId = takeScalar(*tenant);
    if (Json *admins = fieldAnyCase(*aad, "adminGroupObjectIds"); admins && admins->is_array()) {
        for (Json &group : *admins) {
            if (std::string id = takeScalar(group); !id.empty())
                c.adminGroupObjectIds.push_back(toLower(id));
        }
    }
}

/** Local accounts, Kubernetes RBAC, OIDC issuer and workload identity. */
void readSecuritySettings(Json &props, ManagedCluster &c)
{
    c.disableLocalAccounts = boolValue(fieldAnyCase(props, "disableLocalAccounts")).value_or(false);
    c.enableRbac = boolValue(fieldAnyCase(props, "enableRbac")).value_or(true);
    if (Json *oidc = fieldAnyCase(props, "oidcIssuerProfile")) {
        if (Json *url = fieldAnyCase(*oidc, "issuerUrl"))
            c.oidcIssuerUrl = takeScalar(*url);
    }
    if (Json *security = fieldAnyCase(props, "securityProfile")) {
        if (Json *wi = fieldAnyCase(*security, "workloadIdentity"))
            c.workloadIdentity = boolValue(fieldAnyCase(*wi, "enabled")).value_or(false);
    }
}

} // namespace

void loadManagedCluster(Json &obj, TextPos pos, FileContext &ctx)
{
    Json &props = propertiesOf(obj);
    ManagedCluster c;
    c.id = takeString(obj, "id");
    c.name = takeString(obj, "name");
    c.location = takeString(obj, "location");
    c.kubernetesVersion = takeString(props, "kubernetesVersion");
    readAadProfile(props, c);
    readSecuritySettings(props, c);
    if (c.tenantId.empty()) { // the cluster identity's tenant is the cluster's
        if (Json *identity = field(obj, "identity"))
            c.tenantId = takeString(*identity, "tenantId");
    }
    c.subscriptionId = idSegmentAfter(c.id, "subscriptions");
    c.resourceGroup = idSegmentAfter(c.id, "resourceGroups");
    if (c.resourceGroup.empty())
        c.resourceGroup = takeString(obj, "resourceGroup");
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
