// SPDX-License-Identifier: GPL-3.0-or-later
// Silent wrong answers (issue 10, loading half): every JSON field of the wrong type is a warning at
// the object's file:line naming the field, the type expected and the fallback applied, which the
// loaded data then show; misspelt kinds and API groups are warnings with "did you mean"; an AKS
// admin group missing from the Entra export is warned about. One row per finding, each of which
// failed on the code before the fix.
#include "hostileload.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace clr;
using namespace clr::test;
using namespace clr::test::hostile;
using Json = nlohmann::json;

class TestWrongFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wrongTypes_data();
    void wrongTypes();
    void manyWrongTypes();
    void unknownKinds_data();
    void unknownKinds();
    void adminGroupNotExported_data();
    void adminGroupNotExported();
};

// ------------------------------------------------------------------ finding 7: fields of the wrong type

namespace {

const char *const kSub = "11111111-2222-3333-4444-555555555555";
const char *const kTenant = "7395ebec-8fd4-4339-ad23-2ebcadb5397f";
const char *const kAdminGroup = "a1111111-0000-4000-8000-000000000001";

/** One realistic object of each kind the loaders read, as az, Graph and kubectl print them. */
Json baseObject(const QString &kind)
{
    const std::string sub = kSub;
    const std::string cluster = "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";
    if (kind == QLatin1String("cluster")) {
        return {{"id", cluster}, {"name", "aks1"}, {"type", "Microsoft.ContainerService/ManagedClusters"}, {"location", "westeurope"},
                {"kubernetesVersion", "1.30.3"},
                {"aadProfile", {{"managed", true}, {"enableAzureRbac", false}, {"tenantId", kTenant}, {"adminGroupObjectIDs", {kAdminGroup}}}},
                {"disableLocalAccounts", true}, {"enableRbac", true},
                {"oidcIssuerProfile", {{"enabled", true}, {"issuerUrl", "https://oidc.example/"}}},
                {"securityProfile", {{"workloadIdentity", {{"enabled", false}}}}},
                {"identity", {{"type", "SystemAssigned"}, {"tenantId", kTenant}}}, {"resourceGroup", "rg"}};
    }
    if (kind == QLatin1String("assignment")) {
        return {{"id", "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleAssignments/30000000-0000-4000-8000-000000000001"},
                {"name", "30000000-0000-4000-8000-000000000001"}, {"principalId", kAdminGroup}, {"principalType", "Group"},
                {"roleDefinitionId", "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"},
                {"roleDefinitionName", "Azure Kubernetes Service RBAC Cluster Admin"}, {"scope", cluster}, {"condition", nullptr},
                {"conditionVersion", nullptr}, {"description", ""}, {"type", "Microsoft.Authorization/roleAssignments"}};
    }
    if (kind == QLatin1String("definition")) {
        return {{"id", "/subscriptions/" + sub + "/providers/Microsoft.Authorization/roleDefinitions/9a1b2c3d-0000-4000-8000-0000000000aa"},
                {"name", "9a1b2c3d-0000-4000-8000-0000000000aa"}, {"roleName", "AKS Pod Reader"}, {"roleType", "CustomRole"},
                {"type", "Microsoft.Authorization/roleDefinitions"}, {"description", "reads pods"},
                {"permissions", Json::array({{{"actions", Json::array()}, {"notActions", Json::array()},
                                              {"dataActions", {"Microsoft.ContainerService/managedClusters/pods/read"}},
                                              {"notDataActions", Json::array()}}})},
                {"assignableScopes", {"/subscriptions/" + sub}}};
    }
    if (kind == QLatin1String("user")) {
        return {{"id", "u0000000-0000-4000-8000-000000000001"}, {"displayName", "Alice"}, {"userPrincipalName", "alice@contoso.com"},
                {"accountEnabled", true}, {"userType", "Member"}, {"mail", "alice@contoso.com"}};
    }
    if (kind == QLatin1String("group")) {
        return {{"id", "g0000000-0000-4000-8000-000000000001"}, {"displayName", "Ops"}, {"securityEnabled", true},
                {"members", Json::array({{{"@odata.type", "#microsoft.graph.user"}, {"id", "u0000000-0000-4000-8000-000000000001"}}})}};
    }
    if (kind == QLatin1String("sp")) {
        return {{"id", "5e000000-0000-4000-8000-000000000001"}, {"appId", "ab000000-0000-4000-8000-000000000001"}, {"displayName", "ci"},
                {"servicePrincipalType", "Application"}, {"accountEnabled", true}};
    }
    if (kind == QLatin1String("role")) {
        return {{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "ClusterRole"}, {"metadata", {{"name", "reader"}, {"labels", {{"team", "a"}}}}},
                {"rules", Json::array({{{"apiGroups", {""}}, {"resources", {"pods"}}, {"verbs", {"get", "list"}}}})}};
    }
    return {{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "RoleBinding"}, {"metadata", {{"name", "rb"}, {"namespace", "dev"}}},
            {"roleRef", {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", "view"}}},
            {"subjects", Json::array({{{"kind", "Group"}, {"name", "g0000000-0000-4000-8000-000000000001"}, {"apiGroup", "rbac.authorization.k8s.io"}}})}};
}

/** Adds a row: `pointer` of the `kind` object set to `value` gives `message` (a warning at the
 *  object's line), and the loaded data show the documented fallback (`facts`, `absent`). */
void typeRow(const char *name, const char *kind, const char *pointer, const char *value, const std::string &message,
             const QStringList &facts, const QStringList &absent = {})
{
    QTest::newRow(name) << QString::fromLatin1(kind) << QString::fromLatin1(pointer) << QByteArray(value) << QString::fromStdString(message) << facts << absent;
}

} // namespace

void TestWrongFields::wrongTypes_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("facts");
    QTest::addColumn<QStringList>("absent");

    // AKS cluster (az aks show). Booleans fall back to what shows the most access.
    const std::string aks = std::string("AKS cluster 'aks1': ");
    const std::string rbacOn = std::string("expected a boolean; treated as true (Azure RBAC on), which shows the most access");
    typeRow("enableAzureRbac: 1", "cluster", "/aadProfile/enableAzureRbac", "1",
            aks + "aadProfile.enableAzureRbac is a number (1), " + rbacOn, lines({"cluster aks1 @2:3 * entra=1 azureRbac=1 *"}));
    typeRow("enableAzureRbac: \"yes\"", "cluster", "/aadProfile/enableAzureRbac", "\"yes\"",
            aks + "aadProfile.enableAzureRbac is a string (\"yes\"), " + rbacOn, lines({"cluster aks1 * azureRbac=1 *"}));
    typeRow("enableAzureRbac: []", "cluster", "/aadProfile/enableAzureRbac", "[]",
            aks + "aadProfile.enableAzureRbac is a list, " + rbacOn, lines({"cluster aks1 * azureRbac=1 *"}));
    typeRow("enableAzureRbac: {}", "cluster", "/aadProfile/enableAzureRbac", "{}",
            aks + "aadProfile.enableAzureRbac is a mapping, " + rbacOn, lines({"cluster aks1 * azureRbac=1 *"}));
    typeRow("enableAzureRbac: \"TRUE\" is read as true", "cluster", "/aadProfile/enableAzureRbac", "\"TRUE\"",
            aks + "aadProfile.enableAzureRbac is a string (\"TRUE\"), expected a boolean; read as true",
            lines({"cluster aks1 * azureRbac=1 *"}));
    typeRow("enableAzureRbac: \"false\" is read as false", "cluster", "/aadProfile/enableAzureRbac", "\"false\"",
            aks + "aadProfile.enableAzureRbac is a string (\"false\"), expected a boolean; read as false",
            lines({"cluster aks1 * azureRbac=0 *"}));
    typeRow("aadProfile as a list", "cluster", "/aadProfile", "[{\"managed\": true}]",
            aks + "aadProfile is a list, expected a mapping; read as Entra integration with Azure RBAC on (what shows the most "
                  "access) and no admin groups",
            lines({"cluster aks1 * entra=1 azureRbac=1 * admins= *"}));
    typeRow("aadProfile as a string", "cluster", "/aadProfile", "\"managed\"",
            aks + "aadProfile is a string (\"managed\"), expected a mapping; read as Entra integration with Azure RBAC on",
            lines({"cluster aks1 * entra=1 azureRbac=1 *"}));
    typeRow("adminGroupObjectIDs entry: a number", "cluster", "/aadProfile/adminGroupObjectIDs", "[5, \"a1111111-0000-4000-8000-000000000001\"]",
            aks + "aadProfile.adminGroupObjectIDs[0] is a number (5), expected a string; read as the text \"5\"",
            lines({"cluster aks1 * admins=5,a1111111-0000-4000-8000-000000000001 *"}));
    typeRow("adminGroupObjectIDs entry: a mapping", "cluster", "/aadProfile/adminGroupObjectIDs",
            "[{\"id\": \"a1111111-0000-4000-8000-000000000001\"}]",
            aks + "aadProfile.adminGroupObjectIDs[0] is a mapping, expected a string (a group object ID); entry ignored",
            lines({"cluster aks1 * admins= *"}));
    typeRow("adminGroupObjectIDs: a string", "cluster", "/aadProfile/adminGroupObjectIDs", "\"a1111111-0000-4000-8000-000000000001\"",
            aks + "aadProfile.adminGroupObjectIDs is a string (\"a1111111-0000-4000-8000-000000000001\"), expected a list; no admin "
                  "groups read",
            lines({"cluster aks1 * admins= *"}));
    typeRow("aadProfile.tenantId: a number", "cluster", "/aadProfile/tenantId", "42",
            aks + "aadProfile.tenantId is a number (42), expected a string; read as the text \"42\"", lines({"cluster aks1 * tenant=42 *"}));
    typeRow("disableLocalAccounts: \"yes\"", "cluster", "/disableLocalAccounts", "\"yes\"",
            aks + "disableLocalAccounts is a string (\"yes\"), expected a boolean; treated as false (local accounts on), which shows "
                  "the most access",
            lines({"cluster aks1 * localDisabled=0 *"}));
    typeRow("disableLocalAccounts: 1", "cluster", "/disableLocalAccounts", "1",
            aks + "disableLocalAccounts is a number (1), expected a boolean; treated as false (local accounts on)",
            lines({"cluster aks1 * localDisabled=0 *"}));
    typeRow("enableRbac: \"no\"", "cluster", "/enableRbac", "\"no\"",
            aks + "enableRbac is a string (\"no\"), expected a boolean; treated as true (Kubernetes RBAC on, the AKS default)",
            lines({"cluster aks1 * rbac=1 *"}));
    typeRow("workloadIdentity.enabled: 1", "cluster", "/securityProfile/workloadIdentity/enabled", "1",
            aks + "securityProfile.workloadIdentity.enabled is a number (1), expected a boolean; treated as true (workload identity on)",
            lines({"cluster aks1 * wi=1 *"}));
    typeRow("securityProfile: a list", "cluster", "/securityProfile", "[]",
            aks + "securityProfile is a list, expected a mapping; ignored", lines({"cluster aks1 * wi=0 *"}));
    typeRow("oidcIssuerProfile.issuerUrl: a number", "cluster", "/oidcIssuerProfile/issuerUrl", "42",
            aks + "oidcIssuerProfile.issuerUrl is a number (42), expected a string; read as the text \"42\"",
            lines({"cluster aks1 * oidc=42 *"}));
    typeRow("cluster name: a number", "cluster", "/name", "42",
            std::string("AKS cluster: name is a number (42), expected a string; read as the text \"42\""), lines({"cluster 42 @2:3 *"}));
    typeRow("cluster id: a list", "cluster", "/id", "[]",
            std::string("AKS cluster: id is a list, expected a string; treated as absent"), lines({"cluster aks1 @2:3 sub= rg=rg *"}));

    // Role assignments (az role assignment list).
    const std::string ra = std::string("role assignment '30000000-0000-4000-8000-000000000001': ");
    typeRow("assignment scope: a number", "assignment", "/scope", "123",
            ra + "scope is a number (123), expected a string; read as the text \"123\"", lines({"assignment * scope=123 conditional=0"}));
    typeRow("assignment scope: a list", "assignment", "/scope", "[\"/subscriptions/x\"]",
            ra + "scope is a list, expected a string; treated as absent", lines({}), lines({"assignment *"}));
    typeRow("assignment principalId: a number", "assignment", "/principalId", "5",
            ra + "principalId is a number (5), expected a string; read as the text \"5\"", lines({"assignment 5 @2:3 *"}));
    typeRow("assignment principalId: a mapping", "assignment", "/principalId", "{}",
            ra + "principalId is a mapping, expected a string; treated as absent", lines({}), lines({"assignment *"}));
    typeRow("assignment roleDefinitionId: a boolean", "assignment", "/roleDefinitionId", "true",
            ra + "roleDefinitionId is a boolean (true), expected a string; read as the text \"true\"", lines({"assignment * def=true *"}));
    typeRow("condition: a list stays conditional", "assignment", "/condition",
            "[\"@Resource[Microsoft.ContainerService/managedClusters/namespaces:name] StringEquals 'dev'\"]",
            ra + "condition is a list, expected a string; the assignment is treated as conditional (the condition cannot be read)",
            lines({"assignment * conditional=1"}));
    typeRow("condition: a mapping stays conditional", "assignment", "/condition", "{\"expression\": \"x\"}",
            ra + "condition is a mapping, expected a string; the assignment is treated as conditional", lines({"assignment * conditional=1"}));
    typeRow("condition: a number stays conditional", "assignment", "/condition", "5",
            ra + "condition is a number (5), expected a string; the assignment is treated as conditional", lines({"assignment * conditional=1"}));
    typeRow("condition: true stays conditional", "assignment", "/condition", "true",
            ra + "condition is a boolean (true), expected a string; the assignment is treated as conditional",
            lines({"assignment * conditional=1"}));
    typeRow("condition: an empty list is no condition", "assignment", "/condition", "[]",
            ra + "condition is a list, expected a string; treated as no condition", lines({"assignment * conditional=0"}));
    typeRow("assignment principalType: a number", "assignment", "/principalType", "7",
            ra + "principalType is a number (7), expected a string; read as the text \"7\"", lines({"assignment * type=7 *"}));
    typeRow("assignment roleDefinitionName: a number", "assignment", "/roleDefinitionName", "5",
            ra + "roleDefinitionName is a number (5), expected a string; read as the text \"5\"", lines({"assignment * role=5 *"}));
    typeRow("assignment description: a list", "assignment", "/description", "[\"x\"]",
            ra + "description is a list, expected a string; treated as absent", lines({"assignment * conditional=0"}));
    typeRow("assignment properties: a string", "assignment", "/properties", "\"x\"",
            std::string("role assignment: properties is a string (\"x\"), expected a mapping; its fields are read from the top level"),
            lines({"assignment a1111111-0000-4000-8000-000000000001 @2:3 *"}));

    // Role definitions (az role definition list).
    const std::string rd = std::string("role definition 'AKS Pod Reader': ");
    typeRow("definition permissions: a string", "definition", "/permissions", "\"all\"",
            rd + "permissions is a string (\"all\"), expected a list; loaded without permissions", lines({"definition * perms=0 *"}));
    typeRow("definition permissions entry: a string", "definition", "/permissions/0", "\"x\"",
            rd + "permissions[0] is a string (\"x\"), expected a mapping; ignored", lines({"definition * perms=0 *"}));
    typeRow("dataActions: a string", "definition", "/permissions/0/dataActions", "\"Microsoft.ContainerService/managedClusters/pods/read\"",
            rd + "permissions[0].dataActions is a string (\"Microsoft.ContainerService/managedCluste...\"), expected a list; ignored",
            lines({"definition * perms=1 data= scopes=*"}));
    typeRow("dataActions entry: a number", "definition", "/permissions/0/dataActions", "[5]",
            rd + "permissions[0].dataActions[0] is a number (5), expected a string; read as the text \"5\"", lines({"definition * data=5 *"}));
    typeRow("notDataActions entry: a mapping", "definition", "/permissions/0/notDataActions", "[{}]",
            rd + "permissions[0].notDataActions[0] is a mapping, expected a string; entry ignored", lines({"definition * perms=1 *"}));
    typeRow("assignableScopes: a number", "definition", "/assignableScopes", "5",
            rd + "assignableScopes is a number (5), expected a list; ignored", lines({"definition * scopes="}));
    typeRow("roleName: a list", "definition", "/roleName", "[]",
            std::string("role definition: roleName is a list, expected a string; treated as absent"), lines({"definition * name= type=*"}));
    typeRow("roleType: a number", "definition", "/roleType", "1",
            rd + "roleType is a number (1), expected a string; read as the text \"1\"", lines({"definition * type=1 *"}));

    // Entra users, groups and service principals (az ad ... list).
    const std::string user = std::string("directory object u0000000-0000-4000-8000-000000000001: ");
    const std::string enabled = std::string("expected a boolean; treated as true (the account can sign in), which shows the most access");
    typeRow("accountEnabled: \"no\"", "user", "/accountEnabled", "\"no\"", user + "accountEnabled is a string (\"no\"), " + enabled,
            lines({"principal user u0000000-0000-4000-8000-000000000001 @2:3 * enabled=1"}));
    typeRow("accountEnabled: 0", "user", "/accountEnabled", "0", user + "accountEnabled is a number (0), " + enabled,
            lines({"principal user * enabled=1"}));
    typeRow("accountEnabled: []", "user", "/accountEnabled", "[]", user + "accountEnabled is a list, " + enabled,
            lines({"principal user * enabled=1"}));
    typeRow("accountEnabled: \"false\" is read as false", "user", "/accountEnabled", "\"false\"",
            user + "accountEnabled is a string (\"false\"), expected a boolean; read as false", lines({"principal user * enabled=0"}));
    typeRow("user id: a number", "user", "/id", "12345",
            std::string("directory object: id is a number (12345), expected a string; read as the text \"12345\""),
            lines({"principal user 12345 @2:3 *"}));
    typeRow("user id: a mapping", "user", "/id", "{}", std::string("directory object: id is a mapping, expected a string; treated as absent"),
            lines({}), lines({"principal *"}));
    typeRow("displayName: a number", "user", "/displayName", "5",
            user + "displayName is a number (5), expected a string; read as the text \"5\"", lines({"principal user * name=5 *"}));
    typeRow("userPrincipalName: a list", "user", "/userPrincipalName", "[\"alice@contoso.com\"]",
            user + "userPrincipalName is a list, expected a string; treated as absent", lines({"principal user * upn= *"}));
    typeRow("userType: a number", "user", "/userType", "5", user + "userType is a number (5), expected a string; read as the text \"5\"",
            lines({"principal user * guest=0 *"}));
    const std::string group = std::string("directory object g0000000-0000-4000-8000-000000000001: ");
    typeRow("members: a string", "group", "/members", "\"u0000000-0000-4000-8000-000000000001\"",
            group + "members is a string (\"u0000000-0000-4000-8000-000000000001\"), expected a list; ignored (no members read)",
            lines({"principal group g0000000-0000-4000-8000-000000000001 @2:3 *"}), lines({"member *"}));
    typeRow("members entry: a number", "group", "/members/0", "5", group + "members[0] is a number (5), expected a mapping; member ignored",
            lines({"principal group *"}), lines({"member *"}));
    typeRow("member id: a number", "group", "/members/0/id", "7",
            group + "members[0]: id is a number (7), expected a string; read as the text \"7\"",
            lines({"member g0000000-0000-4000-8000-000000000001 <- 7"}));
    const std::string sp = std::string("directory object 5e000000-0000-4000-8000-000000000001: ");
    typeRow("servicePrincipalType: a number", "sp", "/servicePrincipalType", "1",
            sp + "servicePrincipalType is a number (1), expected a string; read as the text \"1\"", lines({"principal sp * spType=1 *"}));
    typeRow("appId: a list", "sp", "/appId", "[]", sp + "appId is a list, expected a string; treated as absent",
            lines({"principal sp * appId= *"}));

    // Kubernetes objects as JSON (YAML makes every unquoted scalar but true/false/null a string).
    const std::string role = std::string("ClusterRole 'reader': ");
    typeRow("metadata.name: a number", "role", "/metadata/name", "42",
            std::string("ClusterRole: metadata.name is a number (42), expected a string; read as the text \"42\""),
            lines({"role 42 @2:3 cluster=1 rules=1 *"}));
    typeRow("metadata: a string", "role", "/metadata", "\"reader\"",
            std::string("ClusterRole: metadata is a string (\"reader\"), expected a mapping; ignored"), lines({}),
            lines({"role reader *"}));
    typeRow("rules[0].verbs: a string", "role", "/rules/0/verbs", "\"get\"",
            role + "rules[0].verbs is a string (\"get\"), expected a list; ignored", lines({"rule reader#0 verbs= groups=\"\" resources=pods *"}));
    typeRow("rules[0].verbs entry: a number", "role", "/rules/0/verbs", "[\"get\", 1]",
            role + "rules[0].verbs[1] is a number (1), expected a string; read as the text \"1\"", lines({"rule reader#0 verbs=get,1 *"}));
    typeRow("metadata.labels: a list", "role", "/metadata/labels", "[\"team\"]",
            role + "metadata.labels is a list, expected a mapping; ignored", lines({"role reader * labels="}));
    typeRow("label value: a number", "role", "/metadata/labels/team", "5",
            role + "metadata.labels.team is a number (5), expected a string; read as the text \"5\"", lines({"role reader * labels=team=5"}));
    typeRow("aggregationRule: a string", "role", "/aggregationRule", "\"x\"",
            role + "aggregationRule is a string (\"x\"), expected a mapping; ignored (the role keeps its own rules)",
            lines({"role reader * rules=1 aggregated=0 *"}));
    const std::string rb = std::string("RoleBinding 'dev/rb': ");
    typeRow("subject name: a number", "binding", "/subjects/0/name", "5",
            rb + "subjects[0].name is a number (5), expected a string; read as the text \"5\"", lines({"binding dev/rb @2:3 * subjects=Group:5"}));
    typeRow("subject kind: a number", "binding", "/subjects/0/kind", "1",
            rb + "subjects[0].kind is a number (1), expected a string; read as the text \"1\"", lines({"binding dev/rb * subjects="}));
    typeRow("roleRef: a string", "binding", "/roleRef", "\"view\"",
            rb + "roleRef is a string (\"view\"), expected a mapping; skipped", lines({}), lines({"binding *"}));
    typeRow("subjects: a mapping", "binding", "/subjects", "{}", rb + "subjects is a mapping, expected a list; loaded without subjects",
            lines({"binding dev/rb * subjects="}));
    typeRow("metadata.namespace: a list", "binding", "/metadata/namespace", "[\"dev\"]",
            std::string("RoleBinding: metadata.namespace is a list, expected a string; treated as absent"),
            lines({"binding default/rb *"}));
}

void TestWrongFields::wrongTypes()
{
    QFETCH(QString, kind);
    QFETCH(QString, pointer);
    QFETCH(QByteArray, value);
    QFETCH(QString, message);
    QFETCH(QStringList, facts);
    QFETCH(QStringList, absent);
    Json object = baseObject(kind);
    object[Json::json_pointer(pointer.toStdString())] = Json::parse(value.toStdString());
    const std::string text = Json::array({object}).dump(2) + "\n"; // the object starts at line 2, column 3
    const Snapshot s = loadWithin({{"input.json", text}, {kGoodFile, kGoodYaml}});
    verifyDiagnostic(s, QStringLiteral("input.json"), message, 2, 3, Diagnostic::Severity::Warning);
    verifyFacts(facts + lines({"role good *"}), dump(s));
    verifyAbsent(absent, dump(s));
}

/** A generated export repeats one mistake in every object: 50 are listed, the rest summarised. */
void TestWrongFields::manyWrongTypes()
{
    Json users = Json::array();
    for (int i = 0; i < 80; ++i) {
        Json user = baseObject(QStringLiteral("user"));
        user["id"] = "u0000000-0000-4000-8000-" + std::to_string(100000000000LL + i);
        user["accountEnabled"] = "no";
        users.push_back(user);
    }
    const Snapshot s = loadWithin({{"users.json", users.dump(1) + "\n"}});
    const auto listed = std::count_if(s.diagnostics.begin(), s.diagnostics.end(), [](const Diagnostic &d) {
        return d.message.find("more warnings") == std::string::npos && d.message.find("accountEnabled is a string (\"no\")") != std::string::npos;
    });
    QCOMPARE(listed, 50);
    const Diagnostic *summary = findDiagnostic(s, QStringLiteral("30 more warnings like the ones above in this file, not listed one by one (the first: "
                                                                 "directory object u0000000-0000-4000-8000-100000000050: accountEnabled"));
    QVERIFY2(summary, qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
    QCOMPARE(summary->severity, Diagnostic::Severity::Warning);
    QCOMPARE(s.directory.size(), std::size_t(80));
}

// ------------------------------------------------------------------ finding 7: unknown kinds and API groups

void TestWrongFields::unknownKinds_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("severity");
    QTest::addColumn<QStringList>("facts");
    QTest::addColumn<QStringList>("absent");

    const int info = int(Diagnostic::Severity::Info);
    const int warning = int(Diagnostic::Severity::Warning);
    const QByteArray items("- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: one\n"
                           "- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: two\n");
    QTest::newRow("kind: Lst after its items (kubectl's order, streamed)")
        << "apiVersion: v1\nitems:\n" + items + "kind: Lst\nmetadata:\n  resourceVersion: \"\"\n"
        << QStringLiteral("unknown kind 'Lst' in apiVersion 'v1' (did you mean 'List'?); read as a List: its 2 items were loaded") << 1
        << warning << lines({"namespace one @3:3*", "namespace two @7:3*"}) << QStringList();
    QTest::newRow("kind: Lst before its items")
        << "apiVersion: v1\nkind: Lst\nitems:\n" + items
        << QStringLiteral("unknown kind 'Lst' in apiVersion 'v1' (did you mean 'List'?); read as a List: its 2 items were loaded") << 1
        << warning << lines({"namespace one @4:3*", "namespace two @8:3*"}) << QStringList();
    const QByteArray binding("metadata:\n  name: admins\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n"
                             "  name: cluster-admin\nsubjects:\n- kind: Group\n  name: ops\n");
    QTest::newRow("kind: ClusterRolebinding")
        << "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRolebinding\n" + binding
        << QStringLiteral("ClusterRolebinding 'admins': unknown kind 'ClusterRolebinding' in apiVersion 'rbac.authorization.k8s.io/v1' "
                          "(did you mean 'ClusterRoleBinding'?); skipped")
        << 1 << warning << QStringList() << lines({"binding *", "skipped *"});
    QTest::newRow("apiVersion: rbac.authorisation.k8s.io")
        << "apiVersion: rbac.authorisation.k8s.io/v1\nkind: ClusterRoleBinding\n" + binding
        << QStringLiteral("ClusterRoleBinding 'admins': unknown API group 'rbac.authorisation.k8s.io' in apiVersion "
                          "'rbac.authorisation.k8s.io/v1' (did you mean 'rbac.authorization.k8s.io'?); skipped")
        << 1 << warning << QStringList() << lines({"binding *"});
    QTest::newRow("a Role in the core group")
        << QByteArray("apiVersion: v1\nkind: Role\nmetadata:\n  name: r\n  namespace: dev\nrules: []\n")
        << QStringLiteral("Role 'r': unknown kind 'Role' in apiVersion 'v1' (Role is in apiVersion 'rbac.authorization.k8s.io/v1'); skipped")
        << 1 << warning << QStringList() << lines({"role dev/r *"});
    QTest::newRow("kind: Rolebinding without apiVersion")
        << "kind: Rolebinding\n" + binding
        << QStringLiteral("Rolebinding 'admins': unknown kind 'Rolebinding' (no apiVersion) (did you mean 'RoleBinding'?); skipped") << 1
        << warning << QStringList() << lines({"binding *"});
    QTest::newRow("apiVersion: V1")
        << QByteArray("apiVersion: V1\nkind: Namespace\nmetadata:\n  name: x\n")
        << QStringLiteral("Namespace 'x': unknown apiVersion 'V1' (did you mean 'v1'?); skipped") << 1 << warning << QStringList()
        << lines({"namespace *"});
    QTest::newRow("a custom resource is a kind Clearance does not use")
        << QByteArray("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: tls\n  namespace: web\n")
        << QStringLiteral("skipped 1 object(s) of kinds Clearance does not use: Certificate (1)") << 1 << info
        << lines({"skipped Certificate=1"}) << QStringList();
    QTest::newRow("a standard kind Clearance does not use")
        << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n")
        << QStringLiteral("skipped 1 object(s) of kinds Clearance does not use: Deployment (1)") << 1 << info
        << lines({"skipped Deployment=1"}) << QStringList();
}

void TestWrongFields::unknownKinds()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, severity);
    QFETCH(QStringList, facts);
    QFETCH(QStringList, absent);
    const Snapshot s = loadWithin({{"kinds.yaml", content.toStdString()}, {kGoodFile, kGoodYaml}});
    verifyDiagnostic(s, QStringLiteral("kinds.yaml"), message, line, 1, Diagnostic::Severity(severity));
    verifyFacts(facts + lines({"role good *"}), dump(s));
    verifyAbsent(absent, dump(s));
}

// ------------------------------------------------------------------ finding 7: the AKS admin group

void TestWrongFields::adminGroupNotExported_data()
{
    QTest::addColumn<bool>("groupExported");
    QTest::newRow("admin group not in the Entra export") << false;
    QTest::newRow("admin group exported") << true;
}

void TestWrongFields::adminGroupNotExported()
{
    QFETCH(bool, groupExported);
    Json groups = Json::array({baseObject(QStringLiteral("group"))});
    if (groupExported)
        groups.push_back({{"id", kAdminGroup}, {"displayName", "AKS admins"}, {"securityEnabled", true}, {"members", Json::array()}});
    const Snapshot s = loadWithin({{"groups.json", groups.dump(2) + "\n"},
                                   {"aks.json", baseObject(QStringLiteral("cluster")).dump(2) + "\n"}});
    const QString message = QStringLiteral("AKS admin group a1111111-0000-4000-8000-000000000001 of cluster 'aks1' is not in the Entra "
                                           "export: its members are cluster-admin but cannot be listed (export the group with its members)");
    if (groupExported) {
        QVERIFY2(!findDiagnostic(s, QStringLiteral("AKS admin group")), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
        return;
    }
    verifyDiagnostic(s, QStringLiteral("aks.json"), message, 1, 1, Diagnostic::Severity::Warning);
}

QTEST_GUILESS_MAIN(TestWrongFields)
#include "tst_wrong_fields.moc"
