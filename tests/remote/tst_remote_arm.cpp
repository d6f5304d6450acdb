// SPDX-License-Identifier: GPL-3.0-or-later
// Reading Azure Resource Manager: subscriptions, the AKS cluster the kubeconfig points at, role
// assignments and definitions with nextLink paging, and what a missing Reader role says.
#include "remotetest.h"

using namespace clr::remotetest;

namespace {

const QString kSub = QStringLiteral("d0821330-2f03-4939-a5c8-b00e8dbbc144");
const QString kOtherSub = QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001");

QJsonObject cluster(const QString &sub, const QString &rg, const QString &name, const QString &fqdn)
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("/subscriptions/%1/resourcegroups/%2/providers/Microsoft.ContainerService/managedClusters/%3").arg(sub, rg, name)},
        {QStringLiteral("name"), name},
        {QStringLiteral("type"), QStringLiteral("Microsoft.ContainerService/ManagedClusters")},
        {QStringLiteral("location"), QStringLiteral("westeurope")},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("fqdn"), fqdn},
                                                   {QStringLiteral("enableRBAC"), true},
                                                   {QStringLiteral("aadProfile"), QJsonObject{{QStringLiteral("managed"), true},
                                                                                              {QStringLiteral("enableAzureRBAC"), true},
                                                                                              {QStringLiteral("tenantID"), QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47")}}}}}};
}

QJsonObject assignment(const QString &sub, int i, const QString &scope)
{
    const QString name = QStringLiteral("aaaaaaaa-0000-0000-0000-%1").arg(i, 12, 10, QLatin1Char('0'));
    return QJsonObject{{QStringLiteral("id"), scope + QStringLiteral("/providers/Microsoft.Authorization/roleAssignments/") + name},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("type"), QStringLiteral("Microsoft.Authorization/roleAssignments")},
                       {QStringLiteral("properties"), QJsonObject{
                            {QStringLiteral("principalId"), QStringLiteral("00000000-0000-0000-0000-%1").arg(i, 12, 10, QLatin1Char('0'))},
                            {QStringLiteral("principalType"), QStringLiteral("User")},
                            {QStringLiteral("roleDefinitionId"), QStringLiteral("/subscriptions/%1/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db").arg(sub)},
                            {QStringLiteral("scope"), scope}}}};
}

void addSubscriptions(FakeCloud &cloud)
{
    cloud.builtinDefinitions = clr::fakes::builtinRoleDefinitionsAsArm(QStringLiteral(CLEARANCE_SOURCE_DIR));
    FakeCloud::SubscriptionData prod{QJsonObject{{QStringLiteral("id"), QStringLiteral("/subscriptions/") + kSub},
                                                 {QStringLiteral("subscriptionId"), kSub},
                                                 {QStringLiteral("displayName"), QStringLiteral("Production")},
                                                 {QStringLiteral("state"), QStringLiteral("Enabled")}},
                                     {}, {}, {}};
    prod.clusters.append(cluster(kSub, QStringLiteral("rg-aks"), QStringLiteral("aks-prod"), QStringLiteral("127.0.0.1")));
    prod.clusters.append(cluster(kSub, QStringLiteral("rg-aks"), QStringLiteral("aks-test"), QStringLiteral("aks-test-x.hcp.westeurope.azmk8s.io")));
    const QString clusterScope = prod.clusters[0].toObject().value(QStringLiteral("id")).toString();
    for (int i = 0; i < 5; ++i)
        prod.assignments.append(assignment(kSub, i, i % 2 ? clusterScope : QStringLiteral("/subscriptions/") + kSub));
    FakeCloud::SubscriptionData other{QJsonObject{{QStringLiteral("id"), QStringLiteral("/subscriptions/") + kOtherSub},
                                                  {QStringLiteral("subscriptionId"), kOtherSub},
                                                  {QStringLiteral("displayName"), QStringLiteral("Sandbox")},
                                                  {QStringLiteral("state"), QStringLiteral("Enabled")}},
                                      {}, {}, {}};
    other.assignments.append(assignment(kOtherSub, 9, QStringLiteral("/subscriptions/") + kOtherSub));
    cloud.subscriptions << prod << other;
}

} // namespace

class TestRemoteArm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void clusterFromKubeconfig();
    void clusterByFlag_data();
    void clusterByFlag();
    void explicitSubscriptions();
    void forbiddenNamesReader();
    void noSubscription();

private:
    QTemporaryDir m_home;
};

void TestRemoteArm::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
}

void TestRemoteArm::clusterFromKubeconfig()
{
    Harness h;
    QVERIFY(h.start());
    addSubscriptions(h.cloud);
    addSmallCluster(h.cloud, 1);
    h.cloud.kubeTokens << QStringLiteral("t");
    h.cloud.armPageSize = 2;
    FetchOptions o = h.options();
    o.graph = false;
    useServicePrincipal(h, o);
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: t\n"));
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    const QStringList files = filesUnder(o.outDir);
    QVERIFY(files.contains(QStringLiteral("arm/%1/managedclusters.json").arg(kSub)));
    QVERIFY(files.contains(QStringLiteral("arm/%1/roleassignments-0003.json").arg(kSub))); // 5 in pages of 2
    QVERIFY(!files.contains(QStringLiteral("arm/%1/roleassignments-0001.json").arg(kOtherSub)));
    Snapshot s;
    QCOMPARE(loadProblems(o.outDir, &s).join(QLatin1Char('\n')), QString());
    QCOMPARE(int(s.azure.clusters.size()), 1);
    QCOMPARE(QString::fromStdString(s.azure.clusters[0].name), QStringLiteral("aks-prod")); // its fqdn is the kubeconfig's server
    QVERIFY(s.azure.clusters[0].enableAzureRbac);
    QCOMPARE(int(s.azure.assignments.size()), 5);
    QCOMPARE(run.result.manifest.subscriptionNames.value(kSub), QStringLiteral("Production"));
    QCOMPARE(run.result.manifest.clusterIds.size(), 1);
}

void TestRemoteArm::clusterByFlag_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("result");
    QTest::newRow("RG/NAME") << QStringLiteral("RG-AKS/aks-test") << QStringLiteral("aks-test");
    QTest::newRow("missing") << QStringLiteral("rg-aks/aks-nope") << QStringLiteral("no AKS cluster rg-aks/aks-nope");
}

void TestRemoteArm::clusterByFlag()
{
    QFETCH(QString, flag);
    QFETCH(QString, result);
    Harness h;
    QVERIFY(h.start());
    addSubscriptions(h.cloud);
    FetchOptions o = h.options();
    o.graph = o.kubernetes = false;
    useServicePrincipal(h, o);
    o.cluster = flag;
    const FetchRun run = h.run(o);
    if (result.startsWith(QLatin1String("no "))) {
        QVERIFY(!run.result.ok);
        QVERIFY2(run.result.error.contains(result), qPrintable(run.result.error));
        return;
    }
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    Snapshot s;
    QCOMPARE(loadProblems(o.outDir, &s).join(QLatin1Char('\n')), QString());
    QCOMPARE(int(s.azure.clusters.size()), 1);
    QCOMPARE(QString::fromStdString(s.azure.clusters[0].name), result);
}

void TestRemoteArm::explicitSubscriptions()
{
    Harness h;
    QVERIFY(h.start());
    addSubscriptions(h.cloud);
    FetchOptions o = h.options();
    o.graph = o.kubernetes = false;
    useServicePrincipal(h, o);
    o.subscriptions = {kSub, kOtherSub};
    const FetchRun run = h.run(o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    // Two clusters and none matches a kubeconfig: both kept, and the user is told how to choose.
    QVERIFY(run.result.manifest.warnings.join(QLatin1Char(' ')).contains(QLatin1String("--cluster RG/NAME")));
    Snapshot s;
    loadProblems(o.outDir, &s);
    QCOMPARE(int(s.azure.assignments.size()), 6);
    QCOMPARE(int(s.azure.clusters.size()), 2);
}

void TestRemoteArm::forbiddenNamesReader()
{
    Harness h;
    QVERIFY(h.start());
    addSubscriptions(h.cloud);
    h.cloud.addFault(h.cloud.arm(), QStringLiteral("roleAssignments"),
                     FakeResponse::json(R"({"error":{"code":"AuthorizationFailed","message":"The client does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read'."}})", 403));
    FetchOptions o = h.options();
    o.graph = o.kubernetes = false;
    useServicePrincipal(h, o);
    o.cluster = QStringLiteral("rg-aks/aks-prod");
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("403 AuthorizationFailed")), qPrintable(run.result.error));
    QVERIFY(run.result.error.contains(QLatin1String("Reader role")));
    QVERIFY(!QFileInfo::exists(o.outDir));
}

void TestRemoteArm::noSubscription()
{
    Harness h;
    QVERIFY(h.start());
    FetchOptions o = h.options();
    o.graph = o.kubernetes = false;
    useServicePrincipal(h, o);
    const FetchRun run = h.run(o);
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QLatin1String("no enabled subscription")), qPrintable(run.result.error));
}

QTEST_GUILESS_MAIN(TestRemoteArm)
#include "tst_remote_arm.moc"
