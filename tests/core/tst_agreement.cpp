// SPDX-License-Identifier: GPL-3.0-or-later
// One rule book: every way of asking the graph gives the same answer. who-can (the reverse walk),
// the matrices (cached profiles and cluster-wide parts) and explain (traced paths) are each compared
// with check() for every identity, over the demo snapshot and generated tenants, in several cluster
// configurations, for a table of requests chosen to hit every rule: discovery paths, other URLs,
// cluster-scoped resources, wildcards, subresources, resourceNames, namespaces where only Azure grants,
// -A, disabled accounts, guests, the admin group, the admin credential with local accounts on and off.
// The matrix views' "only identities with access" (who-can per column mapped onto every kind of row) is
// compared with check() too.
#include "generate/matrixview.h"
#include "graph/matrix.h"
#include "graph/matrixaccess.h"
#include "graph/matrixrows.h"
#include "graph/permissiongraph.h"
#include "kubernetes/rules.h"
#include "load/loader.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <set>

using namespace clr;

namespace {

/** A cluster configuration applied to a loaded snapshot. */
enum class Variant { AsExported, LocalAccountsOff, AzureRbacOff, NoEntraIntegration, ConditionalAssignments, ServiceAccountGroups };

const char *variantName(Variant v)
{
    switch (v) {
    case Variant::AsExported:
        return "as exported";
    case Variant::LocalAccountsOff:
        return "local accounts off";
    case Variant::AzureRbacOff:
        return "Azure RBAC off";
    case Variant::NoEntraIntegration:
        return "no Entra integration";
    case Variant::ConditionalAssignments:
        return "every third assignment conditional";
    case Variant::ServiceAccountGroups:
        return "service-account groups bound";
    }
    return "";
}

/**
 * Grants through the service-account groups the API server adds (system:serviceaccounts and
 * system:serviceaccounts:NS), which no binding of the fixtures names: writing secrets to the service
 * accounts of the namespace with the most RoleBindings, exec and attach to every service account.
 */
void bindServiceAccountGroups(k8s::Cluster &kube)
{
    std::map<std::string, int> count;
    for (const auto &b : kube.bindings)
        if (!b.cluster)
            ++count[b.ns];
    std::string busy;
    for (const auto &[ns, n] : count)
        if (busy.empty() || n > count[busy])
            busy = ns;
    k8s::Role secrets{"agreement-sa-secrets", busy, false, {}, {{{"create", "update", "get"}, {""}, {"secrets"}, {}, {}}}, {}, false, {}, {}};
    k8s::Role exec{"agreement-sa-exec", "", true, {}, {{{"create"}, {""}, {"pods/exec", "pods/attach"}, {}, {}}}, {}, false, {}, {}};
    kube.roles.push_back(secrets);
    kube.roles.push_back(exec);
    kube.bindings.push_back({"agreement-sa-secrets", busy, false, {"Role", "agreement-sa-secrets"},
                             {{k8s::Subject::Kind::Group, "system:serviceaccounts:" + busy, {}}}, {}});
    kube.bindings.push_back({"agreement-sa-exec", "", true, {"ClusterRole", "agreement-sa-exec"},
                             {{k8s::Subject::Kind::Group, "system:serviceaccounts", {}}}, {}});
}

Snapshot applyVariant(Snapshot s, Variant v)
{
    for (auto &c : s.azure.clusters) {
        if (v == Variant::LocalAccountsOff)
            c.disableLocalAccounts = true;
        if (v == Variant::AzureRbacOff)
            c.enableAzureRbac = false;
        if (v == Variant::NoEntraIntegration) {
            c.entraIntegration = false;
            c.enableAzureRbac = false;
        }
    }
    if (v == Variant::ConditionalAssignments) {
        for (std::size_t i = 0; i < s.azure.assignments.size(); i += 3)
            s.azure.assignments[i].condition = "@Resource[Microsoft.ContainerService/managedClusters/namespaces:name] StringEquals 'x'";
    }
    if (v == Variant::ServiceAccountGroups)
        bindServiceAccountGroups(s.kube);
    return s;
}

/** What a request names before it is placed in a namespace of the fixture. */
struct RequestSpec
{
    const char *label;
    const char *verb;
    const char *group;
    const char *resource; // "" with `path` for a non-resource request
    const char *subresource;
    const char *name;
    enum class Where { None, Busy, AzureOnly, Empty, Nowhere, Every } where;
    const char *path = "";
};

using W = RequestSpec::Where;
const RequestSpec kRequests[] = {
    {"discovery /healthz", "get", "", "", "", "", W::None, "/healthz"},
    {"discovery /api", "get", "", "", "", "", W::None, "/api"},
    {"discovery /version, namespace asked", "get", "", "", "", "", W::Busy, "/version"},
    {"discovery path, non-get verb", "post", "", "", "", "", W::None, "/healthz"},
    {"other URL /metrics", "get", "", "", "", "", W::None, "/metrics"},
    {"other URL /logs/x", "get", "", "", "", "", W::None, "/logs/kube-apiserver.log"},
    {"list nodes -A", "list", "", "nodes", "", "", W::Every},
    {"list nodes -n busy", "list", "", "nodes", "", "", W::Busy},
    {"impersonate users", "impersonate", "", "users", "", "", W::Every},
    {"create clusterrolebindings -n busy", "create", "rbac.authorization.k8s.io", "clusterrolebindings", "", "", W::Busy},
    {"get namespaces", "get", "", "namespaces", "", "", W::None},
    {"delete pods", "delete", "", "pods", "", "", W::Busy},
    {"list secrets", "list", "", "secrets", "", "", W::Busy},
    {"get secrets by name", "get", "", "secrets", "", "app-tls", W::Busy},
    {"create pods/exec", "create", "", "pods", "exec", "", W::Busy},
    {"get pods/log", "get", "", "pods", "log", "", W::Busy},
    {"wildcard verb on pods", "*", "", "pods", "", "", W::Busy},
    {"wildcard resource in core", "get", "", "*", "", "", W::Busy},
    {"wildcard everything", "*", "*", "*", "", "", W::Busy},
    {"list deployments -A", "list", "apps", "deployments", "", "", W::Every},
    {"create deployments where only Azure grants", "create", "apps", "deployments", "", "", W::AzureOnly},
    {"get configmaps where only Azure grants", "get", "", "configmaps", "", "", W::AzureOnly},
    {"list pods across namespaces (no -A)", "list", "", "pods", "", "", W::None},
    {"get pods -A", "get", "", "pods", "", "", W::Every},
    {"update a custom resource", "update", "cert-manager.io", "certificates", "", "", W::Busy},
    {"get pods where nothing is bound", "get", "", "pods", "", "", W::Nowhere},
    {"escalate roles", "escalate", "rbac.authorization.k8s.io", "roles", "", "", W::Busy},
    {"get pods in an empty namespace", "get", "", "pods", "", "", W::Empty},
};

struct Fixture
{
    QString name;
    std::shared_ptr<PermissionGraph> graph;
    std::string busy;      // the namespace with the most RoleBindings
    std::string azureOnly; // a namespace with namespace-scoped assignments, without RoleBindings if there is one
    std::string empty;     // a known namespace with no RoleBinding at all ("" if none)
    std::vector<Identity> principals; // every Entra user and service principal, in directory order
};

std::string pickBusy(const PermissionGraph &g)
{
    std::map<std::string, int> count;
    for (const auto &b : g.snapshot().kube.bindings)
        if (!b.cluster)
            ++count[b.ns];
    std::string best;
    int most = -1;
    for (const auto &[ns, n] : count)
        if (n > most)
            best = ns, most = n;
    return best;
}

Fixture makeFixture(const QString &name, Snapshot snapshot)
{
    Fixture f;
    f.name = name;
    f.graph = std::make_shared<PermissionGraph>(std::move(snapshot));
    const auto &g = *f.graph;
    f.busy = pickBusy(g);
    std::set<std::string> bound;
    for (const auto &b : g.snapshot().kube.bindings)
        if (!b.cluster)
            bound.insert(b.ns);
    for (const auto &a : g.clusterAssignments()) {
        if (a.match != azure::ScopeMatch::Namespace)
            continue;
        if (f.azureOnly.empty() || (bound.count(f.azureOnly) && !bound.count(a.ns)))
            f.azureOnly = a.ns;
    }
    for (const auto &ns : g.namespaces())
        if (!bound.count(ns) && f.empty.empty() && ns != f.azureOnly)
            f.empty = ns;
    const auto &dir = g.snapshot().directory;
    for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
        const auto t = dir.at(p).type;
        if (t == entra::PrincipalType::User || t == entra::PrincipalType::ServicePrincipal)
            f.principals.push_back(g.identityOf(p));
    }
    return f;
}

/** The request a spec stands for in a fixture, and whether it is asked for every namespace. */
std::pair<k8s::Request, bool> requestOf(const RequestSpec &spec, const Fixture &f)
{
    k8s::Request r;
    r.verb = spec.verb;
    r.resourceRequest = *spec.resource != '\0';
    r.apiGroup = spec.group;
    r.resource = spec.resource;
    r.subresource = spec.subresource;
    r.name = spec.name;
    r.path = spec.path;
    switch (spec.where) {
    case W::Busy:
        r.ns = f.busy;
        break;
    case W::AzureOnly:
        r.ns = f.azureOnly.empty() ? f.busy : f.azureOnly;
        break;
    case W::Empty:
        r.ns = f.empty.empty() ? "clearance-test-empty" : f.empty;
        break;
    case W::Nowhere:
        r.ns = "clearance-test-nowhere";
        break;
    case W::None:
    case W::Every:
        break;
    }
    return {r, spec.where == W::Every};
}

/** check() over every namespace of the graph and cluster-wide, merged as -A means it. */
Decision checkAnywhere(const PermissionGraph &g, const Identity &who, k8s::Request r)
{
    std::vector<std::string> where = g.namespaces();
    where.push_back(std::string());
    Decision merged;
    for (const auto &ns : where) {
        r.ns = ns;
        const Decision d = g.check(who, r);
        merged.planes |= d.planes;
        merged.allowed = merged.allowed || d.allowed;
        merged.conditional = merged.conditional || d.conditional;
    }
    merged.conditional = merged.conditional && !merged.allowed;
    return merged;
}

std::string describe(const Identity &who)
{
    return who.user.name;
}

std::vector<k8s::Subject> everySubject(const PermissionGraph &g)
{
    std::map<std::string, k8s::Subject> out;
    for (const auto &b : g.snapshot().kube.bindings) {
        for (auto s : b.subjects) {
            if (s.kind == k8s::Subject::Kind::ServiceAccount && s.ns.empty())
                s.ns = b.cluster ? std::string() : b.ns;
            const std::string key = k8s::subjectKey(s, {});
            if (!key.empty())
                out.emplace(key, s);
        }
    }
    std::vector<k8s::Subject> v;
    for (auto &[key, s] : out)
        v.push_back(s);
    return v;
}

/** How the API server sees a request from exactly this subject: no other name, no other group. */
Identity identityOfSubject(const k8s::Subject &s)
{
    Identity who;
    switch (s.kind) {
    case k8s::Subject::Kind::User:
        who.user = {s.name, {}};
        break;
    case k8s::Subject::Kind::Group:
        who.user = {"clearance:agreement-probe", {s.name}};
        break;
    case k8s::Subject::Kind::ServiceAccount:
        who.user = {"system:serviceaccount:" + s.ns + ':' + s.name, {}};
        who.serviceAccount = true;
        break;
    }
    return who;
}

MatrixCell::State expectedState(const Decision &d)
{
    if (d.allowed)
        return MatrixCell::State::Allowed;
    if (d.someNames)
        return MatrixCell::State::SomeNames;
    if (d.conditional)
        return MatrixCell::State::Conditional;
    return MatrixCell::State::Denied;
}

/** Column choices of the views the filter tests apply, as the filter bar's presets and checklist make them. */
struct ColumnSet
{
    const char *label;
    std::vector<gen::ColumnPreset> presets;
    std::vector<std::string> picks;
    bool busyOnly; // every column: asked in the busiest namespace only (the other sets in three places)
};

const ColumnSet kColumnSets[] = {
    {"write secrets", {gen::ColumnPreset::Write, gen::ColumnPreset::Secrets}, {}, false},
    {"exec, attach, port-forward", {gen::ColumnPreset::Exec}, {}, false},
    {"RBAC objects", {gen::ColumnPreset::Rbac}, {}, false},
    {"get pods, list secrets, list nodes", {}, {"get:pods", "list:secrets", "list:nodes"}, false},
    {"every column", {}, {}, true},
};

/** The rows of a view, by name, for messages. */
QString rowName(const RequesterRow &row)
{
    return QStringLiteral("%1 %2").arg(QString::fromStdString(rowKindName(row.kind)), QString::fromStdString(row.name));
}

} // namespace

class TestAgreement final : public QObject
{
    Q_OBJECT

private:
    std::vector<Fixture> m_fixtures;
    QTemporaryDir m_tmp;

    /** Every kind of matrix row appears in some fixture, and some service account is granted only through its groups. */
    bool rowKindsCovered() const
    {
        std::set<RowKind> kinds;
        bool throughGroup = false;
        for (const auto &f : m_fixtures) {
            for (const auto &row : requesterRows(*f.graph)) {
                kinds.insert(row.kind);
                if (row.kind != RowKind::ServiceAccount || throughGroup)
                    continue;
                const Identity who = identityOfRow(*f.graph, row);
                k8s::Request r;
                r.verb = "create";
                r.resource = "pods";
                r.subresource = "attach";
                r.ns = f.busy;
                throughGroup = f.graph->check(who, r).allowed;
            }
        }
        if (!throughGroup)
            qWarning("no service account is granted through system:serviceaccounts");
        for (int k = 0; k < kRowKindCount; ++k)
            if (!kinds.count(RowKind(k)))
                qWarning("no fixture has a row of kind %s", rowKindName(RowKind(k)).c_str());
        return throughGroup && int(kinds.size()) == kRowKindCount;
    }

    void addFixtures(const QString &base, const Snapshot &snapshot, std::initializer_list<Variant> variants)
    {
        for (Variant v : variants)
            m_fixtures.push_back(makeFixture(base + QStringLiteral(", ") + QLatin1String(variantName(v)), applyVariant(snapshot, v)));
    }

    Snapshot generate(int seed)
    {
        const QString dir = m_tmp.filePath(QStringLiteral("tenant-%1").arg(seed));
        QProcess gen;
        gen.start(QStringLiteral(CLEARANCE_GEN_TENANT),
                  {dir, QStringLiteral("--users"), QStringLiteral("300"), QStringLiteral("--groups"), QStringLiteral("60"),
                   QStringLiteral("--sps"), QStringLiteral("40"), QStringLiteral("--namespaces"), QStringLiteral("8"),
                   QStringLiteral("--bindings"), QStringLiteral("90"), QStringLiteral("--assignments"), QStringLiteral("50"),
                   QStringLiteral("--seed"), QString::number(seed)});
        if (!gen.waitForFinished(60000) || gen.exitCode() != 0)
            qFatal("clearance-gen-tenant failed: %s", gen.readAllStandardError().constData());
        return loadSnapshot({dir.toStdString()});
    }

    static void fixtureRows()
    {
        QTest::addColumn<int>("fixture");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const Snapshot demo = loadDemoSnapshot();
        QVERIFY(!demo.azure.clusters.empty());
        addFixtures(QStringLiteral("demo"), demo,
                    {Variant::AsExported, Variant::LocalAccountsOff, Variant::AzureRbacOff, Variant::NoEntraIntegration,
                     Variant::ConditionalAssignments, Variant::ServiceAccountGroups});
        for (int seed : {1, 2, 3}) {
            const Snapshot tenant = generate(seed);
            QVERIFY(tenant.directory.size() > 300);
            if (seed == 1)
                addFixtures(QStringLiteral("tenant seed 1"), tenant,
                            {Variant::AsExported, Variant::LocalAccountsOff, Variant::NoEntraIntegration, Variant::ConditionalAssignments,
                             Variant::ServiceAccountGroups});
            else
                addFixtures(QStringLiteral("tenant seed %1").arg(seed), tenant, {Variant::AsExported, Variant::LocalAccountsOff});
        }
    }

    void whoCanEqualsCheck_data()
    {
        QTest::addColumn<int>("fixture");
        QTest::addColumn<int>("request");
        for (int f = 0; f < int(m_fixtures.size()); ++f)
            for (int r = 0; r < int(std::size(kRequests)); ++r)
                QTest::newRow(qPrintable(m_fixtures[std::size_t(f)].name + QStringLiteral(": ") + QLatin1String(kRequests[r].label))) << f << r;
    }

    /** who-can's principals are exactly those check() allows, with the same planes and flags. */
    void whoCanEqualsCheck()
    {
        QFETCH(int, fixture);
        QFETCH(int, request);
        const Fixture &f = m_fixtures[std::size_t(fixture)];
        const auto &g = *f.graph;
        const auto [req, anyNamespace] = requestOf(kRequests[request], f);
        const WhoCanResult result = g.whoCan(req, anyNamespace);
        std::map<entra::PrincipalId, PrincipalResult> listed;
        for (const auto &p : result.principals)
            listed.emplace(p.principal, p);
        if (!req.resourceRequest || g.isClusterScoped(req)) {
            QVERIFY2(result.request.ns.empty() && !result.anyNamespace, "cluster-scoped requests are answered cluster-wide");
            if (!req.ns.empty() || anyNamespace)
                QVERIFY(!result.notes.empty());
        }
        for (const Identity &who : f.principals) {
            const Decision d = result.anyNamespace ? checkAnywhere(g, who, result.request) : g.check(who, result.request);
            auto it = listed.find(who.principal);
            const bool inWhoCan = it != listed.end();
            const bool expected = d.allowed || d.conditional;
            if (inWhoCan != expected)
                QFAIL(qPrintable(QStringLiteral("%1: check says %2, who-can %3").arg(QString::fromStdString(describe(who)),
                                                                                       d.allowed ? QStringLiteral("yes") : QStringLiteral("no"),
                                                                                       inWhoCan ? QStringLiteral("lists it") : QStringLiteral("does not"))));
            if (!inWhoCan)
                continue;
            QCOMPARE(int(it->second.planes), int(d.planes));
            QCOMPARE(it->second.conditional, !d.allowed && d.conditional);
        }
    }

    void subjectsEqualCheck_data() { whoCanEqualsCheck_data(); }

    /** who-can's Kubernetes subjects are exactly the binding subjects check() allows. */
    void subjectsEqualCheck()
    {
        QFETCH(int, fixture);
        QFETCH(int, request);
        const Fixture &f = m_fixtures[std::size_t(fixture)];
        const auto &g = *f.graph;
        const auto [req, anyNamespace] = requestOf(kRequests[request], f);
        const WhoCanResult result = g.whoCan(req, anyNamespace);
        std::set<std::string> listed;
        for (const auto &s : result.subjects)
            listed.insert(k8s::subjectKey(s.subject, {}));
        for (const auto &s : everySubject(g)) {
            if (s.kind == k8s::Subject::Kind::Group && s.name == "system:masters")
                continue; // the API server allows system:masters everything, bound or not
            const Identity who = identityOfSubject(s);
            const Decision d = result.anyNamespace ? checkAnywhere(g, who, result.request) : g.check(who, result.request);
            const std::string key = k8s::subjectKey(s, {});
            if (bool(listed.count(key)) != d.allowed)
                QFAIL(qPrintable(QStringLiteral("%1: check says %2").arg(QString::fromStdString(key), d.allowed ? QStringLiteral("yes") : QStringLiteral("no"))));
        }
    }

    void explainEqualsCheck_data() { whoCanEqualsCheck_data(); }

    /** explain() decides as check() does, and its paths name exactly the planes that allowed. */
    void explainEqualsCheck()
    {
        QFETCH(int, fixture);
        QFETCH(int, request);
        const Fixture &f = m_fixtures[std::size_t(fixture)];
        const auto &g = *f.graph;
        auto [req, anyNamespace] = requestOf(kRequests[request], f);
        Q_UNUSED(anyNamespace)
        for (std::size_t i = 0; i < f.principals.size(); i += 3) {
            const Identity &who = f.principals[i];
            const Decision d = g.check(who, req);
            const Explanation ex = g.explain(who, req);
            QCOMPARE(ex.decision.allowed, d.allowed);
            QCOMPARE(int(ex.decision.planes), int(d.planes));
            QCOMPARE(ex.decision.conditional, d.conditional);
            Planes fromPaths = 0;
            for (const auto &p : ex.paths) {
                if (!p.conditional)
                    fromPaths |= planeBit(p.plane);
                QVERIFY2(!p.conditional || d.conditional, "a conditional path is shown only for a conditional answer");
            }
            QCOMPARE(int(fromPaths), int(d.planes));
            if (!d.allowed)
                QVERIFY(!ex.misses.empty() || !ex.notes.empty() || ex.paths.empty());
        }
    }

    void matricesEqualCheck_data()
    {
        QTest::addColumn<int>("fixture");
        for (int f = 0; f < int(m_fixtures.size()); ++f)
            QTest::newRow(qPrintable(m_fixtures[std::size_t(f)].name)) << f;
    }

    /** Every cell of both matrices is what check() says for its identity and request. */
    void matricesEqualCheck()
    {
        QFETCH(int, fixture);
        const Fixture &f = m_fixtures[std::size_t(fixture)];
        const auto &g = *f.graph;
        std::vector<std::string> rows{std::string()};
        for (const auto &ns : g.namespaces())
            if (rows.size() < 8)
                rows.push_back(ns);
        if (!f.azureOnly.empty())
            rows.push_back(f.azureOnly);
        const auto columns = defaultMatrixColumns(g);
        const std::size_t step = std::max<std::size_t>(1, f.principals.size() / 25);
        std::vector<Identity> sample;
        for (std::size_t i = 0; i < f.principals.size(); i += step)
            sample.push_back(f.principals[i]);
        for (const auto &s : everySubject(g))
            if (s.kind == k8s::Subject::Kind::ServiceAccount && sample.size() < 40)
                sample.push_back(g.identityFor("system:serviceaccount:" + s.ns + ':' + s.name, {}));
        for (const Identity &who : sample) {
            PrincipalMatrix m(g, who, columns, rows);
            for (int r = 0; r < m.rowCount(); ++r) {
                for (int c = 0; c < m.columnCount(); ++c) {
                    const Decision d = g.check(who, m.column(c).request(m.rowNamespace(r)));
                    const MatrixCell cell = m.cell(r, c);
                    if (cell.state != expectedState(d) || (d.allowed && cell.planes != d.planes))
                        QFAIL(qPrintable(QStringLiteral("%1 in '%2', %3 %4: matrix and check() disagree")
                                             .arg(QString::fromStdString(describe(who)), QString::fromStdString(m.rowNamespace(r)),
                                                  QString::fromStdString(m.column(c).verb), QString::fromStdString(m.column(c).resourceLabel()))));
                }
            }
        }
        for (const auto &ns : {f.busy, f.azureOnly.empty() ? f.busy : f.azureOnly}) {
            NamespaceMatrix m(g, ns, sample, columns);
            for (int r = 0; r < m.rowCount(); ++r) {
                for (int c = 0; c < m.columnCount(); ++c) {
                    const Decision d = g.check(m.rowIdentity(r), m.column(c).request(ns));
                    const MatrixCell cell = m.cell(r, c);
                    QCOMPARE(int(cell.state), int(expectedState(d)));
                    if (d.allowed)
                        QCOMPARE(int(cell.planes), int(d.planes));
                }
            }
        }
    }

    void filteredRowsEqualCheck_data()
    {
        QTest::addColumn<int>("fixture");
        QTest::addColumn<int>("columnSet");
        QTest::addColumn<int>("where"); // 0: the busiest namespace, 1: a namespace only Azure grants in, 2: cluster scope
        for (int f = 0; f < int(m_fixtures.size()); ++f)
            for (int c = 0; c < int(std::size(kColumnSets)); ++c)
                for (int w = 0; w < (kColumnSets[c].busyOnly ? 1 : 3); ++w)
                    QTest::newRow(qPrintable(QStringLiteral("%1: %2, %3").arg(m_fixtures[std::size_t(f)].name, QLatin1String(kColumnSets[c].label),
                                                                             QStringList{QStringLiteral("busy namespace"), QStringLiteral("Azure-only namespace"),
                                                                                         QStringLiteral("cluster scope")}[w])))
                        << f << c << w;
    }

    /**
     * "Only identities with access" keeps exactly the identities for which check() allows a shown column,
     * for every kind of row (users, guests, service principals, managed identities, service accounts,
     * Kubernetes users and groups, unresolved object IDs); and each cell's planes, which the plane filter
     * and the column sort use, are check()'s.
     */
    void filteredRowsEqualCheck()
    {
        QFETCH(int, fixture);
        QFETCH(int, columnSet);
        QFETCH(int, where);
        const Fixture &f = m_fixtures[std::size_t(fixture)];
        const auto &g = *f.graph;
        const ColumnSet &set = kColumnSets[columnSet];
        const std::string ns = where == 0 ? f.busy : where == 1 ? (f.azureOnly.empty() ? f.busy : f.azureOnly) : std::string();
        const auto rows = requesterRows(g);
        const gen::MatrixRowSet rowSet(g, rows);
        const auto columns = defaultMatrixColumns(g);
        gen::MatrixView view;
        view.presets = set.presets;
        view.columns = set.picks;
        view.onlyAllowed = true;
        const gen::ViewResult result = gen::applyView(rowSet, columns, ns, view);
        QVERIFY2(result.error.empty(), result.error.c_str());
        QVERIFY(result.access && !result.columns.empty());
        std::vector<bool> shown(rows.size(), false);
        for (auto r : result.rows)
            shown[r] = true;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const Identity who = identityOfRow(g, rows[r]);
            bool allowed = false;
            for (std::size_t i = 0; i < result.columns.size(); ++i) {
                const MatrixColumn &column = columns[result.columns[i]];
                const Decision d = g.check(who, column.request(ns));
                allowed = allowed || d.allowed;
                if (result.access->planes(r, i) != (d.allowed ? d.planes : 0))
                    QFAIL(qPrintable(QStringLiteral("%1, %2 %3: who-can per column gives planes %4, check() %5")
                                         .arg(rowName(rows[r]), QString::fromStdString(column.verb), QString::fromStdString(column.resourceLabel()))
                                         .arg(int(result.access->planes(r, i)))
                                         .arg(d.allowed ? int(d.planes) : 0)));
            }
            if (shown[r] != allowed)
                QFAIL(qPrintable(QStringLiteral("%1: check() %2 a shown column, the filter %3 it")
                                     .arg(rowName(rows[r]), allowed ? QStringLiteral("allows") : QStringLiteral("allows no"),
                                          shown[r] ? QStringLiteral("keeps") : QStringLiteral("drops"))));
        }
    }

    /** The row filters and sorts of a view do what they say, judged against check() and the directory. */
    void viewFiltersAndSorts()
    {
        for (const Fixture &f : m_fixtures) {
            const auto &g = *f.graph;
            const auto &dir = g.snapshot().directory;
            const gen::MatrixRowSet rowSet(g, requesterRows(g));
            const auto columns = defaultMatrixColumns(g);
            gen::MatrixView view;
            view.presets = {gen::ColumnPreset::Write};
            view.sort = gen::RowSort::AllowedCells;
            auto result = gen::applyView(rowSet, columns, f.busy, view);
            QCOMPARE(result.rows.size(), rowSet.size()); // no row filter: every row, ordered
            std::vector<int> counts;
            for (auto r : result.rows) {
                const Identity who = identityOfRow(g, rowSet.rows()[r]);
                int n = 0;
                for (auto c : result.columns)
                    n += g.check(who, columns[c].request(f.busy)).allowed;
                counts.push_back(n);
            }
            QVERIFY2(std::is_sorted(counts.rbegin(), counts.rend()), "most allowed cells first");

            const auto deleteSecrets = std::find_if(columns.begin(), columns.end(), [](const MatrixColumn &c) {
                return c.resource == "secrets" && c.verb == "delete";
            });
            view.sort = gen::RowSort::Column;
            view.sortColumn = gen::columnId(*deleteSecrets);
            result = gen::applyView(rowSet, columns, f.busy, view);
            bool deniedSeen = false;
            Planes previous = 0;
            for (auto r : result.rows) {
                const Decision d = g.check(identityOfRow(g, rowSet.rows()[r]), deleteSecrets->request(f.busy));
                QVERIFY2(!(deniedSeen && d.allowed), "allowed rows come first");
                deniedSeen = deniedSeen || !d.allowed;
                if (d.allowed) {
                    QVERIFY2(d.planes >= previous, "allowed rows are grouped by plane");
                    previous = d.planes;
                }
            }

            view = {};
            view.kinds = {RowKind::ServiceAccount, RowKind::Guest};
            view.accounts = gen::AccountFilter::Enabled;
            result = gen::applyView(rowSet, columns, f.busy, view);
            for (auto r : result.rows) {
                const auto &row = rowSet.rows()[r];
                QVERIFY(row.kind == RowKind::ServiceAccount || row.kind == RowKind::Guest);
                QVERIFY(!row.disabled);
            }
            std::size_t expectedKinds = 0;
            for (const auto &row : rowSet.rows())
                expectedKinds += (row.kind == RowKind::ServiceAccount || row.kind == RowKind::Guest) && !row.disabled;
            QCOMPARE(result.rows.size(), expectedKinds);

            // Transitive members of the group with the most of them.
            entra::PrincipalId group = entra::NoPrincipal;
            std::size_t most = 0;
            for (entra::PrincipalId p = 0; p < dir.size(); ++p) {
                if (dir.at(p).type == entra::PrincipalType::Group && dir.transitiveMembers(p).size() > most)
                    group = p, most = dir.transitiveMembers(p).size();
            }
            if (group != entra::NoPrincipal) {
                view = {};
                view.memberOf = dir.at(group).id;
                view.sort = gen::RowSort::Name;
                result = gen::applyView(rowSet, columns, f.busy, view);
                std::set<entra::PrincipalId> members;
                for (auto m : dir.transitiveMembers(group))
                    if (dir.at(m).type != entra::PrincipalType::Group)
                        members.insert(m);
                std::set<entra::PrincipalId> listed;
                for (auto r : result.rows)
                    listed.insert(rowSet.rows()[r].principal);
                QCOMPARE(listed, members);
                for (std::size_t i = 1; i < result.rows.size(); ++i)
                    QVERIFY(rowSet.nameRank(result.rows[i - 1]) < rowSet.nameRank(result.rows[i]));
            }

            view = {};
            view.planes = planeBit(Plane::Azure);
            view.presets = {gen::ColumnPreset::Secrets};
            result = gen::applyView(rowSet, columns, f.azureOnly.empty() ? f.busy : f.azureOnly, view);
            for (auto r : result.rows) {
                Planes any = 0;
                for (auto c : result.columns)
                    any |= g.check(identityOfRow(g, rowSet.rows()[r]), columns[c].request(f.azureOnly.empty() ? f.busy : f.azureOnly)).planes;
                QVERIFY2(any & planeBit(Plane::Azure), "the plane filter keeps rows some shown column allows through Azure");
            }

            view = {};
            view.memberOf = "00000000-0000-0000-0000-00000000dead";
            QCOMPARE(gen::applyView(rowSet, columns, f.busy, view).error, std::string("no Entra group '00000000-0000-0000-0000-00000000dead' in the snapshot"));
        }
    }

    /** The fixtures exercise what the table promises: otherwise the agreement above proves little. */
    void fixturesCoverTheRules()
    {
        bool guest = false, disabled = false, adminGroup = false, credential = false, azure = false, azureOnly = false, conditional = false;
        for (const auto &f : m_fixtures) {
            const auto &g = *f.graph;
            for (const auto &spec : kRequests) {
                if (spec.where != W::AzureOnly)
                    continue;
                const auto req = requestOf(spec, f).first;
                for (const auto &who : f.principals)
                    azureOnly = azureOnly || (!req.ns.empty() && g.check(who, req).planes == planeBit(Plane::Azure));
            }
            for (const auto &who : f.principals) {
                const auto &p = g.snapshot().directory.at(who.principal);
                const AccessProfile prof = g.profile(who);
                guest = guest || (p.guest && !prof.bindings.matches.empty());
                disabled = disabled || (!p.accountEnabled && !prof.bindings.matches.empty());
                adminGroup = adminGroup || !prof.adminGroups.empty();
                credential = credential || !prof.adminCredential.empty();
                if (prof.azureRbac && !prof.assignments.empty())
                    azure = true;
            }
            for (const auto &a : g.snapshot().azure.assignments)
                conditional = conditional || !a.condition.empty();
        }
        QVERIFY(guest);
        QVERIFY(disabled);
        QVERIFY(rowKindsCovered());
        QVERIFY(adminGroup);
        QVERIFY(credential);
        QVERIFY(azure);
        QVERIFY(azureOnly);
        QVERIFY(conditional);
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
