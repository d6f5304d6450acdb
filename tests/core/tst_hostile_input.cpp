// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input (issue 10, loading half): every finding is a row here that failed on the
// code before the fix. Inputs that used to hang run on a worker thread with a deadline, so a
// regression fails the test instead of hanging it.
#include "load/limits.h"
#include "load/loader.h"
#include "snapshotdump.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <thread>

using namespace clr;
using namespace clr::test;
using Json = nlohmann::json;

namespace {

using Inputs = std::vector<std::pair<std::string, std::string>>;

/** A valid object loaded next to every hostile input: "the rest still loads". */
const char *const kGoodFile = "good.yaml";
const char *const kGoodYaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: good\nrules: []\n";
const char *const kAfterYaml = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: after\n";

/**
 * Loads in-memory files on a worker thread and waits at most `deadline`: a loader that hangs (as
 * yaml-cpp's LoadAll did on ",") ends the test process with a failure instead of hanging it.
 */
Snapshot loadWithin(Inputs inputs, std::chrono::milliseconds deadline = std::chrono::milliseconds(1000))
{
    auto result = std::make_shared<std::promise<Snapshot>>();
    auto done = result->get_future();
    std::thread([result, inputs = std::move(inputs)] {
        SnapshotLoader loader(LoadOptions{false, {}, nullptr});
        for (const auto &[name, content] : inputs)
            loader.addContent(name, content);
        result->set_value(loader.finish());
    }).detach();
    if (done.wait_for(deadline) != std::future_status::ready)
        qFatal("the loader did not return within %lld ms: it hangs on this input", static_cast<long long>(deadline.count()));
    return done.get();
}

QStringList diagnosticLines(const Snapshot &s)
{
    QStringList out;
    for (const auto &d : s.diagnostics)
        out.append(QString::fromStdString(d.toString()));
    return out;
}

const Diagnostic *findDiagnostic(const Snapshot &s, const QString &message)
{
    for (const auto &d : s.diagnostics) {
        if (QString::fromStdString(d.message).contains(message))
            return &d;
    }
    return nullptr;
}

/** The diagnostic with `message` is there, with this file, line, column and severity. */
void verifyDiagnostic(const Snapshot &s, const QString &file, const QString &message, int line, int column,
                      Diagnostic::Severity severity)
{
    const Diagnostic *d = findDiagnostic(s, message);
    if (!d)
        QFAIL(qPrintable(QStringLiteral("no diagnostic with \"%1\" in:\n%2").arg(message, diagnosticLines(s).join(QLatin1Char('\n')))));
    QCOMPARE(QString::fromStdString(d->file), file);
    QCOMPARE(d->line, line);
    QCOMPARE(d->column, column);
    QCOMPARE(int(d->severity), int(severity));
}

void verifyFacts(const QStringList &patterns, const QStringList &actual)
{
    for (const QString &pattern : patterns) {
        if (!anyMatches(pattern, actual))
            QFAIL(qPrintable(QStringLiteral("missing: %1\nin:\n%2").arg(pattern, actual.join(QLatin1Char('\n')))));
    }
}

void verifyAbsent(const QStringList &patterns, const QStringList &actual)
{
    for (const QString &pattern : patterns) {
        if (anyMatches(pattern, actual))
            QFAIL(qPrintable(QStringLiteral("unexpected: %1\nin:\n%2").arg(pattern, actual.join(QLatin1Char('\n')))));
    }
}

QStringList lines(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

std::string repeat(const std::string &s, int n)
{
    std::string out;
    out.reserve(s.size() * std::size_t(n));
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stuckYaml_data();
    void stuckYaml();
    void limits_data();
    void limits();
    void wrongTypes_data();
    void wrongTypes();
    void manyWrongTypes();
    void unknownKinds_data();
    void unknownKinds();
    void adminGroupNotExported_data();
    void adminGroupNotExported();
    void duplicateKeys_data();
    void duplicateKeys();
    void truncatedYaml_data();
    void truncatedYaml();
    void unreadableInput_data();
    void unreadableInput();
    void cancelInsideFile_data();
    void cancelInsideFile();
};

// ------------------------------------------------------------------ finding 6: the one-byte hang

void TestHostileInput::stuckYaml_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    // yaml-cpp 0.7 returns an empty document for each of these without consuming the ',', forever.
    QTest::newRow("a lone comma") << QByteArray(",") << 1 << 1;
    QTest::newRow("comma after a space") << QByteArray(" ,") << 1 << 2;
    QTest::newRow("comma after a comment") << QByteArray("# c\n,") << 2 << 1;
    QTest::newRow("comma after an anchor") << QByteArray("&a ,") << 1 << 4;
    QTest::newRow("comma after a document marker") << QByteArray("---\n,") << 2 << 1;
    QTest::newRow("comma in the middle of a stream") << QByteArray("apiVersion: v1\nkind: Namespace\nmetadata: {name: before}\n---\n,\n")
                                                     << 5 << 1;
}

void TestHostileInput::stuckYaml()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    // The broken document, a valid document after it in the same file, and another file.
    const std::string text = content.toStdString() + "\n" + kAfterYaml;
    const Snapshot s = loadWithin({{"c.yaml", text}, {kGoodFile, kGoodYaml}});
    verifyDiagnostic(s, QStringLiteral("c.yaml"),
                     QStringLiteral("malformed YAML: the parser cannot get past this point (yaml-cpp makes no progress); "
                                    "this document was skipped"),
                     line, column, Diagnostic::Severity::Error);
    verifyFacts(lines({"namespace after *", "role good *"}), dump(s));
}

// ------------------------------------------------------------------ stated limits

void TestHostileInput::limits_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("facts"); // what else in the same input loaded

    const std::string deep = std::to_string(limits::kMaxDepth);
    // A mapping at depth 1 holds lists at depths 2..: the list opened at depth 257 is refused.
    const std::string yamlDeep = "a: " + repeat("[", 300) + repeat("]", 300) + "\n" + kAfterYaml;
    QTest::newRow("YAML nesting deeper than the limit")
        << QByteArray::fromStdString(yamlDeep)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit); this document was skipped")
        << 1 << 4 + 256 << lines({"namespace after *"});
    // Found before yaml-cpp runs: its scanner would hold every '[' of this line in memory first.
    const std::string yamlMillion = "a: " + repeat("[", 1000000) + "\n" + kAfterYaml;
    QTest::newRow("YAML nesting a million deep")
        << QByteArray::fromStdString(yamlMillion)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit)") << 1 << 4 + 256
        << lines({"namespace after *"});
    QTest::newRow("YAML block nesting deeper than the limit")
        << QByteArray::fromStdString(repeat("- ", 300) + "x\n" + kAfterYaml)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit)") << 1 << 2 * 257 - 1
        << lines({"namespace after *"});
    QTest::newRow("YAML block and flow nesting deeper than the limit together")
        << QByteArray::fromStdString(repeat("- ", 200) + repeat("[", 100) + repeat("]", 100) + "\n" + kAfterYaml)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit)") << 1 << 401 + 56
        << lines({"namespace after *"});
    QTest::newRow("YAML flow collection longer than the limit")
        << QByteArray::fromStdString("a:\n  [" + repeat("x, ", int(limits::kMaxYamlFlowBytes / 3)) + "x]\n" + kAfterYaml)
        << QStringLiteral("malformed YAML: a flow-style collection ([...] or {...}) longer than 1 MiB (the limit); write a "
                          "document this large as JSON or as block YAML; this document was skipped")
        << 2 << 3 << lines({"namespace after *"});
    const std::string jsonDeep = "{\"a\": " + repeat("[", 300) + repeat("]", 300) + "}\n";
    QTest::newRow("JSON nesting deeper than the limit")
        << QByteArray::fromStdString(jsonDeep)
        << QString::fromStdString("malformed JSON: nesting deeper than " + deep + " levels (the limit); the rest of this file was not loaded")
        << 1 << 7 + 255 << QStringList();
    // A List whose third item nests too deep: the complete items before it still load.
    std::string jsonList = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n";
    for (int i = 0; i < 2; ++i)
        jsonList += "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"ns" + std::to_string(i) + "\"}},\n";
    jsonList += "{\"x\": " + repeat("[", 1000000) + "\n";
    QTest::newRow("JSON List with one item nested a million deep")
        << QByteArray::fromStdString(jsonList)
        << QStringLiteral("malformed JSON: nesting deeper than %1 levels (the limit); the 2 complete entries before it were loaded")
               .arg(limits::kMaxDepth)
        << 4 << 7 + 253 << lines({"namespace ns0 @2:1*", "namespace ns1 @3:1*"});
    // Billion laughs: nine levels of ten aliases each would be 10^9 values.
    std::string laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char level = 'b'; level <= 'i'; ++level) {
        const char prev = char(level - 1);
        laughs += std::string(1, level) + ": &" + level + " [" + repeat(std::string("*") + prev + ", ", 9) + "*" + prev + "]\n";
    }
    laughs += kAfterYaml;
    QTest::newRow("billion laughs")
        << QByteArray::fromStdString(laughs)
        << QStringLiteral("malformed YAML: aliases expand to more than %1 values per byte of this document (the limit); "
                          "this document was skipped")
               .arg(limits::kMaxYamlNodesPerByte)
        << 4 << 20 << lines({"namespace after *"}); // the fourth alias of level d (10 x 111 values each)
    const std::string longName(limits::kMaxNameLength + 1, 'n');
    QTest::newRow("name longer than the limit")
        << QByteArray::fromStdString("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + longName + "\n"
                                     + kAfterYaml)
        << QStringLiteral("ClusterRole: metadata.name is 1025 bytes long, longer than the limit of 1024 bytes for names and IDs; "
                          "treated as absent")
        << 1 << 1 << lines({"namespace after *"});
}

void TestHostileInput::limits()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QStringList, facts);
    const Snapshot s = loadWithin({{"limit", content.toStdString()}, {kGoodFile, kGoodYaml}}, std::chrono::seconds(20));
    verifyDiagnostic(s, QStringLiteral("limit"), message, line, column,
                     message.contains(QLatin1String("malformed")) ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning);
    verifyFacts(facts + lines({"role good *"}), dump(s));
}

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

void TestHostileInput::wrongTypes_data()
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

void TestHostileInput::wrongTypes()
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
void TestHostileInput::manyWrongTypes()
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

void TestHostileInput::unknownKinds_data()
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

void TestHostileInput::unknownKinds()
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

void TestHostileInput::adminGroupNotExported_data()
{
    QTest::addColumn<bool>("groupExported");
    QTest::newRow("admin group not in the Entra export") << false;
    QTest::newRow("admin group exported") << true;
}

void TestHostileInput::adminGroupNotExported()
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

// ------------------------------------------------------------------ keys given twice

void TestHostileInput::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    // A reader of the file sees the first subjects; every parser uses the last.
    QTest::newRow("JSON") << QByteArray("{\"apiVersion\": \"rbac.authorization.k8s.io/v1\", \"kind\": \"ClusterRoleBinding\",\n"
                                        " \"metadata\": {\"name\": \"admins\"}, \"roleRef\": {\"kind\": \"ClusterRole\", \"name\": \"cluster-admin\"},\n"
                                        " \"subjects\": [{\"kind\": \"Group\", \"name\": \"ops\"}],\n"
                                        " \"subjects\": [{\"kind\": \"User\", \"name\": \"mallory\"}]}\n")
                          << 4 << 3;
    QTest::newRow("YAML") << QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: admins\n"
                                        "roleRef:\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n- kind: Group\n  name: ops\n"
                                        "subjects:\n- kind: User\n  name: mallory\n")
                          << 12 << 1;
}

void TestHostileInput::duplicateKeys()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    const Snapshot s = loadWithin({{"twice", content.toStdString()}});
    verifyDiagnostic(s, QStringLiteral("twice"), QStringLiteral("the key 'subjects' appears twice in one mapping; the last value is used"),
                     line, column, Diagnostic::Severity::Warning);
    verifyFacts(lines({"binding admins * subjects=User:mallory"}), dump(s));
}

// ------------------------------------------------------------------ finding 7: truncated YAML

void TestHostileInput::truncatedYaml_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line"); // 0: no warning
    QTest::addColumn<int>("column");

    const QByteArray binding("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: admins\n"
                             "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n"
                             "subjects:\n- kind: Group\n  name: d9e139ec-4");
    QTest::newRow("cut in the middle of a group ID") << binding << 11 << 19;
    QTest::newRow("complete, with a line break") << binding + "c2c-4f1e-9d6b-3c8f0a2e5b71\n" << 0 << 0;
    QTest::newRow("complete, with CRLF line breaks") << QByteArray(binding).replace("\n", "\r\n") + "c2c-4f1e-9d6b-3c8f0a2e5b71\r\n" << 0 << 0;
    QTest::newRow("a comment without a line break") << binding + "c2c-4f1e-9d6b-3c8f0a2e5b71\n# end" << 0 << 0;
}

void TestHostileInput::truncatedYaml()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    const Snapshot s = loadWithin({{"cut.yaml", content.toStdString()}});
    const QString message = QStringLiteral("the file does not end with a line break: possibly truncated, so the value on this last line "
                                           "may be cut short");
    QCOMPARE(s.kube.bindings.size(), std::size_t(1)); // loaded, but not silently
    if (line == 0) {
        QVERIFY2(s.diagnostics.empty(), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
        return;
    }
    verifyDiagnostic(s, QStringLiteral("cut.yaml"), message, line, column, Diagnostic::Severity::Warning);
    verifyFacts(lines({"binding admins * subjects=Group:d9e139ec-4"}), dump(s));
}

// ------------------------------------------------------------------ finding 7: unreadable files and folders

namespace {

/** Runs `load` on a worker thread; a hang (a pipe opened for reading) fails instead of blocking. */
Snapshot runWithin(std::function<Snapshot()> load, std::chrono::milliseconds deadline)
{
    auto result = std::make_shared<std::promise<Snapshot>>();
    auto done = result->get_future();
    std::thread([result, load = std::move(load)] { result->set_value(load()); }).detach();
    if (done.wait_for(deadline) != std::future_status::ready)
        qFatal("the loader did not return within %lld ms", static_cast<long long>(deadline.count()));
    return done.get();
}

} // namespace

void TestHostileInput::unreadableInput_data()
{
    QTest::addColumn<QString>("entry");   // what to create in the folder, next to a readable file
    QTest::addColumn<QString>("reported"); // the name in the diagnostic, relative to the folder given; empty: none
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("needsPermissions"); // root reads everything: skipped when running as root

    QTest::newRow("broken symbolic link") << QStringLiteral("broken.yaml") << QStringLiteral("broken.yaml")
                                          << QStringLiteral("cannot read: a symbolic link to something that does not exist") << false;
    QTest::newRow("named pipe") << QStringLiteral("pipe.yaml") << QStringLiteral("pipe.yaml")
                                << QStringLiteral("not a regular file (a pipe, socket or device); skipped, since reading it could wait forever")
                                << false;
    QTest::newRow("symbolic link loop") << QStringLiteral("loop") << QString() << QString() << false;
    QTest::newRow("subfolder without permissions") << QStringLiteral("locked") << QStringLiteral("locked")
                                                   << QStringLiteral("cannot read this folder: Permission denied; its files were not loaded")
                                                   << true;
    QTest::newRow("file without permissions") << QStringLiteral("secret.yaml") << QStringLiteral("secret.yaml")
                                              << QStringLiteral("cannot open: Permission denied") << true;
}

void TestHostileInput::unreadableInput()
{
    QFETCH(QString, entry);
    QFETCH(QString, reported);
    QFETCH(QString, message);
    QFETCH(bool, needsPermissions);
    if (needsPermissions && geteuid() == 0)
        QSKIP("running as root, which reads everything: the permission check cannot be shown here");
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("exports"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/sub")));
    QFile good(folder + QStringLiteral("/sub/good.yaml"));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write(kGoodYaml);
    good.close();
    const QByteArray path = QFile::encodeName(folder + QLatin1Char('/') + entry);
    if (entry == QLatin1String("broken.yaml")) {
        QCOMPARE(::symlink("missing.yaml", path.constData()), 0);
    } else if (entry == QLatin1String("pipe.yaml")) {
        QCOMPARE(::mkfifo(path.constData(), 0600), 0);
    } else if (entry == QLatin1String("loop")) {
        QCOMPARE(::symlink(".", path.constData()), 0);
    } else if (entry == QLatin1String("locked")) {
        QVERIFY(QDir().mkpath(QString::fromLocal8Bit(path)));
        QFile inside(QString::fromLocal8Bit(path) + QStringLiteral("/role.yaml"));
        QVERIFY(inside.open(QIODevice::WriteOnly));
        inside.close();
        QCOMPARE(::chmod(path.constData(), 0), 0);
    } else {
        QFile file(QString::fromLocal8Bit(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kAfterYaml);
        file.close();
        QCOMPARE(::chmod(path.constData(), 0), 0);
    }
    const std::string given = folder.toStdString();
    const Snapshot s = runWithin([given] { return loadSnapshot({given}, LoadOptions{false, {}, nullptr}); }, std::chrono::seconds(10));
    ::chmod(path.constData(), 0700); // so that QTemporaryDir can remove it
    QCOMPARE(s.kube.roles.size(), std::size_t(1)); // the readable file loaded, once
    if (reported.isEmpty()) {
        QVERIFY2(s.diagnostics.empty(), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
        return;
    }
    verifyDiagnostic(s, folder + QLatin1Char('/') + reported, message, 0, 0, Diagnostic::Severity::Error);
}

// ------------------------------------------------------------------ cancellation inside a long file

void TestHostileInput::cancelInsideFile_data()
{
    QTest::addColumn<bool>("json");
    QTest::addColumn<int>("count");
    QTest::newRow("a YAML List") << false << 50000;
    QTest::newRow("a JSON List") << true << 100000;
}

void TestHostileInput::cancelInsideFile()
{
    QFETCH(bool, json);
    QFETCH(int, count);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(json ? QStringLiteral("big.json") : QStringLiteral("big.yaml"));
    std::string text = json ? "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n" : "apiVersion: v1\nkind: List\nitems:\n";
    for (int i = 0; i < count; ++i) {
        const std::string name = "ns-" + std::to_string(i);
        text += json ? std::string(i ? "," : "") + "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"" + name + "\"}}\n"
                     : "- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: " + name + "\n";
    }
    text += json ? "]}\n" : "";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.data(), qint64(text.size()));
    file.close();

    // Cancel as the first progress report arrives, which is inside the file.
    std::atomic<bool> cancel{false};
    std::vector<std::pair<qint64, qint64>> calls;
    LoadOptions options{false, [&](qint64 done, qint64 total) {
                            calls.emplace_back(done, total);
                            cancel = true;
                        },
                        &cancel};
    SnapshotLoader loader(options);
    const std::string second = tmp.filePath(QStringLiteral("second.yaml")).toStdString();
    QFile secondFile(QString::fromStdString(second));
    QVERIFY(secondFile.open(QIODevice::WriteOnly));
    secondFile.write(kGoodYaml);
    secondFile.close();
    loader.addPaths({path.toStdString(), second});
    QVERIFY(loader.cancelled());
    const Snapshot s = loader.finish();
    QVERIFY(!calls.empty());
    QVERIFY2(calls.front().first < qint64(text.size()), "the first progress report came only after the file");
    QVERIFY2(s.kube.namespaces.size() < std::size_t(count),
             qPrintable(QStringLiteral("all %1 namespaces loaded: not cancelled inside the file").arg(s.kube.namespaces.size())));
    QVERIFY(s.kube.roles.empty()); // the second file was not read
    QVERIFY(findDiagnostic(s, QStringLiteral("loading was cancelled")));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostile_input.moc"
