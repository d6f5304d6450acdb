// SPDX-License-Identifier: GPL-3.0-or-later
// Least-privilege generation: audit events, rules, the proof, replacements and the CLI. Golden cases: tests/data/generate/<case>/ holds args.txt
// (the `clearance generate` arguments, one per line, {case} = the case folder), the inputs, and
// expected.yaml / stderr.txt / exit.txt. CLEARANCE_UPDATE_GOLDEN=1 rewrites expected.yaml after a
// reviewed change. Every generated YAML is also decoded by `kubectl label --local`.
#include "generate/audit.h"
#include "generate/generator.h"
#include "generate/proof.h"
#include "generate/replace.h"
#include "graph/matrix.h"
#include "generatortest.h"
#include "kubernetes/rules.h"

#include <QDir>
#include <QFileInfo>
#include <QStringEncoder>
#include <QTemporaryDir>

using namespace clr;
using namespace clr::gen;
using namespace testutil;

class TestGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---------------------------------------------------------------- golden cases (CLI in-process)
    void goldenCases_data()
    {
        QTest::addColumn<QString>("dir");
        const QDir root(kCases);
        const auto cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(cases.size() >= 14);
        for (const auto &c : cases) {
            if (QFile::exists(root.filePath(c + QStringLiteral("/args.txt"))))
                QTest::newRow(qPrintable(c)) << root.filePath(c);
        }
    }

    void goldenCases()
    {
        QFETCH(QString, dir);
        const std::string caseDir = dir.toStdString();
        std::vector<std::string> args{"generate"};
        for (const auto &line : lines(readText(dir + QStringLiteral("/args.txt"))))
            args.push_back(replaceAll(line, "{case}", caseDir));
        const CliResult r = runCli(args);
        const std::string exitText = readText(dir + QStringLiteral("/exit.txt"));
        const int expectedCode = exitText.empty() ? 0 : std::stoi(exitText);
        QVERIFY2(r.code == expectedCode, qPrintable(q("exit " + std::to_string(r.code) + "\n" + r.err)));
        const QString goldenPath = dir + QStringLiteral("/expected.yaml");
        if (qEnvironmentVariableIsSet("CLEARANCE_UPDATE_GOLDEN")) {
            QFile f(goldenPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(r.out.data(), qint64(r.out.size()));
        }
        QCOMPARE(q(r.out), q(readText(goldenPath)));
        for (const auto &expected : lines(readText(dir + QStringLiteral("/stderr.txt"))))
            QVERIFY2(r.err.find(replaceAll(expected, "{case}", caseDir)) != std::string::npos,
                     qPrintable(q("stderr lacks: " + expected + "\nstderr:\n" + r.err)));
        QString why;
        if (!r.out.empty() && !checkWithKubectl(r.out, kindLines(r.out), &why))
            QSKIP(qPrintable(why));
    }

    // ---------------------------------------------------------------- audit events
    void auditFormats_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("firstUser");
        const QString event = QStringLiteral(R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"%1","stage":"ResponseComplete","verb":"get","requestURI":"/api/v1/namespaces/a/pods/p","user":{"username":"%2","groups":["g"]},"objectRef":{"resource":"pods","namespace":"a","name":"p"}})");
        const QString e1 = event.arg(QStringLiteral("1"), QStringLiteral("alice"));
        const QString e2 = event.arg(QStringLiteral("2"), QStringLiteral("bob"));
        QTest::newRow("json lines") << e1 + QLatin1Char('\n') + e2 + QLatin1Char('\n') << 2 << QStringLiteral("alice");
        QTest::newRow("json lines, CRLF, blank lines") << e1 + QStringLiteral("\r\n\r\n") + e2 << 2 << QStringLiteral("alice");
        QTest::newRow("array") << QStringLiteral("[\n") + e2 + QStringLiteral(",\n") + e1 + QStringLiteral("\n]") << 2 << QStringLiteral("bob");
        QTest::newRow("EventList") << QStringLiteral("{\n\"kind\": \"EventList\", \"apiVersion\": \"audit.k8s.io/v1\",\n\"items\": [") + e1
                + QStringLiteral("]}") << 1 << QStringLiteral("alice");
        QTest::newRow("one pretty event") << QStringLiteral("{\n  \"kind\": \"Event\",\n  \"verb\": \"list\",\n  \"user\": {\"username\": \"carol\"}\n}\n")
                                          << 1 << QStringLiteral("carol");
        QTest::newRow("v1beta1 with impersonation")
            << QStringLiteral(R"({"kind":"Event","apiVersion":"audit.k8s.io/v1beta1","verb":"get","requestURI":"/api","user":{"username":"system:admin"},"impersonatedUser":{"username":"dave","groups":["system:authenticated"]}})")
            << 1 << QStringLiteral("dave");
        QTest::newRow("empty") << QString() << 0 << QString();
    }

    void auditFormats()
    {
        QFETCH(QString, content);
        QFETCH(int, events);
        QFETCH(QString, firstUser);
        const AuditLog log = parseAuditLog(content.toStdString(), "audit.log");
        QVERIFY(log.diagnostics.empty());
        QCOMPARE(int(log.events.size()), events);
        if (events)
            QCOMPARE(q(log.events.front().user.name), firstUser);
    }

    void auditEncodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QString lines = QStringLiteral(R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"get","requestURI":"/api","user":{"username":"zo\u00e9"}})"
                                             "\n" R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"list","requestURI":"/api","user":{"username":"zoé"}})" "\n");
        const QString array = QLatin1Char('[') + lines.trimmed().replace(QLatin1Char('\n'), QLatin1Char(',')) + QLatin1Char(']');
        for (const auto &[name, text] : {std::pair{"json lines", lines}, std::pair{"array", array}}) {
            QTest::addRow("%s, UTF-8 with BOM", name) << QByteArray("\xef\xbb\xbf") + text.toUtf8();
            QStringEncoder le(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
            QTest::addRow("%s, UTF-16LE", name) << QByteArray(le.encode(text));
            QStringEncoder be(QStringConverter::Utf16BE, QStringConverter::Flag::WriteBom);
            QTest::addRow("%s, UTF-16BE", name) << QByteArray(be.encode(text));
        }
    }

    void auditEncodings()
    {
        QFETCH(QByteArray, bytes);
        const AuditLog log = parseAuditLog(bytes.toStdString(), "audit.log");
        QVERIFY2(log.diagnostics.empty(), log.diagnostics.empty() ? "" : log.diagnostics.front().toString().c_str());
        QCOMPARE(int(log.events.size()), 2);
        QCOMPARE(q(log.events[1].user.name), QStringLiteral("zoé"));
        QCOMPARE(q(log.events[0].user.name), QStringLiteral("zoé"));
    }

    void auditDiagnostics_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("diagnostic");
        const QString good = QStringLiteral(R"({"kind":"Event","verb":"get","requestURI":"/x","user":{"username":"u"}})");
        QTest::newRow("truncated line") << good + QStringLiteral("\n{\"kind\":\"Event\",\"verb\":\n") + good << 2
                                        << QStringLiteral("audit.log:2:") ;
        QTest::newRow("not an Event") << good + QStringLiteral("\n\n{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}\n") << 1
                                      << QStringLiteral("audit.log:3: warning: kind Pod is not an audit Event; skipped");
        QTest::newRow("no user") << good + QStringLiteral("\n{\"kind\":\"Event\",\"verb\":\"get\"}") << 1
                                 << QStringLiteral("audit.log:2: warning: audit Event without user.username; skipped");
        QTest::newRow("other apiVersion") << good + QStringLiteral("\n{\"kind\":\"Event\",\"apiVersion\":\"v1\",\"verb\":\"get\",\"user\":{\"username\":\"u\"}}")
                                          << 1 << QStringLiteral("apiVersion v1 is not audit.k8s.io");
        QTest::newRow("broken array") << QStringLiteral("[\n") + good + QStringLiteral(",\n{oops}\n]") << 0 << QStringLiteral("audit.log:3:");
    }

    void auditDiagnostics()
    {
        QFETCH(QString, content);
        QFETCH(int, events);
        QFETCH(QString, diagnostic);
        const AuditLog log = parseAuditLog(content.toStdString(), "audit.log");
        QCOMPARE(int(log.events.size()), events);
        QCOMPARE(int(log.diagnostics.size()), 1);
        QVERIFY2(q(log.diagnostics.front().toString()).contains(diagnostic), qPrintable(q(log.diagnostics.front().toString())));
    }

    void auditUnreadableFile()
    {
        const AuditLog log = loadAuditLog("/nonexistent/audit.log");
        QCOMPARE(int(log.diagnostics.size()), 1);
        QCOMPARE(log.diagnostics.front().severity, Diagnostic::Severity::Error);
    }

    void stageSelection()
    {
        auto event = [](const char *id, const char *stage, const char *verb) {
            AuditEvent e;
            e.auditID = id;
            e.stage = stage;
            e.verb = verb;
            e.user.name = "u";
            return e;
        };
        const std::vector<AuditEvent> events{event("1", "RequestReceived", "get"), event("1", "ResponseComplete", "get"),
                                             event("2", "RequestReceived", "list"), event("3", "ResponseStarted", "watch"),
                                             event("3", "ResponseComplete", "watch"), event("", "ResponseComplete", "delete"),
                                             event("", "ResponseComplete", "delete")};
        AuditFilter f;
        f.user = "u";
        const auto chosen = selectEvents(events, f);
        QStringList got;
        for (const auto &e : chosen)
            got << q(e.auditID + ':' + e.stage);
        QCOMPARE(got, (QStringList{QStringLiteral("1:ResponseComplete"), QStringLiteral("2:RequestReceived"), QStringLiteral("3:ResponseComplete"),
                                   QStringLiteral(":ResponseComplete"), QStringLiteral(":ResponseComplete")}));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("serviceAccount");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<bool>("matches");
        QTest::newRow("user") << QStringLiteral("alice") << QString() << QString() << QString() << true;
        QTest::newRow("other user") << QStringLiteral("bob") << QString() << QString() << QString() << false;
        QTest::newRow("group") << QString() << QStringLiteral("team") << QString() << QString() << true;
        QTest::newRow("other group") << QString() << QStringLiteral("ops") << QString() << QString() << false;
        QTest::newRow("namespace") << QStringLiteral("alice") << QString() << QString() << QStringLiteral("a") << true;
        QTest::newRow("other namespace") << QStringLiteral("alice") << QString() << QString() << QStringLiteral("b") << false;
        QTest::newRow("service account") << QString() << QString() << QStringLiteral("a:sa") << QString() << false;
    }

    void filters()
    {
        QFETCH(QString, user);
        QFETCH(QString, group);
        QFETCH(QString, serviceAccount);
        QFETCH(QString, ns);
        QFETCH(bool, matches);
        AuditEvent e;
        e.user = {"alice", {"team", "system:authenticated"}};
        e.ns = "a";
        AuditFilter f{user.toStdString(), group.toStdString(), serviceAccount.toStdString(), {}};
        if (!ns.isEmpty())
            f.namespaces = {ns.toStdString()};
        QCOMPARE(f.matches(e), matches);
        if (group.isEmpty()) {
            e.user.name = "system:serviceaccount:a:sa";
            QCOMPARE(f.matches(e), !serviceAccount.isEmpty());
        }
    }

    void filterValidation_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("serviceAccount");
        QTest::addColumn<QString>("error");
        QTest::newRow("none") << QString() << QString() << QStringLiteral("exactly one of --user, --group or --serviceaccount");
        QTest::newRow("two") << QStringLiteral("u") << QStringLiteral("a:b") << QStringLiteral("exactly one of");
        QTest::newRow("bad sa") << QString() << QStringLiteral("justname") << QStringLiteral("--serviceaccount takes NAMESPACE:NAME, not 'justname'");
        QTest::newRow("empty part") << QString() << QStringLiteral("ns:") << QStringLiteral("NAMESPACE:NAME");
        QTest::newRow("ok") << QString() << QStringLiteral("ns:sa") << QString();
    }

    void filterValidation()
    {
        QFETCH(QString, user);
        QFETCH(QString, serviceAccount);
        QFETCH(QString, error);
        AuditFilter f;
        f.user = user.toStdString();
        f.serviceAccount = serviceAccount.toStdString();
        const auto problem = f.validate();
        QCOMPARE(problem.has_value(), !error.isEmpty());
        if (problem)
            QVERIFY2(q(*problem).contains(error), problem->c_str());
    }

    void requestMapping_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("described");
        const QString head = QStringLiteral(R"({"kind":"Event","user":{"username":"u"},)");
        QTest::newRow("named get") << head + QStringLiteral(R"("verb":"get","objectRef":{"resource":"pods","namespace":"a","name":"p"}})")
                                   << QStringLiteral("get pods named p in a");
        QTest::newRow("create drops the name") << head + QStringLiteral(R"("verb":"create","objectRef":{"resource":"configmaps","namespace":"a","name":"new"}})")
                                               << QStringLiteral("create configmaps in a");
        QTest::newRow("create on a subresource keeps it") << head + QStringLiteral(R"("verb":"create","objectRef":{"resource":"pods","subresource":"exec","namespace":"a","name":"p"}})")
                                                          << QStringLiteral("create pods/exec named p in a");
        QTest::newRow("deletecollection") << head + QStringLiteral(R"("verb":"deletecollection","objectRef":{"resource":"pods","namespace":"a","name":"x"}})")
                                          << QStringLiteral("deletecollection pods in a");
        QTest::newRow("group and subresource") << head + QStringLiteral(R"("verb":"update","objectRef":{"resource":"deployments","apiGroup":"apps","subresource":"scale","namespace":"a","name":"web"}})")
                                               << QStringLiteral("update deployments.apps/scale named web in a");
        QTest::newRow("cluster-scoped") << head + QStringLiteral(R"("verb":"list","objectRef":{"resource":"nodes"}})") << QStringLiteral("list nodes cluster-wide");
        QTest::newRow("non-resource without query") << head + QStringLiteral(R"("verb":"get","requestURI":"/logs/a.log?tail=1"})")
                                                    << QStringLiteral("get /logs/a.log");
    }

    void requestMapping()
    {
        QFETCH(QString, json);
        QFETCH(QString, described);
        const AuditLog log = parseAuditLog(json.toStdString(), "x");
        QCOMPARE(int(log.events.size()), 1);
        QCOMPARE(q(describeRequest(toRequest(log.events.front()))), described);
    }

    // ---------------------------------------------------------------- generation
    void normalization()
    {
        const auto out = normalizeRequests({res("get", "pods", "a", "p"), res("get", "pods", "a"), res("get", "pods", "a"), res("list", "pods"),
                                            res("list", "pods", "b"), url("get", "/x"), url("get", "/x")});
        QStringList got;
        for (const auto &r : out)
            got << q(describeRequest(r));
        QCOMPARE(got, (QStringList{QStringLiteral("get /x"), QStringLiteral("list pods cluster-wide"), QStringLiteral("get pods in a")}));
    }

    void compaction_data()
    {
        QTest::addColumn<std::vector<k8s::Request>>("requests");
        QTest::addColumn<QString>("rules");
        QTest::newRow("verbs of a resource merge")
            << std::vector<k8s::Request>{res("list", "pods", "a"), res("get", "pods", "a"), res("watch", "pods", "a")}
            << QStringLiteral("get,list,watch||pods||");
        QTest::newRow("resources sharing group and verbs merge")
            << std::vector<k8s::Request>{res("list", "pods", "a"), res("list", "secrets", "a"), res("list", "deployments", "a", {}, "apps")}
            << QStringLiteral("list||pods,secrets||;list|apps|deployments||");
        QTest::newRow("different verbs stay apart")
            << std::vector<k8s::Request>{res("list", "pods", "a"), res("get", "secrets", "a")} << QStringLiteral("list||pods||;get||secrets||");
        QTest::newRow("names kept when every request named one")
            << std::vector<k8s::Request>{res("get", "configmaps", "a", "x"), res("get", "configmaps", "a", "y")}
            << QStringLiteral("get||configmaps|x,y|");
        QTest::newRow("an unnamed request drops the names")
            << std::vector<k8s::Request>{res("get", "configmaps", "a", "x"), res("get", "configmaps", "a")} << QStringLiteral("get||configmaps||");
        QTest::newRow("names per verb")
            << std::vector<k8s::Request>{res("get", "configmaps", "a", "x"), res("update", "configmaps", "a", "y")}
            << QStringLiteral("get||configmaps|x|;update||configmaps|y|");
        QTest::newRow("same names across resources merge")
            << std::vector<k8s::Request>{res("get", "configmaps", "a", "x"), res("get", "secrets", "a", "x")}
            << QStringLiteral("get||configmaps,secrets|x|");
        QTest::newRow("subresources are resources")
            << std::vector<k8s::Request>{res("get", "pods", "a", {}, {}, "log"), res("get", "pods", "a")} << QStringLiteral("get||pods,pods/log||");
        QTest::newRow("urls sharing verbs merge")
            << std::vector<k8s::Request>{url("get", "/metrics"), url("get", "/logs/x"), url("post", "/metrics")}
            << QStringLiteral("get||||/logs/x;get,post||||/metrics");
        QTest::newRow("one group per rule")
            << std::vector<k8s::Request>{res("list", "events", "a"), res("list", "events", "a", {}, "events.k8s.io")}
            << QStringLiteral("list||events||;list|events.k8s.io|events||");
    }

    void compaction()
    {
        QFETCH(std::vector<k8s::Request>, requests);
        QFETCH(QString, rules);
        QCOMPARE(rulesText(compactRules(requests)), rules);
    }

    void outputShape_data()
    {
        QTest::addColumn<std::vector<k8s::Request>>("requests");
        QTest::addColumn<QString>("objects");
        QTest::newRow("one namespace: Role") << std::vector<k8s::Request>{res("get", "pods", "a"), res("list", "pods", "a")}
                                             << QStringLiteral("Role a/clearance:alice;RoleBinding a/clearance:alice->Role");
        QTest::newRow("same access in two namespaces: ClusterRole bound per namespace")
            << std::vector<k8s::Request>{res("get", "pods", "a"), res("get", "pods", "b")}
            << QStringLiteral("ClusterRole clearance:alice:namespaced;RoleBinding a/clearance:alice:namespaced->ClusterRole;"
                              "RoleBinding b/clearance:alice:namespaced->ClusterRole");
        QTest::newRow("shared part plus one namespace's own")
            << std::vector<k8s::Request>{res("get", "pods", "a"), res("get", "pods", "b"), res("delete", "pods", "b")}
            << QStringLiteral("ClusterRole clearance:alice:namespaced;Role b/clearance:alice;RoleBinding a/clearance:alice:namespaced->ClusterRole;"
                              "RoleBinding b/clearance:alice->Role;RoleBinding b/clearance:alice:namespaced->ClusterRole");
        QTest::newRow("two different shared sets")
            << std::vector<k8s::Request>{res("get", "pods", "a"), res("get", "pods", "b"), res("list", "pods", "b"), res("list", "pods", "c")}
            << QStringLiteral("ClusterRole clearance:alice:namespaced-1;ClusterRole clearance:alice:namespaced-2;"
                              "RoleBinding a/clearance:alice:namespaced-1->ClusterRole;RoleBinding b/clearance:alice:namespaced-1->ClusterRole;"
                              "RoleBinding b/clearance:alice:namespaced-2->ClusterRole;RoleBinding c/clearance:alice:namespaced-2->ClusterRole");
        QTest::newRow("cluster-scoped and URLs: ClusterRole + ClusterRoleBinding")
            << std::vector<k8s::Request>{res("list", "nodes"), url("get", "/metrics")}
            << QStringLiteral("ClusterRole clearance:alice;ClusterRoleBinding clearance:alice->ClusterRole");
        QTest::newRow("discovery needs nothing") << std::vector<k8s::Request>{url("get", "/api"), url("get", "/version"), url("get", "/apis/apps/v1")}
                                                 << QString();
    }

    void outputShape()
    {
        QFETCH(std::vector<k8s::Request>, requests);
        QFETCH(QString, objects);
        const auto policy = generate(requests, userOptions());
        QStringList got;
        for (const auto &r : policy.roles)
            got << q((r.cluster ? "ClusterRole " : "Role " + r.ns + '/') + r.name);
        for (const auto &b : policy.bindings)
            got << q((b.cluster ? "ClusterRoleBinding " : "RoleBinding " + b.ns + '/') + b.name + "->" + b.roleRef.kind);
        QCOMPARE(got.join(QLatin1Char(';')), objects);
        for (const auto &r : policy.roles) {
            QCOMPARE(q(r.labels.at(kManagedByLabel)), QStringLiteral("clearance"));
            for (const auto &rule : r.rules) {
                for (const auto *list : {&rule.verbs, &rule.apiGroups, &rule.resources, &rule.resourceNames, &rule.nonResourceURLs})
                    for (const auto &v : *list)
                        QVERIFY2(v.find('*') == std::string::npos, v.c_str());
            }
        }
        const Proof proof = verify(policy);
        QVERIFY2(proof.exact(), proof.summary().c_str());
    }

    void subjects_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("objectName");
        QTest::newRow("UPN") << QStringLiteral("Alice.Smith@Contoso.com") << QStringLiteral("User") << QStringLiteral("Alice.Smith@Contoso.com")
                             << QStringLiteral("clearance:alice.smith-contoso.com");
        QTest::newRow("service account") << QStringLiteral("system:serviceaccount:build:deployer") << QStringLiteral("ServiceAccount")
                                         << QStringLiteral("build/deployer") << QStringLiteral("clearance:build:deployer");
        QTest::newRow("object ID") << QStringLiteral("5B6E3F0A-8d3c-4a52-9a47-1f2e3d4c5b6a") << QStringLiteral("User")
                                   << QStringLiteral("5B6E3F0A-8d3c-4a52-9a47-1f2e3d4c5b6a") << QStringLiteral("clearance:5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a");
    }

    void subjects()
    {
        QFETCH(QString, user);
        QFETCH(QString, kind);
        QFETCH(QString, name);
        QFETCH(QString, objectName);
        const auto policy = generate({res("get", "pods", "a")}, userOptions(user.toStdString()));
        QCOMPARE(int(policy.bindings.size()), 1);
        const auto &s = policy.bindings.front().subjects.front();
        const char *kinds[] = {"User", "Group", "ServiceAccount"};
        QCOMPARE(QString::fromLatin1(kinds[int(s.kind)]), kind);
        QCOMPARE(q(s.ns.empty() ? s.name : s.ns + '/' + s.name), name);
        QCOMPARE(q(policy.roles.front().name), objectName);
        QVERIFY(verify(policy).exact());
    }

    void groupSubjectProof()
    {
        GenerateOptions o;
        o.subject = groupSubject("5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a");
        o.subjectLabel = "Data Engineers";
        const auto policy = generate({res("list", "jobs", "data", {}, "batch")}, o);
        QCOMPARE(q(policy.roles.front().name), QStringLiteral("clearance:data-engineers"));
        const Proof proof = verify(policy);
        QVERIFY(proof.exact());
        QCOMPARE(q(proof.summary()), QStringLiteral("grants exactly this 1 permission"));
    }

    void verbExpansion()
    {
        GenerateOptions o = userOptions();
        o.expandVerbs = true;
        const auto policy = generate({res("list", "pods", "a"), res("update", "configmaps", "a", "c")}, o);
        QCOMPARE(rulesText(policy.roles.front().rules),
                 QStringLiteral("get,update,patch||configmaps|c|;get,list,watch||pods||"));
        QCOMPARE(int(policy.expanded.size()), 4);
        const Proof proof = verify(policy);
        QVERIFY(proof.exact());
        QVERIFY(!proof.expansions.empty());
        QVERIFY2(q(proof.summary()).startsWith(QStringLiteral("grants exactly these 2 permissions (and 4 more by the documented verb expansions")),
                 proof.summary().c_str());
    }

    // ---------------------------------------------------------------- the proof can fail
    void proofDetectsExtras()
    {
        GeneratedPolicy policy = generate({res("get", "pods", "a", "p")}, userOptions());
        QVERIFY(verify(policy).exact());
        policy.roles.front().rules.front().resourceNames.clear(); // now every pod
        Proof proof = verify(policy);
        QVERIFY(!proof.exact());
        QVERIFY(proof.missing.empty());
        QCOMPARE(int(proof.extras.size()), 2); // the other name, and "get pods" without a name
        QVERIFY2(q(proof.summary()).contains(QStringLiteral("grants 2 permissions beyond the request")), proof.summary().c_str());
        policy.roles.front().rules.front().verbs = {"*"};
        proof = verify(policy);
        QVERIFY(proof.extras.size() > 10);
    }

    void proofDetectsMissing()
    {
        GeneratedPolicy policy = generate({res("get", "pods", "a"), res("list", "pods", "a")}, userOptions());
        policy.roles.front().rules.front().verbs = {"get"};
        const Proof proof = verify(policy);
        QCOMPARE(int(proof.missing.size()), 1);
        QVERIFY2(q(proof.summary()).startsWith(QStringLiteral("DENIES 1 of the 2 requested permissions: list pods in a")), proof.summary().c_str());
    }

    void proofDetectsOtherSubjects()
    {
        GeneratedPolicy policy = generate({res("get", "pods", "a")}, userOptions());
        policy.bindings.front().subjects.push_back(groupSubject("system:authenticated"));
        const Proof proof = verify(policy);
        QVERIFY(!proof.exact());
        QVERIFY(!proof.grantedToOthers.empty());
        QVERIFY(q(proof.summary()).contains(QStringLiteral("to users other than the subject")));
    }

    void proofDetectsWiderUrls()
    {
        GeneratedPolicy policy = generate({url("get", "/metrics")}, userOptions());
        QVERIFY(verify(policy).exact());
        policy.roles.front().rules.front().nonResourceURLs = {"/metrics*"};
        QVERIFY(!verify(policy).extras.empty());
    }

    void matrixCells()
    {
        const std::vector<MatrixColumn> cells{{"", "pods", "", "get", true, false}, {"", "pods", "log", "get", true, false},
                                              {"", "nodes", "", "list", false, false}};
        const auto requests = requestsFromCells(cells, "team-a");
        const auto policy = generate(requests, userOptions());
        const Proof proof = verify(policy);
        QCOMPARE(q(proof.summary()), QStringLiteral("grants exactly these 3 permissions"));
        QCOMPARE(int(policy.roles.size()), 2); // the ClusterRole for nodes and the Role in team-a
    }

    // ---------------------------------------------------------------- replacement (option c)
    void replacement()
    {
        k8s::Cluster cluster;
        cluster.roles.push_back(clusterRole("edit-lite", {{{"get", "list", "watch", "delete"}, {""}, {"pods", "configmaps"}, {}, {}},
                                                          {{"*"}, {"apps"}, {"deployments"}, {}, {}},
                                                          {{"get"}, {"*"}, {"*"}, {}, {}}}));
        cluster.bindings.push_back(roleBinding("team-a", "dev-edit", "ClusterRole", "edit-lite", {{k8s::Subject::Kind::User, "dev", {}}}));
        std::string error;
        QVERIFY(!proposeReplacement(cluster, "team-a/missing", {}, userOptions("dev"), &error));
        QVERIFY(q(error).contains(QStringLiteral("no RoleBinding team-a/missing")));
        const auto r = proposeReplacement(cluster, "team-a/dev-edit",
                                          {res("list", "pods", "team-a"), res("patch", "deployments", "team-a", "web", "apps"), res("list", "nodes"),
                                           res("get", "pods", "team-b", "x")},
                                          userOptions("dev"), &error);
        QVERIFY2(r, error.c_str());
        QCOMPARE(q(r->oldBinding), QStringLiteral("RoleBinding team-a/dev-edit"));
        QCOMPARE(int(r->notFromOldBinding.size()), 2); // nodes (a RoleBinding never grants them) and team-b
        QCOMPARE(rulesText(r->policy.roles.front().rules), QStringLiteral("list||pods||;patch|apps|deployments|web|"));
        QStringList removed;
        for (const auto &rule : r->removed)
            removed << q(describeRule(rule));
        QCOMPARE(removed.join(QLatin1Char(';')),
                 QStringLiteral("get, list, watch, delete on configmaps (core);get, watch, delete on pods (core);get on * (*);"
                                "* on deployments (apps)"));
        QVERIFY(!r->notes.empty()); // the wildcard rule
        QVERIFY(verify(r->policy).exact());
    }

    void replacementOfClusterRoleBindingIsNarrowed()
    {
        k8s::Cluster cluster;
        cluster.roles.push_back(clusterRole("reader", {{{"get", "list"}, {""}, {"pods"}, {}, {}}, {{"get"}, {}, {}, {}, {"/metrics", "/debug/*"}}}));
        cluster.bindings.push_back(roleBinding("", "ops-read", "ClusterRole", "reader", {{k8s::Subject::Kind::Group, "ops", {}}}));
        GenerateOptions o;
        o.subject = groupSubject("ops");
        std::string error;
        const auto r = proposeReplacement(cluster, "ops-read", {res("list", "pods", "a"), url("get", "/metrics")}, o, &error);
        QVERIFY2(r, error.c_str());
        QStringList removed;
        for (const auto &rule : r->removed)
            removed << q(describeRule(rule));
        QCOMPARE(removed.join(QLatin1Char(';')), QStringLiteral("get, list on pods (core);get on /debug/*"));
        QVERIFY(q(r->notes.front()).contains(QStringLiteral("narrowed to namespace(s) a")));
    }

    // ---------------------------------------------------------------- CLI
    void cliUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString audit = kCases + QStringLiteral("/audit2rbac-demo/audit.jsonl");
        QTest::newRow("no input") << QStringList{QStringLiteral("generate"), QStringLiteral("--user"), QStringLiteral("a")} << 2
                                  << QStringLiteral("either --from-audit FILE or --allow");
        QTest::newRow("both inputs") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), audit, QStringLiteral("--allow"),
                                                    QStringLiteral("get:pods"), QStringLiteral("--as"), QStringLiteral("a")}
                                     << 2 << QStringLiteral("either --from-audit FILE or --allow");
        QTest::newRow("no subject") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), audit} << 2
                                    << QStringLiteral("exactly one of --as PRINCIPAL, --user U, --group G or --serviceaccount NS:NAME");
        QTest::newRow("two subjects") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), audit, QStringLiteral("--user"),
                                                     QStringLiteral("a"), QStringLiteral("--group"), QStringLiteral("g")}
                                      << 2 << QStringLiteral("exactly one of");
        QTest::newRow("bad service account") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), audit,
                                                            QStringLiteral("--serviceaccount"), QStringLiteral("sa1")}
                                             << 2 << QStringLiteral("--serviceaccount takes NAMESPACE:NAME, not 'sa1'");
        QTest::newRow("wildcard") << QStringList{QStringLiteral("generate"), QStringLiteral("--as"), QStringLiteral("a"), QStringLiteral("-n"),
                                                 QStringLiteral("x"), QStringLiteral("--allow"), QStringLiteral("*:pods")}
                                  << 2 << QStringLiteral("no wildcards");
        QTest::newRow("malformed allow") << QStringList{QStringLiteral("generate"), QStringLiteral("--as"), QStringLiteral("a"), QStringLiteral("-n"),
                                                        QStringLiteral("x"), QStringLiteral("--allow"), QStringLiteral("getpods")}
                                         << 2 << QStringLiteral("--allow takes VERB:TYPE[,VERB:TYPE...], not 'getpods'");
        QTest::newRow("namespaced type without -n") << QStringList{QStringLiteral("generate"), QStringLiteral("--as"), QStringLiteral("a"),
                                                                   QStringLiteral("--allow"), QStringLiteral("get:pods")}
                                                    << 2 << QStringLiteral("'get:pods' is namespaced: say where with -n NS");
        QTest::newRow("bad output") << QStringList{QStringLiteral("generate"), QStringLiteral("--as"), QStringLiteral("a"), QStringLiteral("-o"),
                                                   QStringLiteral("xml"), QStringLiteral("--allow"), QStringLiteral("list:nodes")}
                                    << 2 << QStringLiteral("unknown output format 'xml' for generate");
        QTest::newRow("replace without snapshot") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), audit,
                                                                 QStringLiteral("--replace-binding"), QStringLiteral("a/b")}
                                                  << 2 << QStringLiteral("--replace-binding needs the snapshot");
        QTest::newRow("no matching events") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), audit, QStringLiteral("--user"),
                                                           QStringLiteral("nobody")}
                                            << 1 << QStringLiteral("no audit events in");
        QTest::newRow("missing audit file") << QStringList{QStringLiteral("generate"), QStringLiteral("--from-audit"), QStringLiteral("/nonexistent.log"),
                                                           QStringLiteral("--user"), QStringLiteral("a")}
                                            << 2 << QStringLiteral("/nonexistent.log: error: cannot read the audit log");
        QTest::newRow("export without what") << QStringList{QStringLiteral("export"), QStringLiteral("--demo")} << 2
                                             << QStringLiteral("say what to export with --what matrix, yaml or azure");
        QTest::newRow("matrix without subject") << QStringList{QStringLiteral("export"), QStringLiteral("--demo"), QStringLiteral("--what"),
                                                               QStringLiteral("matrix")}
                                                << 2 << QStringLiteral("--what matrix needs --as WHO");
        QTest::newRow("matrix bad format") << QStringList{QStringLiteral("export"), QStringLiteral("--demo"), QStringLiteral("--what"),
                                                          QStringLiteral("matrix"), QStringLiteral("-n"), QStringLiteral("x"), QStringLiteral("-o"),
                                                          QStringLiteral("pdf")}
                                           << 2 << QStringLiteral("the matrix exports as csv or html, not 'pdf'");
        QTest::newRow("azure bad format") << QStringList{QStringLiteral("export"), QStringLiteral("--demo"), QStringLiteral("--what"),
                                                         QStringLiteral("azure"), QStringLiteral("-o"), QStringLiteral("yaml")}
                                          << 2 << QStringLiteral("export as sh (az CLI script) or arm (ARM template)");
    }

    void cliUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        std::vector<std::string> argv;
        for (const auto &a : args)
            argv.push_back(a.toStdString());
        const CliResult r = runCli(argv);
        QCOMPARE(r.code, code);
        QVERIFY2(q(r.err).contains(message), r.err.c_str());
        QVERIFY(r.out.empty());
    }

    void cliJsonAndFolder()
    {
        const std::string audit = (kCases + QStringLiteral("/audit2rbac-demo/audit.jsonl")).toStdString();
        CliResult r = runCli({"generate", "--from-audit", audit, "--user", "bob", "-o", "json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto doc = nlohmann::json::parse(r.out);
        QCOMPARE(q(doc["kind"].get<std::string>()), QStringLiteral("List"));
        QStringList kinds;
        for (const auto &item : doc["items"])
            kinds << q(item["kind"].get<std::string>());
        QCOMPARE(kinds, (QStringList{QStringLiteral("ClusterRole"), QStringLiteral("Role"), QStringLiteral("ClusterRoleBinding"),
                                     QStringLiteral("RoleBinding")}));
        QTemporaryDir dir;
        r = runCli({"generate", "--from-audit", audit, "--serviceaccount", "ns1:sa1", "--name", "sa1-minimal", "--out-dir", dir.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), (QStringList{QStringLiteral("1-role-ns1-sa1-minimal.yaml"),
                                                                       QStringLiteral("2-rolebinding-ns1-sa1-minimal.yaml")}));
        QCOMPARE(int(lines(r.out).size()), 2);
        QVERIFY(q(r.err).contains(QStringLiteral("grants exactly these 3 permissions")));
    }

    void endToEndBinary()
    {
        const QString binary = QStringLiteral(CLEARANCE_BINARY);
        if (!QFileInfo::exists(binary))
            QSKIP("the clearance executable is not built");
        QProcess p;
        p.start(binary, {QStringLiteral("generate"), QStringLiteral("--from-audit"), kCases + QStringLiteral("/audit2rbac-demo/audit.jsonl"),
                         QStringLiteral("--user"), QStringLiteral("alice")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), q(readText(kCases + QStringLiteral("/demo-alice/expected.yaml"))));
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("grants exactly these 3 permissions")));
        p.start(binary, {QStringLiteral("generate"), QStringLiteral("--allow"), QStringLiteral("get:pods")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("say who to grant")));
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
