// SPDX-License-Identifier: GPL-3.0-or-later
// What Clearance writes stays exact whatever the names are (issue 10, output findings): YAML read
// back by kubectl and yaml-cpp, the az script run against a fake az, ARM values literal, the
// suggested kubectl command run against a fake kubectl, --out-dir all or nothing.
#include "../fuzz/export_roundtrip.h"
#include "generatortest.h"
#include "hostiletest.h"

#include <QDir>
#include <QDirIterator>

#include <csignal>
#include <sys/resource.h>

using namespace clr;
using namespace testutil;

namespace {

/** A folder holding an executable `tool` that writes its arguments, NUL-separated, to `argvFile`. */
QString fakeTool(const QTemporaryDir &dir, const QString &tool, const QString &argvFile)
{
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    const QString path = bin + QLatin1Char('/') + tool;
    hostile::writeFile(path, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done >> '" + argvFile.toStdString() + "'\n");
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return bin;
}

/** Runs `script` with bash, `bin` first on PATH; the argv the fake tool saw, one list per call. */
std::vector<std::string> runWithFake(const std::string &script, const QString &bin, const QString &argvFile, int *exitCode)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), QString::fromUtf8(hostile::bytes(script))});
    p.waitForFinished(30000);
    *exitCode = p.exitCode();
    std::vector<std::string> argv;
    const std::string seen = readText(argvFile);
    for (std::size_t start = 0; start < seen.size();) {
        const auto end = seen.find('\0', start);
        argv.push_back(seen.substr(start, end - start));
        start = end + 1;
    }
    return argv;
}

/** Lowers this process's file size limit (writes beyond it fail with EFBIG) until destroyed. */
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, SIG_IGN); // fail the write() instead of killing the process
        const rlimit limit{bytes, m_old.rlim_max};
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &m_old); }

private:
    rlimit m_old{};
};

void addHostileNames()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("U+2028 adds a subject") << QByteArray("Ops\xe2\x80\xa8- kind: User\xe2\x80\xa8  name: attacker@evil.com");
    QTest::newRow("U+2028 adds a document") << QByteArray("x\xe2\x80\xa8---\xe2\x80\xa8kind: ClusterRoleBinding");
    QTest::newRow("U+2029") << QByteArray("a\xe2\x80\xa9- kind: User");
    QTest::newRow("NEL") << QByteArray("a\xc2\x85- kind: User");
    QTest::newRow("CR LF") << QByteArray("a\r\n- kind: User");
    QTest::newRow("NUL") << QByteArray("a\0b", 3);
    QTest::newRow("ESC sequences") << QByteArray("\x1b]0;pwned\x07\x1b[2J");
    QTest::newRow("hash semicolon quotes") << QByteArray("a #b; c 'd' \"e\" `id` $(id)");
    QTest::newRow("ARM expression") << QByteArray("[concat(subscription().id, '-')]");
    QTest::newRow("YAML indicators") << QByteArray("--- {a: *b} !!str | > %");
    QTest::newRow("invalid UTF-8") << QByteArray("r\xe9");
    QTest::newRow("300 characters") << QByteArray(300, 'n');
    QTest::newRow("empty") << QByteArray("");
}

} // namespace

class TestExportSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---------------------------------------------------------------- the property, every format
    void hostileNames_data() { addHostileNames(); }

    void hostileNames()
    {
        QFETCH(QByteArray, name);
        const std::string n = name.toStdString();
        const std::string why = roundtrip::checkAll(n);
        QVERIFY2(why.empty(), why.c_str());

        // kubectl reads the same four documents, with the name byte for byte.
        QString reason;
        bool missing = false;
        const auto objects = hostile::kubectlDecode(gen::toYaml(roundtrip::kubeObjects(n)), &reason, &missing);
        if (missing)
            QSKIP(qPrintable(reason));
        QVERIFY2(objects, qPrintable(reason));
        QCOMPARE(int(objects->size()), roundtrip::kKubeDocuments);
        for (const auto &o : *objects)
            QCOMPARE(hostile::bytes(o["metadata"]["name"].get<std::string>()), hostile::bytes(roundtrip::utf8Form(n)));
        const auto binding = (*objects)[2];
        QCOMPARE(int(binding["subjects"].size()), 3);
        for (const auto &s : binding["subjects"])
            QCOMPARE(hostile::bytes(s["name"].get<std::string>()), hostile::bytes(roundtrip::utf8Form(n)));

        // A fake az sees exactly the intended argv.
        QTemporaryDir dir;
        const QString argvFile = dir.filePath(QStringLiteral("argv"));
        const QString bin = fakeTool(dir, QStringLiteral("az"), argvFile);
        const auto draft = roundtrip::azureDraft(n);
        int code = -1;
        const auto argv = runWithFake(gen::toAzScript({draft}), bin, argvFile, &code);
        QCOMPARE(code, 0);
        const auto expected = roundtrip::expectedAzArgv(draft);
        QCOMPARE(argv, expected ? *expected : std::vector<std::string>());
    }

    void fuzzCorpus()
    {
        QDirIterator it(QStringLiteral(CLEARANCE_TEST_DATA "/../fuzz/corpus/export"), QDir::Files);
        int seeds = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            const std::string why = roundtrip::checkAll(readText(file));
            QVERIFY2(why.empty(), qPrintable(file + QStringLiteral(": ") + q(why)));
            ++seeds;
        }
        QVERIFY(seeds >= 20);
    }

    // ---------------------------------------------------------------- finding 1: YAML comments
    void exportedDisplayNameAddsNoSubject_data() { addHostileNames(); }

    void exportedDisplayNameAddsNoSubject()
    {
        QFETCH(QByteArray, name);
        if (!isValidUtf8(name.toStdString()))
            QSKIP("JSON input carries UTF-8 only; invalid bytes are covered by tst_clisafety");
        if (name.isEmpty())
            QSKIP("a RoleBinding without a name is not loaded");
        QTemporaryDir dir;
        hostile::writeSnapshot(dir.path(), name.toStdString());
        const CliResult r = runCli({"export", "--what", "yaml", "-f", dir.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(roundtrip::yamlCharacterProblem(r.out).empty(), r.out.c_str());
        QString reason;
        bool missing = false;
        const auto objects = hostile::kubectlDecode(r.out, &reason, &missing);
        if (missing)
            QSKIP(qPrintable(reason));
        QVERIFY2(objects, qPrintable(reason));
        QCOMPARE(int(objects->size()), 4); // cluster-admin, pod-reader, admins, the RoleBinding
        QCOMPARE(int(YAML::LoadAll(r.out).size()), 4); // yaml-cpp reads what kubectl reads
        const auto admins = hostile::findObject(*objects, "ClusterRoleBinding", "admins");
        QVERIFY(!admins.is_null());
        const nlohmann::json only{{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Group"}, {"name", hostile::kGroupId}};
        QCOMPARE(q(admins["subjects"].dump()), q(nlohmann::json::array({only}).dump()));
        QVERIFY(!hostile::findObject(*objects, "RoleBinding", name.toStdString()).is_null());
    }

    void generateHeaderAddsNoDocument()
    {
        const std::string name = "x\xe2\x80\xa8---\xe2\x80\xa8" "apiVersion: rbac.authorization.k8s.io/v1\xe2\x80\xa8kind: ClusterRoleBinding\xe2\x80\xa8"
                                 "metadata: {name: pwn}\xe2\x80\xa8roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}"
                                 "\xe2\x80\xa8subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: attacker}]";
        QTemporaryDir dir;
        hostile::writeSnapshot(dir.path(), name);
        const CliResult r = runCli({"generate", "--as", hostile::kUpn, "-n", "team", "--allow", "get:pods", "-f", dir.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(q(r.out).contains(QStringLiteral("(x\\u2028---\\u2028apiVersion")), r.out.c_str()); // the header names the user, escaped
        QString reason;
        bool missing = false;
        const auto objects = hostile::kubectlDecode(r.out, &reason, &missing);
        if (missing)
            QSKIP(qPrintable(reason));
        QVERIFY2(objects, qPrintable(reason));
        QCOMPARE(int(objects->size()), 2); // the Role and its RoleBinding, nothing else
        QVERIFY(hostile::findObject(*objects, "ClusterRoleBinding", "pwn").is_null());
    }

    // ---------------------------------------------------------------- finding 2: ARM expressions
    void armValuesStayLiteral()
    {
        QTemporaryDir dir;
        const nlohmann::json assignment{
            {"principalId", hostile::kGroupId}, {"principalType", "[parameters('type')]"},
            {"roleDefinitionId", "[concat(subscription().id, '/providers/Microsoft.Authorization/roleDefinitions/x')]"},
            {"roleDefinitionName", "Custom"}, {"description", "[concat(subscription().id, '-')]"},
            {"scope", "/subscriptions/03836012-2698-4d95-a95f-f1f88f23e15c"},
            {"id", "/subscriptions/03836012-2698-4d95-a95f-f1f88f23e15c/providers/Microsoft.Authorization/roleAssignments/1"},
            {"type", "Microsoft.Authorization/roleAssignments"}};
        const nlohmann::json assignments = nlohmann::json::array({assignment});
        hostile::writeFile(dir.filePath(QStringLiteral("assignments.json")), assignments.dump());
        const CliResult r = runCli({"export", "--what", "azure", "-o", "arm", "-f", dir.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto p = nlohmann::json::parse(r.out)["resources"][0]["properties"];
        QCOMPARE(q(p["description"].get<std::string>()), QStringLiteral("[[concat(subscription().id, '-')]"));
        QCOMPARE(q(p["principalType"].get<std::string>()), QStringLiteral("[[parameters('type')]"));
        QVERIFY(p["roleDefinitionId"].get<std::string>().rfind("[[concat(", 0) == 0);
    }

    // ---------------------------------------------------------------- finding 3: suggested commands
    void replaceBindingCommandIsExact_data()
    {
        QTest::addColumn<QByteArray>("binding");
        QTest::newRow("spaces ; #") << QByteArray("evil; touch pwned #");
        QTest::newRow("quotes and substitution") << QByteArray("it's $(touch pwned) `id`");
        QTest::newRow("line feed") << QByteArray("a\nrm -rf ~");
        QTest::newRow("plain") << QByteArray("readers");
    }

    void replaceBindingCommandIsExact()
    {
        QFETCH(QByteArray, binding);
        const std::string name = binding.toStdString();
        QTemporaryDir dir;
        using nlohmann::json;
        using A = std::vector<std::string>;
        json role{{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "Role"}, {"metadata", {{"name", "wide"}, {"namespace", "team a"}}}};
        role["rules"] = json::array({json{{"apiGroups", A{""}}, {"resources", A{"pods", "secrets"}}, {"verbs", A{"get", "list", "delete"}}}});
        json rb{{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", "RoleBinding"}, {"metadata", {{"name", name}, {"namespace", "team a"}}}};
        rb["roleRef"] = {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", "wide"}};
        rb["subjects"] = json::array({json{{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "User"}, {"name", "alice"}}});
        const json rbac{{"apiVersion", "v1"}, {"kind", "List"}, {"items", json::array({role, rb})}};
        hostile::writeFile(dir.filePath(QStringLiteral("rbac.json")), rbac.dump());
        const std::string audit = dir.filePath(QStringLiteral("audit.jsonl")).toStdString();
        hostile::writeFile(q(audit), R"({"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"1","stage":"ResponseComplete","verb":"get",)"
                                     R"("requestURI":"/api/v1/namespaces/team%20a/pods/p","user":{"username":"alice"},)"
                                     R"("objectRef":{"resource":"pods","namespace":"team a","name":"p"}})" "\n");
        const CliResult r = runCli({"generate", "--from-audit", audit, "--replace-binding", "team a/" + name, "-f", dir.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        const std::string marker = "after applying: ";
        std::string command;
        for (const auto &line : lines(r.out))
            if (line[0] == '#' && line.find(marker) != std::string::npos)
                command = line.substr(line.find(marker) + marker.size());
        QVERIFY2(!command.empty(), r.out.c_str());
        const QString argvFile = dir.filePath(QStringLiteral("argv"));
        const QString bin = fakeTool(dir, QStringLiteral("kubectl"), argvFile);
        int code = -1;
        QCOMPARE(runWithFake(command, bin, argvFile, &code), (std::vector<std::string>{"delete", "rolebinding", "-n", "team a", name}));
        QCOMPARE(code, 0);
        QVERIFY(!QFile::exists(QStringLiteral("pwned")));
    }

    // ---------------------------------------------------------------- finding 7: rules: [{}]
    void emptyRuleStaysOneRule()
    {
        QTemporaryDir dir;
        hostile::writeFile(dir.filePath(QStringLiteral("r.yaml")),
                           "kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: e}\nrules: [{}]\n");
        const CliResult r = runCli({"export", "--what", "yaml", "-f", dir.path().toStdString()});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY2(q(r.out).endsWith(QStringLiteral("\nrules:\n- {}\n")), r.out.c_str());
        const auto docs = YAML::LoadAll(r.out);
        QCOMPARE(int(docs.size()), 1);
        QVERIFY(docs[0]["rules"].IsSequence() && docs[0]["rules"].size() == 1 && docs[0]["rules"][0].IsMap());
    }

    // ---------------------------------------------------------------- finding 8: --out-dir
    void outDirAllOrNothing()
    {
        QTemporaryDir parent;
        gen::KubeObjects objects;
        objects.roles.push_back(clusterRole("a-small", {{{"get"}, {""}, {"pods"}, {}, {}}}));
        std::vector<k8s::PolicyRule> many(300, k8s::PolicyRule{{"get"}, {""}, {"pods"}, {}, {}});
        objects.roles.push_back(clusterRole("z-large", many));
        const QString target = parent.filePath(QStringLiteral("out"));
        {
            FileSizeLimit limit(4096); // the first file fits, the second does not: a failure halfway
            const auto written = gen::writeFolder(objects, target.toStdString());
            QVERIFY(!written.ok());
            QVERIFY(written.files.empty());
            QVERIFY2(q(written.error).contains(QStringLiteral("nothing was written")), written.error.c_str());
        }
        QVERIFY(!QFileInfo::exists(target));
        QCOMPARE(QDir(parent.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList()); // no staging left
        const auto written = gen::writeFolder(objects, target.toStdString()); // without the limit, all of it
        QVERIFY2(written.ok(), written.error.c_str());
        QCOMPARE(QDir(target).entryList(QDir::Files).size(), 2);
    }

    void outDirTakesLongNames()
    {
        QTemporaryDir parent;
        const std::string name(300, 'n'); // each file name would be over NAME_MAX if the name were used whole
        const auto written = gen::writeFolder(roundtrip::kubeObjects(name), parent.filePath(QStringLiteral("out")).toStdString());
        QVERIFY2(written.ok(), written.error.c_str());
        QCOMPARE(int(written.files.size()), roundtrip::kKubeDocuments);
        for (const auto &f : written.files) {
            QVERIFY(QFileInfo(q(f)).fileName().size() < 200);
            QVERIFY2(roundtrip::checkKubeDocument(YAML::Load(readText(q(f))), int(&f - &written.files[0]), name).empty(), f.c_str());
        }
    }

    void outDirRefusesAFolderWithFiles()
    {
        QTemporaryDir dir;
        hostile::writeFile(dir.filePath(QStringLiteral("stale.yaml")), "kind: ClusterRoleBinding\n");
        const CliResult refused = runCli({"export", "--demo", "--what", "yaml", "--out-dir", dir.path().toStdString()});
        QCOMPARE(refused.code, 2);
        QVERIFY2(q(refused.err).contains(QStringLiteral("is not empty")), refused.err.c_str());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("stale.yaml")});
        QFile::remove(dir.filePath(QStringLiteral("stale.yaml")));
        const CliResult r = runCli({"export", "--demo", "--what", "yaml", "--out-dir", dir.path().toStdString()}); // empty: fine
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(int(QDir(dir.path()).entryList(QDir::Files).size()), int(lines(r.out).size()));
    }
};

QTEST_GUILESS_MAIN(TestExportSafety)
#include "tst_exportsafety.moc"
