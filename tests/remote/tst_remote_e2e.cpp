// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: a tenant made by clearance-gen-tenant is served by the fakes (Kubernetes API server,
// Graph, ARM), fetched into a snapshot, and the snapshot answers who-can exactly as the generator's
// files do, for a table of requests.
#include "remotetest.h"

#include "graph/permissiongraph.h"

#include <QProcess>

#include <set>

using namespace clr::remotetest;

namespace {

/** who-can as comparable text: Kubernetes subjects with where and through what, Entra principals with planes. */
QStringList whoCanDump(const clr::PermissionGraph &graph, const clr::k8s::Request &request, bool anyNamespace)
{
    const auto result = graph.whoCan(request, anyNamespace);
    const auto &cluster = graph.kubernetes().cluster();
    std::set<QString> lines;
    for (const auto &s : result.subjects) {
        QStringList grants;
        for (const auto &g : s.grants) {
            const auto &b = cluster.bindings[g.binding];
            const auto &r = cluster.roles[g.role];
            grants << QStringLiteral("%1/%2->%3/%4#%5")
                          .arg(QString::fromStdString(b.ns), QString::fromStdString(b.name), QString::fromStdString(r.ns), QString::fromStdString(r.name))
                          .arg(g.rule);
        }
        grants.sort();
        QStringList namespaces;
        for (const auto &ns : s.namespaces)
            namespaces << QString::fromStdString(ns);
        namespaces.sort();
        lines.insert(QStringLiteral("subject %1 %2/%3 in [%4] via %5")
                         .arg(QLatin1String(clr::k8s::subjectKindName(s.subject.kind)), QString::fromStdString(s.subject.ns),
                              QString::fromStdString(s.subject.name), namespaces.join(QLatin1Char(',')), grants.join(QLatin1Char(' '))));
    }
    for (const auto &p : result.principals) {
        QStringList planes;
        for (const auto &name : clr::planeNames(p.planes))
            planes << QString::fromStdString(name);
        lines.insert(QStringLiteral("principal %1 %2%3").arg(QString::fromStdString(graph.snapshot().directory.at(p.principal).id), planes.join(QLatin1Char(',')),
                                                              p.conditional ? QStringLiteral(" conditional") : QString()));
    }
    return QStringList(lines.begin(), lines.end());
}

clr::k8s::Request request(const char *verb, const char *group, const char *resource, const std::string &ns, const char *subresource = "")
{
    clr::k8s::Request r;
    r.verb = verb;
    r.apiGroup = group;
    r.resource = resource;
    r.subresource = subresource;
    r.ns = ns;
    return r;
}

} // namespace

class TestRemoteE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchedEqualsFiles();

private:
    QTemporaryDir m_home;
};

void TestRemoteE2e::initTestCase()
{
    QVERIFY2(TestPki::instance().ok(), qPrintable(TestPki::instance().error()));
    isolateSettings(m_home);
    if (!QFileInfo(QStringLiteral(CLEARANCE_GEN_TENANT)).isExecutable())
        QSKIP("clearance-gen-tenant was not built (it comes with the benchmarks: Google Benchmark missing?)");
}

void TestRemoteE2e::fetchedEqualsFiles()
{
    Harness h;
    QVERIFY(h.start());
    const QString tenant = h.dir.filePath(QStringLiteral("tenant"));
    QProcess gen;
    gen.start(QStringLiteral(CLEARANCE_GEN_TENANT), {tenant, QStringLiteral("--users"), QStringLiteral("3000"), QStringLiteral("--groups"), QStringLiteral("500"),
                                                     QStringLiteral("--sps"), QStringLiteral("300"), QStringLiteral("--namespaces"), QStringLiteral("40"),
                                                     QStringLiteral("--bindings"), QStringLiteral("300"), QStringLiteral("--assignments"), QStringLiteral("120"),
                                                     QStringLiteral("--seed"), QStringLiteral("11")});
    QVERIFY(gen.waitForFinished(120000));
    QCOMPARE(gen.exitCode(), 0);
    QString error;
    QVERIFY2(clr::fakes::loadGeneratedTenant(h.cloud, tenant, &error), qPrintable(error));
    h.cloud.builtinDefinitions = clr::fakes::builtinRoleDefinitionsAsArm(QStringLiteral(CLEARANCE_SOURCE_DIR));
    // The AKS cluster's FQDN is the fake API server's address, as on Azure: the fetch finds it by that.
    for (auto &sub : h.cloud.subscriptions) {
        for (auto c : sub.clusters) {
            QJsonObject cluster = c.toObject();
            QJsonObject props = cluster.value(QStringLiteral("properties")).toObject();
            props.insert(QStringLiteral("fqdn"), QStringLiteral("127.0.0.1"));
            cluster.insert(QStringLiteral("properties"), props);
            sub.clusters = QJsonArray{cluster};
        }
    }
    h.cloud.kubeTokens << QStringLiteral("reader");
    h.cloud.graphPageSize = 400;      // paging everywhere
    h.cloud.deltaRefsPerPage = 2000;
    h.cloud.armPageSize = 50;
    FetchOptions o = h.options();
    useServicePrincipal(h, o);
    o.kubeconfig = h.kubeconfig(QStringLiteral("    token: reader\n"));
    o.kubePageSize = 100;
    const FetchRun run = h.run(o, 120000);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY2(run.result.manifest.warnings.isEmpty(), qPrintable(run.result.manifest.warnings.join(QLatin1Char('\n'))));

    Snapshot fetched, files;
    // The generator makes a few accidental membership cycles on purpose: both sides report the same ones.
    const QStringList fetchedProblems = loadProblems(o.outDir, &fetched);
    const QStringList fileProblems = loadProblems(tenant, &files);
    auto cycles = [](const QStringList &problems) {
        QStringList out;
        for (const QString &p : problems)
            out << p.mid(p.indexOf(QLatin1String("group membership cycle")));
        out.sort();
        return out;
    };
    QCOMPARE(fetchedProblems.filter(QStringLiteral("membership cycle")).size(), fetchedProblems.size());
    QCOMPARE(cycles(fetchedProblems), cycles(fileProblems.filter(QStringLiteral("membership cycle"))));
    QCOMPARE(fetched.directory.size(), files.directory.size());
    QCOMPARE(fetched.directory.membershipCount(), files.directory.membershipCount());
    QCOMPARE(fetched.kube.bindings.size(), files.kube.bindings.size());
    QCOMPARE(fetched.kube.roles.size(), files.kube.roles.size());
    QCOMPARE(fetched.azure.assignments.size(), files.azure.assignments.size());
    QCOMPARE(fetched.azure.clusters.size(), std::size_t(1));
    const clr::PermissionGraph fromFetch(std::move(fetched));
    const clr::PermissionGraph fromFiles(std::move(files));
    QVERIFY(fromFetch.cluster() && fromFiles.cluster());
    QCOMPARE(QString::fromStdString(fromFetch.cluster()->id), QString::fromStdString(fromFiles.cluster()->id));

    std::vector<std::string> namespaces;
    for (const auto &ns : fromFiles.namespaces()) {
        if (namespaces.size() < 4 && ns.rfind("kube-", 0) != 0)
            namespaces.push_back(ns);
    }
    namespaces.push_back("kube-system");
    QVERIFY(namespaces.size() == 5);
    int nonEmpty = 0, withPrincipals = 0;
    for (const auto &ns : namespaces) {
        for (const auto &r : {request("get", "", "pods", ns), request("delete", "", "pods", ns), request("create", "", "pods", ns, "exec"),
                              request("list", "", "secrets", ns), request("update", "apps", "deployments", ns),
                              request("create", "rbac.authorization.k8s.io", "rolebindings", ns)}) {
            const QStringList a = whoCanDump(fromFetch, r, false);
            const QStringList b = whoCanDump(fromFiles, r, false);
            QCOMPARE(a, b);
            nonEmpty += a.isEmpty() ? 0 : 1;
            withPrincipals += a.filter(QStringLiteral("principal ")).isEmpty() ? 0 : 1;
        }
    }
    for (const auto &r : {request("list", "", "nodes", ""), request("get", "", "secrets", ""), request("impersonate", "", "users", ""),
                          request("escalate", "rbac.authorization.k8s.io", "clusterroles", "")}) {
        QCOMPARE(whoCanDump(fromFetch, r, true), whoCanDump(fromFiles, r, true));
    }
    QVERIFY2(nonEmpty >= 25 && withPrincipals >= 25, "the table must exercise real answers, not empty ones");
}

QTEST_GUILESS_MAIN(TestRemoteE2e)
#include "tst_remote_e2e.moc"
