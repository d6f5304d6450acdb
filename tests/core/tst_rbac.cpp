// SPDX-License-Identifier: GPL-3.0-or-later
// Kubernetes RBAC semantics, one row per rule of docs/semantics.md §2 (upstream: evaluation_helpers.go,
// rbac.go, rule.go, the clusterroleaggregation controller and the impersonation filter).
#include "kubernetes/authorizer.h"
#include "kubernetes/resources.h"
#include "kubernetes/rules.h"

#include <QTest>

using namespace clr::k8s;

namespace {

PolicyRule rule(std::vector<std::string> verbs, std::vector<std::string> groups, std::vector<std::string> resources,
                std::vector<std::string> names = {})
{
    return {std::move(verbs), std::move(groups), std::move(resources), std::move(names), {}};
}

PolicyRule urlRule(std::vector<std::string> verbs, std::vector<std::string> urls)
{
    return {std::move(verbs), {}, {}, {}, std::move(urls)};
}

Role role(const std::string &ns, const std::string &name, std::vector<PolicyRule> rules)
{
    Role r;
    r.name = name;
    r.ns = ns;
    r.cluster = ns.empty();
    r.rules = std::move(rules);
    return r;
}

Binding binding(const std::string &ns, const std::string &name, const std::string &roleKind, const std::string &roleName,
                std::vector<Subject> subjects)
{
    Binding b;
    b.name = name;
    b.ns = ns;
    b.cluster = ns.empty();
    b.roleRef = {roleKind, roleName};
    b.subjects = std::move(subjects);
    return b;
}

Subject user(const std::string &n) { return {Subject::Kind::User, n, {}}; }
Subject group(const std::string &n) { return {Subject::Kind::Group, n, {}}; }
Subject sa(const std::string &n, const std::string &ns = {}) { return {Subject::Kind::ServiceAccount, n, ns}; }

/** One cluster whose objects each exercise one rule; every row below names the object it relies on. */
Cluster fixture()
{
    Cluster c;
    c.roles = {
        role("team-a", "pod-reader", {rule({"get", "list"}, {""}, {"pods"})}),
        role("team-a", "log-reader", {rule({"get"}, {""}, {"pods/log"})}),
        role("team-a", "any-log", {rule({"get"}, {""}, {"*/log"})}),
        role("team-a", "scaler", {rule({"update"}, {"apps"}, {"*/scale"})}),
        role("team-a", "named-cm", {rule({"get", "update"}, {""}, {"configmaps"}, {"app-config"})}),
        role("team-a", "star-verbs", {rule({"*"}, {"batch"}, {"jobs"})}),
        role("team-a", "star-groups", {rule({"get"}, {"*"}, {"deployments"})}),
        role("team-a", "star-resources", {rule({"list"}, {""}, {"*"})}),
        role("", "secret-reader", {rule({"get"}, {""}, {"secrets"})}),
        role("", "node-viewer", {rule({"get", "list"}, {""}, {"nodes"})}),
        role("", "metrics", {urlRule({"get"}, {"/metrics", "/logs/*", "/api*"})}),
        role("", "all-urls", {urlRule({"get"}, {"*"})}),
        role("", "authenticated-discovery", {urlRule({"get"}, {"/version"})}),
        role("", "sa-lister", {rule({"list"}, {""}, {"serviceaccounts"})}),
        role("", "unauth-healthz", {urlRule({"get"}, {"/healthz"})}),
    };
    c.bindings = {
        binding("team-a", "alice-pods", "Role", "pod-reader", {user("alice")}),
        binding("team-a", "alice-logs", "Role", "log-reader", {user("alice")}),
        binding("team-a", "bob-anylog", "Role", "any-log", {user("bob")}),
        binding("team-a", "bob-scale", "Role", "scaler", {user("bob")}),
        binding("team-a", "carol-cm", "Role", "named-cm", {user("carol")}),
        binding("team-a", "devs-jobs", "Role", "star-verbs", {group("devs")}),
        binding("team-a", "devs-deploy", "Role", "star-groups", {group("devs")}),
        binding("team-a", "dave-all", "Role", "star-resources", {user("dave")}),
        binding("team-a", "erin-secrets", "ClusterRole", "secret-reader", {user("erin")}),
        binding("", "frank-secrets", "ClusterRole", "secret-reader", {user("frank")}),
        binding("", "frank-nodes", "ClusterRole", "node-viewer", {user("frank")}),
        binding("team-a", "grace-nodes", "ClusterRole", "node-viewer", {user("grace")}),
        binding("", "mon-metrics", "ClusterRole", "metrics", {user("mon")}),
        binding("", "root-urls", "ClusterRole", "all-urls", {user("root")}),
        binding("team-a", "mon-urls-rb", "ClusterRole", "all-urls", {user("rbonly")}),
        binding("team-a", "builder-pods", "Role", "pod-reader", {sa("builder")}),
        binding("team-a", "other-ns-sa", "Role", "pod-reader", {sa("deployer", "team-b")}),
        binding("", "crb-sa-without-ns", "ClusterRole", "secret-reader", {sa("lost")}),
        binding("", "crb-sa-with-ns", "ClusterRole", "node-viewer", {sa("agent", "kube-system")}),
        binding("", "everyone-version", "ClusterRole", "authenticated-discovery", {group("system:authenticated")}),
        binding("", "all-sas", "ClusterRole", "sa-lister", {group("system:serviceaccounts")}),
        binding("", "anon-healthz", "ClusterRole", "unauth-healthz", {group("system:unauthenticated")}),
        binding("team-a", "dangling", "Role", "does-not-exist", {user("heidi")}),
        binding("team-a", "heidi-pods", "Role", "pod-reader", {user("heidi")}),
        binding("", "crb-to-role", "Role", "pod-reader", {user("ivan")}),
    };
    return c;
}

} // namespace

class TestRbac : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void authorize_data();
    void authorize();
    void impersonation_data();
    void impersonation();
    void aggregation();
    void aggregationSelectors_data();
    void aggregationSelectors();
    void whoCan();
    void rulesFor();
    void resolveTypes_data();
    void resolveTypes();
};

void TestRbac::authorize_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("sub");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("path"); // non-empty: a non-resource request
    QTest::addColumn<bool>("allowed");
    const QStringList none;
    const QStringList auth{QStringLiteral("system:authenticated")};
    auto row = [&](const char *tag, const char *u, QStringList g, const char *verb, const char *grp, const char *res, const char *sub,
                   const char *name, const char *ns, const char *path, bool allowed) {
        QTest::newRow(tag) << QString::fromUtf8(u) << g << QString::fromUtf8(verb) << QString::fromUtf8(grp) << QString::fromUtf8(res)
                           << QString::fromUtf8(sub) << QString::fromUtf8(name) << QString::fromUtf8(ns) << QString::fromUtf8(path) << allowed;
    };
    row("verb listed", "alice", none, "get", "", "pods", "", "", "team-a", "", true);
    row("verb not listed", "alice", none, "delete", "", "pods", "", "", "team-a", "", false);
    row("verb *", "dave", QStringList{QStringLiteral("devs")}, "deletecollection", "batch", "jobs", "", "", "team-a", "", true);
    row("core group only", "alice", none, "get", "apps", "pods", "", "", "team-a", "", false);
    row("apiGroup *", "x", QStringList{QStringLiteral("devs")}, "get", "apps", "deployments", "", "", "team-a", "", true);
    row("apiGroup * other group", "x", QStringList{QStringLiteral("devs")}, "get", "extensions", "deployments", "", "", "team-a", "", true);
    row("resource *", "dave", none, "list", "", "secrets", "", "", "team-a", "", true);
    row("resource * still checks group", "dave", none, "list", "apps", "deployments", "", "", "team-a", "", false);
    row("resource * matches subresource", "dave", none, "list", "", "pods", "log", "", "team-a", "", true);
    row("pods does not match pods/log", "alice", none, "list", "", "pods", "log", "", "team-a", "", false);
    row("pods/log matches pods/log", "alice", none, "get", "", "pods", "log", "", "team-a", "", true);
    row("pods/log does not match pods", "carol", none, "get", "", "pods", "", "", "team-a", "", false);
    row("*/log matches pods/log", "bob", none, "get", "", "pods", "log", "", "team-a", "", true);
    row("*/log does not match pods", "bob", none, "get", "", "pods", "", "", "team-a", "", false);
    row("*/scale matches deployments/scale", "bob", none, "update", "apps", "deployments", "scale", "", "team-a", "", true);
    row("*/scale does not match deployments/status", "bob", none, "update", "apps", "deployments", "status", "", "team-a", "", false);
    row("resourceNames contains name", "carol", none, "get", "", "configmaps", "", "app-config", "team-a", "", true);
    row("resourceNames lacks name", "carol", none, "get", "", "configmaps", "", "other", "team-a", "", false);
    row("resourceNames, request without name", "carol", none, "get", "", "configmaps", "", "", "team-a", "", false);
    row("resourceNames, list is not restricted but not granted", "carol", none, "list", "", "configmaps", "", "", "team-a", "", false);
    row("no resourceNames allows any name", "alice", none, "get", "", "pods", "", "web-1", "team-a", "", true);
    row("url exact", "mon", none, "get", "", "", "", "", "", "/metrics", true);
    row("url exact is not a prefix", "mon", none, "get", "", "", "", "", "", "/metrics/extra", false);
    row("url trailing * prefix", "mon", none, "get", "", "", "", "", "", "/logs/kubelet.log", true);
    row("url trailing * prefix without slash", "mon", none, "get", "", "", "", "", "", "/apis/apps", true);
    row("url prefix mismatch", "mon", none, "get", "", "", "", "", "", "/log", false);
    row("url verb mismatch", "mon", none, "post", "", "", "", "", "", "/metrics", false);
    row("url *", "root", none, "get", "", "", "", "", "", "/anything/at/all", true);
    row("url via RoleBinding never counts", "rbonly", none, "get", "", "", "", "", "", "/metrics", false);
    row("RoleBinding in its namespace", "alice", none, "list", "", "pods", "", "", "team-a", "", true);
    row("RoleBinding not in other namespace", "alice", none, "list", "", "pods", "", "", "team-b", "", false);
    row("RoleBinding not for all namespaces", "alice", none, "list", "", "pods", "", "", "", "", false);
    row("RoleBinding to ClusterRole in its namespace", "erin", none, "get", "", "secrets", "", "", "team-a", "", true);
    row("RoleBinding to ClusterRole not elsewhere", "erin", none, "get", "", "secrets", "", "", "team-b", "", false);
    row("ClusterRoleBinding in any namespace", "frank", none, "get", "", "secrets", "", "", "team-z", "", true);
    row("ClusterRoleBinding across namespaces", "frank", none, "get", "", "secrets", "", "", "", "", true);
    row("ClusterRoleBinding cluster-scoped", "frank", none, "list", "", "nodes", "", "", "", "", true);
    row("RoleBinding never grants cluster-scoped request", "grace", none, "list", "", "nodes", "", "", "", "", false);
    row("RoleBinding with namespace as kubectl sends it", "grace", none, "list", "", "nodes", "", "", "team-a", "", true);
    row("SA subject namespace defaults to RoleBinding's", "system:serviceaccount:team-a:builder", none, "get", "", "pods", "", "", "team-a", "", true);
    row("SA subject of another namespace", "system:serviceaccount:team-b:builder", none, "get", "", "pods", "", "", "team-a", "", false);
    row("SA subject explicit namespace", "system:serviceaccount:team-b:deployer", none, "get", "", "pods", "", "", "team-a", "", true);
    row("SA subject explicit namespace, wrong SA ns", "system:serviceaccount:team-a:deployer", none, "get", "", "pods", "", "", "team-a", "", false);
    row("SA in ClusterRoleBinding without namespace matches nothing", "system:serviceaccount:default:lost", none, "get", "", "secrets", "", "", "default", "", false);
    row("SA in ClusterRoleBinding with namespace", "system:serviceaccount:kube-system:agent", none, "list", "", "nodes", "", "", "", "", true);
    row("Group subject", "zed", QStringList{QStringLiteral("devs")}, "create", "batch", "jobs", "", "", "team-a", "", true);
    row("Group subject not a member", "zed", QStringList{QStringLiteral("ops")}, "create", "batch", "jobs", "", "", "team-a", "", false);
    row("User subject is not a group name", "devs", none, "create", "batch", "jobs", "", "", "team-a", "", false);
    row("system:authenticated group", "anyone", auth, "get", "", "", "", "", "", "/version", true);
    row("dangling roleRef grants nothing", "heidi", none, "get", "", "secrets", "", "", "team-a", "", false);
    row("dangling roleRef, other bindings still count", "heidi", none, "get", "", "pods", "", "", "team-a", "", true);
    row("ClusterRoleBinding to a Role grants nothing", "ivan", none, "get", "", "pods", "", "", "team-a", "", false);
}

void TestRbac::authorize()
{
    QFETCH(QString, user);
    QFETCH(QStringList, groups);
    QFETCH(QString, verb);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(QString, sub);
    QFETCH(QString, name);
    QFETCH(QString, ns);
    QFETCH(QString, path);
    QFETCH(bool, allowed);
    const Authorizer authz(fixture());
    UserInfo info{user.toStdString(), {}};
    for (const auto &g : groups)
        info.groups.push_back(g.toStdString());
    Request req;
    req.verb = verb.toStdString();
    req.resourceRequest = path.isEmpty();
    req.path = path.toStdString();
    req.apiGroup = group.toStdString();
    req.resource = resource.toStdString();
    req.subresource = sub.toStdString();
    req.name = name.toStdString();
    req.ns = ns.toStdString();
    std::vector<Grant> grants;
    QCOMPARE(authz.allows(info, req, &grants), allowed);
    QCOMPARE(authz.allows(info, req), allowed);
    QCOMPARE(grants.empty(), !allowed);
}

void TestRbac::impersonation_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QStringList>("asGroups");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("plain user") << "alice" << QStringList() << QStringList{QStringLiteral("system:authenticated")};
    QTest::newRow("user with groups") << "alice" << QStringList{QStringLiteral("devs")}
                                      << QStringList{QStringLiteral("devs"), QStringLiteral("system:authenticated")};
    QTest::newRow("service account") << "system:serviceaccount:ns1:app" << QStringList()
                                     << QStringList{QStringLiteral("system:serviceaccounts"), QStringLiteral("system:serviceaccounts:ns1"),
                                                    QStringLiteral("system:authenticated")};
    QTest::newRow("service account with explicit groups") << "system:serviceaccount:ns1:app" << QStringList{QStringLiteral("g")}
                                                          << QStringList{QStringLiteral("g"), QStringLiteral("system:authenticated")};
    QTest::newRow("already authenticated") << "bob" << QStringList{QStringLiteral("system:authenticated")}
                                           << QStringList{QStringLiteral("system:authenticated")};
    QTest::newRow("explicitly unauthenticated") << "bob" << QStringList{QStringLiteral("system:unauthenticated")}
                                                << QStringList{QStringLiteral("system:unauthenticated")};
    QTest::newRow("anonymous") << "system:anonymous" << QStringList() << QStringList{QStringLiteral("system:unauthenticated")};
    QTest::newRow("malformed SA name is a user") << "system:serviceaccount:onlyns" << QStringList()
                                                 << QStringList{QStringLiteral("system:authenticated")};
}

void TestRbac::impersonation()
{
    QFETCH(QString, user);
    QFETCH(QStringList, asGroups);
    QFETCH(QStringList, expected);
    std::vector<std::string> groups;
    for (const auto &g : asGroups)
        groups.push_back(g.toStdString());
    const UserInfo info = impersonate(user.toStdString(), groups);
    QStringList got;
    for (const auto &g : info.groups)
        got << QString::fromStdString(g);
    QCOMPARE(got, expected);
    QCOMPARE(QString::fromStdString(info.name), user);
}

void TestRbac::aggregation()
{
    Cluster c;
    Role viewBase = role("", "aggregate-to-view", {rule({"get"}, {""}, {"pods"})});
    viewBase.labels["rbac.example.com/aggregate-to-view"] = "true";
    viewBase.labels["rbac.example.com/aggregate-to-edit"] = "true";
    Role editExtra = role("", "aggregate-to-edit", {rule({"create"}, {""}, {"pods"})});
    editExtra.labels["rbac.example.com/aggregate-to-edit"] = "true";
    Role view = role("", "view", {rule({"delete"}, {""}, {"secrets"})}); // own rules are overwritten
    view.aggregated = true;
    view.clusterRoleSelectors.push_back({{{"rbac.example.com/aggregate-to-view", "true"}}, {}});
    view.labels["rbac.example.com/aggregate-to-edit"] = "true"; // edit picks up view's (aggregated) rules: chaining
    Role edit = role("", "edit", {});
    edit.aggregated = true;
    edit.clusterRoleSelectors.push_back({{{"rbac.example.com/aggregate-to-edit", "true"}}, {}});
    Role admin = role("", "admin", {});
    admin.aggregated = true;
    admin.clusterRoleSelectors.push_back({{}, {{"kind", LabelRequirement::Op::In, {"edit-like"}}}});
    edit.labels["kind"] = "edit-like";
    c.roles = {admin, edit, editExtra, view, viewBase};
    c.bindings = {binding("", "b1", "ClusterRole", "view", {user("v")}), binding("", "b2", "ClusterRole", "edit", {user("e")}),
                  binding("", "b3", "ClusterRole", "admin", {user("a")})};
    const Authorizer authz(c);
    Request get{"get", true, "", "pods", "", "", "ns", ""};
    Request create{"create", true, "", "pods", "", "", "ns", ""};
    Request delSecrets{"delete", true, "", "secrets", "", "", "ns", ""};
    QVERIFY(authz.allows({"v", {}}, get));
    QVERIFY(!authz.allows({"v", {}}, create));
    QVERIFY2(!authz.allows({"v", {}}, delSecrets), "an aggregated role's own rules are overwritten");
    QVERIFY(authz.allows({"e", {}}, get));
    QVERIFY(authz.allows({"e", {}}, create));
    QVERIFY2(authz.allows({"a", {}}, create), "admin aggregates edit, which aggregates: fixed point");
    const auto &editRole = authz.cluster().roles[std::size_t(authz.findRole({}, "edit", true))];
    QCOMPARE(editRole.rules.size(), std::size_t(2)); // deduplicated: viewBase's rule arrives twice
    QCOMPARE(editRole.ruleOrigins.size(), editRole.rules.size());
    QCOMPARE(QString::fromStdString(editRole.ruleOrigins[0]), QStringLiteral("aggregate-to-edit"));
}

void TestRbac::aggregationSelectors_data()
{
    QTest::addColumn<int>("op");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<bool>("labelled");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("matches");
    QTest::newRow("In, value listed") << int(LabelRequirement::Op::In) << QStringList{QStringLiteral("a"), QStringLiteral("b")} << true << "b" << true;
    QTest::newRow("In, value not listed") << int(LabelRequirement::Op::In) << QStringList{QStringLiteral("a")} << true << "b" << false;
    QTest::newRow("In, label absent") << int(LabelRequirement::Op::In) << QStringList{QStringLiteral("a")} << false << "" << false;
    QTest::newRow("NotIn, value listed") << int(LabelRequirement::Op::NotIn) << QStringList{QStringLiteral("a")} << true << "a" << false;
    QTest::newRow("NotIn, other value") << int(LabelRequirement::Op::NotIn) << QStringList{QStringLiteral("a")} << true << "c" << true;
    QTest::newRow("NotIn, label absent") << int(LabelRequirement::Op::NotIn) << QStringList{QStringLiteral("a")} << false << "" << true;
    QTest::newRow("Exists, present") << int(LabelRequirement::Op::Exists) << QStringList() << true << "x" << true;
    QTest::newRow("Exists, absent") << int(LabelRequirement::Op::Exists) << QStringList() << false << "" << false;
    QTest::newRow("DoesNotExist, present") << int(LabelRequirement::Op::DoesNotExist) << QStringList() << true << "x" << false;
    QTest::newRow("DoesNotExist, absent") << int(LabelRequirement::Op::DoesNotExist) << QStringList() << false << "" << true;
}

void TestRbac::aggregationSelectors()
{
    QFETCH(int, op);
    QFETCH(QStringList, values);
    QFETCH(bool, labelled);
    QFETCH(QString, value);
    QFETCH(bool, matches);
    LabelRequirement req{"tier", LabelRequirement::Op(op), {}};
    for (const auto &v : values)
        req.values.push_back(v.toStdString());
    Role source = role("", "source", {rule({"get"}, {""}, {"pods"})});
    if (labelled)
        source.labels["tier"] = value.toStdString();
    Role target = role("", "target", {});
    target.aggregated = true;
    target.clusterRoleSelectors.push_back({{}, {req}});
    std::vector<Role> roles{source, target};
    aggregateClusterRoles(roles);
    QCOMPARE(roles[1].rules.size(), std::size_t(matches ? 1 : 0));
}

void TestRbac::whoCan()
{
    const Authorizer authz(fixture());
    Request req{"get", true, "", "secrets", "", "", "team-a", ""};
    const auto result = authz.whoCan(req);
    QStringList names;
    for (const auto &s : result)
        names << QString::fromStdString(s.subject.name);
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("erin"), QStringLiteral("frank")})); // dave may only list
    Request all = req;
    all.ns.clear();
    const auto anywhere = authz.whoCan(all, true);
    bool sawErin = false;
    for (const auto &s : anywhere) {
        if (s.subject.name == "erin") {
            sawErin = true;
            QCOMPARE(s.namespaces, std::vector<std::string>{"team-a"});
        }
    }
    QVERIFY(sawErin);
    // Service-account subjects carry their effective namespace; the one without a namespace in a CRB is dropped.
    Request pods{"get", true, "", "pods", "", "", "team-a", ""};
    bool sawBuilder = false;
    for (const auto &s : authz.whoCan(pods)) {
        if (s.subject.name == "builder") {
            sawBuilder = true;
            QCOMPARE(QString::fromStdString(s.subject.ns), QStringLiteral("team-a"));
        }
    }
    QVERIFY(sawBuilder);
    for (const auto &s : authz.whoCan({"get", true, "", "secrets", "", "", "default", ""}))
        QVERIFY(s.subject.name != "lost");
}

void TestRbac::rulesFor()
{
    const Authorizer authz(fixture());
    const auto inA = authz.rulesFor({"alice", {}}, "team-a");
    QCOMPARE(inA.size(), std::size_t(2));
    QVERIFY(authz.rulesFor({"alice", {}}, "team-b").empty());
    QCOMPARE(authz.rulesFor({"frank", {}}, "anything").size(), std::size_t(2));
}

void TestRbac::resolveTypes_data()
{
    QTest::addColumn<QString>("arg");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("known");
    QTest::newRow("plural") << "pods" << "" << "pods" << true;
    QTest::newRow("short") << "po" << "" << "pods" << true;
    QTest::newRow("singular") << "pod" << "" << "pods" << true;
    QTest::newRow("kind") << "Pod" << "" << "pods" << true;
    QTest::newRow("deploy") << "deploy" << "apps" << "deployments" << true;
    QTest::newRow("svc") << "svc" << "" << "services" << true;
    QTest::newRow("cm") << "cm" << "" << "configmaps" << true;
    QTest::newRow("sa") << "sa" << "" << "serviceaccounts" << true;
    QTest::newRow("resource.group") << "deployments.apps" << "apps" << "deployments" << true;
    QTest::newRow("resource.version.group") << "deployments.v1.apps" << "apps" << "deployments" << true;
    QTest::newRow("rbac group") << "rolebindings.rbac.authorization.k8s.io" << "rbac.authorization.k8s.io" << "rolebindings" << true;
    QTest::newRow("core beats metrics.k8s.io") << "pods" << "" << "pods" << true;
    QTest::newRow("explicit metrics group") << "pods.metrics.k8s.io" << "metrics.k8s.io" << "pods" << true;
    QTest::newRow("crd plural") << "certificates" << "cert-manager.io" << "certificates" << true;
    QTest::newRow("crd short") << "cert" << "cert-manager.io" << "certificates" << true;
    QTest::newRow("unknown evaluated as given") << "widgets" << "" << "widgets" << false;
    QTest::newRow("unknown with group") << "widgets.example.com" << "example.com" << "widgets" << false;
    QTest::newRow("star") << "*" << "" << "*" << true;
}

void TestRbac::resolveTypes()
{
    QFETCH(QString, arg);
    QFETCH(QString, group);
    QFETCH(QString, resource);
    QFETCH(bool, known);
    ResourceTable table;
    CustomResource crd;
    crd.group = "cert-manager.io";
    crd.plural = "certificates";
    crd.singular = "certificate";
    crd.kind = "Certificate";
    crd.shortNames = {"cert", "certs"};
    crd.versions = {"v1"};
    table.addCustomResources({crd});
    const auto r = table.resolve(arg.toStdString());
    QCOMPARE(QString::fromStdString(r.group), group);
    QCOMPARE(QString::fromStdString(r.resource), resource);
    QCOMPARE(r.known, known);
}

QTEST_GUILESS_MAIN(TestRbac)
#include "tst_rbac.moc"
