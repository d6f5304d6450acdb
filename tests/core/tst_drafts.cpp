// SPDX-License-Identifier: GPL-3.0-or-later
// Drafts: JSON round trip, atomic store, applyDrafts seen by the one evaluator, the effect summary
// (nested group members included) and subjects spelled the way AKS matches them.
#include "drafts/applydrafts.h"
#include "drafts/draftstore.h"
#include "drafts/effect.h"
#include "generate/export.h"
#include "load/loader.h"

#include <QTemporaryDir>
#include <set>
#include <QtTest>

using namespace clr;
using namespace clr::drafts;

namespace {

constexpr const char *kAlice = "11111111-1111-4111-8111-111111111111";
constexpr const char *kBob = "22222222-2222-4222-8222-222222222222";
constexpr const char *kCarol = "33333333-3333-4333-8333-333333333333";
constexpr const char *kDevs = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
constexpr const char *kBot = "44444444-4444-4444-8444-444444444444";
constexpr const char *kMi = "55555555-5555-4555-8555-555555555555";
constexpr const char *kClusterId = "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/"
                                   "Microsoft.ContainerService/managedClusters/c1";
constexpr const char *kRbacReader = "7f6c6a51-bcf8-42ba-9220-52d62157d7db";

// Devs = {Alice, Leads}; Leads = {Bob}: Bob reaches Devs only through the nested group.
const char *kUsers = R"({"value": [
  {"id": "11111111-1111-4111-8111-111111111111", "displayName": "Alice Admin", "userPrincipalName": "alice@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "22222222-2222-4222-8222-222222222222", "displayName": "Bob Builder", "userPrincipalName": "bob@example.com", "accountEnabled": true, "userType": "Member"},
  {"id": "33333333-3333-4333-8333-333333333333", "displayName": "Carol Guest", "userPrincipalName": "carol_ext.com#EXT#@example.onmicrosoft.com", "accountEnabled": true, "userType": "Guest"}]})";
const char *kGroups = R"({"value": [
  {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "displayName": "Devs", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "11111111-1111-4111-8111-111111111111"},
     {"@odata.type": "#microsoft.graph.group", "id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"}]},
  {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "displayName": "Leads", "securityEnabled": true, "members": [
     {"@odata.type": "#microsoft.graph.user", "id": "22222222-2222-4222-8222-222222222222"}]}]})";
const char *kSps = R"({"value": [
  {"id": "44444444-4444-4444-8444-444444444444", "displayName": "deploy-bot", "appId": "b0b0b0b0-0000-4000-8000-000000000001", "servicePrincipalType": "Application", "accountEnabled": true},
  {"id": "55555555-5555-4555-8555-555555555555", "displayName": "id-runner", "appId": "c0c0c0c0-0000-4000-8000-000000000002", "servicePrincipalType": "ManagedIdentity", "accountEnabled": true}]})";
const char *kAks = R"({"id": "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1",
  "name": "c1", "type": "Microsoft.ContainerService/ManagedClusters", "resourceGroup": "rg",
  "aadProfile": {"managed": true, "enableAzureRbac": true, "adminGroupObjectIDs": []}, "disableLocalAccounts": true, "enableRbac": true})";
const char *kRbac = R"(apiVersion: v1
kind: Namespace
metadata: {name: team-a}
---
apiVersion: v1
kind: Namespace
metadata: {name: team-b}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-reader}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cm-editor, namespace: team-a}
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: alice-pods, namespace: team-a}
subjects:
- {kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: runner, namespace: team-b}
)";

Snapshot makeSnapshot()
{
    SnapshotLoader loader;
    loader.addContent("users.json", kUsers);
    loader.addContent("groups.json", kGroups);
    loader.addContent("sps.json", kSps);
    loader.addContent("aks.json", kAks);
    loader.addContent("rbac.yaml", kRbac);
    return loader.finish();
}

k8s::Request podRequest(const std::string &verb, const std::string &ns)
{
    k8s::Request r;
    r.verb = verb;
    r.resource = "pods";
    r.ns = ns;
    return r;
}

Draft groupDraft(const PermissionGraph &graph, DraftKind kind, const std::string &ns)
{
    Draft d;
    d.id = newDraftId();
    d.kind = kind;
    d.subject = subjectForPrincipal(graph, graph.snapshot().directory.find(kDevs));
    d.roleKind = "ClusterRole";
    d.roleName = "pod-reader";
    d.ns = ns;
    d.name = defaultBindingName(d);
    d.createdMs = 1'700'000'000'000;
    return d;
}

Draft azureDraft(const PermissionGraph &graph, const char *oid, const std::string &scope)
{
    Draft d;
    d.id = newDraftId();
    d.kind = DraftKind::AzureAssignment;
    d.subject = subjectForPrincipal(graph, graph.snapshot().directory.find(oid));
    d.roleDefinitionId = std::string("/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/") + kRbacReader;
    d.roleDefinitionName = "Azure Kubernetes Service RBAC Reader";
    d.scope = scope;
    return d;
}

} // namespace

class TestDrafts final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PermissionGraph> m_base;

    const entra::Directory &dir() const { return m_base->snapshot().directory; }

private Q_SLOTS:
    void initTestCase()
    {
        m_base = std::make_unique<PermissionGraph>(makeSnapshot());
        QVERIFY(m_base->cluster());
        QVERIFY(dir().find(kBob) != entra::NoPrincipal);
    }

    void subjectSpelling_data()
    {
        QTest::addColumn<QString>("objectId");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("principalType");
        QTest::newRow("group by object ID") << QString::fromLatin1(kDevs) << int(DraftSubject::Kind::Group) << QString::fromLatin1(kDevs) << QStringLiteral("Group");
        QTest::newRow("member by UPN") << QString::fromLatin1(kAlice) << int(DraftSubject::Kind::User) << QStringLiteral("alice@example.com") << QStringLiteral("User");
        QTest::newRow("guest by object ID") << QString::fromLatin1(kCarol) << int(DraftSubject::Kind::User) << QString::fromLatin1(kCarol) << QStringLiteral("User");
        QTest::newRow("SP by object ID") << QString::fromLatin1(kBot) << int(DraftSubject::Kind::User) << QString::fromLatin1(kBot) << QStringLiteral("ServicePrincipal");
        QTest::newRow("managed identity by object ID") << QString::fromLatin1(kMi) << int(DraftSubject::Kind::User) << QString::fromLatin1(kMi) << QStringLiteral("ServicePrincipal");
    }
    void subjectSpelling()
    {
        QFETCH(QString, objectId);
        QFETCH(int, kind);
        QFETCH(QString, name);
        QFETCH(QString, principalType);
        const DraftSubject s = subjectForPrincipal(*m_base, dir().find(objectId.toStdString()));
        QCOMPARE(int(s.kind), kind);
        QCOMPARE(QString::fromStdString(s.name), name);
        QCOMPARE(QString::fromStdString(s.principalType), principalType);
        QCOMPARE(QString::fromStdString(s.objectId), objectId);
        QVERIFY(!s.displayName.empty());
    }

    void serviceAccountSubject()
    {
        const DraftSubject s = subjectForServiceAccount("team-b", "runner");
        const k8s::Subject k = kubernetesSubject(s);
        QCOMPARE(k.kind, k8s::Subject::Kind::ServiceAccount);
        QCOMPARE(k.ns, std::string("team-b"));
        QCOMPARE(k.name, std::string("runner"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("empty") << 0;
        QTest::newRow("role binding") << 1;
        QTest::newRow("cluster role binding") << 2;
        QTest::newRow("azure assignment") << 3;
        QTest::newRow("service account + all kinds") << 4;
    }
    void roundTrip()
    {
        QFETCH(int, which);
        DraftSet set;
        if (which == 1 || which == 4)
            set.drafts.push_back(groupDraft(*m_base, DraftKind::RoleBinding, "team-b"));
        if (which == 2 || which == 4)
            set.drafts.push_back(groupDraft(*m_base, DraftKind::ClusterRoleBinding, {}));
        if (which == 3 || which == 4)
            set.drafts.push_back(azureDraft(*m_base, kBot, std::string(kClusterId) + "/namespaces/team-b"));
        if (which == 4) {
            Draft sa = groupDraft(*m_base, DraftKind::RoleBinding, "team-b");
            sa.subject = subjectForServiceAccount("team-b", "runner");
            set.drafts.push_back(sa);
        }
        QString error;
        const auto back = fromJson(toJson(set), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == set);
        QCOMPARE(toJson(*back), toJson(set)); // deterministic
    }

    /** Found by fuzz_drafts: whatever a drafts file holds, what loads is what is written back. */
    void readsBackAsWritten_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("created");
        QTest::newRow("Azure draft with binding fields") << QByteArray(R"({"version": 1, "drafts": [{"id": "a", "kind": "AzureRoleAssignment",
            "subject": {"kind": "User", "name": "u"}, "name": "stray", "namespace": "ns", "roleRef": {"kind": "Role", "name": "r"},
            "scope": "/subscriptions/s", "created": 5}]})") << qint64(5);
        QTest::newRow("binding draft with Azure fields") << QByteArray(R"({"version": 1, "drafts": [{"id": "b", "kind": "RoleBinding",
            "subject": {"kind": "User", "name": "u"}, "name": "rb", "scope": "/subscriptions/s", "roleDefinitionId": "x"}]})") << qint64(0);
        QTest::newRow("created beyond what a double holds exactly") << QByteArray(R"({"version": 1, "drafts": [{"id": "c",
            "kind": "ClusterRoleBinding", "subject": {"kind": "Group", "name": "g"}, "created": 1e300}]})") << qint64(0);
        QTest::newRow("created not a number") << QByteArray(R"({"version": 1, "drafts": [{"id": "d", "kind": "ClusterRoleBinding",
            "subject": {"kind": "Group", "name": "g"}, "created": "yesterday"}]})") << qint64(0);
    }
    void readsBackAsWritten()
    {
        QFETCH(QByteArray, json);
        QFETCH(qint64, created);
        const auto set = fromJson(json);
        QVERIFY(set);
        QCOMPARE(set->drafts.front().createdMs, created);
        const auto back = fromJson(toJson(*set));
        QVERIFY(back);
        QVERIFY(*back == *set);
    }

    void badJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not json") << QByteArray("{nope") << QStringLiteral("");
        QTest::newRow("wrong version") << QByteArray(R"({"version": 7, "drafts": []})") << QStringLiteral("not a Clearance draft set");
        QTest::newRow("unknown kind") << QByteArray(R"({"version": 1, "drafts": [{"id": "x", "kind": "Pod", "subject": {"kind": "User"}}]})")
                                      << QStringLiteral("unknown kind");
    }
    void badJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!fromJson(json, &message));
        QVERIFY(!message.isEmpty());
        QVERIFY2(message.contains(error), qPrintable(message));
    }

    void atomicSaveAndReload()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("sub/dir/drafts.json"));
        const DraftStore store(path);
        QCOMPARE(store.load()->drafts.size(), std::size_t(0)); // no file yet: empty
        DraftSet set;
        set.drafts.push_back(groupDraft(*m_base, DraftKind::RoleBinding, "team-b"));
        QString error;
        QVERIFY2(store.save(set, &error), qPrintable(error));
        set.drafts.push_back(azureDraft(*m_base, kAlice, kClusterId));
        QVERIFY(store.save(set, &error));
        QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList{QStringLiteral("drafts.json")}); // no temp file left
        const auto back = DraftStore(path).load(&error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(*back == set);
    }

    void corruptFileKeptAside()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("drafts.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"drafts\": [");
        f.close();
        QString error;
        QVERIFY(!DraftStore(path).load(&error));
        QVERIFY(error.contains(QStringLiteral(".corrupt")));
        QVERIFY(QFile::exists(path + QStringLiteral(".corrupt")));
    }

    void applyDraftsSeenByCheck_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("who");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<bool>("before");
        QTest::addColumn<bool>("after");
        const int rb = int(DraftKind::RoleBinding), crb = int(DraftKind::ClusterRoleBinding), az = int(DraftKind::AzureAssignment);
        QTest::newRow("RoleBinding: nested member in its namespace") << rb << QString::fromLatin1(kBob) << QStringLiteral("team-b") << false << true;
        QTest::newRow("RoleBinding: not in another namespace") << rb << QString::fromLatin1(kBob) << QStringLiteral("team-a") << false << false;
        QTest::newRow("RoleBinding: already had it") << rb << QString::fromLatin1(kAlice) << QStringLiteral("team-a") << true << true;
        QTest::newRow("RoleBinding: not a member") << rb << QString::fromLatin1(kCarol) << QStringLiteral("team-b") << false << false;
        QTest::newRow("ClusterRoleBinding: every namespace") << crb << QString::fromLatin1(kBob) << QStringLiteral("team-a") << false << true;
        QTest::newRow("Azure at namespace scope") << az << QString::fromLatin1(kBot) << QStringLiteral("team-b") << false << true;
        QTest::newRow("Azure not elsewhere") << az << QString::fromLatin1(kBot) << QStringLiteral("team-a") << false << false;
    }
    void applyDraftsSeenByCheck()
    {
        QFETCH(int, kind);
        QFETCH(QString, who);
        QFETCH(QString, ns);
        QFETCH(bool, before);
        QFETCH(bool, after);
        DraftSet set;
        if (DraftKind(kind) == DraftKind::AzureAssignment)
            set.drafts.push_back(azureDraft(*m_base, kBot, std::string(kClusterId) + "/namespaces/team-b"));
        else
            set.drafts.push_back(groupDraft(*m_base, DraftKind(kind), DraftKind(kind) == DraftKind::RoleBinding ? "team-b" : ""));
        const Snapshot drafted = applyDrafts(m_base->snapshot(), set);
        QCOMPARE(m_base->snapshot().kube.bindings.size() + m_base->snapshot().azure.assignments.size() + 1,
                 drafted.kube.bindings.size() + drafted.azure.assignments.size()); // base untouched, one added
        const PermissionGraph graph(drafted);
        const Identity id = m_base->identityOf(dir().find(who.toStdString()));
        QCOMPARE(m_base->check(id, podRequest("list", ns.toStdString())).allowed, before);
        QCOMPARE(graph.check(id, podRequest("list", ns.toStdString())).allowed, after);
        // The draft object is recognisable and explanations name it by the draft's ref.
        if (after && !before) {
            const Explanation ex = graph.explain(id, podRequest("list", ns.toStdString()));
            bool named = false;
            for (const auto &path : ex.paths) {
                for (const auto &step : path.steps)
                    named = named || draftOfRef(set, step.ref) != nullptr;
            }
            QVERIFY(named);
        }
        if (!drafted.kube.bindings.empty() && DraftKind(kind) != DraftKind::AzureAssignment)
            QVERIFY(isDraft(drafted, drafted.kube.bindings.back().source));
        QVERIFY(!isDraft(drafted, drafted.kube.bindings.front().source));
    }

    void effectIncludesNestedMember()
    {
        DraftSet set;
        set.drafts.push_back(groupDraft(*m_base, DraftKind::RoleBinding, "team-a"));
        const PermissionGraph after(applyDrafts(m_base->snapshot(), set));
        const EffectSummary effect = computeEffect(*m_base, after, set);
        QCOMPARE(effect.drafts.size(), std::size_t(1));
        const auto &gains = effect.drafts.front().gains;
        // Alice already has pod-reader in team-a (alice-pods): she gains nothing; Bob, a member of
        // Devs only through Leads, gains pods and pods/log.
        QCOMPARE(gains.size(), std::size_t(1));
        QCOMPARE(gains.front().who, std::string("Bob Builder"));
        QVERIFY(gains.front().nested);
        QCOMPARE(gains.front().via, std::string("member of Leads"));
        QCOMPARE(gains.front().userName, std::string("bob@example.com"));
        std::set<std::string> verbs;
        for (const auto &r : gains.front().requests) {
            QCOMPARE(r.ns, std::string("team-a"));
            QCOMPARE(r.resource, std::string("pods"));
            verbs.insert(r.verb + (r.subresource.empty() ? "" : "/" + r.subresource));
        }
        QVERIFY(verbs == (std::set<std::string>{"get", "list", "watch", "get/log", "list/log", "watch/log"}));
        const QString text = QString::fromStdString(effect.text());
        QVERIFY2(text.contains(QStringLiteral("Bob Builder (through nested group: member of Leads) gains 6")), qPrintable(text));
    }

    void effectOfNewGrantToAlice()
    {
        DraftSet set;
        set.drafts.push_back(groupDraft(*m_base, DraftKind::RoleBinding, "team-b"));
        const PermissionGraph after(applyDrafts(m_base->snapshot(), set));
        const auto effect = computeEffect(*m_base, after, set);
        QCOMPARE(effect.gainCount(), std::size_t(2)); // Alice directly, Bob through Leads
        QCOMPARE(effect.drafts.front().gains.front().who, std::string("Alice Admin"));
        QVERIFY(!effect.drafts.front().gains.front().nested);
    }

    void exportsDrafts()
    {
        DraftSet set;
        set.drafts.push_back(groupDraft(*m_base, DraftKind::RoleBinding, "team-b"));
        set.drafts.push_back(azureDraft(*m_base, kBot, kClusterId));
        const std::string yaml = gen::toYaml(kubeObjectsOf(set));
        QVERIFY2(yaml.find("kind: RoleBinding") != std::string::npos, yaml.c_str());
        QVERIFY(yaml.find(std::string("name: ") + kDevs) != std::string::npos);
        QVERIFY(yaml.find("# Devs") != std::string::npos); // the display name as a comment
        QVERIFY(yaml.find("namespace: team-b") != std::string::npos);
        const auto azure = azureDraftsOf(set);
        QCOMPARE(azure.size(), std::size_t(1));
        const std::string script = gen::toAzScript(azure);
        QVERIFY2(script.find(kBot) != std::string::npos, script.c_str());
        QVERIFY(gen::toArmTemplate(azure).find("roleAssignments") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDrafts)
#include "tst_drafts.moc"
