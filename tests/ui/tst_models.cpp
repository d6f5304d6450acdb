// SPDX-License-Identifier: GPL-3.0-or-later
// Every model and proxy of the UI under QAbstractItemModelTester, on a small inline snapshot,
// plus the facts each one must get right (laziness, cells, filters, refs).
#include "testsnapshot.h"

#include "graph/neighbourhood.h"
#include "models/bindingsubjectsmodel.h"
#include "models/identityfilterproxy.h"
#include "models/identitymodel.h"
#include "models/itemroles.h"
#include "matrix/matrixviewjob.h"
#include "models/matrixfilterproxy.h"
#include "models/matrixsortproxy.h"
#include "models/namespacematrixmodel.h"
#include "models/permissionsmodel.h"
#include "models/principalmatrixmodel.h"
#include "models/problemsmodel.h"
#include "models/problemsproxy.h"
#include "models/rbacfilterproxy.h"
#include "models/rbacobjectsmodel.h"
#include "models/rolerulesmodel.h"
#include "models/whocanmodel.h"
#include "models/whocanproxy.h"

#include "load/loader.h"

#include <QAbstractItemModelTester>
#include <QtTest>

#include <set>
#include <tuple>

using namespace clr;
using namespace clr::ui;

namespace {
ObjectRef ref(const std::string &text)
{
    return ObjectRef::parse(text).value();
}
} // namespace

class TestModels final : public QObject
{
    Q_OBJECT

private:
    SessionPtr m_session;

    SubjectRef principal(const char *oid) const
    {
        return m_session->catalog->principalRef(m_session->graph->snapshot().directory.find(oid));
    }
    static void attachTester(QAbstractItemModel *model)
    {
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_session = testdata::makeSession();
        QVERIFY(m_session->graph->cluster());
    }

    void catalog()
    {
        const auto &cat = *m_session->catalog;
        QCOMPARE(cat.subjects(SubjectKind::User).size(), std::size_t(3));
        QCOMPARE(cat.name(cat.subjects(SubjectKind::User).front()), QStringLiteral("Alice Admin")); // sorted by name
        QCOMPARE(cat.subjects(SubjectKind::ManagedIdentity).size(), std::size_t(1));
        QCOMPARE(cat.kubernetesName(principal(testdata::kCarol)), QString::fromLatin1(testdata::kCarol)); // guests by object ID
        const auto opsRobot = cat.findKubernetesUser("ops-robot");
        QVERIFY(opsRobot);
        QCOMPARE(opsRobot->kind, SubjectKind::KubernetesUser);
        QVERIFY(cat.unresolved(*opsRobot));
        const auto devsByName = cat.findKubernetesGroup("Devs");
        QVERIFY(devsByName && devsByName->kind == SubjectKind::KubernetesGroup); // a display name is no Entra group ID
        const auto runner = cat.findServiceAccount("team-b", "runner");
        QVERIFY(runner);
        const auto mi = cat.workloadIdentityOf(*runner);
        QVERIFY(mi);
        QCOMPARE(cat.name(*mi), QStringLiteral("id-runner"));
        QCOMPARE(cat.resolveRef({ObjectRef::Kind::Principal, testdata::kAlice}), std::optional(principal(testdata::kAlice)));
        const auto members = cat.transitiveMembers(principal(testdata::kDevs));
        QCOMPARE(members.size(), std::size_t(2)); // Alice, and Bob through Leads (a cycle back to Devs)
    }

    void identityModel()
    {
        IdentityModel model;
        IdentityFilterProxy proxy;
        attachTester(&model);
        proxy.setSourceModel(&model);
        attachTester(&proxy);
        model.setSession(m_session);
        QCOMPARE(model.rowCount(), int(IdentityModel::Folder::Count));
        const QModelIndex users = model.index(int(IdentityModel::Folder::Users), 0);
        QCOMPARE(model.rowCount(users), 3);
        QVERIFY(users.data().toString().startsWith(QStringLiteral("Users (3)")));

        const QModelIndex devs = model.indexOf(principal(testdata::kDevs));
        QVERIFY(devs.isValid());
        QCOMPARE(devs.data().toString(), QStringLiteral("Devs"));
        QVERIFY(model.hasChildren(devs));
        if (model.canFetchMore(devs)) // the tester may have fetched already
            model.fetchMore(devs);
        QVERIFY(!model.canFetchMore(devs));
        QCOMPARE(model.rowCount(devs), 2);
        const QModelIndex leads = model.index(0, 0, devs); // groups first
        QCOMPARE(leads.data().toString(), QStringLiteral("Leads"));
        QCOMPARE(leads.parent(), devs);
        model.fetchMore(leads); // the cycle: Leads contains Devs again, fetched lazily, never looping
        QCOMPARE(model.rowCount(leads), 2);
        QCOMPARE(model.requestersUnder(devs).size(), std::size_t(2));

        const QModelIndex bob = model.indexOf(principal(testdata::kBob));
        QVERIFY(bob.data().toString().contains(QStringLiteral("disabled")));
        QCOMPARE(bob.siblingAtColumn(IdentityModel::KubernetesNameColumn).data().toString(), QStringLiteral("bob@example.com"));
        QCOMPARE(qvariant_cast<SubjectRef>(bob.data(SubjectRole)), principal(testdata::kBob));

        const auto runner = m_session->catalog->findServiceAccount("team-b", "runner");
        const QModelIndex runnerIndex = model.indexOf(*runner);
        QCOMPARE(runnerIndex.data().toString(), QStringLiteral("runner"));
        QCOMPARE(runnerIndex.parent().data().toString(), QStringLiteral("team-b (1)"));

        proxy.setFilterText(QStringLiteral("BOB@"));
        const QModelIndex proxyUsers = proxy.index(int(IdentityModel::Folder::Users), 0);
        QVERIFY(proxyUsers.isValid());
        QCOMPARE(proxy.rowCount(proxyUsers), 1);
        QCOMPARE(proxy.mapToSource(proxy.index(0, 0, proxyUsers)), bob);
        proxy.setFilterText(QStringLiteral("no such identity"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), model.rowCount());
        QCoreApplication::processEvents(); // fetches queued during changes run now, under both testers
        QCOMPARE(model.rowCount(devs), 2);
        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void namespaceMatrixIsLazy()
    {
        NamespaceMatrixModel model;
        model.setSession(m_session);
        model.setNamespace("team-a");
        model.setRows(m_session->catalog->allRequesters());
        QVERIFY(model.rowCount() > 5);
        QCOMPARE(model.computedRowCount(), 0);
        model.index(2, 3).data(CellStateRole);
        model.index(2, 4).data(CellStateRole);
        QCOMPARE(model.computedRowCount(), 1);
    }

    void namespaceMatrix()
    {
        NamespaceMatrixModel model;
        attachTester(&model);
        model.setSession(m_session);
        model.setNamespace("team-a");
        model.setRows(m_session->catalog->allRequesters());
        const int col = model.columnOf(QStringLiteral("pods"), QStringLiteral("delete"));
        QVERIFY(col >= 0);
        QCOMPARE(model.headerData(col, Qt::Horizontal).toString(), QStringLiteral("delete"));
        QCOMPARE(model.headerData(col, Qt::Horizontal, ResourceGroupRole).toString(), QStringLiteral("pods"));
        const QModelIndex alice = model.index(model.rowOf(principal(testdata::kAlice)), col);
        QCOMPARE(alice.data(CellStateRole).toInt(), int(MatrixCell::State::Allowed));
        QCOMPARE(alice.data(PlanesRole).toInt(), int(planeBit(Plane::Kubernetes)));
        QVERIFY(alice.data(Qt::ToolTipRole).toString().contains(QStringLiteral("devs-delete")));
        QCOMPARE(model.describe(alice), QStringLiteral("Alice Admin can delete pods in team-a"));
        const QModelIndex bob = model.index(model.rowOf(principal(testdata::kBob)), col); // through Leads ⊂ Devs
        QCOMPARE(bob.data(CellStateRole).toInt(), int(MatrixCell::State::Allowed));
        const QModelIndex carol = model.index(model.rowOf(principal(testdata::kCarol)), col);
        QCOMPARE(carol.data(CellStateRole).toInt(), int(MatrixCell::State::Denied));
        const ExplainTarget target = model.targetAt(alice);
        QCOMPARE(target.request.verb, std::string("delete"));
        QCOMPARE(target.request.ns, std::string("team-a"));
        QCOMPARE(target.subject, std::optional(principal(testdata::kAlice)));

        model.setNamespace("team-b"); // Azure RBAC Reader at namespace team-b for Leads (Bob)
        const int get = model.columnOf(QStringLiteral("pods"), QStringLiteral("get"));
        const QModelIndex bobGet = model.index(model.rowOf(principal(testdata::kBob)), get);
        QCOMPARE(bobGet.data(CellStateRole).toInt(), int(MatrixCell::State::Allowed));
        QCOMPARE(bobGet.data(PlanesRole).toInt(), int(planeBit(Plane::Azure)));
        const auto runner = *m_session->catalog->findServiceAccount("team-b", "runner");
        QCOMPARE(model.index(model.rowOf(runner), get).data(CellStateRole).toInt(), int(MatrixCell::State::SomeNames));
        QCOMPARE(model.headerData(model.rowOf(runner), Qt::Vertical).toString(), QStringLiteral("team-b/runner"));
    }

    /** The catalog's requesters are the core's matrix rows: the window and `export --what matrix` list the same identities. */
    void catalogRowsAreTheMatrixRows()
    {
        auto tuples = [](const std::vector<RequesterRow> &rows) {
            std::set<std::tuple<int, entra::PrincipalId, std::string, std::string, bool>> out;
            for (const auto &r : rows)
                out.emplace(int(r.kind), r.principal, r.name, r.displayName, r.disabled);
            return out;
        };
        for (const SessionPtr &session : {m_session, testdata::sessionOf(loadDemoSnapshot())}) {
            std::vector<RequesterRow> fromCatalog;
            for (const SubjectRef &ref : session->catalog->allRequesters())
                fromCatalog.push_back(session->catalog->requesterRow(ref));
            const auto core = requesterRows(*session->graph);
            QCOMPARE(fromCatalog.size(), core.size());
            QVERIFY(tuples(fromCatalog) == tuples(core));
            for (const SubjectRef &ref : session->catalog->allRequesters()) {
                const Identity a = session->catalog->identity(ref), b = identityOfRow(*session->graph, session->catalog->requesterRow(ref));
                QCOMPARE(a.user.name, b.user.name);
                QVERIFY(a.user.groups == b.user.groups);
            }
        }
    }

    /** The view's proxies: rows and columns shown, ranks, rows pinned on top with their differences marked. */
    void matrixViewProxies()
    {
        NamespaceMatrixModel model;
        MatrixFilterProxy filter;
        MatrixSortProxy sort;
        attachTester(&filter);
        attachTester(&sort);
        filter.setSourceModel(&model);
        sort.setSourceModel(&filter);
        model.setSession(m_session);
        model.setNamespace("team-a");
        model.setRows(m_session->catalog->allRequesters());
        const int n = model.rowCount();
        QVERIFY(n > 6);
        QCOMPARE(filter.rowCount(), n);
        QCOMPARE(sort.rowCount(), n);
        for (int r = 0; r < n; ++r)
            QCOMPARE(MatrixSortProxy::baseRow(sort.index(r, 0)), r); // no ranks: the source order

        const int del = model.columnOf(QStringLiteral("pods"), QStringLiteral("delete"));
        const int get = model.columnOf(QStringLiteral("secrets"), QStringLiteral("get"));
        std::vector<bool> columns(std::size_t(model.columnCount()), false);
        columns[std::size_t(del)] = columns[std::size_t(get)] = true;
        filter.setVisibleColumns(columns);
        QCOMPARE(sort.columnCount(), 2);
        QCOMPARE(sort.headerData(0, Qt::Horizontal, ColumnIdRole).toString(), QStringLiteral("delete:pods"));
        QCOMPARE(sort.headerData(1, Qt::Horizontal, ResourceGroupRole).toString(), QStringLiteral("secrets"));
        QCOMPARE(filter.firstVisibleColumn(), del);

        auto accepted = std::make_shared<std::vector<bool>>(std::size_t(n), false);
        (*accepted)[1] = (*accepted)[3] = (*accepted)[4] = true;
        filter.setAcceptedRows(accepted);
        QCOMPARE(sort.rowCount(), 3);
        QVERIFY(filter.showsRow(3) && !filter.showsRow(2));
        auto ranks = std::make_shared<std::vector<std::uint32_t>>(std::size_t(n), std::uint32_t(n));
        (*ranks)[4] = 0, (*ranks)[1] = 1, (*ranks)[3] = 2;
        sort.setRanks(ranks);
        QCOMPARE(MatrixSortProxy::baseRow(sort.index(0, 0)), 4);
        QCOMPARE(MatrixSortProxy::baseRow(sort.index(1, 0)), 1);
        QCOMPARE(MatrixSortProxy::baseRow(sort.index(2, 0)), 3);
        QCOMPARE(sort.headerData(0, Qt::Vertical, SubjectRole).value<SubjectRef>(), model.rows()[4]);

        // Alice (allowed to delete pods in team-a) against Carol (denied): pinned first, even though row 2 is filtered out.
        const int alice = model.rowOf(principal(testdata::kAlice)), carol = model.rowOf(principal(testdata::kCarol));
        filter.setPinnedRows({alice, carol});
        sort.setPinnedRows({alice, carol});
        QCOMPARE(MatrixSortProxy::baseRow(sort.index(0, 0)), alice);
        QCOMPARE(MatrixSortProxy::baseRow(sort.index(1, 0)), carol);
        QVERIFY(sort.headerData(0, Qt::Vertical, PinnedRole).toBool());
        QVERIFY(!sort.headerData(2, Qt::Vertical, PinnedRole).toBool());
        QVERIFY(sort.index(0, 0).data(CompareDiffRole).toBool()); // delete pods: Alice yes, Carol no
        QVERIFY(sort.index(1, 0).data(CompareDiffRole).toBool());
        const bool secretsDiffer = model.index(alice, get).data(CellStateRole) != model.index(carol, get).data(CellStateRole)
            || model.index(alice, get).data(PlanesRole) != model.index(carol, get).data(PlanesRole);
        QCOMPARE(sort.index(0, 1).data(CompareDiffRole).toBool(), secretsDiffer);
        QVERIFY(!sort.index(2, 0).data(CompareDiffRole).toBool()); // only pinned rows are compared
        sort.setPinnedRows({});
        filter.setPinnedRows({});
        QCOMPARE(MatrixSortProxy::baseRow(sort.index(0, 0)), 4);
        filter.setAcceptedRows(nullptr);
        filter.setVisibleColumns({});
        QCOMPARE(sort.rowCount(), n);
        QCOMPARE(sort.columnCount(), model.columnCount());
        model.setRows({});
        QCOMPARE(sort.rowCount(), 0);
    }

    /** The view job applies a view off the UI thread and reports what gen::applyView() says, ready for the proxies. */
    void matrixViewJob()
    {
        MatrixViewJob job;
        QSignalSpy finished(&job, &MatrixViewJob::finished);
        QSignalSpy progress(&job, &MatrixViewJob::progress);
        auto rows = std::make_shared<const std::vector<SubjectRef>>(m_session->catalog->allRequesters());
        gen::MatrixView view;
        view.onlyAllowed = true;
        view.columns = {"*:pods"};
        view.sort = gen::RowSort::Name;
        job.start(m_session, rows, 1, "team-a", view);
        QVERIFY(job.isRunning());
        QVERIFY(finished.wait(20000));
        QVERIFY(!job.isRunning());
        QVERIFY(progress.count() > 0);
        const auto outcome = job.outcome();
        QVERIFY(outcome);
        std::vector<RequesterRow> core;
        for (const SubjectRef &ref : *rows)
            core.push_back(m_session->catalog->requesterRow(ref));
        const gen::MatrixRowSet set(*m_session->graph, core);
        const auto expected = gen::applyView(set, defaultMatrixColumns(*m_session->graph), "team-a", view);
        QVERIFY(outcome->result.rows == expected.rows);
        QVERIFY(!expected.rows.empty());
        for (std::size_t i = 0; i < expected.rows.size(); ++i) {
            QVERIFY((*outcome->accepted)[expected.rows[i]]);
            QCOMPARE((*outcome->ranks)[expected.rows[i]], std::uint32_t(i));
        }
        // A second start cancels the first: only the latest is reported.
        QSignalSpy failed(&job, &MatrixViewJob::failed);
        job.start(m_session, rows, 1, "team-a", view);
        view.memberOf = "00000000-0000-4000-8000-00000000beef";
        job.start(m_session, rows, 1, "team-a", view);
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().first().toString(), QStringLiteral("no Entra group '00000000-0000-4000-8000-00000000beef' in the snapshot"));
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
    }

    void principalMatrix()
    {
        PrincipalMatrixModel model;
        attachTester(&model);
        model.setSession(m_session);
        QCOMPARE(model.rowCount(), 0);
        model.setSubject(principal(testdata::kDevs)); // a group never asks
        QCOMPARE(model.rowCount(), 0);
        model.setSubject(principal(testdata::kBob));
        QCOMPARE(model.rowCount(), 3); // cluster scope, team-a, team-b
        QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("All namespaces (cluster scope)"));
        const int del = model.columnOf(QStringLiteral("pods"), QStringLiteral("delete"));
        const int get = model.columnOf(QStringLiteral("pods"), QStringLiteral("get"));
        QCOMPARE(model.index(model.rowOf("team-a"), del).data(CellStateRole).toInt(), int(MatrixCell::State::Allowed));
        QCOMPARE(model.index(model.rowOf("team-b"), del).data(CellStateRole).toInt(), int(MatrixCell::State::Denied));
        QCOMPARE(model.index(model.rowOf("team-b"), get).data(PlanesRole).toInt(), int(planeBit(Plane::Azure)));
        QCOMPARE(model.index(model.rowOf(""), get).data(CellStateRole).toInt(), int(MatrixCell::State::Denied));
        QVERIFY(model.computedRowCount() <= 3);
    }

    void whoCan()
    {
        WhoCanModel model;
        WhoCanProxy proxy;
        attachTester(&model);
        proxy.setSourceModel(&model);
        attachTester(&proxy);
        k8s::Request request;
        request.verb = "get";
        request.resource = "configmaps";
        request.ns = "team-b";
        model.setResult(m_session, request, m_session->graph->whoCan(request));
        // Kubernetes-only subjects of the aggregated "readers" binding: the service account,
        // ops-robot, the group named by display name; Carol's UPN binding matches nobody on AKS.
        QVERIFY(model.rowOf(*m_session->catalog->findServiceAccount("team-b", "runner")) >= 0);
        QVERIFY(model.rowOf(*m_session->catalog->findKubernetesUser("ops-robot")) >= 0);
        QVERIFY(model.rowOf(*m_session->catalog->findKubernetesGroup("Devs")) >= 0);
        QCOMPARE(model.rowOf(principal(testdata::kCarol)), -1);
        const int robot = model.rowOf(*m_session->catalog->findKubernetesUser("ops-robot"));
        QVERIFY(model.index(robot, WhoCanModel::GrantedByColumn).data().toString().contains(QStringLiteral("ClusterRoleBinding readers")));

        request.verb = "delete";
        request.resource = "pods";
        request.ns = "team-a";
        model.setResult(m_session, request, m_session->graph->whoCan(request));
        QCOMPARE(model.principalCount(), 2);
        QVERIFY(model.rowOf(principal(testdata::kAlice)) >= 0);
        const QModelIndex bob = model.index(model.rowOf(principal(testdata::kBob)), WhoCanModel::PlanesColumn);
        QCOMPARE(bob.data().toString(), QStringLiteral("Kubernetes RBAC"));
        QVERIFY(bob.siblingAtColumn(WhoCanModel::NameColumn).data().toString().endsWith(QStringLiteral("(disabled)")));
        proxy.setFilterText(QStringLiteral("alice"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText(QString());
        proxy.sort(WhoCanModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Bob Builder (disabled)"));
    }

    void problems()
    {
        ProblemsModel model;
        ProblemsProxy proxy;
        attachTester(&model);
        proxy.setSourceModel(&model);
        attachTester(&proxy);
        model.setDiagnostics(m_session->diagnostics());
        int brokenRow = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.index(r, ProblemsModel::FileColumn).data().toString() == QStringLiteral("broken.yaml"))
                brokenRow = r;
        }
        QVERIFY(brokenRow >= 0);
        const QModelIndex broken = model.index(brokenRow, 0);
        QCOMPARE(broken.data(SeverityRole).toInt(), int(Diagnostic::Severity::Error));
        QVERIFY(broken.data(LineRole).toInt() >= 3); // yaml-cpp reports the unclosed flow where the stream ends
        QCOMPARE(broken.data(FileRole).toString(), QStringLiteral("broken.yaml"));
        QVERIFY(model.problemCount() >= 1);
        proxy.setFilterText(QStringLiteral("broken.yaml"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText(QString());
        const int withoutNotes = proxy.rowCount();
        proxy.setShowNotes(true);
        QCOMPARE(proxy.rowCount(), model.rowCount());
        QVERIFY(withoutNotes <= model.rowCount());
        proxy.sort(ProblemsModel::SeverityColumn);
        QCOMPARE(proxy.index(0, 0).data(SeverityRole).toInt(), int(Diagnostic::Severity::Error));
    }

    void rbacObjects()
    {
        RbacObjectsModel model;
        RbacFilterProxy proxy;
        attachTester(&model);
        proxy.setSourceModel(&model);
        attachTester(&proxy);
        model.setSession(m_session);
        QCOMPARE(model.rowCount(), int(RbacObjectsModel::Folder::Count));
        const QModelIndex deleter = model.indexOfRef(ref("role:team-a/pod-deleter"));
        QVERIFY(deleter.isValid());
        QCOMPARE(deleter.data().toString(), QStringLiteral("team-a/pod-deleter"));
        QCOMPARE(deleter.data(RefRole).toString(), QStringLiteral("role:team-a/pod-deleter"));
        const QModelIndex missing = model.indexOfRef(ref("rolebinding:team-b/missing"));
        QVERIFY(missing.siblingAtColumn(RbacObjectsModel::DetailColumn).data().toString().contains(QStringLiteral("missing")));
        QVERIFY(model.indexOfRef(ref("clusterrole:agg")).siblingAtColumn(1).data().toString().startsWith(QStringLiteral("aggregated")));
        QVERIFY(model.indexOfRef(ref("roledefinition:/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db")).isValid());
        QVERIFY(!model.indexOfRef(ref("role:team-a/nothing")).isValid());
        proxy.setFilterText(QStringLiteral("team-a/pod"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), model.rowCount());
    }

    void detailModels()
    {
        RoleRulesModel rules;
        PermissionsModel permissions;
        BindingSubjectsModel subjects;
        attachTester(&rules);
        attachTester(&permissions);
        attachTester(&subjects);
        const auto &authz = m_session->graph->kubernetes();
        rules.setRole(m_session, authz.findRole({}, "agg", true));
        QCOMPARE(rules.rowCount(), 1); // filled by aggregation
        QCOMPARE(rules.index(0, RoleRulesModel::OriginColumn).data().toString(), QStringLiteral("piece"));
        QCOMPARE(rules.index(0, RoleRulesModel::ResourcesColumn).data().toString(), QStringLiteral("configmaps"));
        QCOMPARE(rules.index(0, 0).data(RefRole).toString(), QStringLiteral("clusterrole:piece"));
        rules.setRole(nullptr, -1);
        QCOMPARE(rules.rowCount(), 0);

        const auto &defs = m_session->graph->snapshot().azure.roleDefinitions;
        int reader = -1;
        for (std::size_t i = 0; i < defs.size(); ++i)
            reader = defs[i].roleName == "Azure Kubernetes Service RBAC Reader" ? int(i) : reader;
        QVERIFY(reader >= 0);
        permissions.setDefinition(m_session, reader);
        QVERIFY(permissions.rowCount() > 3);
        bool sawPods = false;
        for (int r = 0; r < permissions.rowCount(); ++r)
            sawPods = sawPods || permissions.index(r, PermissionsModel::MeaningColumn).data().toString() == QStringLiteral("Kubernetes API: pods/read");
        QVERIFY(sawPods);

        int readers = -1;
        for (std::size_t b = 0; b < authz.cluster().bindings.size(); ++b)
            readers = authz.cluster().bindings[b].name == "readers" ? int(b) : readers;
        subjects.setBinding(m_session, readers);
        QCOMPARE(subjects.rowCount(), 4);
        QVERIFY(subjects.index(0, BindingSubjectsModel::ResolvesToColumn).data().toString().startsWith(QStringLiteral("never matches")));
        QVERIFY(subjects.index(1, BindingSubjectsModel::ResolvesToColumn).data().toString().contains(QStringLiteral("object ID")));
        QCOMPARE(subjects.subjectAt(2), m_session->catalog->findServiceAccount("team-b", "runner"));
    }

    void neighbourhood()
    {
        const auto alice = Neighbourhood::ofSubject(*m_session, principal(testdata::kAlice));
        const QString dump = alice.dump();
        QVERIFY2(dump.contains(QStringLiteral("0 principal Alice Admin")), qPrintable(dump));
        QVERIFY2(dump.contains(QStringLiteral("Alice Admin -> Devs")), qPrintable(dump));
        QVERIFY2(dump.contains(QStringLiteral("Devs -> devs-delete")), qPrintable(dump));
        QVERIFY2(dump.contains(QStringLiteral("devs-delete -> pod-deleter")), qPrintable(dump));
        QVERIFY2(dump.contains(QStringLiteral("pod-deleter -> team-a")), qPrintable(dump));
        QVERIFY2(dump.contains(QStringLiteral("Devs -> Leads")), qPrintable(dump)); // Devs is inside Leads too (cycle)
        const auto runner = Neighbourhood::ofSubject(*m_session, *m_session->catalog->findServiceAccount("team-b", "runner"));
        QVERIFY2(runner.dump().contains(QStringLiteral("team-b/runner -> id-runner")), qPrintable(runner.dump()));
        QVERIFY2(runner.dump().contains(QStringLiteral("Role nope")), qPrintable(runner.dump()));
        const auto agg = Neighbourhood::ofObject(*m_session, ref("clusterrole:agg"));
        QVERIFY2(agg.dump().contains(QStringLiteral("readers -> agg")), qPrintable(agg.dump()));
        QVERIFY2(agg.dump().contains(QStringLiteral("ops-robot -> readers")), qPrintable(agg.dump()));
        QVERIFY(Neighbourhood::ofObject(*m_session, ref("clusterrole:nothing")).nodes.empty());
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
