// SPDX-License-Identifier: GPL-3.0-or-later
// Export: Kubernetes objects as multi-document YAML (decoded by kubectl), a JSON List and a folder;
// Azure assignment drafts as an az script and an ARM template; matrices as CSV and HTML; and
// `clearance export` on the demo snapshot.
#include "generatortest.h"
#include "load/loader.h"
#include "graph/matrix.h"

#include <QDir>
#include <QFileInfo>

using namespace clr;
using namespace clr::gen;
using namespace testutil;

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---------------------------------------------------------------- export: Kubernetes objects
    void yamlScalars_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << QStringLiteral("clearance:alice") << QStringLiteral("clearance:alice");
        QTest::newRow("empty group") << QString() << QStringLiteral("\"\"");
        QTest::newRow("boolean word") << QStringLiteral("true") << QStringLiteral("\"true\"");
        QTest::newRow("yes") << QStringLiteral("Yes") << QStringLiteral("\"Yes\"");
        QTest::newRow("number") << QStringLiteral("1.10") << QStringLiteral("\"1.10\"");
        QTest::newRow("guid") << QStringLiteral("5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a") << QStringLiteral("\"5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a\"");
        QTest::newRow("colon space") << QStringLiteral("a: b") << QStringLiteral("\"a: b\"");
        QTest::newRow("hash") << QStringLiteral("#x") << QStringLiteral("\"#x\"");
        QTest::newRow("star") << QStringLiteral("*") << QStringLiteral("\"*\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \\\"hi\\\"\"");
        QTest::newRow("path") << QStringLiteral("/metrics") << QStringLiteral("/metrics");
    }

    void yamlScalars()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        KubeObjects objects;
        objects.roles.push_back(clusterRole("r", {{{"get"}, {value.toStdString()}, {"pods"}, {}, {}}}));
        const std::string yaml = toYaml(objects);
        QVERIFY2(q(yaml).contains(QStringLiteral("- apiGroups:\n  - ") + written + QLatin1Char('\n')), yaml.c_str());
    }

    void yamlDecodesWithKubectl()
    {
        KubeObjects objects;
        k8s::Role aggregated = clusterRole("monitoring", {{{"get"}, {"true"}, {"1.0"}, {"a: b", "#x"}, {}}});
        aggregated.aggregated = true;
        k8s::LabelSelector sel;
        sel.matchLabels["rbac.example.com/aggregate-to-monitoring"] = "true";
        sel.matchExpressions.push_back({"tier", k8s::LabelRequirement::Op::In, {"a", "b"}});
        aggregated.clusterRoleSelectors = {sel};
        objects.roles.push_back(aggregated);
        k8s::Role role = clusterRole("clearance:x", {});
        role.cluster = false;
        role.ns = "team-a";
        objects.roles.push_back(role);
        objects.bindings.push_back(roleBinding("team-a", "b", "Role", "clearance:x",
                                               {{k8s::Subject::Kind::Group, "5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a", {}},
                                                {k8s::Subject::Kind::ServiceAccount, "deployer", "build"},
                                                {k8s::Subject::Kind::User, "alice@contoso.com", {}}}));
        objects.displayNames = {{"5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a", "Data \"Eng\" #1\nsecond line"}, {"alice@contoso.com", "Alice"}};
        objects.header = {"two\nlines"};
        const std::string yaml = toYaml(objects);
        // Comments stay on their line: the line break is shown escaped, never written.
        QVERIFY(q(yaml).startsWith(QStringLiteral("# two\\nlines\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n")));
        QVERIFY2(q(yaml).contains(QStringLiteral("  name: \"5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a\"  # Data \"Eng\" #1\\nsecond line\n")), yaml.c_str());
        QVERIFY(q(yaml).contains(QStringLiteral("  name: alice@contoso.com  # Alice\n")));
        if (QString why; !checkWithKubectl(yaml, 3, &why))
            QSKIP(qPrintable(why));
        QCOMPARE(expectedNames(objects), (QStringList{QStringLiteral("clusterrole.rbac.authorization.k8s.io/monitoring"),
                                                      QStringLiteral("role.rbac.authorization.k8s.io/clearance:x"),
                                                      QStringLiteral("rolebinding.rbac.authorization.k8s.io/b")}));
    }

    void yamlOrder()
    {
        KubeObjects objects;
        auto role = [](const char *ns, const char *name) {
            k8s::Role r;
            r.ns = ns;
            r.name = name;
            r.cluster = !*ns;
            return r;
        };
        objects.roles = {role("b", "r"), role("", "z"), role("a", "r"), role("", "a")};
        objects.bindings = {roleBinding("b", "x", "Role", "r", {}), roleBinding("", "c", "ClusterRole", "z", {}),
                            roleBinding("a", "x", "Role", "r", {})};
        QStringList got;
        bool inMetadata = false;
        for (const auto &line : lines(toYaml(objects))) {
            if (line[0] != ' ')
                inMetadata = line == "metadata:";
            if (line.rfind("kind: ", 0) == 0 || (inMetadata && (line.rfind("  name: ", 0) == 0 || line.rfind("  namespace: ", 0) == 0)))
                got << q(line).trimmed();
        }
        QCOMPARE(got.join(QLatin1Char(' ')),
                 QStringLiteral("kind: ClusterRole name: a kind: ClusterRole name: z kind: Role name: r namespace: a kind: Role name: r namespace: b "
                                "kind: ClusterRoleBinding name: c kind: RoleBinding name: x namespace: a kind: RoleBinding name: x namespace: b"));
    }

    void jsonList()
    {
        const auto policy = generate({res("get", "pods", "a", "p"), res("list", "nodes")}, userOptions());
        const auto doc = nlohmann::json::parse(toJsonList(objectsOf(policy)));
        QCOMPARE(q(doc["kind"].get<std::string>()), QStringLiteral("List"));
        QCOMPARE(int(doc["items"].size()), 4);
        QCOMPARE(q(doc["items"][0]["kind"].get<std::string>()), QStringLiteral("ClusterRole"));
        QCOMPARE(q(doc["items"][1]["rules"][0]["resourceNames"][0].get<std::string>()), QStringLiteral("p"));
        QCOMPARE(q(doc["items"][3]["subjects"][0]["name"].get<std::string>()), QStringLiteral("alice"));
    }

    void folderExport()
    {
        QTemporaryDir dir;
        const auto policy = generate({res("get", "pods", "a"), res("get", "pods", "b"), res("list", "nodes")}, userOptions("Alice@Contoso.com"));
        KubeObjects objects = objectsOf(policy);
        objects.header = {"generated"};
        const auto written = writeFolder(objects, dir.filePath(QStringLiteral("out")).toStdString());
        QVERIFY2(written.ok(), written.error.c_str());
        QStringList names;
        for (const auto &f : written.files)
            names << QFileInfo(q(f)).fileName();
        QCOMPARE(names, (QStringList{QStringLiteral("1-clusterrole-clearance-alice-contoso.com.yaml"),
                                     QStringLiteral("2-clusterrole-clearance-alice-contoso.com-namespaced.yaml"),
                                     QStringLiteral("3-clusterrolebinding-clearance-alice-contoso.com.yaml"),
                                     QStringLiteral("4-rolebinding-a-clearance-alice-contoso.com-namespaced.yaml"),
                                     QStringLiteral("5-rolebinding-b-clearance-alice-contoso.com-namespaced.yaml")}));
        QVERIFY(q(readText(q(written.files.front()))).startsWith(QStringLiteral("# generated\napiVersion:")));
        QString error;
        const auto decoded = kubectlNames(dir.filePath(QStringLiteral("out")), &error);
        if (!decoded)
            QSKIP(qPrintable(error));
        QCOMPARE(decoded->size(), 5);
        const auto blocked = writeFolder(objects, "/proc/clearance-cannot-write-here");
        QVERIFY(!blocked.ok());
    }

    // ---------------------------------------------------------------- export: Azure
    void azScript()
    {
        const std::vector<AzureAssignmentDraft> drafts{
            {"11111111-2222-3333-4444-555555555555", "User", "O'Brien; rm -rf /\nnext",
             "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/7F6C6A51-BCF8-42BA-9220-52D62157D7DB",
             "Azure Kubernetes Service RBAC Reader", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/namespaces/it's", ""},
            {"22222222-2222-3333-4444-555555555555", "Group", "Ops", "", "Custom Role", "/subscriptions/s", "why"}};
        const std::string script = toAzScript(drafts);
        QVERIFY(q(script).startsWith(QStringLiteral("#!/usr/bin/env bash\n")));
        QVERIFY(q(script).contains(QStringLiteral("# O'Brien; rm -rf /\\nnext (User): Azure Kubernetes Service RBAC Reader\n")));
        QVERIFY(q(script).contains(QStringLiteral("  --assignee-object-id '11111111-2222-3333-4444-555555555555' \\\n  --assignee-principal-type 'User' \\\n"
                                                  "  --role '7f6c6a51-bcf8-42ba-9220-52d62157d7db' \\\n")));
        QVERIFY(q(script).contains(QStringLiteral("/namespaces/it'\\''s'\n")));
        QVERIFY(q(script).contains(QStringLiteral("--role 'Custom Role'")));
        QVERIFY(q(script).contains(QStringLiteral("--description 'why'")));
        const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
        if (bash.isEmpty())
            return;
        QProcess p; // the script must at least parse
        p.start(bash, {QStringLiteral("-n")});
        p.write(script.data(), qint64(script.size()));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 0);
    }

    void armTemplate()
    {
        const std::vector<AzureAssignmentDraft> drafts{
            {"11111111-2222-3333-4444-555555555555", "ServicePrincipal", "ci", "/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db",
             "Azure Kubernetes Service RBAC Reader", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/o'k", ""}};
        const auto doc = nlohmann::json::parse(toArmTemplate(drafts));
        QVERIFY(doc["$schema"].get<std::string>().find("deploymentTemplate.json") != std::string::npos);
        const auto &r = doc["resources"][0];
        QCOMPARE(q(r["type"].get<std::string>()), QStringLiteral("Microsoft.Authorization/roleAssignments"));
        QCOMPARE(q(r["scope"].get<std::string>()), q(drafts[0].scope));
        QCOMPARE(q(r["name"].get<std::string>()),
                 QStringLiteral("[guid('/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/o''k', "
                                "'11111111-2222-3333-4444-555555555555', '7f6c6a51-bcf8-42ba-9220-52d62157d7db')]"));
        QCOMPARE(q(r["properties"]["roleDefinitionId"].get<std::string>()),
                 QStringLiteral("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f6c6a51-bcf8-42ba-9220-52d62157d7db')]"));
        QCOMPARE(q(r["properties"]["principalType"].get<std::string>()), QStringLiteral("ServicePrincipal"));
        QCOMPARE(q(r["properties"]["description"].get<std::string>()), QStringLiteral("ci: Azure Kubernetes Service RBAC Reader"));
    }

    // ---------------------------------------------------------------- export: matrices
    void csvAndHtmlEscaping()
    {
        MatrixTable t;
        t.title = "Access <of> \"evil\" & co";
        t.rowHeaderTitles = {"identity", "display name"};
        t.rowHeaders = {{"a,b", "=HYPERLINK(\"http://x\")"}, {"-1", "<script>alert(1)</script>"}};
        t.columns = {{"", "pods", "", "get", true, false}, {"apps", "deployments", "scale", "update", true, false}};
        t.cells = {{{MatrixCell::State::Allowed, Planes(planeBit(Plane::Kubernetes) | planeBit(Plane::Azure))}, {}},
                   {{MatrixCell::State::SomeNames, planeBit(Plane::Kubernetes)}, {MatrixCell::State::Conditional, planeBit(Plane::Azure)}}};
        t.notes = {"note <b>"};
        const std::string csv = toCsv(t);
        QCOMPARE(q(csv), QStringLiteral("identity,display name,get pods,update deployments.apps/scale\r\n"
                                        "\"a,b\",\"'=HYPERLINK(\"\"http://x\"\")\",yes (kubernetes+azure),no\r\n"
                                        "'-1,<script>alert(1)</script>,some names,conditional\r\n"));
        const QString html = q(toHtml(t));
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;alert(1)&lt;/script&gt;")));
        QVERIFY(html.contains(QStringLiteral("<title>Access &lt;of&gt; &quot;evil&quot; &amp; co</title>")));
        QVERIFY(html.contains(QStringLiteral("<th colspan=\"1\">deployments.apps/scale</th>")));
        QVERIFY(html.contains(QStringLiteral("<p class=\"notes\">note &lt;b&gt;</p>")));
        QVERIFY(html.contains(QStringLiteral("<style>")));
        for (const char *external : {"src=", "href=", "@import", "<link", "url("})
            QVERIFY2(!html.contains(QString::fromLatin1(external)), external); // self-contained
        QCOMPARE(html.count(QStringLiteral("<tr>")), 4);
    }

    void demoMatrixExport()
    {
        PermissionGraph graph(loadDemoSnapshot());
        const auto namespaces = graph.namespaces();
        QVERIFY(!namespaces.empty());
        std::vector<std::string> rows{""};
        rows.insert(rows.end(), namespaces.begin(), namespaces.end());
        const auto &dir = graph.snapshot().directory;
        entra::PrincipalId someone = entra::NoPrincipal;
        for (entra::PrincipalId p = 0; p < dir.size() && someone == entra::NoPrincipal; ++p)
            if (dir.at(p).type == entra::PrincipalType::User)
                someone = p;
        QVERIFY(someone != entra::NoPrincipal);
        PrincipalMatrix matrix(graph, graph.identityOf(someone), defaultMatrixColumns(graph), rows);
        const MatrixTable table = tableOf(matrix, "demo");
        QCOMPARE(int(table.cells.size()), int(rows.size()));
        const auto csvLines = lines(toCsv(table));
        QCOMPARE(int(csvLines.size()), int(rows.size()) + 1);
        QVERIFY(q(csvLines[1]).startsWith(QStringLiteral("(cluster),")));
        // Each cell agrees with PermissionGraph::check: the export adds no evaluation of its own.
        for (int r = 0; r < matrix.rowCount(); ++r)
            for (int c = 0; c < matrix.columnCount(); c += 7) {
                const bool allowed = graph.check(graph.identityOf(someone), matrix.column(c).request(rows[std::size_t(r)])).allowed;
                QCOMPARE(table.cells[std::size_t(r)][std::size_t(c)].state == MatrixCell::State::Allowed, allowed);
            }
    }

    void cliExports_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("starts");
        QTest::newRow("namespace matrix csv") << QStringList{QStringLiteral("--what"), QStringLiteral("matrix"), QStringLiteral("-n"),
                                                             QStringLiteral("finance-app")}
                                              << QStringLiteral("identity,display name,kind,get pods,");
        QTest::newRow("namespace matrix html") << QStringList{QStringLiteral("--what"), QStringLiteral("matrix"), QStringLiteral("-n"),
                                                              QStringLiteral("finance-app"), QStringLiteral("-o"), QStringLiteral("html")}
                                               << QStringLiteral("<!DOCTYPE html>");
        QTest::newRow("rbac yaml") << QStringList{QStringLiteral("--what"), QStringLiteral("yaml")}
                                   << QStringLiteral("# Kubernetes RBAC exported by Clearance");
        QTest::newRow("rbac json") << QStringList{QStringLiteral("--what"), QStringLiteral("yaml"), QStringLiteral("-o"), QStringLiteral("json")}
                                   << QStringLiteral("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\"");
        QTest::newRow("azure script") << QStringList{QStringLiteral("--what"), QStringLiteral("azure")} << QStringLiteral("#!/usr/bin/env bash");
        QTest::newRow("azure arm") << QStringList{QStringLiteral("--what"), QStringLiteral("azure"), QStringLiteral("-o"), QStringLiteral("arm")}
                                   << QStringLiteral("{\n  \"$schema\"");
    }

    void cliExports()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, starts);
        std::vector<std::string> argv{"export", "--demo"};
        for (const auto &a : args)
            argv.push_back(a.toStdString());
        const CliResult r = runCli(argv);
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(q(r.out).startsWith(starts), r.out.substr(0, 300).c_str());
        QString why;
        if (starts.startsWith(QStringLiteral("# Kubernetes")) && !checkWithKubectl(r.out, kindLines(r.out), &why))
            QSKIP(qPrintable(why));
    }

    void cliPrincipalMatrix()
    {
        PermissionGraph graph(loadDemoSnapshot());
        const auto &dir = graph.snapshot().directory;
        std::string upn;
        for (entra::PrincipalId p = 0; p < dir.size() && upn.empty(); ++p)
            if (dir.at(p).type == entra::PrincipalType::User && !dir.at(p).guest)
                upn = dir.at(p).userPrincipalName;
        QTemporaryDir out;
        const CliResult r = runCli({"export", "--demo", "--what", "matrix", "--as", upn, "-o", "html", "--out-dir", out.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        const QString file = q(r.out).trimmed();
        QVERIFY2(file.endsWith(QStringLiteral(".html")) && QFile::exists(file), r.out.c_str());
        const QString html = q(readText(file));
        QVERIFY(html.contains(q(upn)));
        QCOMPARE(html.count(QStringLiteral("<tr>")) - 2, int(graph.namespaces().size()) + 1);
    }

    /** One row per identity, even when a binding names an Entra guest by another spelling. */
    void namespaceMatrixRowsAreUnique()
    {
        const CliResult r = runCli({"export", "--demo", "--what", "matrix", "-n", "finance-app"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QStringList ids;
        for (const QString &line : q(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1))
            ids << line.section(QLatin1Char(','), 0, 0);
        QVERIFY(ids.size() > 10);
        QVERIFY(ids.contains(QStringLiteral("3b656607-0c2d-4898-bddf-7be8d4ec5dd1"))); // Ana Bowman, a guest bound by UPN and object ID
        QCOMPARE(ids.removeDuplicates(), 0);
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
