// SPDX-License-Identifier: GPL-3.0-or-later
// One rule book: every way of asking the graph gives the same answer. who-can (the reverse walk),
// the matrices (cached profiles and cluster-wide parts) and explain (traced paths) are each compared
// with check() for every identity, over the demo snapshot and generated tenants, in several cluster
// configurations, for a table of requests chosen to hit every rule: discovery paths, other URLs,
// cluster-scoped resources, wildcards, subresources, resourceNames, namespaces where only Azure grants,
// -A, disabled accounts, guests, the admin group, the admin credential with local accounts on and off.
#include "graph/matrix.h"
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
enum class Variant { AsExported, LocalAccountsOff, AzureRbacOff, NoEntraIntegration, ConditionalAssignments };

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
    }
    return "";
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

} // namespace

class TestAgreement final : public QObject
{
    Q_OBJECT

private:
    std::vector<Fixture> m_fixtures;
    QTemporaryDir m_tmp;

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
                     Variant::ConditionalAssignments});
        for (int seed : {1, 2, 3}) {
            const Snapshot tenant = generate(seed);
            QVERIFY(tenant.directory.size() > 300);
            if (seed == 1)
                addFixtures(QStringLiteral("tenant seed 1"), tenant,
                            {Variant::AsExported, Variant::LocalAccountsOff, Variant::NoEntraIntegration, Variant::ConditionalAssignments});
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
        QVERIFY(adminGroup);
        QVERIFY(credential);
        QVERIFY(azure);
        QVERIFY(azureOnly);
        QVERIFY(conditional);
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
