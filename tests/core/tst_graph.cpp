// SPDX-License-Identifier: GPL-3.0-or-later
// The unified graph: one row per rule of docs/semantics.md §3-§5 (Entra identities on AKS, Azure RBAC
// data actions and scopes, the AKS admin group and the local admin credential).
#include "graph/matrix.h"
#include "graph/permissiongraph.h"

#include <QTest>

using namespace clr;

namespace {

const std::string kSub = "/subscriptions/00000000-0000-0000-0000-000000000001";
const std::string kRg = kSub + "/resourceGroups/rg-aks";
const std::string kCluster = kRg + "/providers/Microsoft.ContainerService/managedClusters/aks-prod";
const std::string kOtherCluster = kRg + "/providers/Microsoft.ContainerService/managedClusters/aks-dev";

// Object IDs
const std::string kAlice = "a0000000-0000-0000-0000-00000000000a";   // member user in nested groups
const std::string kGuest = "b0000000-0000-0000-0000-00000000000b";   // guest
const std::string kSp = "c0000000-0000-0000-0000-00000000000c";      // service principal
const std::string kDisabled = "d0000000-0000-0000-0000-00000000000d"; // disabled user
const std::string kOwner = "e0000000-0000-0000-0000-00000000000e";   // Contributor on the subscription
const std::string kAdminUser = "f0000000-0000-0000-0000-00000000000f";
const std::string kNobody = "10000000-0000-0000-0000-000000000010";
const std::string kCondUser = "11000000-0000-0000-0000-000000000011";
const std::string kNsAdmin = "12000000-0000-0000-0000-000000000012";
const std::string kDevs = "90000000-0000-0000-0000-000000000001";     // Alice's direct group
const std::string kEng = "90000000-0000-0000-0000-000000000002";      // contains Devs
const std::string kAll = "90000000-0000-0000-0000-000000000003";      // contains Eng (and Eng contains All: a cycle)
const std::string kAdmins = "90000000-0000-0000-0000-000000000004";   // AKS admin group
const std::string kReaders = "90000000-0000-0000-0000-000000000005";

entra::Principal principal(const std::string &id, entra::PrincipalType type, const std::string &name, const std::string &upn = {})
{
    entra::Principal p;
    p.id = id;
    p.type = type;
    p.displayName = name;
    p.userPrincipalName = upn;
    return p;
}

azure::RoleDefinition roleDef(const std::string &guid, const std::string &name, std::vector<std::string> dataActions,
                              std::vector<std::string> notDataActions = {}, std::vector<std::string> actions = {})
{
    azure::RoleDefinition d;
    d.id = "/providers/Microsoft.Authorization/roleDefinitions/" + guid;
    d.name = guid;
    d.roleName = name;
    d.permissions.push_back({std::move(actions), {}, std::move(dataActions), std::move(notDataActions)});
    return d;
}

azure::RoleAssignment assign(const std::string &name, const std::string &principalId, const std::string &roleGuid, const std::string &scope,
                             const std::string &condition = {})
{
    azure::RoleAssignment a;
    a.id = scope + "/providers/Microsoft.Authorization/roleAssignments/" + name;
    a.name = name;
    a.principalId = principalId;
    a.roleDefinitionId = kSub + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid;
    a.scope = scope;
    a.condition = condition;
    return a;
}

const std::string kReaderRole = "7f6c6a51-bcf8-42ba-9220-52d62157d7db";
const std::string kWriterRole = "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb";
const std::string kNoSecretsRole = "11111111-2222-3333-4444-555555555555";
const std::string kSecretsRole = "11111111-2222-3333-4444-666666666666";
const std::string kContributor = "b24988ac-6181-4d4a-8dc2-39b05a0e3b01";
const std::string kClusterAdminRole = "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8";

Snapshot makeSnapshot(bool azureRbac, bool localAccounts, bool entraIntegration = true)
{
    Snapshot s;
    auto &dir = s.directory;
    using T = entra::PrincipalType;
    auto alice = dir.upsert(principal(kAlice, T::User, "Alice", "alice@contoso.com"));
    auto guest = principal(kGuest, T::User, "Gus Guest", "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com");
    guest.guest = true;
    auto guestId = dir.upsert(guest);
    auto spId = dir.upsert(principal(kSp, T::ServicePrincipal, "ci-deployer"));
    auto disabled = principal(kDisabled, T::User, "Dora Disabled", "dora@contoso.com");
    disabled.accountEnabled = false;
    auto disabledId = dir.upsert(disabled);
    dir.upsert(principal(kOwner, T::User, "Olga Owner", "olga@contoso.com"));
    auto adminUser = dir.upsert(principal(kAdminUser, T::User, "Adam Admin", "adam@contoso.com"));
    dir.upsert(principal(kNobody, T::User, "Ned Nobody", "ned@contoso.com"));
    dir.upsert(principal(kCondUser, T::User, "Cora Conditional", "cora@contoso.com"));
    dir.upsert(principal(kNsAdmin, T::User, "Nina Namespace", "nina@contoso.com"));
    auto devs = dir.upsert(principal(kDevs, T::Group, "Finance Devs"));
    auto eng = dir.upsert(principal(kEng, T::Group, "Engineering"));
    auto all = dir.upsert(principal(kAll, T::Group, "All Staff"));
    auto admins = dir.upsert(principal(kAdmins, T::Group, "AKS Admins"));
    auto readers = dir.upsert(principal(kReaders, T::Group, "Readers"));
    dir.addMembership(devs, alice);
    dir.addMembership(devs, disabledId);
    dir.addMembership(eng, devs);
    dir.addMembership(all, eng);
    dir.addMembership(eng, all); // cycle
    dir.addMembership(admins, adminUser);
    dir.addMembership(readers, guestId);
    dir.addMembership(readers, spId);
    dir.finalize(&s.diagnostics);

    k8s::Role role;
    role.name = "pod-deleter";
    role.ns = "finance";
    role.rules = {{{"get", "list", "delete"}, {""}, {"pods"}, {}, {}}};
    k8s::Role view;
    view.name = "view";
    view.cluster = true;
    view.rules = {{{"get", "list"}, {""}, {"configmaps"}, {}, {}}};
    s.kube.roles = {role, view};
    auto rb = [](const std::string &ns, const std::string &name, const std::string &kind, const std::string &roleName, k8s::Subject subj) {
        k8s::Binding b;
        b.name = name;
        b.ns = ns;
        b.cluster = ns.empty();
        b.roleRef = {kind, roleName};
        b.subjects = {subj};
        return b;
    };
    using SK = k8s::Subject::Kind;
    s.kube.bindings = {
        rb("finance", "all-staff-pods", "Role", "pod-deleter", {SK::Group, kAll, {}}),            // nested: Alice via Devs→Eng→All
        rb("finance", "display-name", "Role", "pod-deleter", {SK::Group, "Readers", {}}),         // display name: never matches
        rb("", "guest-view-by-upn", "ClusterRole", "view", {SK::User, "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com", {}}),
        rb("", "sp-view", "ClusterRole", "view", {SK::User, kSp, {}}),                            // SP by object ID
        rb("web", "guest-view-by-oid", "ClusterRole", "view", {SK::User, kGuest, {}}),
    };

    auto &az = s.azure;
    az.roleDefinitions = {
        roleDef(kReaderRole, "Azure Kubernetes Service RBAC Reader", {"Microsoft.ContainerService/managedClusters/*/read"},
                {"Microsoft.ContainerService/managedClusters/secrets/*"}),
        roleDef(kWriterRole, "Azure Kubernetes Service RBAC Writer", {"Microsoft.ContainerService/managedClusters/*"}),
        roleDef(kNoSecretsRole, "No Secrets", {"Microsoft.ContainerService/managedClusters/*"},
                {"Microsoft.ContainerService/managedClusters/secrets/*"}),
        roleDef(kSecretsRole, "Secrets Reader", {"Microsoft.ContainerService/managedClusters/secrets/read"}),
        roleDef(kContributor, "Contributor", {}, {}, {"*"}),
        roleDef(kClusterAdminRole, "Azure Kubernetes Service Cluster Admin Role", {}, {},
                {"Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action"}),
    };
    az.assignments = {
        assign("ns-reader", kReaders, kReaderRole, kCluster + "/namespaces/payments"),   // group, namespace scope
        assign("cluster-writer", kAlice, kWriterRole, kCluster),                          // user, cluster scope (secrets too)
        assign("rg-nosecrets", kNsAdmin, kNoSecretsRole, kRg),                            // notDataActions in same role
        assign("other-secrets", kNsAdmin, kSecretsRole, kCluster + "/namespaces/vault"),  // another role grants back, in vault only
        assign("owner", kOwner, kContributor, kSub),                                      // admin credential via "*"
        assign("other-cluster", kNobody, kWriterRole, kOtherCluster),                     // another cluster: nothing
        assign("conditional", kCondUser, kWriterRole, kCluster, "@Resource[x] StringEquals 'y'"),
        assign("ns-cred", kNobody, kClusterAdminRole, kCluster + "/namespaces/payments"), // below the cluster: no credential
        assign("sp-reader", kSp, kReaderRole, kCluster + "/namespaces/payments"),
    };
    azure::ManagedCluster c;
    c.id = kCluster;
    c.name = "aks-prod";
    c.entraIntegration = entraIntegration;
    c.enableAzureRbac = azureRbac;
    c.disableLocalAccounts = !localAccounts;
    c.adminGroupObjectIds = {kAdmins};
    az.clusters = {c};
    return s;
}

k8s::Request req(const std::string &verb, const std::string &resource, const std::string &ns, const std::string &group = {})
{
    k8s::Request r;
    r.verb = verb;
    r.resource = resource;
    r.apiGroup = group;
    r.ns = ns;
    return r;
}

QString planesOf(Planes p)
{
    QStringList out;
    for (const auto &n : planeNames(p))
        out << QString::fromStdString(n);
    return out.join(QLatin1Char(','));
}

} // namespace

class TestGraph : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_data();
    void decide();
    void identities_data();
    void identities();
    void whoCanPrincipals();
    void explainPaths();
    void explainMisses();
    void matrix();
    void findings();
};

void TestGraph::decide_data()
{
    QTest::addColumn<bool>("azureRbac");
    QTest::addColumn<bool>("localAccounts");
    QTest::addColumn<QString>("as");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("planes");
    auto row = [](const char *tag, bool az, bool local, const std::string &as, const char *verb, const char *res, const char *ns, bool allowed,
                  const char *planes) {
        QTest::newRow(tag) << az << local << QString::fromStdString(as) << QString::fromUtf8(verb) << QString::fromUtf8(res)
                           << QString::fromUtf8(ns) << allowed << QString::fromUtf8(planes);
    };
    // §3 identities
    row("member user by UPN through nested groups", false, false, "alice@contoso.com", "delete", "pods", "finance", true, "kubernetes");
    row("nested group, other namespace", false, false, "alice@contoso.com", "delete", "pods", "web", false, "");
    row("group cycle tolerated", false, false, kAlice, "list", "pods", "finance", true, "kubernetes");
    row("group by display name never matches", false, false, kSp, "delete", "pods", "finance", false, "");
    row("guest is not matched by UPN", false, false, kGuest, "get", "configmaps", "finance", false, "");
    row("guest is matched by object ID", false, false, kGuest, "get", "configmaps", "web", true, "kubernetes");
    row("service principal by object ID", false, false, "ci-deployer", "get", "configmaps", "web", true, "kubernetes");
    row("disabled account keeps its grants", false, false, "dora@contoso.com", "delete", "pods", "finance", true, "kubernetes");
    row("admin group is cluster-admin", false, false, "adam@contoso.com", "delete", "nodes", "", true, "aks-admin-group");
    // §4 Azure RBAC
    row("Azure RBAC off: assignment ignored", false, false, "alice@contoso.com", "create", "deployments", "web", false, "");
    row("cluster-scope assignment", true, false, "alice@contoso.com", "create", "deployments", "web", true, "azure");
    row("union with Kubernetes RBAC", true, false, "alice@contoso.com", "delete", "pods", "finance", true, "kubernetes,azure");
    row("namespace-scope assignment in its namespace", true, false, "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com", "list", "pods", "payments", true, "azure");
    row("namespace-scope assignment, other namespace", true, false, kGuest, "list", "pods", "finance", false, "");
    row("namespace-scope assignment, cluster-scoped resource", true, false, kGuest, "list", "nodes", "", false, "");
    row("namespace-scope assignment, across all namespaces", true, false, kGuest, "list", "pods", "", false, "");
    row("group assignment applies to members", true, false, "ci-deployer", "get", "deployments", "payments", true, "azure");
    row("reader role excludes secrets", true, false, kGuest, "get", "secrets", "payments", false, "");
    row("resource-group scope", true, false, "nina@contoso.com", "delete", "deployments", "web", true, "azure");
    row("notDataActions in the same role", true, false, "nina@contoso.com", "get", "secrets", "web", false, "");
    row("another role still grants", true, false, "nina@contoso.com", "get", "secrets", "vault", true, "azure");
    row("assignment on another cluster", true, false, "ned@contoso.com", "get", "pods", "web", false, "");
    row("conditional assignment not evaluated", true, false, "cora@contoso.com", "get", "pods", "web", false, "");
    row("service account never reaches Azure", true, false, "system:serviceaccount:web:app", "get", "pods", "web", false, "");
    // Wildcard requests: every concrete action must be allowed (docs/semantics.md §4, wildcard requests)
    row("wildcard request, notDataActions leaves a gap", true, false, "nina@contoso.com", "*", "*", "web", false, "");
    row("wildcard request, role covers all", true, false, "alice@contoso.com", "*", "*", "web", true, "azure");
    row("wildcard verb, cluster-scope writer", true, false, "alice@contoso.com", "*", "pods", "web", true, "azure");
    row("wildcard resource, reader excludes secrets", true, false, kGuest, "get", "*", "payments", false, "");
    row("wildcard resource, writer covers every resource", true, false, "alice@contoso.com", "get", "*", "web", true, "azure");
    // §5 credentials
    row("Contributor downloads the admin credential", false, true, "olga@contoso.com", "delete", "secrets", "kube-system", true, "admin-credential");
    row("local accounts disabled", false, false, "olga@contoso.com", "delete", "secrets", "kube-system", false, "");
    row("credential action below cluster scope", false, true, "ned@contoso.com", "get", "pods", "payments", false, "");
    row("no access at all", true, true, "ned@contoso.com", "get", "pods", "web", false, "");
}

void TestGraph::decide()
{
    QFETCH(bool, azureRbac);
    QFETCH(bool, localAccounts);
    QFETCH(QString, as);
    QFETCH(QString, verb);
    QFETCH(QString, resource);
    QFETCH(QString, ns);
    QFETCH(bool, allowed);
    QFETCH(QString, planes);
    const PermissionGraph graph(makeSnapshot(azureRbac, localAccounts));
    std::string error;
    const Identity who = graph.identityFor(as.toStdString(), {}, &error);
    QVERIFY2(error.empty(), error.c_str());
    const auto group = resource == QLatin1String("deployments") ? std::string("apps")
                       : resource == QLatin1String("*")         ? std::string("*")
                                                                : std::string();
    const Decision d = graph.check(who, req(verb.toStdString(), resource.toStdString(), ns.toStdString(), group));
    QCOMPARE(d.allowed, allowed);
    QCOMPARE(planesOf(d.planes), planes);
    // explain() must agree with check(): one evaluator.
    const Explanation ex = graph.explain(who, req(verb.toStdString(), resource.toStdString(), ns.toStdString(), group));
    QCOMPARE(ex.decision.allowed, allowed);
    Planes fromPaths = 0;
    for (const auto &p : ex.paths)
        if (!p.conditional)
            fromPaths |= planeBit(p.plane);
    QCOMPARE(planesOf(fromPaths), planes);
}

void TestGraph::identities_data()
{
    QTest::addColumn<QString>("as");
    QTest::addColumn<QString>("userName");
    QTest::addColumn<int>("entraGroups");
    QTest::addColumn<bool>("error");
    QTest::newRow("UPN") << "alice@contoso.com" << "alice@contoso.com" << 3 << false;
    QTest::newRow("object ID") << QString::fromStdString(kAlice) << "alice@contoso.com" << 3 << false;
    QTest::newRow("object ID upper case") << QString::fromStdString(kAlice).toUpper() << "alice@contoso.com" << 3 << false;
    QTest::newRow("display name") << "Alice" << "alice@contoso.com" << 3 << false;
    QTest::newRow("guest by UPN maps to object ID") << "gus_fabrikam.com#EXT#@contoso.onmicrosoft.com" << QString::fromStdString(kGuest) << 1 << false;
    QTest::newRow("service principal") << "ci-deployer" << QString::fromStdString(kSp) << 1 << false;
    QTest::newRow("group is refused") << "Finance Devs" << "" << 0 << true;
    QTest::newRow("plain Kubernetes user") << "someone" << "someone" << 0 << false;
}

void TestGraph::identities()
{
    QFETCH(QString, as);
    QFETCH(QString, userName);
    QFETCH(int, entraGroups);
    QFETCH(bool, error);
    const PermissionGraph graph(makeSnapshot(true, true));
    std::string err;
    const Identity who = graph.identityFor(as.toStdString(), {}, &err);
    QCOMPARE(!err.empty(), error);
    if (error)
        return;
    QCOMPARE(QString::fromStdString(who.user.name), userName);
    QCOMPARE(int(who.entraGroups.size()), entraGroups);
    QVERIFY(std::find(who.user.groups.begin(), who.user.groups.end(), "system:authenticated") != who.user.groups.end());
}

void TestGraph::whoCanPrincipals()
{
    const PermissionGraph graph(makeSnapshot(true, true));
    const auto result = graph.whoCan(req("delete", "pods", "finance"));
    QMap<QString, QString> got;
    for (const auto &p : result.principals)
        got[QString::fromStdString(graph.snapshot().directory.at(p.principal).displayName)] = p.conditional ? QStringLiteral("conditional") : planesOf(p.planes);
    QCOMPARE(got.value(QStringLiteral("Alice")), QStringLiteral("kubernetes,azure"));
    QCOMPARE(got.value(QStringLiteral("Dora Disabled")), QStringLiteral("kubernetes"));
    QCOMPARE(got.value(QStringLiteral("Adam Admin")), QStringLiteral("aks-admin-group"));
    QCOMPARE(got.value(QStringLiteral("Olga Owner")), QStringLiteral("admin-credential"));
    QCOMPARE(got.value(QStringLiteral("Nina Namespace")), QStringLiteral("azure"));
    QCOMPARE(got.value(QStringLiteral("Cora Conditional")), QStringLiteral("conditional"));
    QVERIFY(!got.contains(QStringLiteral("Ned Nobody")));
    QVERIFY(!got.contains(QStringLiteral("Gus Guest")));
    QVERIFY2(!got.contains(QStringLiteral("Finance Devs")), "groups are expanded, not listed");
    // The Kubernetes subjects are listed as kubectl tools list them.
    QStringList subjects;
    for (const auto &sg : result.subjects)
        subjects << QString::fromStdString(sg.subject.name);
    subjects.sort();
    QCOMPARE(subjects, (QStringList{QString::fromStdString(kAll), QStringLiteral("Readers")}));
}

void TestGraph::explainPaths()
{
    const PermissionGraph graph(makeSnapshot(true, true));
    const Identity alice = graph.identityFor("alice@contoso.com", {});
    const Explanation ex = graph.explain(alice, req("delete", "pods", "finance"));
    QVERIFY(ex.decision.allowed);
    const GrantPath *k8sPath = nullptr;
    for (const auto &p : ex.paths)
        if (p.plane == Plane::Kubernetes)
            k8sPath = &p;
    QVERIFY(k8sPath);
    const QString text = QString::fromStdString(k8sPath->text);
    // principal → group chain (nested) → binding → role → rule
    QVERIFY2(text.contains(QStringLiteral("Finance Devs")) && text.contains(QStringLiteral("Engineering"))
                 && text.contains(QStringLiteral("All Staff")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("RoleBinding finance/all-staff-pods")));
    QVERIFY(text.contains(QStringLiteral("Role finance/pod-deleter")));
    QVERIFY(text.contains(QStringLiteral("rule 1")));
    QCOMPARE(QString::fromStdString(k8sPath->steps.back().label).left(6), QStringLiteral("rule 1"));
    bool azureAssumption = false;
    for (const auto &p : ex.paths)
        if (p.plane == Plane::Azure)
            azureAssumption = p.assumption && QString::fromStdString(p.text).contains(QStringLiteral("assumed"));
    QVERIFY(azureAssumption);
}

void TestGraph::explainMisses()
{
    const PermissionGraph graph(makeSnapshot(true, false));
    const Identity alice = graph.identityFor("alice@contoso.com", {});
    const Explanation ex = graph.explain(alice, req("delete", "pods", "web"));
    QVERIFY(ex.decision.allowed); // cluster-scope Azure writer
    const Identity guest = graph.identityFor(kGuest, {});
    const Explanation no = graph.explain(guest, req("list", "pods", "finance"));
    QVERIFY(!no.decision.allowed);
    QString misses;
    for (const auto &m : no.misses)
        misses += QString::fromStdString(m) + QLatin1Char('\n');
    QVERIFY2(misses.contains(QStringLiteral("grants it in namespace payments, not in finance")), qPrintable(misses));
    const Identity sp = graph.identityFor("ci-deployer", {});
    const Explanation byName = graph.explain(sp, req("delete", "pods", "finance"));
    QString spMisses;
    for (const auto &m : byName.misses)
        spMisses += QString::fromStdString(m);
    QVERIFY2(spMisses.contains(QStringLiteral("by display name")), qPrintable(spMisses));
}

void TestGraph::matrix()
{
    const PermissionGraph graph(makeSnapshot(true, true));
    const Identity alice = graph.identityFor("alice@contoso.com", {});
    std::vector<MatrixColumn> cols{{"", "pods", "", "delete", true, false}, {"", "secrets", "", "get", true, false},
                                   {"", "nodes", "", "list", false, false}};
    PrincipalMatrix m(graph, alice, cols, {"", "finance", "web"});
    QCOMPARE(m.rowCount(), 3);
    // Every cell agrees with check(): the matrix is the same evaluator, gathered once.
    for (int r = 0; r < m.rowCount(); ++r) {
        for (int c = 0; c < m.columnCount(); ++c) {
            const Decision d = graph.check(alice, cols[std::size_t(c)].request(m.rowNamespace(r)));
            QCOMPARE(m.cell(r, c).state == MatrixCell::State::Allowed, d.allowed);
            if (d.allowed)
                QCOMPARE(m.cell(r, c).planes, d.planes);
        }
    }
    std::vector<Identity> people{alice, graph.identityFor("ned@contoso.com", {}), graph.identityFor("olga@contoso.com", {})};
    NamespaceMatrix nm(graph, "finance", people, cols);
    for (int r = 0; r < nm.rowCount(); ++r)
        for (int c = 0; c < nm.columnCount(); ++c)
            QCOMPARE(nm.cell(r, c).state == MatrixCell::State::Allowed,
                     graph.check(people[std::size_t(r)], cols[std::size_t(c)].request("finance")).allowed);
    QCOMPARE(nm.cell(2, 1).planes, planeBit(Plane::AdminCredential));
}

void TestGraph::findings()
{
    const PermissionGraph graph(makeSnapshot(true, true));
    QString all;
    for (const auto &d : graph.diagnostics())
        all += QString::fromStdString(d.message) + QLatin1Char('\n');
    QVERIFY2(all.contains(QStringLiteral("names group 'Readers' by display name")), qPrintable(all));
    QVERIFY(graph.snapshot().directory.cycles().size() == 1);
}

QTEST_GUILESS_MAIN(TestGraph)
#include "tst_graph.moc"
