// SPDX-License-Identifier: GPL-3.0-or-later
// Azure RBAC for AKS: the data action of a Kubernetes request (kubeguard/guard
// authz/providers/azure/rbac/checkaccessreqhelper.go), Azure's action patterns, role definitions
// (Learn "Understand Azure role definitions") and ARM scope matching. Built-in roles are the real
// definitions shipped in resources/azure/builtin-roles.json.

#include "azure/dataactions.h"

#include <nlohmann/json.hpp>

#include <QStringList>
#include <QTest>

#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace clr;
using namespace clr::azure;

namespace {

const char kBuiltinRolesPath[] = CLEARANCE_TEST_DATA "/../../resources/azure/builtin-roles.json";

const char kCluster[] =
    "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-a/providers/"
    "Microsoft.ContainerService/managedClusters/aks-prod";
const char kSub[] = "/subscriptions/11111111-2222-3333-4444-555555555555";
const char kRg[] = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-a";
const char kGuid[] = "11111111-2222-3333-4444-555555555555";

QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/** A full AKS data action from its part after "Microsoft.ContainerService/managedClusters/". */
QString da(const char *tail)
{
    return q(kClusterDataActionPrefix) + QString::fromUtf8(tail);
}

QString inCluster(const char *tail)
{
    return QString::fromUtf8(kCluster) + QString::fromUtf8(tail);
}

std::vector<std::string> strings(const nlohmann::json &obj, const char *key)
{
    if (!obj.contains(key) || !obj.at(key).is_array())
        return {};
    return obj.at(key).get<std::vector<std::string>>();
}

/** The test's own reader of `az role definition list` output: one RoleDefinition per array element. */
RoleDefinition roleFromJson(const nlohmann::json &j)
{
    RoleDefinition role;
    role.id = j.value("id", std::string());
    role.name = j.value("name", std::string());
    role.roleName = j.value("roleName", std::string());
    role.description = j.value("description", std::string());
    role.type = j.value("roleType", std::string());
    role.builtin = role.type == "BuiltInRole";
    role.assignableScopes = strings(j, "assignableScopes");
    for (const auto &p : j.at("permissions")) {
        Permission perm;
        perm.actions = strings(p, "actions");
        perm.notActions = strings(p, "notActions");
        perm.dataActions = strings(p, "dataActions");
        perm.notDataActions = strings(p, "notDataActions");
        role.permissions.push_back(std::move(perm));
    }
    return role;
}

const std::vector<RoleDefinition> &builtinRoles()
{
    static const std::vector<RoleDefinition> roles = [] {
        std::vector<RoleDefinition> out;
        std::ifstream in(kBuiltinRolesPath);
        if (!in)
            return out;
        const auto doc = nlohmann::json::parse(in);
        for (const auto &j : doc)
            out.push_back(roleFromJson(j));
        return out;
    }();
    return roles;
}

const RoleDefinition *builtinRole(const std::string &roleName)
{
    for (const RoleDefinition &role : builtinRoles())
        if (role.roleName == roleName)
            return &role;
    return nullptr;
}

Permission perm(std::vector<std::string> dataActions, std::vector<std::string> notDataActions = {},
                std::vector<std::string> actions = {}, std::vector<std::string> notActions = {})
{
    Permission p;
    p.dataActions = std::move(dataActions);
    p.notDataActions = std::move(notDataActions);
    p.actions = std::move(actions);
    p.notActions = std::move(notActions);
    return p;
}

RoleDefinition role(std::string name, std::vector<Permission> permissions)
{
    RoleDefinition r;
    r.roleName = std::move(name);
    r.permissions = std::move(permissions);
    return r;
}

/** Hand-written roles, each isolating one rule. */
const std::map<std::string, RoleDefinition> &fixtureRoles()
{
    const std::string mc = "Microsoft.ContainerService/managedClusters/";
    static const std::map<std::string, RoleDefinition> roles{
        {"allButSecrets", role("allButSecrets", {perm({mc + "*"}, {mc + "secrets/*"})})},
        {"secretsReader", role("secretsReader", {perm({mc + "secrets/read"})})},
        {"shoutedExclusion", role("shoutedExclusion", {perm({mc + "*"}, {"MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/SECRETS/*"})})},
        {"twoBlocks", role("twoBlocks", {perm({mc + "pods/*"}), perm({mc + "*"}, {mc + "pods/*", mc + "nodes/*"})})},
        {"excludedInOwnBlock", role("excludedInOwnBlock", {perm({mc + "pods/*"}, {mc + "pods/exec/action"}), perm({mc + "nodes/read"})})},
        {"mixedCase", role("mixedCase", {perm({"Microsoft.ContainerService/ManagedClusters/Apps/Deployments/*"})})},
        {"actionsStar", role("actionsStar", {perm({}, {}, {"*"})})},
        {"dataStar", role("dataStar", {perm({"*"})})},
        {"manageButNotAdminCreds", role("manageButNotAdminCreds", {perm({}, {}, {mc + "*"}, {mc + "listClusterAdminCredential/action"})})},
        {"empty", role("empty", {})},
    };
    return roles;
}

const RoleDefinition *anyRole(const QString &key)
{
    const std::string k = key.toStdString();
    if (k.rfind("builtin:", 0) == 0)
        return builtinRole(k.substr(8));
    const auto it = fixtureRoles().find(k);
    return it == fixtureRoles().end() ? nullptr : &it->second;
}

k8s::Request resourceRequest(const QString &verb, const QString &group, const QString &resource,
                             const QString &subresource = {}, const QString &ns = {})
{
    k8s::Request r;
    r.verb = verb.toStdString();
    r.apiGroup = group.toStdString();
    r.resource = resource.toStdString();
    r.subresource = subresource.toStdString();
    r.ns = ns.toStdString();
    return r;
}

k8s::Request nonResourceRequest(const QString &verb, const QString &path)
{
    k8s::Request r;
    r.resourceRequest = false;
    r.verb = verb.toStdString();
    r.path = path.toStdString();
    return r;
}

} // namespace

class TestAzureRbac : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void dataActionForResource_data();
    void dataActionForResource();
    void dataActionForNonResource_data();
    void dataActionForNonResource();
    void verbAction_data();
    void verbAction();
    void wildcardRequest_data();
    void wildcardRequest();
    void discoveryPath_data();
    void discoveryPath();
    void discoveryRequest_data();
    void discoveryRequest();

    void patternMatches_data();
    void patternMatches();
    void patternMatchingIsNotExponential();

    void roleGrants_data();
    void roleGrants();
    void otherRoleDoesNotSubtract_data();
    void otherRoleDoesNotSubtract();
    void builtinRoleGrants_data();
    void builtinRoleGrants();
    void builtinRolesForRequests_data();
    void builtinRolesForRequests();

    void matchScope_data();
    void matchScope();
    void managementGroupScope_data();
    void managementGroupScope();
    void managedNamespaceScope_data();
    void managedNamespaceScope();
    void validScope_data();
    void validScope();
    void roleDefinitionGuid_data();
    void roleDefinitionGuid();
};

void TestAzureRbac::initTestCase()
{
    QVERIFY2(!builtinRoles().empty(), kBuiltinRolesPath);
    QCOMPARE(builtinRoles().size(), std::size_t(22));
    for (const char *name : {"Azure Kubernetes Service RBAC Reader", "Azure Kubernetes Service RBAC Writer",
                             "Azure Kubernetes Service RBAC Admin", "Azure Kubernetes Service RBAC Cluster Admin",
                             "Azure Kubernetes Service Cluster Admin Role", "Azure Kubernetes Service Cluster User Role",
                             "Azure Kubernetes Service Contributor Role", "Owner", "Contributor", "Reader"})
        QVERIFY2(builtinRole(name), name);
}

// ---------------------------------------------------------------------------------------------
// Request -> data action

void TestAzureRbac::dataActionForResource_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("subresource");
    QTest::addColumn<bool>("custom");
    QTest::addColumn<QString>("expected");

    const QString core;
    const QString none;
    const QString apps = QStringLiteral("apps");
    const QString rbac = QStringLiteral("rbac.authorization.k8s.io");
    const QString crdGroup = QStringLiteral("stable.example.com");
    auto row = [](const char *name, const char *verb, const QString &group, const char *resource,
                  const char *sub, bool custom, const QString &expected) {
        QTest::newRow(name) << QString::fromUtf8(verb) << group << QString::fromUtf8(resource)
                            << QString::fromUtf8(sub) << custom << expected;
    };

    // verb families (guard getActionName)
    row("get -> read", "get", core, "pods", "", false, da("pods/read"));
    row("list -> read", "list", core, "pods", "", false, da("pods/read"));
    row("watch -> read", "watch", core, "pods", "", false, da("pods/read"));
    row("create -> write", "create", core, "pods", "", false, da("pods/write"));
    row("update -> write", "update", core, "pods", "", false, da("pods/write"));
    row("patch -> write", "patch", core, "pods", "", false, da("pods/write"));
    row("delete -> delete", "delete", core, "pods", "", false, da("pods/delete"));
    row("deletecollection -> delete", "deletecollection", core, "pods", "", false, da("pods/delete"));
    row("bind -> bind/action", "bind", rbac, "clusterroles", "", false,
        da("rbac.authorization.k8s.io/clusterroles/bind/action"));
    row("escalate -> escalate/action", "escalate", rbac, "roles", "", false,
        da("rbac.authorization.k8s.io/roles/escalate/action"));
    row("use -> use/action", "use", QStringLiteral("policy"), "podsecuritypolicies", "", false,
        da("policy/podsecuritypolicies/use/action"));
    row("impersonate users (core)", "impersonate", core, "users", "", false, da("users/impersonate/action"));
    row("impersonate groups (core)", "impersonate", core, "groups", "", false, da("groups/impersonate/action"));
    row("impersonate serviceaccounts", "impersonate", core, "serviceaccounts", "", false,
        da("serviceaccounts/impersonate/action"));
    row("impersonate userextras drops subresource", "impersonate", QStringLiteral("authentication.k8s.io"),
        "userextras", "scopes", false, da("authentication.k8s.io/userextras/impersonate/action"));
    // guard has no "<verb>/action" fallback: other verbs get no suffix at all (path.Join drops "").
    row("approve has no suffix", "approve", QStringLiteral("certificates.k8s.io"), "signers", "", false,
        da("certificates.k8s.io/signers"));
    row("sign has no suffix", "sign", QStringLiteral("certificates.k8s.io"), "signers", "", false,
        da("certificates.k8s.io/signers"));
    row("verbs are case-sensitive", "GET", core, "pods", "", false, da("pods"));
    row("wildcard verb is literal", "*", core, "pods", "", false, da("pods/*"));

    // groups: core has no segment, named groups are used verbatim
    row("core group has no segment", "get", core, "secrets", "", false, da("secrets/read"));
    row("named group apps", "get", apps, "deployments", "", false, da("apps/deployments/read"));
    row("dotted group", "list", QStringLiteral("networking.k8s.io"), "ingresses", "", false,
        da("networking.k8s.io/ingresses/read"));
    row("legacy extensions group", "get", QStringLiteral("extensions"), "deployments", "", false,
        da("extensions/deployments/read"));

    // subresources fold into their parent (guard getResourceAndAction)
    row("pods/log get -> pods/read", "get", core, "pods", "log", false, da("pods/read"));
    row("pods/status delete -> pods/delete", "delete", core, "pods", "status", false, da("pods/delete"));
    row("deployments/scale update -> write", "update", apps, "deployments", "scale", false,
        da("apps/deployments/write"));
    row("pods/attach create -> pods/write", "create", core, "pods", "attach", false, da("pods/write"));
    row("pods/portforward create -> pods/write", "create", core, "pods", "portforward", false, da("pods/write"));
    row("pods/proxy get -> pods/read", "get", core, "pods", "proxy", false, da("pods/read"));
    row("pods/ephemeralcontainers patch", "patch", core, "pods", "ephemeralcontainers", false, da("pods/write"));
    row("serviceaccounts/token create", "create", core, "serviceaccounts", "token", false,
        da("serviceaccounts/write"));
    row("nodes/proxy get -> nodes/read", "get", core, "nodes", "proxy", false, da("nodes/read"));
    row("csr approval update", "update", QStringLiteral("certificates.k8s.io"), "certificatesigningrequests",
        "approval", false, da("certificates.k8s.io/certificatesigningrequests/write"));

    // the one exception: pods/exec, whatever the verb
    row("pods/exec create", "create", core, "pods", "exec", false, da("pods/exec/action"));
    row("pods/exec get", "get", core, "pods", "exec", false, da("pods/exec/action"));
    row("exec on another resource folds", "create", core, "nodes", "exec", false, da("nodes/write"));

    // custom resources (guard getAuthInfoListForCustomResource)
    row("CR get", "get", crdGroup, "crontabs", "", true, da("customresources/read"));
    row("CR list", "list", crdGroup, "crontabs", "", true, da("customresources/read"));
    row("CR create", "create", crdGroup, "crontabs", "", true, da("customresources/write"));
    row("CR patch", "patch", crdGroup, "crontabs", "", true, da("customresources/write"));
    row("CR delete", "delete", crdGroup, "crontabs", "", true, da("customresources/delete"));
    row("CR deletecollection", "deletecollection", crdGroup, "crontabs", "", true, da("customresources/delete"));
    row("CR status subresource", "update", crdGroup, "crontabs", "status", true, da("customresources/write"));
    row("CR bind has no action", "bind", crdGroup, "crontabs", "", true, none);
    row("CR unknown verb has no action", "approve", crdGroup, "crontabs", "", true, none);
    row("CR wildcard verb is literal", "*", crdGroup, "crontabs", "", true, da("customresources/*"));
    row("core group is never custom", "get", core, "pods", "", true, da("pods/read"));
    row("CRD without the feature", "get", crdGroup, "crontabs", "", false, da("stable.example.com/crontabs/read"));
}

void TestAzureRbac::dataActionForResource()
{
    QFETCH(QString, verb);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(QString, subresource);
    QFETCH(bool, custom);
    QFETCH(QString, expected);

    const k8s::Request request = resourceRequest(verb, group, resource, subresource, QStringLiteral("default"));
    QCOMPARE(q(dataActionFor(request, custom)), expected);
}

void TestAzureRbac::dataActionForNonResource_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const char *verb, const char *path, const QString &expected) {
        QTest::newRow(name) << QString::fromUtf8(verb) << QString::fromUtf8(path) << expected;
    };
    row("get /logs", "get", "/logs", da("logs/read"));
    row("list /apis", "list", "/apis", da("apis/read"));
    row("get /healthz", "get", "/healthz", da("healthz/read"));
    row("get /healthz/etcd", "get", "/healthz/etcd", da("healthz/etcd/read"));
    row("get /metrics", "get", "/metrics", da("metrics/read"));
    row("get /openapi/v2", "get", "/openapi/v2", da("openapi/v2/read"));
    row("delete maps to delete", "delete", "/logs", da("logs/delete"));
    row("patch maps to write", "patch", "/logs", da("logs/write"));
    row("post has no suffix", "post", "/logs", da("logs"));
    row("put has no suffix", "put", "/logs", da("logs"));
    row("trailing slash cleaned", "get", "/api/", da("api/read"));
    row("double slash cleaned", "get", "//readyz", da("readyz/read"));
    row("dot-dot cleaned", "get", "/logs/../metrics", da("metrics/read"));
    row("root path", "get", "/", da("read"));
    row("wildcard path is literal", "get", "*", da("*/read"));
}

void TestAzureRbac::dataActionForNonResource()
{
    QFETCH(QString, verb);
    QFETCH(QString, path);
    QFETCH(QString, expected);

    QCOMPARE(q(dataActionFor(nonResourceRequest(verb, path), false)), expected);
    QCOMPARE(q(dataActionFor(nonResourceRequest(verb, path), true)), expected); // custom flag is irrelevant
}

void TestAzureRbac::verbAction_data()
{
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("expected");
    const char *rows[][2] = {
        {"get", "read"}, {"list", "read"}, {"watch", "read"}, {"create", "write"}, {"update", "write"},
        {"patch", "write"}, {"delete", "delete"}, {"deletecollection", "delete"}, {"bind", "bind/action"},
        {"escalate", "escalate/action"}, {"use", "use/action"}, {"impersonate", "impersonate/action"},
        {"*", "*"}, {"approve", ""}, {"sign", ""}, {"attest", ""}, {"proxy", ""}, {"Get", ""}, {"", ""},
    };
    for (const auto &r : rows)
        QTest::addRow("%s", r[0][0] ? r[0] : "(empty)") << QString::fromUtf8(r[0]) << QString::fromUtf8(r[1]);
}

void TestAzureRbac::verbAction()
{
    QFETCH(QString, verb);
    QFETCH(QString, expected);
    QCOMPARE(q(clr::azure::verbAction(verb.toStdString())), expected);
}

void TestAzureRbac::wildcardRequest_data()
{
    QTest::addColumn<bool>("resourceReq");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("expected");

    QTest::newRow("plain") << true << QStringLiteral("get") << QString() << QStringLiteral("pods") << false;
    QTest::newRow("verb *") << true << QStringLiteral("*") << QString() << QStringLiteral("pods") << true;
    QTest::newRow("group *") << true << QStringLiteral("get") << QStringLiteral("*") << QStringLiteral("pods") << true;
    QTest::newRow("resource *") << true << QStringLiteral("get") << QStringLiteral("apps") << QStringLiteral("*") << true;
    QTest::newRow("non-resource *") << false << QStringLiteral("*") << QString() << QString() << false;
}

void TestAzureRbac::wildcardRequest()
{
    QFETCH(bool, resourceReq);
    QFETCH(QString, verb);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(bool, expected);

    k8s::Request r = resourceReq ? resourceRequest(verb, group, resource) : nonResourceRequest(verb, QStringLiteral("*"));
    QCOMPARE(isWildcardRequest(r), expected);
}

void TestAzureRbac::discoveryPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("expected");
    const std::pair<const char *, bool> rows[] = {
        {"/api", true}, {"/api/v1", true}, {"/apis", true}, {"/apis/apps/v1", true},
        {"/openapi/v2", true}, {"/openapi/v3/apis/apps/v1", true}, {"/version", true}, {"/version/", true},
        {"/healthz", true}, {"/healthz/etcd", true}, {"/API/V1", true}, {"/Healthz", true},
        {"/apifoo (plain prefix)", true},
        {"/livez", false}, {"/readyz", false}, {"/metrics", false}, {"/logs", false},
        {"api (no slash)", false}, {"", false}, {"/", false}, {"/x/api", false},
    };
    for (const auto &[path, expected] : rows) {
        std::string p = path;
        p = p.substr(0, p.find(" ("));
        QTest::addRow("%s", *path ? path : "(empty)") << q(p) << expected;
    }
}

void TestAzureRbac::discoveryPath()
{
    QFETCH(QString, path);
    QFETCH(bool, expected);
    QCOMPARE(isDiscoveryPath(path.toStdString()), expected);
}

void TestAzureRbac::discoveryRequest_data()
{
    QTest::addColumn<bool>("resourceReq");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("expected");

    QTest::newRow("get /apis") << false << QStringLiteral("get") << QStringLiteral("/apis") << true;
    QTest::newRow("GET is case-insensitive") << false << QStringLiteral("GET") << QStringLiteral("/version") << true;
    QTest::newRow("list /apis is not get") << false << QStringLiteral("list") << QStringLiteral("/apis") << false;
    QTest::newRow("post /api") << false << QStringLiteral("post") << QStringLiteral("/api") << false;
    QTest::newRow("get /logs") << false << QStringLiteral("get") << QStringLiteral("/logs") << false;
    QTest::newRow("resource request") << true << QStringLiteral("get") << QStringLiteral("/apis") << false;
}

void TestAzureRbac::discoveryRequest()
{
    QFETCH(bool, resourceReq);
    QFETCH(QString, verb);
    QFETCH(QString, path);
    QFETCH(bool, expected);

    k8s::Request r = nonResourceRequest(verb, path);
    r.resourceRequest = resourceReq;
    QCOMPARE(isDiscoveryRequest(r), expected);
}

// ---------------------------------------------------------------------------------------------
// Action patterns

void TestAzureRbac::patternMatches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("expected");

    auto row = [](const char *name, const QString &pattern, const QString &action, bool expected) {
        QTest::newRow(name) << pattern << action << expected;
    };
    auto s = [](const char *text) { return QString::fromUtf8(text); };

    row("exact", da("pods/read"), da("pods/read"), true);
    row("different verb", da("pods/read"), da("pods/write"), false);
    row("no implicit suffix", da("pods/read"), da("pods/readx"), false);
    row("no implicit prefix match", da("pods/rea"), da("pods/read"), false);
    row("pattern longer than action", da("pods/read/x"), da("pods/read"), false);
    row("case: pattern upper", s("MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PODS/READ"), da("pods/read"), true);
    row("case: action upper", da("pods/read"), s("microsoft.containerservice/MANAGEDCLUSTERS/Pods/Read"), true);
    row("end star", da("pods/*"), da("pods/read"), true);
    row("end star crosses slash", da("pods/*"), da("pods/exec/action"), true);
    row("end star needs the slash", da("pods/*"), da("pods"), false);
    row("end star other resource", da("pods/*"), da("podtemplates/read"), false);
    row("middle star", da("*/read"), da("pods/read"), true);
    row("middle star crosses segments", da("*/read"), da("apps/deployments/read"), true);
    row("middle star wrong suffix", da("*/read"), da("pods/write"), false);
    row("middle star within segment", da("apps/*ments/read"), da("apps/deployments/read"), true);
    row("multiple stars", s("Microsoft.*/managedClusters/*/read"), da("apps/deployments/read"), true);
    row("multiple stars miss", s("Microsoft.*/fleets/*/read"), da("apps/deployments/read"), false);
    row("many stars in order", s("a*b*c"), s("aXbYc"), true);
    row("many stars out of order", s("a*b*c"), s("acb"), false);
    row("stars match empty runs", s("a*b*c"), s("abc"), true);
    row("consecutive stars", da("**/read"), da("pods/read"), true);
    row("lone star matches anything", s("*"), da("pods/exec/action"), true);
    row("lone star matches empty", s("*"), QString(), true);
    row("empty pattern matches only empty", QString(), da("pods/read"), false);
    row("empty matches empty", QString(), QString(), true);
    row("backtracking after partial match", s("*/pods/read"), da("pods/pods/read"), true);
    row("question mark is literal", da("pods/rea?"), da("pods/read"), false);
    row("dot is literal", s("Microsoft.ContainerService/*"), s("MicrosoftXContainerService/x"), false);
    row("regex syntax is literal", da("pods/[rw]*"), da("pods/read"), false);
    row("star in action is just a char", da("pods/read"), da("pods/*"), false);
    row("management action", s("Microsoft.ContainerService/managedClusters/*"),
        q(kListAdminCredentialAction), true);
}

void TestAzureRbac::patternMatches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, action);
    QFETCH(bool, expected);
    QCOMPARE(actionPatternMatches(pattern.toStdString(), action.toStdString()), expected);
}

void TestAzureRbac::patternMatchingIsNotExponential()
{
    // A backtracking matcher needs ~C(5000, 40) steps here and would never finish (CTest's timeout
    // ends it); the iterative one answers at once. Its speed is measured by the benchmark
    // BM_PatternMatchPathological, not asserted here.
    std::string pattern;
    for (int i = 0; i < 40; ++i)
        pattern += "*a";
    const std::string miss = pattern + "b";
    const std::string action(5000, 'a');
    QVERIFY(!actionPatternMatches(miss, action));
    QVERIFY(actionPatternMatches(pattern, action));
    QVERIFY(!actionPatternMatches(pattern, std::string(39, 'a')));
}

// ---------------------------------------------------------------------------------------------
// Role definitions

void TestAzureRbac::roleGrants_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("dataPlane");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<QString>("pattern");

    auto row = [](const char *name, const char *roleKey, bool dataPlane, const QString &action, bool expected,
                  const QString &pattern) {
        QTest::newRow(name) << QString::fromUtf8(roleKey) << dataPlane << action << expected << pattern;
    };
    const QString none;

    row("allowed, pattern returned", "allButSecrets", true, da("pods/read"), true, da("*"));
    row("notDataActions of same role subtract", "allButSecrets", true, da("secrets/read"), false, none);
    row("exclusion covers every verb", "allButSecrets", true, da("secrets/delete"), false, none);
    row("exclusion is case-insensitive", "shoutedExclusion", true, da("secrets/write"), false, none);
    row("exclusion does not overreach", "shoutedExclusion", true, da("configmaps/write"), true, da("*"));
    row("other block still grants", "twoBlocks", true, da("pods/read"), true, da("pods/*"));
    row("exclusion in its own block", "twoBlocks", true, da("nodes/read"), false, none);
    row("block without exclusion", "twoBlocks", true, da("secrets/read"), true, da("*"));
    row("exclusion subtracts within block", "excludedInOwnBlock", true, da("pods/exec/action"), false, none);
    row("rest of block stays", "excludedInOwnBlock", true, da("pods/write"), true, da("pods/*"));
    row("pattern case as written", "mixedCase", true, da("apps/deployments/write"), true,
        QStringLiteral("Microsoft.ContainerService/ManagedClusters/Apps/Deployments/*"));
    row("actions * grant no data action", "actionsStar", true, da("pods/read"), false, none);
    row("actions * grant actions", "actionsStar", false, q(kListAdminCredentialAction), true, QStringLiteral("*"));
    row("dataActions * grant no action", "dataStar", false, q(kListAdminCredentialAction), false, none);
    row("dataActions * grant data", "dataStar", true, da("pods/read"), true, QStringLiteral("*"));
    row("notActions subtract", "manageButNotAdminCreds", false, q(kListAdminCredentialAction), false, none);
    row("notActions leave the rest", "manageButNotAdminCreds", false, q(kListUserCredentialAction), true,
        da("*"));
    row("no permissions", "empty", true, da("pods/read"), false, none);
    row("empty action", "dataStar", true, QString(), false, none);
}

void TestAzureRbac::roleGrants()
{
    QFETCH(QString, role);
    QFETCH(bool, dataPlane);
    QFETCH(QString, action);
    QFETCH(bool, expected);
    QFETCH(QString, pattern);

    const RoleDefinition *def = anyRole(role);
    QVERIFY(def);
    std::string matched = "untouched";
    const std::string a = action.toStdString();
    const bool granted = dataPlane ? roleGrantsDataAction(*def, a, &matched) : roleGrantsAction(*def, a, &matched);
    QCOMPARE(granted, expected);
    if (expected)
        QCOMPARE(q(matched), pattern);
    else
        QCOMPARE(q(matched), QStringLiteral("untouched")); // left alone when nothing is granted
    // the out-parameter is optional
    QCOMPARE(dataPlane ? roleGrantsDataAction(*def, a) : roleGrantsAction(*def, a), expected);
}

void TestAzureRbac::otherRoleDoesNotSubtract_data()
{
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("expected");

    const QString allButSecrets = QStringLiteral("allButSecrets");
    const QString secretsReader = QStringLiteral("secretsReader");
    QTest::newRow("excluded alone") << QStringList{allButSecrets} << da("secrets/read") << false;
    QTest::newRow("second role grants despite exclusion") << QStringList{allButSecrets, secretsReader}
                                                          << da("secrets/read") << true;
    QTest::newRow("order does not matter") << QStringList{secretsReader, allButSecrets} << da("secrets/read") << true;
    QTest::newRow("second role's scope of grant") << QStringList{allButSecrets, secretsReader}
                                                  << da("secrets/write") << false;
    QTest::newRow("builtin RBAC Admin + Cluster Admin")
        << QStringList{QStringLiteral("builtin:Azure Kubernetes Service RBAC Admin"),
                       QStringLiteral("builtin:Azure Kubernetes Service RBAC Cluster Admin")}
        << da("namespaces/write") << true;
    QTest::newRow("builtin RBAC Admin + Reader")
        << QStringList{QStringLiteral("builtin:Azure Kubernetes Service RBAC Admin"),
                       QStringLiteral("builtin:Azure Kubernetes Service RBAC Reader")}
        << da("namespaces/write") << false;
}

void TestAzureRbac::otherRoleDoesNotSubtract()
{
    QFETCH(QStringList, roles);
    QFETCH(QString, action);
    QFETCH(bool, expected);

    // Azure RBAC is additive: the caller ORs the roles of all applicable assignments.
    bool any = false;
    for (const QString &key : roles) {
        const RoleDefinition *def = anyRole(key);
        QVERIFY2(def, qPrintable(key));
        any = any || roleGrantsDataAction(*def, action.toStdString());
    }
    QCOMPARE(any, expected);
}

void TestAzureRbac::builtinRoleGrants_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("dataPlane");
    QTest::addColumn<QString>("action");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<QString>("pattern");

    auto row = [](const char *name, const char *roleName, bool dataPlane, const QString &action, bool expected,
                  const QString &pattern) {
        QTest::newRow(name) << QString::fromUtf8(roleName) << dataPlane << action << expected << pattern;
    };
    const QString none;
    const QString adminCreds = q(kListAdminCredentialAction);
    const QString userCreds = q(kListUserCredentialAction);
    const char *reader = "Azure Kubernetes Service RBAC Reader";
    const char *writer = "Azure Kubernetes Service RBAC Writer";
    const char *admin = "Azure Kubernetes Service RBAC Admin";
    const char *clusterAdmin = "Azure Kubernetes Service RBAC Cluster Admin";
    const char *adminRole = "Azure Kubernetes Service Cluster Admin Role";
    const char *userRole = "Azure Kubernetes Service Cluster User Role";
    const char *aksContributor = "Azure Kubernetes Service Contributor Role";

    row("Reader: pods read", reader, true, da("pods/read"), true, da("pods/read"));
    row("Reader: deployments read", reader, true, da("apps/deployments/read"), true, da("apps/deployments/read"));
    row("Reader: no secrets", reader, true, da("secrets/read"), false, none);
    row("Reader: no exec", reader, true, da("pods/exec/action"), false, none);
    row("Reader: no writes", reader, true, da("apps/deployments/write"), false, none);
    row("Reader: no roles", reader, true, da("rbac.authorization.k8s.io/roles/read"), false, none);
    row("Reader: no nodes", reader, true, da("nodes/read"), false, none);
    row("Reader: no custom resources", reader, true, da("customresources/read"), false, none);
    row("Reader: no user credential", reader, false, userCreds, false, none);
    row("Writer: secrets", writer, true, da("secrets/read"), true, da("secrets/*"));
    row("Writer: exec via pods/*", writer, true, da("pods/exec/action"), true, da("pods/*"));
    row("Writer: no namespace write", writer, true, da("namespaces/write"), false, none);
    row("Writer: no role bindings", writer, true, da("rbac.authorization.k8s.io/rolebindings/write"), false, none);
    row("Writer: no user credential", writer, false, userCreds, false, none);
    row("Admin: secrets", admin, true, da("secrets/read"), true, da("*"));
    row("Admin: role bind", admin, true, da("rbac.authorization.k8s.io/roles/bind/action"), true, da("*"));
    row("Admin: namespaces read", admin, true, da("namespaces/read"), true, da("*"));
    row("Admin: notDataActions namespaces write", admin, true, da("namespaces/write"), false, none);
    row("Admin: notDataActions namespaces delete", admin, true, da("namespaces/delete"), false, none);
    row("Admin: notDataActions quota write", admin, true, da("resourcequotas/write"), false, none);
    row("Admin: quota read", admin, true, da("resourcequotas/read"), true, da("*"));
    row("Admin: user credential", admin, false, userCreds, true, userCreds);
    row("Admin: no admin credential", admin, false, adminCreds, false, none);
    row("Cluster Admin: namespaces write", clusterAdmin, true, da("namespaces/write"), true, da("*"));
    row("Cluster Admin: custom resources", clusterAdmin, true, da("customresources/delete"), true, da("*"));
    row("Cluster Admin: impersonate", clusterAdmin, true, da("users/impersonate/action"), true, da("*"));
    row("Cluster Admin: non-resource", clusterAdmin, true, da("logs/read"), true, da("*"));
    row("Cluster Admin: no admin credential", clusterAdmin, false, adminCreds, false, none);
    row("Cluster Admin: no fleet data", clusterAdmin, true,
        QStringLiteral("Microsoft.ContainerService/fleets/pods/read"), false, none);
    row("Admin Role: admin credential", adminRole, false, adminCreds, true, adminCreds);
    row("Admin Role: no data action", adminRole, true, da("pods/read"), false, none);
    row("User Role: user credential", userRole, false, userCreds, true, userCreds);
    row("User Role: no admin credential", userRole, false, adminCreds, false, none);
    row("User Role: no data action", userRole, true, da("pods/read"), false, none);
    row("AKS Contributor: admin credential", aksContributor, false, adminCreds, true, da("*"));
    row("AKS Contributor: no data action", aksContributor, true, da("pods/read"), false, none);
    row("Owner: admin credential via *", "Owner", false, adminCreds, true, QStringLiteral("*"));
    row("Owner: no data action", "Owner", true, da("pods/read"), false, none);
    row("Owner: role assignments", "Owner", false,
        QStringLiteral("Microsoft.Authorization/roleAssignments/write"), true, QStringLiteral("*"));
    row("Contributor: admin credential via *", "Contributor", false, adminCreds, true, QStringLiteral("*"));
    row("Contributor: no data action", "Contributor", true, da("secrets/read"), false, none);
    row("Contributor: notActions */Write (case)", "Contributor", false,
        QStringLiteral("Microsoft.Authorization/roleAssignments/write"), false, none);
    row("Contributor: notActions */Delete", "Contributor", false,
        QStringLiteral("Microsoft.Authorization/roleAssignments/delete"), false, none);
    row("Contributor: authorization read", "Contributor", false,
        QStringLiteral("Microsoft.Authorization/roleAssignments/read"), true, QStringLiteral("*"));
    row("Reader: */read", "Reader", false, QStringLiteral("Microsoft.ContainerService/managedClusters/read"), true,
        QStringLiteral("*/read"));
    row("Reader (Azure): no admin credential", "Reader", false, adminCreds, false, none);
    row("Fleet Cluster Admin: no AKS data", "Azure Kubernetes Fleet Manager RBAC Cluster Admin", true,
        da("pods/read"), false, none);
    row("Storage Blob Data Reader: blobs", "Storage Blob Data Reader", true,
        QStringLiteral("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"), true,
        QStringLiteral("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"));
}

void TestAzureRbac::builtinRoleGrants()
{
    QFETCH(QString, role);
    QFETCH(bool, dataPlane);
    QFETCH(QString, action);
    QFETCH(bool, expected);
    QFETCH(QString, pattern);

    const RoleDefinition *def = builtinRole(role.toStdString());
    QVERIFY2(def, qPrintable(role));
    std::string matched;
    const std::string a = action.toStdString();
    QCOMPARE(dataPlane ? roleGrantsDataAction(*def, a, &matched) : roleGrantsAction(*def, a, &matched), expected);
    if (expected)
        QCOMPARE(q(matched), pattern);
}

void TestAzureRbac::builtinRolesForRequests_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("subresource");
    QTest::addColumn<bool>("expected");

    auto row = [](const char *name, const char *roleName, const char *verb, const char *group, const char *resource,
                  const char *sub, bool expected) {
        QTest::newRow(name) << QString::fromUtf8(roleName) << QString::fromUtf8(verb) << QString::fromUtf8(group)
                            << QString::fromUtf8(resource) << QString::fromUtf8(sub) << expected;
    };
    const char *reader = "Azure Kubernetes Service RBAC Reader";
    const char *writer = "Azure Kubernetes Service RBAC Writer";
    row("Reader: kubectl logs", reader, "get", "", "pods", "log", true);
    row("Reader: kubectl exec", reader, "create", "", "pods", "exec", false);
    row("Reader: get secret", reader, "get", "", "secrets", "", false);
    row("Reader: scale deployment", reader, "update", "apps", "deployments", "scale", false);
    row("Writer: scale deployment", writer, "update", "apps", "deployments", "scale", true);
    row("Writer: port-forward", writer, "create", "", "pods", "portforward", true);
    row("Writer: bind role", writer, "bind", "rbac.authorization.k8s.io", "roles", "", false);
}

void TestAzureRbac::builtinRolesForRequests()
{
    QFETCH(QString, role);
    QFETCH(QString, verb);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(QString, subresource);
    QFETCH(bool, expected);

    const RoleDefinition *def = builtinRole(role.toStdString());
    QVERIFY(def);
    const std::string action = dataActionFor(resourceRequest(verb, group, resource, subresource), false);
    QCOMPARE(roleGrantsDataAction(*def, action), expected);
}

// ---------------------------------------------------------------------------------------------
// Scopes

void TestAzureRbac::matchScope_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("cluster");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("ns");

    const QString cluster = QString::fromUtf8(kCluster);
    const int none = int(ScopeMatch::None);
    const int whole = int(ScopeMatch::Cluster);
    const int nsMatch = int(ScopeMatch::Namespace);
    auto row = [&](const char *name, const QString &scope, int expected, const char *ns = "") {
        QTest::newRow(name) << scope << cluster << expected << QString::fromUtf8(ns);
    };
    auto s = [](const char *text) { return QString::fromUtf8(text); };

    row("root", s("/"), whole);
    row("management group (assumed ancestor)", s("/providers/Microsoft.Management/managementGroups/mg-corp"), whole);
    row("management group, other case", s("/PROVIDERS/microsoft.management/MANAGEMENTGROUPS/x/"), whole);
    row("subscription", s(kSub), whole);
    row("subscription, trailing slash", s(kSub) + s("/"), whole);
    row("subscription, upper case", s(kSub).toUpper(), whole);
    row("resource group", s(kRg), whole);
    row("resource group, case differs", s("/SUBSCRIPTIONS/11111111-2222-3333-4444-555555555555/resourcegroups/RG-A"),
        whole);
    row("cluster", cluster, whole);
    row("cluster, lower case", cluster.toLower(), whole);
    row("cluster, trailing slash", cluster + s("/"), whole);
    row("namespace", inCluster("/namespaces/dev"), nsMatch, "dev");
    row("namespace, trailing slash", inCluster("/namespaces/dev/"), nsMatch, "dev");
    row("namespace, case differs", cluster.toUpper() + s("/Namespaces/Dev"), nsMatch, "dev");
    row("other subscription", s("/subscriptions/99999999-2222-3333-4444-555555555555"), none);
    row("subscription id prefix trap", s("/subscriptions/11111111-2222-3333-4444-55555555555"), none);
    row("sibling resource group", s("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-b"), none);
    row("segment-prefix trap rg-a vs rg-ab",
        s("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ab"), none);
    row("segment-prefix trap rg vs rg-a", s("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg"),
        none);
    row("other cluster", s(kRg) + s("/providers/Microsoft.ContainerService/managedClusters/aks-dev"), none);
    row("cluster name prefix trap", cluster + s("2"), none);
    row("Key Vault in the resource group", s(kRg) + s("/providers/Microsoft.KeyVault/vaults/kv-prod"), none);
    row("same name, other resource type", s(kRg) + s("/providers/Microsoft.Kubernetes/connectedClusters/aks-prod"),
        none);
    row("collection keyword only", s(kSub) + s("/resourceGroups"), none);
    row("provider namespace only", s(kRg) + s("/providers/Microsoft.ContainerService"), none);
    row("resource type without name", s(kRg) + s("/providers/Microsoft.ContainerService/managedClusters"), none);
    row("namespace of other cluster", s(kRg) + s("/providers/Microsoft.ContainerService/managedClusters/aks-dev/namespaces/dev"),
        none);
    row("namespaces without name", inCluster("/namespaces"), none);
    row("below a namespace", inCluster("/namespaces/dev/pods"), none);
    row("managed namespace is not namespace", inCluster("/managedNamespaces/dev"), none);
    row("arc-style namespace scope", inCluster("/providers/Microsoft.KubernetesConfiguration/namespaces/dev"), none);
    row("other child resource", inCluster("/agentPools/nodepool1"), none);
    row("empty scope", QString(), none);

    QTest::newRow("cluster id with trailing slash and other case")
        << s(kRg) << cluster.toLower() + s("/") << whole << QString();
    QTest::newRow("empty cluster id") << s("/") << QString() << none << QString();
}

void TestAzureRbac::matchScope()
{
    QFETCH(QString, scope);
    QFETCH(QString, cluster);
    QFETCH(int, expected);
    QFETCH(QString, ns);

    std::string gotNs = "untouched";
    const ScopeMatch got = clr::azure::matchScope(scope.toStdString(), cluster.toStdString(), &gotNs);
    QCOMPARE(int(got), expected);
    if (got == ScopeMatch::Namespace)
        QCOMPARE(q(gotNs), ns);
    else
        QCOMPARE(q(gotNs), QStringLiteral("untouched"));
    QCOMPARE(int(clr::azure::matchScope(scope.toStdString(), cluster.toStdString())), expected); // ns optional
}

void TestAzureRbac::managementGroupScope_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("expected");

    QTest::newRow("mg") << QStringLiteral("/providers/Microsoft.Management/managementGroups/mg-corp") << true;
    QTest::newRow("mg, case and slash") << QStringLiteral("/providers/microsoft.management/managementgroups/MG/") << true;
    QTest::newRow("mg without name") << QStringLiteral("/providers/Microsoft.Management/managementGroups") << false;
    QTest::newRow("below mg") << QStringLiteral("/providers/Microsoft.Management/managementGroups/mg/x") << false;
    QTest::newRow("other provider") << QStringLiteral("/providers/Microsoft.Authorization/roleDefinitions/x") << false;
    QTest::newRow("no leading slash") << QStringLiteral("providers/Microsoft.Management/managementGroups/mg") << false;
    QTest::newRow("subscription") << QString::fromUtf8(kSub) << false;
    QTest::newRow("root") << QStringLiteral("/") << false;
}

void TestAzureRbac::managementGroupScope()
{
    QFETCH(QString, scope);
    QFETCH(bool, expected);
    QCOMPARE(isManagementGroupScope(scope.toStdString()), expected);
}

void TestAzureRbac::managedNamespaceScope_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("expected");
    QTest::addColumn<QString>("ns");

    QTest::newRow("managed namespace") << inCluster("/managedNamespaces/Team-A") << true << QStringLiteral("team-a");
    QTest::newRow("plain namespace") << inCluster("/namespaces/team-a") << false << QString();
    QTest::newRow("cluster") << QString::fromUtf8(kCluster) << false << QString();
    QTest::newRow("other cluster")
        << QString::fromUtf8(kRg) + QStringLiteral("/providers/Microsoft.ContainerService/managedClusters/x/managedNamespaces/a")
        << false << QString();
}

void TestAzureRbac::managedNamespaceScope()
{
    QFETCH(QString, scope);
    QFETCH(bool, expected);
    QFETCH(QString, ns);

    std::string got;
    QCOMPARE(isManagedNamespaceScope(scope.toStdString(), kCluster, &got), expected);
    if (expected)
        QCOMPARE(q(got), ns);
}

void TestAzureRbac::validScope_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<bool>("expected");

    const QString sub = QString::fromUtf8(kSub);
    const QString rg = QString::fromUtf8(kRg);
    const QString cluster = QString::fromUtf8(kCluster);
    auto s = [](const char *text) { return QString::fromUtf8(text); };

    QTest::newRow("root") << s("/") << true;
    QTest::newRow("management group") << s("/providers/Microsoft.Management/managementGroups/mg-corp") << true;
    QTest::newRow("subscription") << sub << true;
    QTest::newRow("subscription, trailing slash") << sub + s("/") << true;
    QTest::newRow("resource group") << rg << true;
    QTest::newRow("resource group, odd chars") << sub + s("/resourceGroups/My_RG-(1).x") << true;
    QTest::newRow("resource group, lower keyword") << sub + s("/resourcegroups/rg-a") << true;
    QTest::newRow("cluster") << cluster << true;
    QTest::newRow("cluster namespace") << cluster + s("/namespaces/dev") << true;
    QTest::newRow("child resource") << cluster + s("/agentPools/nodepool1") << true;
    QTest::newRow("extension resource") << cluster + s("/providers/Microsoft.KubernetesConfiguration/namespaces/dev")
                                        << true;
    QTest::newRow("subscription-level resource")
        << sub + s("/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7") << true;
    QTest::newRow("key vault") << rg + s("/providers/Microsoft.KeyVault/vaults/kv-prod") << true;

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no leading slash") << sub.mid(1) << false;
    QTest::newRow("double slash") << s("//") << false;
    QTest::newRow("subscriptions alone") << s("/subscriptions") << false;
    QTest::newRow("subscription not a guid") << s("/subscriptions/my-sub") << false;
    QTest::newRow("subscription guid too short") << s("/subscriptions/11111111-2222-3333-4444-55555555555") << false;
    QTest::newRow("resourceGroups without name") << sub + s("/resourceGroups") << false;
    QTest::newRow("resource group with space") << sub + s("/resourceGroups/rg a") << false;
    QTest::newRow("resource group ending in dot") << sub + s("/resourceGroups/rg.") << false;
    QTest::newRow("empty segment") << sub + s("//resourceGroups/rg-a") << false;
    QTest::newRow("resource group without subscription") << s("/resourceGroups/rg-a") << false;
    QTest::newRow("unknown root keyword") << s("/tenants/x") << false;
    QTest::newRow("providers without namespace") << rg + s("/providers") << false;
    QTest::newRow("provider namespace only") << rg + s("/providers/Microsoft.ContainerService") << false;
    QTest::newRow("type without name") << rg + s("/providers/Microsoft.ContainerService/managedClusters") << false;
    QTest::newRow("namespace without dot") << rg + s("/providers/ContainerService/managedClusters/x") << false;
    QTest::newRow("management group without name") << s("/providers/Microsoft.Management/managementGroups") << false;
    QTest::newRow("dangling child type") << cluster + s("/namespaces") << false;
}

void TestAzureRbac::validScope()
{
    QFETCH(QString, scope);
    QFETCH(bool, expected);
    QCOMPARE(isValidScope(scope.toStdString()), expected);
}

void TestAzureRbac::roleDefinitionGuid_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("expected");

    const QString guid = QStringLiteral("b24988ac-6180-42a0-ab88-20f7382dd24c");
    QTest::newRow("tenant-level id") << QStringLiteral("/providers/Microsoft.Authorization/roleDefinitions/") + guid
                                     << guid;
    QTest::newRow("subscription id")
        << QString::fromUtf8(kSub) + QStringLiteral("/providers/Microsoft.Authorization/roleDefinitions/") + guid << guid;
    QTest::newRow("upper case") << QStringLiteral("/providers/Microsoft.Authorization/roleDefinitions/") + guid.toUpper()
                                << guid;
    QTest::newRow("bare guid") << guid << guid;
    QTest::newRow("trailing slash") << QStringLiteral("/providers/Microsoft.Authorization/roleDefinitions/") + guid
                                           + QStringLiteral("/")
                                    << guid;
    QTest::newRow("placeholder") << QStringLiteral("/subscriptions/subID/providers/Microsoft.Authorization/roleDefinitions/roleDefinitionId")
                                 << QString();
    QTest::newRow("braced guid") << QStringLiteral("{") + guid + QStringLiteral("}") << QString();
    QTest::newRow("guid with extra char") << guid + QStringLiteral("0") << QString();
    QTest::newRow("non-hex guid") << QStringLiteral("g24988ac-6180-42a0-ab88-20f7382dd24c") << QString();
    QTest::newRow("guid not last") << QStringLiteral("/roleDefinitions/") + guid + QStringLiteral("/x") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("subscription guid as text") << QString::fromUtf8(kGuid) << QString::fromUtf8(kGuid);
}

void TestAzureRbac::roleDefinitionGuid()
{
    QFETCH(QString, id);
    QFETCH(QString, expected);
    QCOMPARE(q(clr::azure::roleDefinitionGuid(id.toStdString())), expected);
}

QTEST_GUILESS_MAIN(TestAzureRbac)
#include "tst_azurerbac.moc"
