// SPDX-License-Identifier: GPL-3.0-or-later
// clearance diff, in process (clr::cli::run): the BASE/HEAD syntax and its usage errors, the table, the
// JSON schema and the HTML report, --fail-on exit codes, --as and -n, hostile names in every format, a
// failed write, and a pull request as git gives it: two commits of a manifests folder checked out with
// `git worktree add`.
#include "cli/cli.h"
#include "common/outputsafety.h"
#include "common/utf8.h"
#include "comparefixture.h"
#include "hostiletest.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sstream>
#include <streambuf>

using namespace clr;
using nlohmann::json;

namespace {

struct Result
{
    int code = -1;
    std::string out, err;
};

Result diff(std::vector<std::string> args)
{
    args.insert(args.begin(), "diff");
    std::ostringstream out, err;
    const int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

bool write(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

/** The fixture's documents into `dir`: RBAC manifests under manifests/, the exports under exports/. */
void writeDocuments(const QString &dir, const QMap<QString, QString> &docs)
{
    for (auto it = docs.begin(); it != docs.end(); ++it)
        write(dir + (it.key() == QStringLiteral("rbac.yaml") ? QStringLiteral("/manifests/") : QStringLiteral("/exports/")) + it.key(), it.value());
}

const QString kBobPods = QString::fromUtf8(R"(---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: bob-pods, namespace: team-b}
subjects:
- {kind: User, name: bob@example.com, apiGroup: rbac.authorization.k8s.io}
roleRef: {kind: ClusterRole, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
)");

/** HEAD: Bob gains pod-reader in team-b; Alice loses pod-reader in team-a. */
QMap<QString, QString> headDocuments()
{
    auto docs = fixture::baseDocuments();
    QString &rbac = docs[QStringLiteral("rbac.yaml")];
    rbac.replace(QStringLiteral("- {kind: User, name: alice@example.com"), QStringLiteral("- {kind: User, name: nobody@example.com"));
    rbac += kBobPods;
    return docs;
}

std::string terminalProblem(const std::string &text)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t c = nextCodePoint(text, i);
        const bool control = (c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029
            || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (c == kInvalidUtf8 || control)
            return "raw byte at " + std::to_string(at);
    }
    return {};
}

class FullDisk final : public std::streambuf
{
protected:
    int_type overflow(int_type) override { return traits_type::eof(); }
    std::streamsize xsputn(const char *, std::streamsize) override { return 0; }
};

int git(const QString &dir, const QStringList &args, QString *output = nullptr)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("git"), QStringList{QStringLiteral("-c"), QStringLiteral("user.name=Clearance Test"), QStringLiteral("-c"),
                                               QStringLiteral("user.email=test@example.com"), QStringLiteral("-c"),
                                               QStringLiteral("init.defaultBranch=main")} + args);
    p.waitForFinished(60000);
    if (output)
        *output = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestDiffCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    std::string m_base, m_head, m_exports;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        writeDocuments(m_tmp.filePath(QStringLiteral("base")), fixture::baseDocuments());
        writeDocuments(m_tmp.filePath(QStringLiteral("head")), headDocuments());
        m_base = m_tmp.filePath(QStringLiteral("base/manifests")).toStdString();
        m_head = m_tmp.filePath(QStringLiteral("head/manifests")).toStdString();
        m_exports = m_tmp.filePath(QStringLiteral("base/exports")).toStdString();
    }

    void usage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        QTest::newRow("nothing") << QStringList{} << QStringLiteral("diff needs BASE and HEAD");
        QTest::newRow("one path") << QStringList{QStringLiteral("a")} << QStringLiteral("diff needs BASE and HEAD");
        QTest::newRow("three paths") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")} << QStringLiteral("diff needs BASE and HEAD");
        QTest::newRow("base without head") << QStringList{QStringLiteral("--base"), QStringLiteral("a")} << QStringLiteral("diff needs BASE and HEAD");
        QTest::newRow("paths and lists") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--head"), QStringLiteral("c")}
                                         << QStringLiteral("either as two paths or as --base/--head lists");
        QTest::newRow("stdin twice") << QStringList{QStringLiteral("-"), QStringLiteral("-")} << QStringLiteral("standard input (-) can feed one side only");
        QTest::newRow("stdin shared") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("-f"), QStringLiteral("-")}
                                      << QStringLiteral("standard input (-) can feed one side only");
        QTest::newRow("demo") << QStringList{QStringLiteral("--demo")} << QStringLiteral("diff compares files");
        QTest::newRow("bad output") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("-o"), QStringLiteral("yaml")}
                                    << QStringLiteral("diff writes table, json or html, not 'yaml'");
        QTest::newRow("bad fail-on") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--fail-on"), QStringLiteral("some")}
                                     << QStringLiteral("--fail-on takes gained, lost or any, not 'some'");
        QTest::newRow("as-group") << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--as"), QStringLiteral("x"), QStringLiteral("--as-group"),
                                                 QStringLiteral("g")}
                                  << QStringLiteral("--as-group does not apply");
    }
    void usage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        std::vector<std::string> a;
        for (const auto &s : args)
            a.push_back(s.toStdString());
        const Result r = diff(a);
        QCOMPARE(r.code, 2);
        QVERIFY2(QString::fromStdString(r.err).contains(error), r.err.c_str());
        QVERIFY(r.out.empty());
    }

    void failOn_data()
    {
        QTest::addColumn<QString>("failOn");
        QTest::addColumn<bool>("swap"); // HEAD -> BASE: only losses become gains and back
        QTest::addColumn<int>("code");
        QTest::newRow("no --fail-on") << QString() << false << 0;
        QTest::newRow("gained, someone gained") << QStringLiteral("gained") << false << 1;
        QTest::newRow("lost, someone lost") << QStringLiteral("lost") << false << 1;
        QTest::newRow("any") << QStringLiteral("any") << false << 1;
        QTest::newRow("same snapshot, any") << QStringLiteral("any") << true << 0;
    }
    void failOn()
    {
        QFETCH(QString, failOn);
        QFETCH(bool, swap);
        QFETCH(int, code);
        std::vector<std::string> args{m_base, swap ? m_base : m_head, "-f", m_exports};
        if (!failOn.isEmpty())
            args.insert(args.end(), {"--fail-on", failOn.toStdString()});
        const Result r = diff(args);
        QVERIFY2(r.code == code, (r.out + r.err).c_str());
    }

    void table()
    {
        const Result r = diff({m_base, m_head, "-f", m_exports});
        QCOMPARE(r.code, 0);
        const QString out = QString::fromStdString(r.out);
        QVERIFY2(out.contains(QStringLiteral("2 identities gained access, 1 lost access (3 evaluated); 2 changes, 0 without effect")), r.out.c_str());
        // The binding's new subject is no Entra user: a Kubernetes user name, which gains what Alice lost.
        QVERIFY(out.contains(QStringLiteral("user nobody@example.com [kubernetesUser]\n  + in namespace team-a: get, list, watch pods, pods/log\n"
                                            "      because: [1] RoleBinding team-a/alice-pods edited")));
        QVERIFY2(out.contains(QStringLiteral("Bob Builder (bob@example.com) [user]\n  + in namespace team-b: get, list, watch pods, pods/log\n"
                                             "      because: [2] RoleBinding team-b/bob-pods added\n"
                                             "      path in HEAD: Kubernetes RBAC: user Bob Builder (bob@example.com) → RoleBinding team-b/bob-pods")),
                 r.out.c_str());
        QVERIFY(out.contains(QStringLiteral("Alice Admin (alice@example.com) [user]\n  - in namespace team-a: get, list, watch pods, pods/log\n"
                                            "      because: [1] RoleBinding team-a/alice-pods edited")));
        QVERIFY(out.contains(QStringLiteral("Changes that alter access:\n  [1] RoleBinding team-a/alice-pods edited")));
        QVERIFY(out.contains(QStringLiteral("- subject User alice@example.com")));
        QVERIFY(out.contains(QStringLiteral("+ subject User nobody@example.com")));
        QVERIFY2(r.err.empty(), r.err.c_str()); // same exports both sides: nothing to report
    }

    void listsAndFilters()
    {
        const Result lists = diff({"--base", m_base, "--base", m_exports, "--head", m_head, "--head", m_exports});
        const Result positional = diff({m_base, m_head, "-f", m_exports});
        QCOMPARE(lists.code, 0);
        // The same comparison; only the names of the sides differ.
        QVERIFY(lists.out.find("2 identities") != std::string::npos);
        QCOMPARE(lists.out.substr(lists.out.find("2 identities")), positional.out.substr(positional.out.find("2 identities")));
        const Result bob = diff({m_base, m_head, "-f", m_exports, "--as", "bob@example.com"});
        QVERIFY2(bob.out.find("Bob Builder") != std::string::npos && bob.out.find("Alice Admin") == std::string::npos, bob.out.c_str());
        QVERIFY(bob.out.find("only one identity was evaluated") != std::string::npos);
        const Result teamA = diff({m_base, m_head, "-f", m_exports, "-n", "team-a", "--fail-on", "gained"});
        QCOMPARE(teamA.code, 1); // in team-a: Bob gains nothing there, nobody@example.com does
        QVERIFY(teamA.out.find("Alice Admin") != std::string::npos && teamA.out.find("Bob Builder") == std::string::npos);
        const Result unknown = diff({m_base, m_head, "-f", m_exports, "--as", "Devs Group That Is Not There"});
        QVERIFY(unknown.code == 0 && unknown.out.find("0 identities gained access, 0 lost access (1 evaluated)") != std::string::npos);
    }

    void jsonSchema()
    {
        const Result r = diff({m_base, m_head, "-f", m_exports, "-o", "json"});
        QCOMPARE(r.code, 0);
        const json doc = json::parse(r.out);
        QCOMPARE(doc.at("schemaVersion").get<int>(), 1);
        QVERIFY(doc.at("base").get<std::string>().find("base/manifests") != std::string::npos);
        const json &summary = doc.at("summary");
        QCOMPARE(summary.at("gained").get<int>(), 2);
        QCOMPARE(summary.at("lost").get<int>(), 1);
        QCOMPARE(summary.at("changes").get<int>(), 2);
        QCOMPARE(summary.at("noEffect").get<int>(), 0);
        QCOMPARE(doc.at("identities").size(), std::size_t(3));
        QCOMPARE(doc.at("identities").at(2).at("kind").get<std::string>(), std::string("kubernetesUser"));
        const json &alice = doc.at("identities").at(0);
        QCOMPARE(alice.at("kind").get<std::string>(), std::string("user"));
        QCOMPARE(alice.at("name").get<std::string>(), std::string("alice@example.com"));
        QCOMPARE(alice.at("objectId").get<std::string>(), std::string("11111111-1111-4111-8111-111111111111"));
        QVERIFY(alice.at("gained").empty());
        const json &lost = alice.at("lost").at(0);
        QCOMPARE(lost.at("scope").at("kind").get<std::string>(), std::string("namespace"));
        QCOMPARE(lost.at("scope").at("namespace").get<std::string>(), std::string("team-a"));
        QCOMPARE(lost.at("permissions").at(0).at("verbs"), json({"get", "list", "watch"}));
        QCOMPARE(lost.at("permissions").at(0).at("resources"), json({"pods", "pods/log"}));
        QCOMPARE(lost.at("requests").size(), std::size_t(6));
        QCOMPARE(lost.at("requests").at(0).at("namespace").get<std::string>(), std::string("team-a"));
        QCOMPARE(lost.at("path").at("plane").get<std::string>(), std::string("kubernetes"));
        QVERIFY(lost.at("path").at("steps").size() >= 4);
        // Causes name changes by id.
        const int cause = lost.at("causes").at(0).get<int>();
        const json &change = doc.at("changes").at(std::size_t(cause - 1));
        QCOMPARE(change.at("id").get<int>(), cause);
        QCOMPARE(change.at("kind").get<std::string>(), std::string("binding"));
        QCOMPARE(change.at("op").get<std::string>(), std::string("edited"));
        QCOMPARE(change.at("ref").get<std::string>(), std::string("rolebinding:team-a/alice-pods"));
        QVERIFY(change.at("effect").get<bool>());
        QVERIFY(change.at("head").get<std::string>().find("rbac.yaml:") != std::string::npos);
    }

    void html()
    {
        const Result r = diff({m_base, m_head, "-f", m_exports, "-o", "html"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.rfind("<!DOCTYPE html>", 0) == 0);
        QVERIFY(r.out.find("<script") == std::string::npos && r.out.find("http") == std::string::npos);
        QVERIFY(r.out.find("<a href=\"#change-2\">[2]</a> RoleBinding team-b/bob-pods added") != std::string::npos);
        QVERIFY(r.out.find("id=\"change-2\"") != std::string::npos);
    }

    void hostileNames_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("markup") << QByteArray("<script>alert(1)</script>");
        QTest::newRow("escape sequence") << QByteArray("\x1b]0;pwned\x07");
        QTest::newRow("forged line") << QByteArray("x\r\nclearance: all clear");
        QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8" "b");
        QTest::newRow("quotes") << QByteArray("\"'&");
    }
    /** A hostile name in the lost requests and the changes: every format stays exact and safe. HEAD drops Alice
     *  from the cluster-admin group, so she keeps only the pod named after-NAME and loses, among all else,
     *  the pod named before-NAME. */
    void hostileNames()
    {
        QFETCH(QByteArray, name);
        QTemporaryDir a, b;
        const std::string before = "before-" + name.toStdString();
        hostile::writeSnapshot(a.path(), before);
        hostile::writeSnapshot(b.path(), "after-" + name.toStdString());
        json groups = json::parse(R"({"value": [{"id": ")" + hostile::kGroupId + R"(", "displayName": "admins", "securityEnabled": true, "members": []}]})");
        QVERIFY(hostile::writeFile(b.path() + QStringLiteral("/graph-groups.json"), groups.dump()));
        for (const char *format : {"table", "json", "html"}) {
            const Result r = diff({a.path().toStdString(), b.path().toStdString(), "-o", format});
            QCOMPARE(r.code, 0);
            const std::string out(format);
            if (out == "table") {
                QCOMPARE(QString::fromStdString(terminalProblem(r.out)), QString());
                QVERIFY2(r.out.find("pods named " + safe::line(before) + ";") != std::string::npos, r.out.c_str());
            } else if (out == "json") {
                const json doc = json::parse(r.out);
                bool found = false;
                for (const auto &d : doc.at("identities"))
                    for (const auto &line : d.at("lost"))
                        for (const auto &req : line.at("requests"))
                            found = found || (req.contains("name") && req.at("name").get<std::string>() == before);
                QVERIFY2(found, r.out.c_str());
            } else {
                QVERIFY(r.out.find("<script>alert") == std::string::npos);
                QVERIFY2(r.out.find("pods named " + safe::html(before)) != std::string::npos, r.out.c_str());
            }
        }
    }

    void writeError()
    {
        FullDisk full;
        std::ostream out(&full);
        std::ostringstream err;
        QCOMPARE(cli::run({"diff", m_base, m_head, "-f", m_exports}, out, err), cli::kOutputError);
        QVERIFY(err.str().find("error writing the output") != std::string::npos);
    }

    /** A pull request: two commits of a manifests folder, each checked out with git worktree add. */
    void gitWorktrees()
    {
        const QString repo = m_tmp.filePath(QStringLiteral("repo"));
        QDir().mkpath(repo);
        QCOMPARE(git(repo, {QStringLiteral("init"), QStringLiteral("-q")}), 0);
        const QString manifests = repo + QStringLiteral("/deploy/rbac.yaml");
        QVERIFY(write(manifests, fixture::baseDocuments().value(QStringLiteral("rbac.yaml"))));
        QCOMPARE(git(repo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("base")}), 0);
        QVERIFY(write(manifests, headDocuments().value(QStringLiteral("rbac.yaml"))));
        QCOMPARE(git(repo, {QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-am"), QStringLiteral("grant bob pods in team-b")}), 0);
        const QString before = m_tmp.filePath(QStringLiteral("wt-base")), after = m_tmp.filePath(QStringLiteral("wt-head"));
        QCOMPARE(git(repo, {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("--detach"), before, QStringLiteral("HEAD~1")}), 0);
        QCOMPARE(git(repo, {QStringLiteral("worktree"), QStringLiteral("add"), QStringLiteral("-q"), QStringLiteral("--detach"), after, QStringLiteral("HEAD")}), 0);
        const std::string base = (before + QStringLiteral("/deploy")).toStdString(), head = (after + QStringLiteral("/deploy")).toStdString();
        const Result r = diff({base, head, "-f", m_exports, "--fail-on", "gained"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.find("+ in namespace team-b: get, list, watch pods, pods/log") != std::string::npos, r.out.c_str());
        QVERIFY(r.out.find("HEAD " + head) != std::string::npos);
        QVERIFY(r.out.find("wt-head/deploy/rbac.yaml:") != std::string::npos); // where the change is in HEAD
        // The same two commits, HEAD first: Bob's gain is a loss, Alice's loss a gain.
        const Result back = diff({head, base, "-f", m_exports, "--fail-on", "gained"});
        QCOMPARE(back.code, 1);
        QVERIFY(back.out.find("Alice Admin (alice@example.com) [user]\n  + in namespace team-a") != std::string::npos);
        QVERIFY(back.out.find("- in namespace team-b: get, list, watch pods, pods/log") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestDiffCli)
#include "tst_diffcli.moc"
