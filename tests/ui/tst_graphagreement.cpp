// SPDX-License-Identifier: GPL-3.0-or-later
// The graph view draws what the evaluator finds: for every identity of the demo snapshot, in four
// cluster configurations, every binding and assignment that some explanation path names is a box of
// the identity's neighbourhood, and the admin-group and admin-credential boxes appear exactly when
// check() reports those planes.
#include "graph/neighbourhood.h"
#include "load/loader.h"
#include "session.h"

#include <QTest>

#include <set>

using namespace clr;
using namespace clr::ui;

namespace {

SessionPtr sessionOf(Snapshot snapshot)
{
    auto session = std::make_shared<Session>();
    session->graph = std::make_shared<const PermissionGraph>(std::move(snapshot));
    session->catalog = std::make_unique<const SubjectCatalog>(*session->graph);
    return session;
}

std::vector<k8s::Request> probes(const PermissionGraph &g)
{
    std::vector<k8s::Request> out;
    for (const auto &ns : g.namespaces()) {
        for (const char *verb : {"get", "delete", "create"}) {
            for (const char *resource : {"pods", "secrets", "configmaps"})
                out.push_back({verb, true, "", resource, "", "", ns, ""});
            out.push_back({verb, true, "apps", "deployments", "", "", ns, ""});
        }
    }
    out.push_back({"list", true, "", "nodes", "", "", "", ""});
    out.push_back({"get", false, "", "", "", "", "", "/metrics"});
    return out;
}

} // namespace

class TestGraphAgreement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void neighbourhoodShowsEveryPath_data()
    {
        QTest::addColumn<int>("variant");
        QTest::newRow("as exported") << 0;
        QTest::newRow("local accounts off") << 1;
        QTest::newRow("no Entra integration") << 2;
        QTest::newRow("Azure RBAC off") << 3;
    }

    void neighbourhoodShowsEveryPath()
    {
        QFETCH(int, variant);
        Snapshot snapshot = loadDemoSnapshot();
        for (auto &c : snapshot.azure.clusters) {
            c.disableLocalAccounts = c.disableLocalAccounts || variant == 1;
            c.entraIntegration = c.entraIntegration && variant != 2;
            c.enableAzureRbac = c.enableAzureRbac && variant != 2 && variant != 3;
        }
        const SessionPtr session = sessionOf(std::move(snapshot));
        const auto &g = *session->graph;
        const auto &cat = *session->catalog;
        const auto requests = probes(g);
        int credentialSeen = 0, adminGroupSeen = 0, pathsChecked = 0, userCredentialOnly = 0;
        for (SubjectKind kind : {SubjectKind::User, SubjectKind::ServicePrincipal, SubjectKind::ManagedIdentity, SubjectKind::ServiceAccount}) {
            for (SubjectRef subject : cat.subjects(kind)) {
                const Identity who = cat.identity(subject);
                const Neighbourhood view = Neighbourhood::ofSubject(*session, subject);
                std::set<std::string> refs;
                bool credentialBox = false, adminGroupBox = false;
                for (const auto &n : view.nodes) {
                    refs.insert(n.ref.toString());
                    credentialBox = credentialBox || n.label == QStringLiteral("cluster-admin via admin credential");
                    adminGroupBox = adminGroupBox || n.label == QStringLiteral("AKS admin group");
                }
                Planes planes = 0;
                for (const auto &request : requests) {
                    const Explanation ex = g.explain(who, request);
                    planes |= ex.decision.planes;
                    for (const auto &path : ex.paths) {
                        for (const auto &step : path.steps) {
                            if (step.kind != PathStep::Kind::Binding && step.kind != PathStep::Kind::Assignment)
                                continue;
                            if (step.ref.isNull())
                                continue; // the admin group's "binding" is the plane itself, checked below
                            ++pathsChecked;
                            QVERIFY2(refs.count(step.ref.toString()),
                                     qPrintable(cat.name(subject) + QStringLiteral(": the view lacks ") + QString::fromStdString(step.ref.toString())));
                        }
                    }
                }
                QCOMPARE(credentialBox, bool(planes & planeBit(Plane::AdminCredential)));
                QCOMPARE(adminGroupBox, bool(planes & planeBit(Plane::AksAdminGroup)));
                credentialSeen += credentialBox;
                const AccessProfile profile = g.profile(who);
                bool viaUser = !profile.adminCredential.empty();
                for (auto a : profile.adminCredential)
                    viaUser = viaUser && !g.clusterAssignments()[a].listsAdminCredential;
                userCredentialOnly += viaUser && credentialBox;
                adminGroupSeen += adminGroupBox;
            }
        }
        QVERIFY(pathsChecked > 0);
        if (variant == 0) {
            QVERIFY(credentialSeen > 0);
            QVERIFY(adminGroupSeen > 0);
        }
        if (variant == 1)
            QCOMPARE(credentialSeen, 0);
        if (variant == 2) {
            QCOMPARE(adminGroupSeen, 0);
            QVERIFY2(userCredentialOnly > 0, "without Entra integration the user credential is a cluster-admin certificate too");
        }
    }
};

QTEST_MAIN(TestGraphAgreement)
#include "tst_graphagreement.moc"
