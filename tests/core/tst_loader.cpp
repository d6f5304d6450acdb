// SPDX-License-Identifier: GPL-3.0-or-later
// The snapshot loader: every input format (detected from content) and every class of bad input.
#include "load/loader.h"
#include "snapshotdump.h"

#include <QFile>
#include <QDirIterator>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

using namespace clr;


namespace {

using namespace clr::test;

QString dataDir()
{
    return QStringLiteral(CLEARANCE_TEST_DATA "/loader/");
}

QStringList lines(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

std::string readFixture(const QString &relative)
{
    QFile file(dataDir() + relative);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(relative));
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), std::size_t(bytes.size()));
}

/** Loads fixtures by content, named by their path relative to tests/data/loader. */
Snapshot loadFixtures(const QStringList &files, bool builtins = false)
{
    LoadOptions options;
    options.builtinAzureRoles = builtins;
    SnapshotLoader loader(options);
    for (const QString &file : files)
        loader.addContent(file.toStdString(), readFixture(file));
    return loader.finish();
}

QStringList diagnosticLines(const Snapshot &s)
{
    QStringList out;
    for (const auto &d : s.diagnostics)
        out.append(QString::fromStdString(d.toString()));
    return out;
}

/** Every pattern matches some line. */
void verifyFacts(const QStringList &patterns, const QStringList &actual)
{
    for (const QString &pattern : patterns) {
        if (!anyMatches(pattern, actual))
            QFAIL(qPrintable(QStringLiteral("missing: %1\nin:\n%2").arg(pattern, actual.join(QLatin1Char('\n')))));
    }
}

const Diagnostic *findDiagnostic(const Snapshot &s, const QString &message)
{
    for (const auto &d : s.diagnostics) {
        if (QString::fromStdString(d.message).contains(message))
            return &d;
    }
    return nullptr;
}

} // namespace

class TestLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void badInput_data();
    void badInput();
    void pathErrors_data();
    void pathErrors();
    void folder();
    void explicitFileAnyExtension();
    void standardInput();
    void progressAndCancel();
    void builtinRoles();
    void roleDefinitionNames();
    void referencedPrincipals();
    void membershipCycle();
    void encodings_data();
    void encodings();
    void demoSnapshot();
    void printDumps();
};

void TestLoader::formats_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("counts");
    QTest::addColumn<QStringList>("facts");
    QTest::addColumn<QStringList>("diagnostics"); // every warning and error must match one of these

    // Kubernetes: multi-document YAML, kubectl Lists (YAML, JSON), API typed lists, single JSON, CRDs.
    QTest::newRow("k8s multi-document yaml")
        << lines({"k8s/multidoc.yaml"})
        << QStringLiteral("roles=3 bindings=2 sas=1 namespaces=1 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role dev/pod-reader @3:1 cluster=0 rules=2 aggregated=0 selectors=0 labels=team=payments",
                  "rule dev/pod-reader#0 verbs=get,list,watch groups=\"\" resources=pods,pods/log names= urls=",
                  "rule dev/pod-reader#1 verbs=get groups=apps resources=deployments names=api urls=",
                  "role monitoring @41:1 cluster=1 rules=0 aggregated=1 selectors=2",
                  "selector monitoring#0 labels=rbac.example.com/aggregate-to-monitoring=true exprs=",
                  "selector monitoring#1 labels= exprs=tier In frontend|backend;legacy NotIn yes;owner Exists ;deprecated DoesNotExist ",
                  "role metrics-reader @62:1 cluster=1 rules=1 aggregated=0 selectors=0 labels=rbac.example.com/aggregate-to-monitoring=true",
                  "rule metrics-reader#0 verbs=get groups= resources= names= urls=/metrics,/healthz/*",
                  "binding dev/read-pods @19:1 cluster=0 roleRef=Role/pod-reader subjects=User:alice@contoso.com,"
                  "Group:3f2c6a1e-1111-4a4b-9c9d-000000000001,ServiceAccount:ci/builder,ServiceAccount:/local-sa",
                  "binding monitoring-binding @72:1 cluster=1 roleRef=ClusterRole/monitoring subjects=",
                  "sa payments/payments-api @81:1 annotations=azure.workload.identity/client-id=0a1b2c3d-0000-4000-8000-000000000042 "
                  "labels=azure.workload.identity/use=true",
                  "namespace payments @91:1 labels=env=prod", "skipped Pod=1", "skipped Role (iam.example.com/v1)=1"})
        << lines({"k8s/multidoc.yaml:98:1: skipped 2 object(s) of kinds Clearance does not use: Pod (1), Role (iam.example.com/v1) (1)"});
    QTest::newRow("k8s kubectl List yaml")
        << lines({"k8s/list.yaml"})
        << QStringLiteral("roles=2 bindings=2 sas=1 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role cluster-admin @5:3 cluster=1 rules=2 aggregated=0 selectors=0 labels=kubernetes.io/bootstrapping=rbac-defaults",
                  "rule cluster-admin#0 verbs=* groups=* resources=* names= urls=", "rule cluster-admin#1 verbs=* groups= resources= names= urls=*",
                  "binding aks-cluster-admin-binding-aad @24:3 cluster=1 roleRef=ClusterRole/cluster-admin subjects=Group:7d96660a-02e1-4112-9515-1762d0cb66b7",
                  "role finance/secret-reader @36:3 cluster=0 rules=1", "binding finance/secret-reader @48:3 cluster=0 roleRef=Role/secret-reader subjects=",
                  "sa finance/default @57:3"})
        << QStringList();
    QTest::newRow("k8s kubectl List json")
        << lines({"k8s/list.json"})
        << QStringLiteral("roles=1 bindings=1 sas=1 namespaces=1 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role view @4:9 cluster=1 rules=1 aggregated=1 selectors=1",
                  "selector view#0 labels=rbac.authorization.k8s.io/aggregate-to-view=true exprs=",
                  "binding dev/dev-view @40:9 cluster=0 roleRef=ClusterRole/view subjects=User:bob@contoso.com",
                  "sa dev/deployer @60:9 annotations=azure.workload.identity/client-id=11111111-2222-3333-4444-555555555555",
                  "namespace dev @71:9 labels=kubernetes.io/metadata.name=dev"})
        << QStringList();
    QTest::newRow("k8s API RoleList json (items without kind)")
        << lines({"k8s/rolelist.json"})
        << QStringLiteral("roles=2 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role kube-system/config-editor @8:5 cluster=0 rules=1", "rule kube-system/config-editor#0 verbs=get,update groups=\"\" resources=configmaps",
                  "role kube-system/lease-holder @28:5 cluster=0 rules=1"})
        << QStringList();
    QTest::newRow("k8s single object json")
        << lines({"k8s/single.json"})
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding ops-admins @1:1 cluster=1 roleRef=ClusterRole/cluster-admin subjects=Group:ops@contoso.com,ServiceAccount:argocd/argocd"})
        << QStringList();
    QTest::newRow("k8s CustomResourceDefinitions")
        << lines({"k8s/crd.yaml"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=2 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"crd cert-manager.io/certificates @2:1 kind=Certificate singular=certificate short=cert,certs versions=v1 namespaced=1",
                  "crd cert-manager.io/clusterissuers @22:1 kind=ClusterIssuer singular=clusterissuer short= versions=v1alpha2,v1 namespaced=0"})
        << QStringList();
    QTest::newRow("k8s sample: Entra group RoleBinding")
        << lines({"samples/k8s-rolebinding-entra-group.yaml"})
        << QStringLiteral("roles=1 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role dev/dev-user-full-access @18:1 cluster=0 rules=2",
                  "rule dev/dev-user-full-access#0 verbs=* groups=\"\",extensions,apps resources=*",
                  "binding dev/dev-user-access @4:1 cluster=0 roleRef=Role/dev-user-full-access subjects=Group:groupObjectId"})
        << QStringList();
    QTest::newRow("k8s sample: workload identity ServiceAccount")
        << lines({"samples/k8s-workload-identity.yaml"})
        << QStringLiteral("roles=0 bindings=0 sas=1 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"sa default/workload-identity-sa @5:1 annotations=azure.workload.identity/client-id=00000000-0000-0000-0000-000000000000,"
                  "azure.workload.identity/service-account-token-expiration=3600,azure.workload.identity/tenant-id=11111111-1111-1111-1111-111111111111",
                  "skipped Pod=1"})
        << QStringList();
    QTest::newRow("k8s sample: aad-pod-identity kinds are counted")
        << lines({"samples/k8s-aad-pod-identity.yaml"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"skipped AzureIdentity=2", "skipped AzureIdentityBinding=2", "skipped Pod=1"})
        << QStringList();

    // Microsoft Graph: list pages, $expand=members, delta, transitiveMembers, members pages, single objects.
    QTest::newRow("graph users page (sample)")
        << lines({"samples/graph-users-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0 @4:5 name=Conf Room Adams upn=Adams@contoso.com appId= spType= guest=0 enabled=1",
                  "principal user 4562bcc8-c436-4f95-b7c0-4f8ce89dca5e @17:5 name=MOD Administrator upn=admin@contoso.com"})
        << QStringList();
    QTest::newRow("graph users page: guests, disabled, $select without type fields")
        << lines({"graph/users-guests.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=4 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user u0000000-0000-4000-8000-000000000009 @4:5 name=Dana Partner upn=dana_fabrikam.com#EXT#@contoso.onmicrosoft.com * guest=1 enabled=1",
                  "principal user u0000000-0000-4000-8000-00000000000a @11:5 name=Eve External upn=eve@contoso.com * guest=1 enabled=1",
                  "principal user u0000000-0000-4000-8000-00000000000b @18:5 name=Frank Former * guest=0 enabled=0",
                  "principal user u0000000-0000-4000-8000-00000000000c @25:5 name=Selected Only upn= "})
        << QStringList();
    QTest::newRow("graph groups page (sample)")
        << lines({"samples/graph-groups-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal group 45b7d2e7-b882-4a80-ba97-10b7a63b8fa4 @4:5 name=Golf Assist",
                  "principal group d7797254-3084-44d0-99c9-a3b5ab149538 @38:5 name=Golf Discussion"})
        << QStringList();
    QTest::newRow("graph groups with $expand=members")
        << lines({"graph/groups-expand-members.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=5 memberships=4 assignments=0 definitions=0 clusters=0")
        << lines({"principal group a1111111-0000-4000-8000-000000000001 @4:5 name=Platform Admins",
                  "member a1111111-0000-4000-8000-000000000001 <- u0000000-0000-4000-8000-000000000001",
                  "member a1111111-0000-4000-8000-000000000001 <- a2222222-0000-4000-8000-000000000002",
                  "member a1111111-0000-4000-8000-000000000001 <- 5e000000-0000-4000-8000-000000000001",
                  "principal user u0000000-0000-4000-8000-000000000001 @0:0 name=Alice Admin upn=alice@contoso.com",
                  "principal group a2222222-0000-4000-8000-000000000002 @33:5 name=SRE",
                  "member a2222222-0000-4000-8000-000000000002 <- u0000000-0000-4000-8000-000000000002",
                  "principal unresolved 5e000000-0000-4000-8000-000000000001 @0:0",
                  "principal user u0000000-0000-4000-8000-000000000002 @0:0 name=Bob upn=bob@contoso.com * enabled=0"})
        << lines({"*#microsoft.graph.device (group member) (1)"});
    QTest::newRow("graph groups delta (members@delta, @removed)")
        << lines({"graph/groups-delta.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=4 memberships=3 assignments=0 definitions=0 clusters=0")
        << lines({"principal group f1000000-0000-4000-8000-000000000001 @5:5 name=Finance Devs",
                  "member f1000000-0000-4000-8000-000000000001 <- u0000000-0000-4000-8000-000000000003",
                  "member f1000000-0000-4000-8000-000000000001 <- f2000000-0000-4000-8000-000000000002",
                  "principal group f2000000-0000-4000-8000-000000000002 @26:5 name=Finance Contractors",
                  "member f2000000-0000-4000-8000-000000000002 <- u0000000-0000-4000-8000-000000000005",
                  "principal unresolved u0000000-0000-4000-8000-000000000003"})
        << lines({"*deleted directory object (@removed) (1)"});
    QTest::newRow("graph group with transitiveMembers")
        << lines({"graph/group-transitive.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=3 memberships=2 assignments=0 definitions=0 clusters=0")
        << lines({"principal group c1000000-0000-4000-8000-000000000001 @1:1 name=Cluster Operators",
                  "member c1000000-0000-4000-8000-000000000001 <- u0000000-0000-4000-8000-000000000006",
                  "member c1000000-0000-4000-8000-000000000001 <- u0000000-0000-4000-8000-000000000007"})
        << QStringList();
    QTest::newRow("graph members page (group named by nextLink)")
        << lines({"graph/members-page.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=3 memberships=2 assignments=0 definitions=0 clusters=0")
        << lines({"principal unresolved d1000000-0000-4000-8000-000000000001",
                  "member d1000000-0000-4000-8000-000000000001 <- u0000000-0000-4000-8000-000000000008",
                  "member d1000000-0000-4000-8000-000000000001 <- 5e000000-0000-4000-8000-000000000002",
                  "principal sp 5e000000-0000-4000-8000-000000000002 @11:5 name=deploy-bot upn= appId=ab000000-0000-4000-8000-000000000002 spType=Application"})
        << QStringList();
    QTest::newRow("graph transitiveMembers page, nextLink after value")
        << lines({"graph/members-page-link-last.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=1 assignments=0 definitions=0 clusters=0")
        << lines({"principal user u0000000-0000-4000-8000-00000000000d @4:5 name=Hal upn=hal@contoso.com",
                  "member d2000000-0000-4000-8000-000000000002 <- u0000000-0000-4000-8000-00000000000d"})
        << QStringList();
    QTest::newRow("graph service principals page (managed identity tenant)")
        << lines({"graph/serviceprincipals.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal sp 5e000000-0000-4000-8000-000000000003 @4:5 name=payments-mi upn= appId=ab000000-0000-4000-8000-000000000003 spType=ManagedIdentity",
                  "principal sp 5e000000-0000-4000-8000-000000000004 @12:5 name=Microsoft Graph", "tenant 7395ebec-8fd4-4339-ad23-2ebcadb5397f"})
        << QStringList();
    QTest::newRow("graph single object with @odata.type (sample)")
        << lines({"samples/graph-serviceprincipal-managedidentity.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=1 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal sp 8097154c-b14f-4898-928c-16ca80e12dfd @1:1 name=kjh-mi upn= appId=a72223ed-0a1e-4683-9b4b-44bed448bccc spType=ManagedIdentity"})
        << QStringList();
    QTest::newRow("graph empty page with nextLink (sample)")
        << lines({"samples/graph-paging-nextlink.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << QStringList() << QStringList();

    // az CLI arrays.
    QTest::newRow("az ad user list (sample)")
        << lines({"samples/az-ad-user-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=4 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user d6c5bb7b-36a2-4706-ad5f-dd5a73e5dfd8 @2:3 name=breakglass upn=breakglass@aoc2024.onmicrosoft.com * guest=0",
                  "principal user b470c1dc-9d37-4ce9-b528-4aeaf819781a @15:3 name=wiz * guest=1",
                  "principal user 1db95432-0c46-45b8-b126-b633ae67e06c @41:3 name=wvusr-backupware"})
        << QStringList();
    QTest::newRow("az ad group list (sample)")
        << lines({"samples/az-ad-group-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=1 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal group 7d96660a-02e1-4112-9515-1762d0cb66b7 @2:3 name=Secret Recovery Group"})
        << QStringList();
    QTest::newRow("az ad sp list (upper-case id lowered, disabled)")
        << lines({"az/sp-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal sp 5e000000-0000-4000-8000-000000000010 @2:3 name=kv-reader-mi * spType=ManagedIdentity guest=0 enabled=1",
                  "principal sp 5e000000-0000-4000-8000-000000000011 @15:3 name=legacy-ci * spType=Application guest=0 enabled=0"})
        << QStringList();
    QTest::newRow("az ad group member list (sample: group unknown)")
        << lines({"samples/az-ad-group-member-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=1 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 1db95432-0c46-45b8-b126-b633ae67e06c @2:3 name=wvusr-backupware"})
        << lines({"samples/az-ad-group-member-list.json:1:1: 1 principal(s) loaded without group membership: this looks like "
                  "`az ad group member list` output*"});
    QTest::newRow("az role assignment list (sample)")
        << lines({"samples/az-role-assignment-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=3 definitions=0 clusters=0")
        << lines({"assignment 7d96660a-02e1-4112-9515-1762d0cb66b7 @2:3 type=Group role=Key Vault Reader "
                  "def=/subscriptions/ddd3338d-bc5a-416d-8247-1db1f5b5ff43/providers/Microsoft.Authorization/roleDefinitions/21090545-7ca7-4776-b22c-e363652d74d2 "
                  "scope=/subscriptions/ddd3338d-bc5a-416d-8247-1db1f5b5ff43/resourceGroups/rg-aoc-akv/providers/Microsoft.KeyVault/vaults/warevillesecrets conditional=0",
                  "assignment d75cae5f-db64-47f8-a539-e1c6375c7d87 @42:3 type=ServicePrincipal role=Contributor"})
        << QStringList();
    QTest::newRow("az role assignment create output (single object, sample)")
        << lines({"samples/az-role-assignment-create-output.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=1 definitions=0 clusters=0")
        << lines({"assignment febc1b80-d826-4c3f-9387-ae50515911f2 @1:1 type=ServicePrincipal role= *4633458b-17de-408a-b874-0445c86b69e6"})
        << QStringList();
    QTest::newRow("az role definition list")
        << lines({"az/role-definition-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=2 clusters=0")
        << lines({"definition 9a1b2c3d-0000-4000-8000-0000000000aa @2:3 name=AKS Pod Log Reader type=CustomRole builtin=0 perms=1 "
                  "data=Microsoft.ContainerService/managedClusters/pods/read,Microsoft.ContainerService/managedClusters/pods/log/read",
                  "definition 7f6c6a51-bcf8-42ba-9220-52d62157d7db @26:3 name=Azure Kubernetes Service RBAC Reader type=BuiltInRole builtin=1"})
        << QStringList();
    QTest::newRow("az aks show (sample: az spelling)")
        << lines({"samples/az-aks-show.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=1")
        << lines({"cluster a-test-wf-aks @1:1 sub=08222835-a361-459d-b1de-126ef6755813 rg=a-test-wf-rg k8s=1.27.7 entra=1 azureRbac=1 "
                  "localDisabled=1 rbac=1 tenant=7395ebec-8fd4-4339-ad23-2ebcadb5397f admins= oidc= wi=0 location=westeurope",
                  "tenant 7395ebec-8fd4-4339-ad23-2ebcadb5397f"})
        << QStringList();
    QTest::newRow("az aks list (array of clusters)")
        << lines({"az/aks-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=2")
        << lines({"cluster a-test-wf-aks @2:3 ",
                  "cluster b-prod-aks @223:3 sub=08222835-a361-459d-b1de-126ef6755813 rg=b-prod-rg k8s=1.27.7 entra=1 azureRbac=0 localDisabled=0 "
                  "rbac=1 tenant=7395ebec-8fd4-4339-ad23-2ebcadb5397f admins=a1111111-0000-4000-8000-000000000001 "
                  "oidc=https://westeurope.oic.prod-aks.azure.com/7395ebec-8fd4-4339-ad23-2ebcadb5397f/abc/ wi=1"})
        << QStringList();

    // ARM responses: fields under "properties", pages with nextLink.
    QTest::newRow("ARM role assignments page (sample)")
        << lines({"samples/arm-roleassignments-list-for-scope.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=1 definitions=0 clusters=0")
        << lines({"assignment ce2ce14e-85d7-4629-bdbc-454d0519d987 @3:5 type=User role= "
                  "def=/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d "
                  "scope=/subscriptions/a925f2f7-5c63-4b7b-8799-25a5f97bc3b2 conditional=0"})
        << QStringList();
    QTest::newRow("ARM role assignments page with condition")
        << lines({"arm/roleassignments-page.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=2 definitions=0 clusters=0")
        << lines({"assignment a1111111-0000-4000-8000-000000000001 @3:5 type=Group * conditional=1",
                  "assignment u0000000-0000-4000-8000-000000000002 @16:5 type=User *managedClusters/a-test-wf-aks/namespaces/dev conditional=0"})
        << QStringList();
    QTest::newRow("ARM role definition (sample)")
        << lines({"samples/arm-roledefinition-get.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=1 clusters=0")
        << lines({"definition roleDefinitionId @1:1 name=Role name type=roletype builtin=0 perms=1 data=dataAction scopes=/subscriptions/subId"})
        << QStringList();
    QTest::newRow("ARM role definitions page")
        << lines({"arm/roledefinitions-page.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=2 clusters=0")
        << lines({"definition 6c1d0000-0000-4000-8000-0000000000bb @3:5 name=AKS Namespace Deployer type=CustomRole builtin=0",
                  "definition 3498e952-d568-435e-9b2c-8d77e338d7f7 @28:5 name=Azure Kubernetes Service RBAC Admin type=BuiltInRole builtin=1"})
        << QStringList();
    QTest::newRow("ARM managedCluster (sample: ARM spelling)")
        << lines({"samples/arm-managedcluster-get-azure-rbac.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=1")
        << lines({"cluster clustername1 @1:1 sub=00000000-0000-0000-0000-000000000000 rg=rg1 k8s=1.9.6 entra=1 azureRbac=1 localDisabled=0 "
                  "rbac=1 tenant=tenantID admins= oidc= wi=0 location=location1"})
        << QStringList();
    QTest::newRow("ARM managedCluster with workload identity")
        << lines({"arm/managedcluster-wi.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=1")
        << lines({"cluster payments-aks @1:1 sub=11111111-2222-3333-4444-555555555555 rg=rg-payments k8s=1.30.3 entra=1 azureRbac=0 "
                  "localDisabled=1 rbac=1 tenant=7395ebec-8fd4-4339-ad23-2ebcadb5397f "
                  "admins=a1111111-0000-4000-8000-000000000001,a2222222-0000-4000-8000-000000000002 "
                  "oidc=https://eastus.oic.prod-aks.azure.com/7395ebec-8fd4-4339-ad23-2ebcadb5397f/11111111-1111-1111-1111-111111111111/ wi=1"})
        << QStringList();
    QTest::newRow("ARM resources of other types are skipped (sample)")
        << lines({"samples/arm-federated-identity-credentials-list.json"})
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << QStringList()
        << lines({"samples/arm-federated-identity-credentials-list.json:3:5: skipped 1 object(s) of kinds Clearance does not use: "
                  "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials (1)"});
}

void TestLoader::formats()
{
    QFETCH(QStringList, files);
    QFETCH(QString, counts);
    QFETCH(QStringList, facts);
    QFETCH(QStringList, diagnostics);
    const Snapshot s = loadFixtures(files);
    QCOMPARE(clr::test::counts(s), counts);
    verifyFacts(facts, dump(s));
    const QStringList actual = diagnosticLines(s);
    verifyFacts(diagnostics, actual);
    for (const auto &d : s.diagnostics) {
        if (d.severity == Diagnostic::Severity::Info)
            continue;
        const QString line = QString::fromStdString(d.toString());
        if (!std::any_of(diagnostics.begin(), diagnostics.end(), [&](const QString &p) { return wildcardMatches(p, line); }))
            QFAIL(qPrintable(QStringLiteral("unexpected diagnostic: ") + line));
    }
}

void TestLoader::badInput_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("severity");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("counts");
    QTest::addColumn<QStringList>("facts"); // what else in the same input still loaded

    const int info = int(Diagnostic::Severity::Info);
    const int warning = int(Diagnostic::Severity::Warning);
    const int error = int(Diagnostic::Severity::Error);
    QTest::newRow("malformed YAML: the other documents load")
        << lines({"bad/malformed.yaml"}) << QStringLiteral("bad/malformed.yaml") << 14 << 1 << error
        << QStringLiteral("malformed YAML: end of sequence flow not found; this document was skipped")
        << QStringLiteral("roles=2 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role dev/first @2:1", "role dev/third @15:1"});
    QTest::newRow("malformed JSON: complete entries before the error load")
        << lines({"bad/malformed.json"}) << QStringLiteral("bad/malformed.json") << 4 << 3 << error
        << QStringLiteral("malformed JSON: syntax error while parsing array - unexpected '{'; expected ']'; the 2 complete entries")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 10000000-0000-4000-8000-000000000001 @2:3", "principal user 10000000-0000-4000-8000-000000000002 @3:3"});
    QTest::newRow("truncated JSON List: complete items load")
        << lines({"bad/truncated.json"}) << QStringLiteral("bad/truncated.json") << 50 << 5 << error
        << QStringLiteral("the file ends in the middle of a value (truncated file?); the 2 complete entries before it were loaded")
        << QStringLiteral("roles=2 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role reader-0 @4:9 cluster=1 rules=1", "role reader-1 @24:9 cluster=1 rules=1"});
    QTest::newRow("truncated single object: none of it loads, other files do")
        << lines({"bad/truncated-role.json", "k8s/single.json"}) << QStringLiteral("bad/truncated-role.json") << 7 << 44 << error
        << QStringLiteral("the file ends in the middle of a value (truncated file?); the rest of this file was not loaded")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding ops-admins @1:1"});
    QTest::newRow("binary file: skipped, other files load")
        << lines({"bad/binary.json", "k8s/single.json"}) << QStringLiteral("bad/binary.json") << 0 << 0 << warning
        << QStringLiteral("binary file, skipped")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding ops-admins @1:1"});
    QTest::newRow("empty file: other files load")
        << lines({"bad/empty.yaml", "k8s/single.json"}) << QStringLiteral("bad/empty.yaml") << 0 << 0 << warning
        << QStringLiteral("empty file")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding ops-admins @1:1"});
    QTest::newRow("YAML document that is not a mapping")
        << lines({"bad/scalar-doc.yaml"}) << QStringLiteral("bad/scalar-doc.yaml") << 2 << 1 << warning
        << QStringLiteral("document is a string, not a mapping; skipped")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=1 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"namespace ok @4:1"});
    QTest::newRow("JSON document that is not a mapping")
        << lines({"bad/scalar.json", "k8s/single.json"}) << QStringLiteral("bad/scalar.json") << 1 << 1 << warning
        << QStringLiteral("document is a string, not a mapping; skipped")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding ops-admins"});
    QTest::newRow("kinds not used: counted, one summary")
        << lines({"bad/unused-kind.yaml"}) << QStringLiteral("bad/unused-kind.yaml") << 2 << 1 << info
        << QStringLiteral("skipped 2 object(s) of kinds Clearance does not use: Deployment (2)")
        << QStringLiteral("roles=1 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role shop/web @8:1", "skipped Deployment=2"});
    QTest::newRow("Role without namespace: loaded into default")
        << lines({"bad/no-namespace.yaml"}) << QStringLiteral("bad/no-namespace.yaml") << 3 << 1 << warning
        << QStringLiteral("Role 'chart-role' has no metadata.namespace; loaded into namespace 'default'")
        << QStringLiteral("roles=1 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role default/chart-role @3:1 cluster=0 rules=1", "binding apps/chart-binding @12:1"});
    QTest::newRow("object without metadata.name: skipped")
        << lines({"bad/no-name.yaml"}) << QStringLiteral("bad/no-name.yaml") << 2 << 1 << error
        << QStringLiteral("ClusterRole without metadata.name; skipped")
        << QStringLiteral("roles=1 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role named @8:1"});
    QTest::newRow("binding without roleRef: skipped")
        << lines({"bad/no-roleref.yaml"}) << QStringLiteral("bad/no-roleref.yaml") << 2 << 1 << error
        << QStringLiteral("ClusterRoleBinding 'orphan' has no roleRef")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding fine @10:1 cluster=1 roleRef=ClusterRole/view"});
    QTest::newRow("unknown subject kind: subject skipped")
        << lines({"bad/subject-kind.yaml"}) << QStringLiteral("bad/subject-kind.yaml") << 2 << 1 << warning
        << QStringLiteral("RoleBinding 'dev/mixed-subjects': subjects[0] has unknown subject kind 'Robot'")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding dev/mixed-subjects @2:1 cluster=0 roleRef=ClusterRole/edit subjects=User:alice@contoso.com"});
    QTest::newRow("wrong type: rules not a list")
        << lines({"bad/wrong-types.yaml"}) << QStringLiteral("bad/wrong-types.yaml") << 2 << 1 << warning
        << QStringLiteral("ClusterRole 'stringly': rules is a string (\"everything\"), expected a list; loaded without rules")
        << QStringLiteral("roles=2 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"role stringly @2:1 cluster=1 rules=0", "role good @8:1 cluster=1 rules=1"});
    QTest::newRow("Graph page with unknown object types")
        << lines({"bad/graph-unknown.json"}) << QStringLiteral("bad/graph-unknown.json") << 10 << 5 << info
        << QStringLiteral("skipped 2 object(s) of kinds Clearance does not use: #microsoft.graph.device (1), #microsoft.graph.orgContact (1)")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 20000000-0000-4000-8000-000000000001 @4:5", "principal group 20000000-0000-4000-8000-000000000004 @23:5"});
    QTest::newRow("Graph page with an entry of unknown shape")
        << lines({"bad/graph-unknown.json"}) << QStringLiteral("bad/graph-unknown.json") << 20 << 5 << warning
        << QStringLiteral("content that is neither a Kubernetes object, Microsoft Graph or az CLI output, nor an ARM resource; skipped")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 20000000-0000-4000-8000-000000000001 @4:5"});
    QTest::newRow("Graph object without id (sample)")
        << lines({"samples/graph-users-guest-example.json", "samples/graph-users-list.json"})
        << QStringLiteral("samples/graph-users-guest-example.json") << 6 << 5 << warning
        << QStringLiteral("a directory object without id; skipped")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=2 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0"});
    QTest::newRow("assignment without principalId: skipped")
        << lines({"bad/assignment-missing.json"}) << QStringLiteral("bad/assignment-missing.json") << 15 << 3 << warning
        << QStringLiteral("role assignment '40000000-0000-4000-8000-000000000002' has no principalId; skipped")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=2 definitions=0 clusters=0")
        << lines({"assignment 30000000-0000-4000-8000-000000000001 @2:3", "assignment 30000000-0000-4000-8000-000000000003 @28:3"});
    QTest::newRow("duplicate objects across pages: merged once")
        << lines({"bad/users-page1.json", "bad/users-page2.json"}) << QStringLiteral("bad/users-page2.json") << 4 << 5 << info
        << QStringLiteral("1 object(s) were already loaded and were merged (first: directory object 50000000-0000-4000-8000-000000000002)")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=3 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal user 50000000-0000-4000-8000-000000000002 @9:5 name=User 2", "principal user 50000000-0000-4000-8000-000000000003 @9:5"});
    QTest::newRow("export from another tenant than the cluster")
        << lines({"bad/other-tenant-groups.json", "samples/az-aks-show.json"}) << QStringLiteral("bad/other-tenant-groups.json") << 4 << 5
        << warning
        << QStringLiteral("this export is from tenant 927c6607-8060-4f4a-a5f8-34964ac78d70, but cluster 'a-test-wf-aks' is in tenant "
                          "7395ebec-8fd4-4339-ad23-2ebcadb5397f")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=1 memberships=0 assignments=0 definitions=0 clusters=1")
        << lines({"principal group 60000000-0000-4000-8000-000000000001 @4:5 name=Executives", "tenant 7395ebec-8fd4-4339-ad23-2ebcadb5397f"});
    QTest::newRow("exports from two tenants, no cluster")
        << lines({"bad/other-tenant-groups.json", "graph/serviceprincipals.json"}) << QStringLiteral("graph/serviceprincipals.json") << 4
        << 5 << warning
        << QStringLiteral("this export is from tenant 7395ebec-8fd4-4339-ad23-2ebcadb5397f, but bad/other-tenant-groups.json is in tenant "
                          "927c6607-8060-4f4a-a5f8-34964ac78d70; the snapshot mixes identities of two tenants")
        << QStringLiteral("roles=0 bindings=0 sas=0 namespaces=0 crds=0 principals=3 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"principal sp 5e000000-0000-4000-8000-000000000003"});
    QTest::newRow("same Kubernetes object twice: first kept")
        << lines({"k8s/single.json", "k8s/single.json"}) << QStringLiteral("k8s/single.json") << 1 << 1 << warning
        << QStringLiteral("1 object(s) were already loaded from an earlier file or document; the first copy was kept (first: ClusterRoleBinding ops-admins)")
        << QStringLiteral("roles=0 bindings=1 sas=0 namespaces=0 crds=0 principals=0 memberships=0 assignments=0 definitions=0 clusters=0")
        << lines({"binding ops-admins @1:1"});
}

void TestLoader::badInput()
{
    QFETCH(QStringList, files);
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(int, severity);
    QFETCH(QString, message);
    QFETCH(QString, counts);
    QFETCH(QStringList, facts);
    const Snapshot s = loadFixtures(files);
    const Diagnostic *d = findDiagnostic(s, message);
    if (!d)
        QFAIL(qPrintable(QStringLiteral("no diagnostic with \"%1\" in:\n%2").arg(message, diagnosticLines(s).join(QLatin1Char('\n')))));
    QCOMPARE(QString::fromStdString(d->file), file);
    QCOMPARE(d->line, line);
    QCOMPARE(d->column, column);
    QCOMPARE(int(d->severity), severity);
    QCOMPARE(clr::test::counts(s), counts);
    verifyFacts(facts, dump(s));
}

void TestLoader::pathErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("nonexistent path") << dataDir() + QStringLiteral("no/such/file.yaml")
                                      << QStringLiteral("cannot open: No such file or directory");
    QTest::newRow("unreadable path (a file used as a folder)") << dataDir() + QStringLiteral("k8s/single.json/inner.yaml")
                                                               << QStringLiteral("cannot open: Not a directory");
    QTest::newRow("file larger than 512 MiB") << QString() << QStringLiteral("file is larger than the limit of 512 MiB (513 MiB); refusing to load it");
}

void TestLoader::pathErrors()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    if (path.isEmpty()) { // sparse: takes no disk space, and the size check comes before any read
        path = tmp.filePath(QStringLiteral("huge.json"));
        QFile huge(path);
        QVERIFY(huge.open(QIODevice::WriteOnly));
        QVERIFY(huge.resize(qint64(513) << 20));
    }
    const std::string good = (dataDir() + QStringLiteral("k8s/single.json")).toStdString();
    const Snapshot s = loadSnapshot({path.toStdString(), good}, LoadOptions{false, {}, nullptr});
    const Diagnostic *d = findDiagnostic(s, message);
    if (!d)
        QFAIL(qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
    QCOMPARE(QString::fromStdString(d->file), path); // as given
    QCOMPARE(d->line, 0);
    QCOMPARE(d->severity, Diagnostic::Severity::Error);
    QCOMPARE(s.kube.bindings.size(), std::size_t(1));
    QCOMPARE(s.files.back(), good);
}

void TestLoader::folder()
{
    const std::string given = (dataDir() + QStringLiteral("folder")).toStdString();
    const Snapshot s = loadSnapshot({given}, LoadOptions{false, {}, nullptr});
    // Recursive, sorted, .yaml/.yml/.json only (any case), hidden entries skipped, names as given.
    const std::vector<std::string> files{"", given + "/b-roles.yaml", given + "/sub/a-roles.json", given + "/sub/c-roles.YML"};
    QCOMPARE(s.files, files);
    QCOMPARE(s.kube.roles.size(), std::size_t(3));
    QCOMPARE(s.kube.roles[0].name, std::string("folder-b"));
    QCOMPARE(s.kube.roles[1].name, std::string("folder-sub-a"));
    QCOMPARE(s.kube.roles[2].name, std::string("folder-sub-c"));
    QCOMPARE(s.kube.roles[1].source.file, 2u);
    QCOMPARE(s.kube.roles[1].source.line, 1);
    QVERIFY(s.diagnostics.empty());
}

void TestLoader::explicitFileAnyExtension()
{
    const std::string given = (dataDir() + QStringLiteral("folder/a-notes.txt")).toStdString();
    const Snapshot s = loadSnapshot({given}, LoadOptions{false, {}, nullptr});
    QCOMPARE(s.kube.roles.size(), std::size_t(1));
    QCOMPARE(s.kube.roles[0].name, std::string("from-txt"));
    QCOMPARE(s.files.back(), given);
}

void TestLoader::standardInput()
{
    std::istringstream input(readFixture(QStringLiteral("bad/no-namespace.yaml")));
    std::streambuf *saved = std::cin.rdbuf(input.rdbuf());
    const Snapshot s = loadSnapshot({"-"}, LoadOptions{false, {}, nullptr});
    std::cin.rdbuf(saved);
    QCOMPARE(s.files.back(), std::string("-"));
    QCOMPARE(s.kube.roles.size(), std::size_t(1));
    const Diagnostic *d = findDiagnostic(s, QStringLiteral("has no metadata.namespace"));
    QVERIFY(d);
    QCOMPARE(d->file, std::string("-"));
    QCOMPARE(d->line, 3);
}

void TestLoader::progressAndCancel()
{
    const std::vector<std::string> paths{(dataDir() + QStringLiteral("k8s/list.yaml")).toStdString(),
                                         (dataDir() + QStringLiteral("k8s/single.json")).toStdString()};
    const qint64 total = QFileInfo(QString::fromStdString(paths[0])).size() + QFileInfo(QString::fromStdString(paths[1])).size();
    std::vector<std::pair<qint64, qint64>> calls;
    LoadOptions options{false, [&](qint64 done, qint64 all) { calls.emplace_back(done, all); }, nullptr};
    Snapshot s = loadSnapshot(paths, options);
    QCOMPARE(calls.size(), std::size_t(2));
    QVERIFY(calls[0].first > 0 && calls[0].first < total);
    QCOMPARE(calls[1], std::make_pair(total, total));
    QCOMPARE(s.kube.bindings.size(), std::size_t(3));

    // Cancelled after the first file: the second is not read, and the snapshot says so.
    std::atomic<bool> cancel{false};
    options.progress = [&](qint64, qint64) { cancel = true; };
    options.cancel = &cancel;
    SnapshotLoader loader(options);
    loader.addPaths(paths);
    QVERIFY(loader.cancelled());
    s = loader.finish();
    QCOMPARE(s.files.size(), std::size_t(2));
    QCOMPARE(s.kube.bindings.size(), std::size_t(2));
    QVERIFY(findDiagnostic(s, QStringLiteral("loading was cancelled")));
}

void TestLoader::builtinRoles()
{
    Snapshot s = loadFixtures({}, true);
    QCOMPARE(s.azure.roleDefinitions.size(), std::size_t(22));
    for (const auto &d : s.azure.roleDefinitions) {
        QVERIFY(d.builtin);
        QCOMPARE(d.source.file, 0u);
    }
    QVERIFY(s.diagnostics.empty());

    // An exported definition with a built-in's GUID replaces the shipped one.
    s = loadFixtures(lines({"az/role-definition-list.json"}), true);
    QCOMPARE(s.azure.roleDefinitions.size(), std::size_t(23));
    const auto readers = std::count_if(s.azure.roleDefinitions.begin(), s.azure.roleDefinitions.end(),
                                       [](const auto &d) { return d.name == "7f6c6a51-bcf8-42ba-9220-52d62157d7db"; });
    QCOMPARE(readers, 1);
    const auto &reader = *std::find_if(s.azure.roleDefinitions.begin(), s.azure.roleDefinitions.end(),
                                       [](const auto &d) { return d.name == "7f6c6a51-bcf8-42ba-9220-52d62157d7db"; });
    QCOMPARE(reader.source.file, 1u);
    QCOMPARE(reader.permissions.front().dataActions.size(), std::size_t(1));
    QVERIFY(s.diagnostics.empty());
}

void TestLoader::roleDefinitionNames()
{
    // ARM assignments carry no role name: it is filled from the definition with the same GUID, whether
    // the ID is "/subscriptions/<s>/providers/..." or "/providers/..." (and whatever its case).
    const Snapshot s = loadFixtures(lines({"arm/roleassignments-page.json", "samples/arm-roleassignments-list-for-scope.json"}), true);
    QCOMPARE(s.azure.assignments.size(), std::size_t(3));
    QCOMPARE(s.azure.assignments[0].roleDefinitionName, std::string("Azure Kubernetes Service RBAC Cluster Admin"));
    QCOMPARE(s.azure.assignments[1].roleDefinitionName, std::string("Azure Kubernetes Service RBAC Reader"));
    QCOMPARE(s.azure.assignments[2].roleDefinitionName, std::string()); // not a known definition
}

void TestLoader::referencedPrincipals()
{
    // With Entra exports, assignees, AKS admin groups and GUID binding subjects become principals
    // (Unresolved when not exported).
    Snapshot s = loadFixtures(lines({"samples/az-ad-group-list.json", "samples/az-role-assignment-list.json", "arm/managedcluster-wi.json",
                                     "k8s/multidoc.yaml"}));
    const auto &dir = s.directory;
    QVERIFY(dir.find("7d96660a-02e1-4112-9515-1762d0cb66b7") != entra::NoPrincipal);
    QCOMPARE(dir.at(dir.find("7d96660a-02e1-4112-9515-1762d0cb66b7")).type, entra::PrincipalType::Group);
    const auto sp = dir.find("d75cae5f-db64-47f8-a539-e1c6375c7d87");
    QVERIFY(sp != entra::NoPrincipal);
    QCOMPARE(dir.at(sp).type, entra::PrincipalType::Unresolved);
    QVERIFY(dir.find("A1111111-0000-4000-8000-000000000001") != entra::NoPrincipal);
    QVERIFY(dir.find("3f2c6a1e-1111-4a4b-9c9d-000000000001") != entra::NoPrincipal);
    QCOMPARE(dir.find("alice@contoso.com"), entra::NoPrincipal);
    QCOMPARE(dir.size(), std::size_t(5));

    // Without them the directory stays empty: Snapshot::hasEntra() is false.
    s = loadFixtures(lines({"samples/az-role-assignment-list.json", "k8s/multidoc.yaml"}));
    QVERIFY(!s.hasEntra());
}

void TestLoader::membershipCycle()
{
    const std::string cyclic = R"({"value": [
  {"id": "70000000-0000-4000-8000-000000000001", "displayName": "Ops", "securityEnabled": true,
   "members": [{"@odata.type": "#microsoft.graph.group", "id": "70000000-0000-4000-8000-000000000002"}]},
  {"id": "70000000-0000-4000-8000-000000000002", "displayName": "Dev", "securityEnabled": true,
   "members": [{"@odata.type": "#microsoft.graph.group", "id": "70000000-0000-4000-8000-000000000001"}]}
]})";
    SnapshotLoader loader(LoadOptions{false, {}, nullptr});
    loader.addContent("cycle.json", cyclic);
    const Snapshot s = loader.finish();
    QCOMPARE(s.directory.cycles().size(), std::size_t(1));
    const Diagnostic *d = findDiagnostic(s, QStringLiteral("group membership cycle: Ops (70000000-0000-4000-8000-000000000001) -> Dev"));
    QVERIFY(d);
    QCOMPARE(d->file, std::string("cycle.json"));
    QCOMPARE(d->line, 2);
    QCOMPARE(d->column, 3);
}

void TestLoader::encodings_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("roles");
    QTest::addColumn<QString>("diagnostic"); // empty: none expected

    const QByteArray yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: enc\nrules: []\n");
    QTest::newRow("UTF-8 BOM") << (QByteArray("\xef\xbb\xbf") + yaml) << 1 << QString();
    QByteArray utf16("\xff\xfe");
    for (char c : yaml)
        utf16.append(c).append('\0');
    QTest::newRow("UTF-16LE (PowerShell redirection)") << utf16 << 1 << QString();
    QByteArray crlf = yaml;
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF line ends") << crlf << 1 << QString();
    const QByteArray role = R"({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "r%1"}})";
    QTest::newRow("JSON Lines / appended output") << (QByteArray(role).replace("%1", "1") + "\n" + QByteArray(role).replace("%1", "2") + "\n")
                                                  << 2 << QString();
    QTest::newRow("trailing garbage after JSON") << (QByteArray(role).replace("%1", "1") + "\n}") << 1
                                                 << QStringLiteral("malformed JSON");
    QTest::newRow("only comments") << QByteArray("# nothing here\n---\n# still nothing\n") << 0 << QStringLiteral("empty file");
}

void TestLoader::encodings()
{
    QFETCH(QByteArray, content);
    QFETCH(int, roles);
    QFETCH(QString, diagnostic);
    SnapshotLoader loader(LoadOptions{false, {}, nullptr});
    loader.addContent("input", content.toStdString());
    const Snapshot s = loader.finish();
    QCOMPARE(int(s.kube.roles.size()), roles);
    if (diagnostic.isEmpty())
        QVERIFY2(s.diagnostics.empty(), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
    else
        QVERIFY2(findDiagnostic(s, diagnostic), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
}

void TestLoader::demoSnapshot()
{
    const Snapshot s = loadDemoSnapshot();
    QVERIFY(s.azure.roleDefinitions.size() >= 22); // at least the built-in roles
    for (std::size_t i = 1; i < s.files.size(); ++i) {
        QVERIFY(QString::fromStdString(s.files[i]).startsWith(QStringLiteral("<demo>/")));
        QVERIFY(!QString::fromStdString(s.files[i]).endsWith(QStringLiteral(".md"))); // only data files
    }
    QVERIFY(std::is_sorted(s.files.begin(), s.files.end()));
}

void TestLoader::printDumps()
{
    const QByteArray list = qgetenv("CLEARANCE_DUMP");
    if (list.isEmpty())
        QSKIP("set CLEARANCE_DUMP=file1,file2 to print what the fixtures load");
    const Snapshot s = loadFixtures(QString::fromUtf8(list).split(QLatin1Char(',')));
    std::cout << counts(s).toStdString() << "\n";
    for (const QString &line : dump(s))
        std::cout << line.toStdString() << "\n";
    for (const QString &line : diagnosticLines(s))
        std::cout << "DIAG " << line.toStdString() << "\n";
}

QTEST_GUILESS_MAIN(TestLoader)
#include "tst_loader.moc"
