// SPDX-License-Identifier: GPL-3.0-or-later
// Comparison of two snapshots, one data row per kind of change: every line of who gained or lost what
// (exact text, or a prefix for long ones), the change that causes it and the path shown for it, the
// changes listed as "no effect", and every reported request checked with check() on both graphs.
#include "compare/compare.h"
#include "comparefixture.h"

#include <QtTest>

#include <memory>
#include <set>

using namespace clr;
using namespace clr::compare;
using fixture::Edit;

namespace {

const QString kFile = QStringLiteral("rbac.yaml");

QString whoOf(const Party &p)
{
    return QString::fromStdString(p.displayName.empty() ? p.name : p.displayName);
}

QString causeText(const Comparison &c, const PermissionChange &line)
{
    QStringList out;
    for (auto i : line.causes)
        out << QString::fromStdString(c.changes[i].summary);
    return out.join(QStringLiteral(" | "));
}

/** "+|Bob Builder|in namespace team-b: get pods" for each line of the comparison. */
struct Actual
{
    QString key;
    QString causes;
    QString path;
};

std::vector<Actual> actualLines(const Comparison &c)
{
    std::vector<Actual> out;
    for (const auto &d : c.identities) {
        for (const auto *list : {&d.gained, &d.lost}) {
            for (const auto &line : *list)
                out.push_back({QStringLiteral("%1|%2|%3").arg(list == &d.gained ? QStringLiteral("+") : QStringLiteral("-"), whoOf(d.who),
                                                             QString::fromStdString(line.text())),
                               causeText(c, line), QString::fromStdString(line.path.text)});
        }
    }
    return out;
}

bool matches(const QString &expected, const QString &actual)
{
    if (expected.endsWith(QStringLiteral("…")))
        return actual.startsWith(expected.chopped(1));
    return actual == expected;
}

const char *kRoleBindingBobPods = R"(---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bob-pods, namespace: team-b}
subjects:
- {kind: User, name: bob@example.com, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
)";

const char *kAlicePods = R"(---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-pods, namespace: team-a}
subjects:
- {kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
)";

} // namespace

class TestCompare final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pairs_data();
    void pairs();
    void identicalSnapshotsDiffer_not();
    void onlyOneIdentity();
    void namespaceFilter();
    void cellChangeLookup();
};

void TestCompare::pairs_data()
{
    QTest::addColumn<QList<Edit>>("edits");
    QTest::addColumn<QStringList>("lines");    // "sign|who|scope: permissions|cause[&cause]", "…" ends a prefix
    QTest::addColumn<QString>("path");         // what the first expected line's path passes through
    QTest::addColumn<QStringList>("noEffect"); // "summary" or "summary|detail"

    const QString alicePods = QString::fromLatin1(kAlicePods);
    const QString tail = QStringLiteral("roleRef: {kind: ClusterRole, name: aggregate-view, apiGroup: rbac.authorization.k8s.io}\n");
    const QString podsA = QStringLiteral("in namespace team-a: get, list, watch pods, pods/log");

    QTest::newRow("binding added") << QList<Edit>{{kFile, tail, tail + QString::fromLatin1(kRoleBindingBobPods)}}
                                   << QStringList{QStringLiteral("+|Bob Builder|in namespace team-b: get, list, watch pods, pods/log|RoleBinding team-b/bob-pods added")}
                                   << QStringLiteral("RoleBinding team-b/bob-pods → ClusterRole pod-reader") << QStringList{};
    QTest::newRow("binding removed") << QList<Edit>{{kFile, alicePods, QString()}}
                                     << QStringList{QStringLiteral("-|Alice Admin|") + podsA + QStringLiteral("|RoleBinding team-a/alice-pods removed")}
                                     << QStringLiteral("user Alice Admin (alice@example.com) → RoleBinding team-a/alice-pods") << QStringList{};
    QTest::newRow("binding subjects changed")
        << QList<Edit>{{kFile, QStringLiteral("- {kind: User, name: alice@example.com"), QStringLiteral("- {kind: Group, name: bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb")}}
        << QStringList{QStringLiteral("-|Alice Admin|") + podsA + QStringLiteral("|RoleBinding team-a/alice-pods edited"),
                       QStringLiteral("+|Bob Builder|") + podsA + QStringLiteral("|RoleBinding team-a/alice-pods edited"),
                       QStringLiteral("+|Leads|") + podsA + QStringLiteral("|RoleBinding team-a/alice-pods edited")}
        << QStringLiteral("RoleBinding team-a/alice-pods") << QStringList{};
    QTest::newRow("binding roleRef changed")
        << QList<Edit>{{kFile, QStringLiteral("roleRef: {kind: ClusterRole, name: pod-reader"), QStringLiteral("roleRef: {kind: ClusterRole, name: secret-reader")}}
        << QStringList{QStringLiteral("-|Alice Admin|") + podsA + QStringLiteral("|RoleBinding team-a/alice-pods edited"),
                       QStringLiteral("+|Alice Admin|in namespace team-a: get secrets|RoleBinding team-a/alice-pods edited")}
        << QStringLiteral("ClusterRole pod-reader") << QStringList{};
    QTest::newRow("binding namespace changed")
        << QList<Edit>{{kFile, QStringLiteral("{name: alice-pods, namespace: team-a}"), QStringLiteral("{name: alice-pods, namespace: team-b}")}}
        << QStringList{QStringLiteral("-|Alice Admin|") + podsA + QStringLiteral("|RoleBinding team-a/alice-pods removed"),
                       QStringLiteral("+|Alice Admin|in namespace team-b: get, list, watch pods, pods/log|RoleBinding team-b/alice-pods added")}
        << QStringLiteral("RoleBinding team-a/alice-pods") << QStringList{};
    QTest::newRow("role rule changed") << QList<Edit>{{kFile, QStringLiteral("verbs: [get, list, watch]"), QStringLiteral("verbs: [get, list, watch, delete]")}}
                                       << QStringList{QStringLiteral("+|Alice Admin|in namespace team-a: delete pods, pods/log|ClusterRole pod-reader edited")}
                                       << QStringLiteral("ClusterRole pod-reader") << QStringList{};
    QTest::newRow("aggregation changed by a label")
        << QList<Edit>{{kFile, QStringLiteral("labels: {team: platform}"), QStringLiteral("labels: {team: platform, rbac.example.com/aggregate-to-view: \"true\"}")}}
        << QStringList{QStringLiteral("+|Carol Guest|in every namespace: get, list configmaps|ClusterRole aggregate-view edited&ClusterRole cm-reader edited"),
                       QStringLiteral("+|Ops|in every namespace: get, list configmaps|ClusterRole aggregate-view edited&ClusterRole cm-reader edited")}
        << QStringLiteral("aggregated from ClusterRole cm-reader") << QStringList{};
    QTest::newRow("group membership added")
        << QList<Edit>{{QStringLiteral("groups.json"), QString::fromUtf8(R"({"@odata.type": "#microsoft.graph.group", "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"}]})"),
                        QString::fromUtf8(R"({"@odata.type": "#microsoft.graph.group", "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"}, {"@odata.type": "#microsoft.graph.user", "id": "33333333-3333-4333-8333-333333333333"}]})")}}
        << QStringList{QStringLiteral("+|Carol Guest|in namespace team-a: get, update configmaps|guest user Carol Guest added to group Devs")}
        << QStringLiteral("member of group Devs → RoleBinding team-a/devs-cm") << QStringList{};
    QTest::newRow("group membership added in a nested group")
        << QList<Edit>{{QStringLiteral("groups.json"), QString::fromUtf8(R"({"@odata.type": "#microsoft.graph.user", "id": "22222222-2222-4222-8222-222222222222"}]})"),
                        QString::fromUtf8(R"({"@odata.type": "#microsoft.graph.user", "id": "22222222-2222-4222-8222-222222222222"}, {"@odata.type": "#microsoft.graph.user", "id": "66666666-6666-4666-8666-666666666666"}]})")}}
        << QStringList{QStringLiteral("+|Dave Dev|in namespace team-a: get, update configmaps|user Dave Dev added to group Leads")}
        << QStringLiteral("member of group Leads → member of group Devs → RoleBinding team-a/devs-cm") << QStringList{};
    QTest::newRow("assignment added at a broader scope")
        << QList<Edit>{{QStringLiteral("assignments.json"), QStringLiteral("\n]"),
                        QString::fromUtf8(R"(, {"id": "%1/providers/Microsoft.Authorization/roleAssignments/a4a4a4a4-0000-4000-8000-000000000004", "name": "a4a4a4a4-0000-4000-8000-000000000004",
   "principalId": "44444444-4444-4444-8444-444444444444", "principalType": "ServicePrincipal", "scope": "%1",
   "roleDefinitionId": "/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db"}
])").arg(QLatin1String(fixture::kResourceGroup))}}
        << QStringList{QStringLiteral("+|deploy-bot|in every namespace except team-a: get, list, watch pods, services, configmaps, serviceaccounts…|Azure role assignment of Azure Kubernetes Service RBAC Reader to deploy-bot"),
                       QStringLiteral("+|deploy-bot|cluster-wide: get, list, watch namespaces…|Azure role assignment of Azure Kubernetes Service RBAC Reader to deploy-bot")}
        << QStringLiteral("Azure role assignment at resource group") << QStringList{};
    QTest::newRow("role definition's notDataActions removed")
        << QList<Edit>{{QStringLiteral("roles.json"), QString::fromUtf8(R"("notDataActions": ["Microsoft.ContainerService/managedClusters/secrets/read"])"),
                        QString::fromUtf8(R"("notDataActions": [])")}}
        << QStringList{QStringLiteral("+|Frank Reader|in every namespace: get, list, watch secrets|Azure role Reader Except Secrets edited")}
        << QStringLiteral("Azure role Reader Except Secrets") << QStringList{};
    QTest::newRow("role definition's notDataActions added")
        << QList<Edit>{{QStringLiteral("roles.json"), QString::fromUtf8(R"("notDataActions": ["Microsoft.ContainerService/managedClusters/secrets/read"])"),
                        QString::fromUtf8(R"("notDataActions": ["Microsoft.ContainerService/managedClusters/secrets/read", "Microsoft.ContainerService/managedClusters/configmaps/read"])")}}
        << QStringList{QStringLiteral("-|Frank Reader|in every namespace: get, list, watch configmaps|Azure role Reader Except Secrets edited")}
        << QStringLiteral("Azure role Reader Except Secrets") << QStringList{};
    QTest::newRow("local accounts turned off")
        << QList<Edit>{{QStringLiteral("aks.json"), QString::fromUtf8(R"("disableLocalAccounts": false)"), QString::fromUtf8(R"("disableLocalAccounts": true)")}}
        << QStringList{QStringLiteral("-|Erin Ops|in every namespace: get, list, watch, create, update, patch, delete pods, services, configmaps, secrets…|cluster setting disableLocalAccounts: false → true"),
                       QStringLiteral("-|Erin Ops|cluster-wide: get, list, watch, create, update, patch, delete namespaces, nodes, persistentvolumes, clusterroles.rbac.authorization.k8s.io, clusterrolebindings.rbac.authorization.k8s.io|cluster setting disableLocalAccounts: false → true")}
        << QStringLiteral("listClusterAdminCredential") << QStringList{};
    QTest::newRow("admin group added")
        << QList<Edit>{{QStringLiteral("aks.json"), QString::fromUtf8(R"("adminGroupObjectIDs": [])"), QString::fromUtf8(R"("adminGroupObjectIDs": ["bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"])")}}
        << QStringList{QStringLiteral("+|Bob Builder|in every namespace: get, list, watch, create, update, patch, delete pods…|AKS admin group Leads"),
                       QStringLiteral("+|Bob Builder|in every namespace except team-a: get, update configmaps|AKS admin group Leads"),
                       QStringLiteral("+|Bob Builder|cluster-wide: get, list, watch, create, update, patch, delete namespaces…|AKS admin group Leads"),
                       QStringLiteral("+|Leads|in every namespace: get, list, watch, create, update, patch, delete pods…|AKS admin group Leads"),
                       QStringLiteral("+|Leads|in every namespace except team-a: get, update configmaps|AKS admin group Leads"),
                       QStringLiteral("+|Leads|cluster-wide: get, list, watch, create, update, patch, delete namespaces…|AKS admin group Leads")}
        << QStringLiteral("AKS admin group") << QStringList{};
    QTest::newRow("binding renamed: no effect")
        << QList<Edit>{{kFile, QStringLiteral("{name: devs-cm, namespace: team-a}"), QStringLiteral("{name: devs-configmaps, namespace: team-a}")}} << QStringList{}
        << QString() << QStringList{QStringLiteral("RoleBinding team-a/devs-cm renamed to devs-configmaps")};
    QTest::newRow("rules reordered: no effect")
        << QList<Edit>{{kFile, QStringLiteral("  verbs: [get]\n- apiGroups: [\"\"]\n  resources: [configmaps]\n  verbs: [update]"),
                        QStringLiteral("  verbs: [update]\n- apiGroups: [\"\"]\n  resources: [configmaps]\n  verbs: [get]")}}
        << QStringList{} << QString() << QStringList{QStringLiteral("Role team-a/cm-editor edited|rules reordered")};
    QTest::newRow("label renamed: no effect") << QList<Edit>{{kFile, QStringLiteral("labels: {team: platform}"), QStringLiteral("labels: {team: infra}")}}
                                              << QStringList{} << QString() << QStringList{QStringLiteral("ClusterRole cm-reader edited|+ label team=infra")};
    QTest::newRow("binding duplicating another: no effect")
        << QList<Edit>{{kFile, tail, tail + QString(alicePods).replace(QStringLiteral("name: alice-pods,"), QStringLiteral("name: alice-pods-copy,"))}} << QStringList{}
        << QString() << QStringList{QStringLiteral("RoleBinding team-a/alice-pods-copy added")};
    QTest::newRow("group renamed: no effect")
        << QList<Edit>{{QStringLiteral("groups.json"), QString::fromUtf8(R"("displayName": "Ops")"), QString::fromUtf8(R"("displayName": "Operations")")}}
        << QStringList{} << QString() << QStringList{QStringLiteral("group Operations edited|displayName Ops → Operations")};
    QTest::newRow("account disabled: access stays latent")
        << QList<Edit>{{QStringLiteral("users.json"), QString::fromUtf8(R"("alice@example.com", "accountEnabled": true)"),
                        QString::fromUtf8(R"("alice@example.com", "accountEnabled": false)")}}
        << QStringList{} << QString() << QStringList{QStringLiteral("user Alice Admin edited|accountEnabled true → false")};
}

void TestCompare::pairs()
{
    QFETCH(QList<Edit>, edits);
    QFETCH(QStringList, lines);
    QFETCH(QString, path);
    QFETCH(QStringList, noEffect);
    QString missing;
    const auto headDocs = fixture::edited(fixture::baseDocuments(), edits, &missing);
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("edit not found: ") + missing));
    const PermissionGraph base(fixture::load(fixture::baseDocuments()));
    const PermissionGraph head(fixture::load(headDocs));
    QVERIFY(base.snapshot().diagnostics.empty() || base.snapshot().diagnostics.front().severity == Diagnostic::Severity::Info);
    const Comparison c = compare::compare(base, head);

    // Every expected line, and nothing else.
    const auto actual = actualLines(c);
    std::vector<bool> used(actual.size(), false);
    QString firstPath; // of the line the first expected line matched
    for (const QString &e : lines) {
        const QStringList parts = e.split(QLatin1Char('|'));
        const QString key = parts.mid(0, 3).join(QLatin1Char('|'));
        bool found = false;
        for (std::size_t i = 0; i < actual.size() && !found; ++i) {
            if (used[i] || !matches(key, actual[i].key))
                continue;
            used[i] = found = true;
            if (&e == &lines.front())
                firstPath = actual[i].path;
            for (const QString &cause : parts.value(3).split(QLatin1Char('&')))
                QVERIFY2(actual[i].causes.contains(cause), qPrintable(actual[i].key + QStringLiteral("\n  causes: ") + actual[i].causes + QStringLiteral("\n  expected: ") + cause));
        }
        QStringList all;
        for (const auto &a : actual)
            all << a.key;
        QVERIFY2(found, qPrintable(QStringLiteral("missing: ") + key + QStringLiteral("\nactual:\n") + all.join(QLatin1Char('\n'))));
    }
    for (std::size_t i = 0; i < actual.size(); ++i)
        QVERIFY2(used[i], qPrintable(QStringLiteral("unexpected: ") + actual[i].key + QStringLiteral(" because ") + actual[i].causes));
    if (!lines.isEmpty())
        QVERIFY2(firstPath.contains(path), qPrintable(firstPath));

    // Exactly the expected changes have no effect; every other change caused something.
    QStringList idle;
    for (const auto &ch : c.changes) {
        if (ch.effective)
            continue;
        QString entry = QString::fromStdString(ch.summary);
        for (const QString &want : noEffect) {
            const QStringList parts = want.split(QLatin1Char('|'));
            if (parts.front() != entry || parts.size() < 2)
                continue;
            bool detail = false;
            for (const auto &d : ch.details)
                detail = detail || QString::fromStdString(d).contains(parts[1]);
            QVERIFY2(detail, qPrintable(entry + QStringLiteral(": no detail ") + parts[1]));
        }
        idle << entry;
    }
    QStringList wanted;
    for (const QString &want : noEffect)
        wanted << want.section(QLatin1Char('|'), 0, 0);
    idle.sort();
    wanted.sort();
    QCOMPARE(idle, wanted);
    QVERIFY(!c.changes.empty());

    // Every reported request is what check() says on both sides.
    for (const auto &d : c.identities) {
        const auto before = identityIn(base, d.who), after = identityIn(head, d.who);
        for (const auto *list : {&d.gained, &d.lost}) {
            for (const auto &line : *list) {
                QVERIFY(!line.causes.empty());
                for (auto r : line.requests) {
                    const std::vector<std::string> where = line.scope.kind == Scope::Kind::AllNamespaces
                        ? std::vector<std::string>{"", "team-b", "clearance-elsewhere"}
                        : std::vector<std::string>{r.ns};
                    for (const auto &ns : where) {
                        if (std::find(line.scope.except.begin(), line.scope.except.end(), ns) != line.scope.except.end())
                            continue;
                        if (line.scope.kind != Scope::Kind::Cluster)
                            r.ns = ns;
                        const bool b = before && base.check(*before, r).allowed, h = after && head.check(*after, r).allowed;
                        QVERIFY2(list == &d.gained ? (!b && h) : (b && !h), qPrintable(whoOf(d.who) + QLatin1Char(' ') + QString::fromStdString(r.describe())));
                    }
                }
            }
        }
    }
}

void TestCompare::identicalSnapshotsDiffer_not()
{
    const PermissionGraph base(fixture::load(fixture::baseDocuments()));
    const PermissionGraph same(fixture::load(fixture::baseDocuments()));
    const Comparison c = compare::compare(base, same);
    QVERIFY(c.changes.empty());
    QVERIFY(c.identities.empty());
    QCOMPARE(c.evaluated, std::size_t(0)); // nothing changed: nobody to evaluate
}

void TestCompare::onlyOneIdentity()
{
    QString missing;
    const PermissionGraph base(fixture::load(fixture::baseDocuments()));
    const PermissionGraph head(fixture::load(fixture::edited(
        fixture::baseDocuments(), {{kFile, QStringLiteral("- {kind: User, name: alice@example.com"), QStringLiteral("- {kind: Group, name: bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb")}},
        &missing)));
    CompareOptions options;
    options.only = ObjectRef(ObjectRef::Kind::Principal, "22222222-2222-4222-8222-222222222222");
    const Comparison c = compare::compare(base, head, options);
    QCOMPARE(c.evaluated, std::size_t(1));
    QCOMPARE(c.identities.size(), std::size_t(1));
    QCOMPARE(c.identities.front().who.name, std::string("bob@example.com"));
    QCOMPARE(c.identities.front().gained.size(), std::size_t(1));
}

void TestCompare::namespaceFilter()
{
    QString missing;
    const PermissionGraph base(fixture::load(fixture::baseDocuments()));
    const PermissionGraph head(fixture::load(fixture::edited(
        fixture::baseDocuments(), {{kFile, QStringLiteral("{name: alice-pods, namespace: team-a}"), QStringLiteral("{name: alice-pods, namespace: team-b}")}},
        &missing)));
    const Comparison c = compare::compare(base, head);
    QCOMPARE(c.identities.front().gained.size() + c.identities.front().lost.size(), std::size_t(2));
    const Comparison a = c.inNamespace("team-a");
    QCOMPARE(a.identities.size(), std::size_t(1));
    QCOMPARE(a.identities.front().lost.size(), std::size_t(1));
    QVERIFY(a.identities.front().gained.empty());
    QVERIFY(c.inNamespace("elsewhere").identities.empty());
}

void TestCompare::cellChangeLookup()
{
    QString missing;
    const PermissionGraph base(fixture::load(fixture::baseDocuments()));
    const PermissionGraph head(fixture::load(fixture::edited(
        fixture::baseDocuments(), {{QStringLiteral("roles.json"), QString::fromUtf8(R"("notDataActions": ["Microsoft.ContainerService/managedClusters/secrets/read"])"),
                                    QString::fromUtf8(R"("notDataActions": [])")}},
        &missing)));
    const Comparison c = compare::compare(base, head);
    const ObjectRef frank(ObjectRef::Kind::Principal, "88888888-8888-4888-8888-888888888888");
    k8s::Request r;
    r.verb = "get";
    r.resource = "secrets";
    for (const char *ns : {"", "team-a", "anywhere"}) {
        r.ns = ns;
        QCOMPARE(int(c.cellChange(frank, r)), int(CellChange::Gained));
    }
    r.verb = "delete";
    QCOMPARE(int(c.cellChange(frank, r)), int(CellChange::Unchanged));
    QCOMPARE(int(c.cellChange(ObjectRef(ObjectRef::Kind::Principal, "11111111-1111-4111-8111-111111111111"), r)), int(CellChange::Unchanged));
}

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
