// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input (issue 10, loading half), the parsers and the files: input that hung
// yaml-cpp, the stated limits, keys given twice, truncated YAML, unreadable files and folders, and
// cancelling inside a long file. Every finding is a row that failed on the code before the fix;
// inputs that used to hang run on a worker thread with a deadline (hostiletest.h).
#include "hostileload.h"
#include "load/limits.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

using namespace clr;
using namespace clr::test;
using namespace clr::test::hostile;

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stuckYaml_data();
    void stuckYaml();
    void limits_data();
    void limits();
    void duplicateKeys_data();
    void duplicateKeys();
    void truncatedYaml_data();
    void truncatedYaml();
    void unreadableInput_data();
    void unreadableInput();
    void cancelInsideFile_data();
    void cancelInsideFile();
};

// ------------------------------------------------------------------ finding 6: the one-byte hang

void TestHostileInput::stuckYaml_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    // yaml-cpp 0.7 returns an empty document for each of these without consuming the ',', forever.
    QTest::newRow("a lone comma") << QByteArray(",") << 1 << 1;
    QTest::newRow("comma after a space") << QByteArray(" ,") << 1 << 2;
    QTest::newRow("comma after a comment") << QByteArray("# c\n,") << 2 << 1;
    QTest::newRow("comma after an anchor") << QByteArray("&a ,") << 1 << 4;
    QTest::newRow("comma after a document marker") << QByteArray("---\n,") << 2 << 1;
    QTest::newRow("comma in the middle of a stream") << QByteArray("apiVersion: v1\nkind: Namespace\nmetadata: {name: before}\n---\n,\n")
                                                     << 5 << 1;
}

void TestHostileInput::stuckYaml()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    // The broken document, a valid document after it in the same file, and another file.
    const std::string text = content.toStdString() + "\n" + kAfterYaml;
    const Snapshot s = loadWithin({{"c.yaml", text}, {kGoodFile, kGoodYaml}}, std::chrono::seconds(1)); // reported within a second
    verifyDiagnostic(s, QStringLiteral("c.yaml"),
                     QStringLiteral("malformed YAML: the parser cannot get past this point (yaml-cpp makes no progress); "
                                    "this document was skipped"),
                     line, column, Diagnostic::Severity::Error);
    verifyFacts(lines({"namespace after *", "role good *"}), dump(s));
}

// ------------------------------------------------------------------ stated limits

void TestHostileInput::limits_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("facts"); // what else in the same input loaded

    const std::string deep = std::to_string(limits::kMaxDepth);
    // A mapping at depth 1 holds lists at depths 2..: the list opened at depth 257 is refused.
    const std::string yamlDeep = "a: " + repeat("[", 300) + repeat("]", 300) + "\n" + kAfterYaml;
    QTest::newRow("YAML nesting deeper than the limit")
        << QByteArray::fromStdString(yamlDeep)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit); this document was skipped")
        << 1 << 4 + 256 << lines({"namespace after *"});
    // Found before yaml-cpp runs: its scanner would hold every '[' of this line in memory first.
    const std::string yamlMillion = "a: " + repeat("[", 1000000) + "\n" + kAfterYaml;
    QTest::newRow("YAML nesting a million deep")
        << QByteArray::fromStdString(yamlMillion)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit)") << 1 << 4 + 256
        << lines({"namespace after *"});
    QTest::newRow("YAML block nesting deeper than the limit")
        << QByteArray::fromStdString(repeat("- ", 300) + "x\n" + kAfterYaml)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit)") << 1 << 2 * 257 - 1
        << lines({"namespace after *"});
    QTest::newRow("YAML block and flow nesting deeper than the limit together")
        << QByteArray::fromStdString(repeat("- ", 200) + repeat("[", 100) + repeat("]", 100) + "\n" + kAfterYaml)
        << QString::fromStdString("malformed YAML: nesting deeper than " + deep + " levels (the limit)") << 1 << 401 + 56
        << lines({"namespace after *"});
    QTest::newRow("YAML flow collection longer than the limit")
        << QByteArray::fromStdString("a:\n  [" + repeat("x, ", int(limits::kMaxYamlFlowBytes / 3)) + "x]\n" + kAfterYaml)
        << QStringLiteral("malformed YAML: a flow-style collection ([...] or {...}) longer than 1 MiB (the limit); write a "
                          "document this large as JSON or as block YAML; this document was skipped")
        << 2 << 3 << lines({"namespace after *"});
    const std::string jsonDeep = "{\"a\": " + repeat("[", 300) + repeat("]", 300) + "}\n";
    QTest::newRow("JSON nesting deeper than the limit")
        << QByteArray::fromStdString(jsonDeep)
        << QString::fromStdString("malformed JSON: nesting deeper than " + deep + " levels (the limit); the rest of this file was not loaded")
        << 1 << 7 + 255 << QStringList();
    // A List whose third item nests too deep: the complete items before it still load.
    std::string jsonList = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n";
    for (int i = 0; i < 2; ++i)
        jsonList += "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"ns" + std::to_string(i) + "\"}},\n";
    jsonList += "{\"x\": " + repeat("[", 1000000) + "\n";
    QTest::newRow("JSON List with one item nested a million deep")
        << QByteArray::fromStdString(jsonList)
        << QStringLiteral("malformed JSON: nesting deeper than %1 levels (the limit); the 2 complete entries before it were loaded")
               .arg(limits::kMaxDepth)
        << 4 << 7 + 253 << lines({"namespace ns0 @2:1*", "namespace ns1 @3:1*"});
    // Billion laughs: nine levels of ten aliases each would be 10^9 values.
    std::string laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char level = 'b'; level <= 'i'; ++level) {
        const char prev = char(level - 1);
        laughs += std::string(1, level) + ": &" + level + " [" + repeat(std::string("*") + prev + ", ", 9) + "*" + prev + "]\n";
    }
    laughs += kAfterYaml;
    QTest::newRow("billion laughs")
        << QByteArray::fromStdString(laughs)
        << QStringLiteral("malformed YAML: aliases expand to more than %1 values per byte of this document (the limit); "
                          "this document was skipped")
               .arg(limits::kMaxYamlNodesPerByte)
        << 4 << 20 << lines({"namespace after *"}); // the fourth alias of level d (10 x 111 values each)
    const std::string longName(limits::kMaxNameLength + 1, 'n');
    QTest::newRow("name longer than the limit")
        << QByteArray::fromStdString("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + longName + "\n"
                                     + kAfterYaml)
        << QStringLiteral("ClusterRole: metadata.name is 1025 bytes long, longer than the limit of 1024 bytes for names and IDs; "
                          "treated as absent")
        << 1 << 1 << lines({"namespace after *"});
}

void TestHostileInput::limits()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QStringList, facts);
    const Snapshot s = loadWithin({{"limit", content.toStdString()}, {kGoodFile, kGoodYaml}});
    verifyDiagnostic(s, QStringLiteral("limit"), message, line, column,
                     message.contains(QLatin1String("malformed")) ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning);
    verifyFacts(facts + lines({"role good *"}), dump(s));
}

// ------------------------------------------------------------------ keys given twice

void TestHostileInput::duplicateKeys_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    // A reader of the file sees the first subjects; every parser uses the last.
    QTest::newRow("JSON") << QByteArray("{\"apiVersion\": \"rbac.authorization.k8s.io/v1\", \"kind\": \"ClusterRoleBinding\",\n"
                                        " \"metadata\": {\"name\": \"admins\"}, \"roleRef\": {\"kind\": \"ClusterRole\", \"name\": \"cluster-admin\"},\n"
                                        " \"subjects\": [{\"kind\": \"Group\", \"name\": \"ops\"}],\n"
                                        " \"subjects\": [{\"kind\": \"User\", \"name\": \"mallory\"}]}\n")
                          << 4 << 3;
    QTest::newRow("YAML") << QByteArray("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: admins\n"
                                        "roleRef:\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n- kind: Group\n  name: ops\n"
                                        "subjects:\n- kind: User\n  name: mallory\n")
                          << 12 << 1;
}

void TestHostileInput::duplicateKeys()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    const Snapshot s = loadWithin({{"twice", content.toStdString()}});
    verifyDiagnostic(s, QStringLiteral("twice"), QStringLiteral("the key 'subjects' appears twice in one mapping; the last value is used"),
                     line, column, Diagnostic::Severity::Warning);
    verifyFacts(lines({"binding admins * subjects=User:mallory"}), dump(s));
}

// ------------------------------------------------------------------ finding 7: truncated YAML

void TestHostileInput::truncatedYaml_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line"); // 0: no warning
    QTest::addColumn<int>("column");

    const QByteArray binding("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: admins\n"
                             "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n"
                             "subjects:\n- kind: Group\n  name: d9e139ec-4");
    QTest::newRow("cut in the middle of a group ID") << binding << 11 << 19;
    QTest::newRow("complete, with a line break") << binding + "c2c-4f1e-9d6b-3c8f0a2e5b71\n" << 0 << 0;
    QTest::newRow("complete, with CRLF line breaks") << QByteArray(binding).replace("\n", "\r\n") + "c2c-4f1e-9d6b-3c8f0a2e5b71\r\n" << 0 << 0;
    QTest::newRow("a comment without a line break") << binding + "c2c-4f1e-9d6b-3c8f0a2e5b71\n# end" << 0 << 0;
}

void TestHostileInput::truncatedYaml()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(int, column);
    const Snapshot s = loadWithin({{"cut.yaml", content.toStdString()}});
    const QString message = QStringLiteral("the file does not end with a line break: possibly truncated, so the value on this last line "
                                           "may be cut short");
    QCOMPARE(s.kube.bindings.size(), std::size_t(1)); // loaded, but not silently
    if (line == 0) {
        QVERIFY2(s.diagnostics.empty(), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
        return;
    }
    verifyDiagnostic(s, QStringLiteral("cut.yaml"), message, line, column, Diagnostic::Severity::Warning);
    verifyFacts(lines({"binding admins * subjects=Group:d9e139ec-4"}), dump(s));
}

// ------------------------------------------------------------------ finding 7: unreadable files and folders

void TestHostileInput::unreadableInput_data()
{
    QTest::addColumn<QString>("entry");   // what to create in the folder, next to a readable file
    QTest::addColumn<QString>("reported"); // the name in the diagnostic, relative to the folder given; empty: none
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("needsPermissions"); // root reads everything: skipped when running as root

    QTest::newRow("broken symbolic link") << QStringLiteral("broken.yaml") << QStringLiteral("broken.yaml")
                                          << QStringLiteral("cannot read: a symbolic link to something that does not exist") << false;
    QTest::newRow("named pipe") << QStringLiteral("pipe.yaml") << QStringLiteral("pipe.yaml")
                                << QStringLiteral("not a regular file (a pipe, socket or device); skipped, since reading it could wait forever")
                                << false;
    QTest::newRow("symbolic link loop") << QStringLiteral("loop") << QString() << QString() << false;
    QTest::newRow("subfolder without permissions") << QStringLiteral("locked") << QStringLiteral("locked")
                                                   << QStringLiteral("cannot read this folder: Permission denied; its files were not loaded")
                                                   << true;
    QTest::newRow("file without permissions") << QStringLiteral("secret.yaml") << QStringLiteral("secret.yaml")
                                              << QStringLiteral("cannot open: Permission denied") << true;
}

void TestHostileInput::unreadableInput()
{
    QFETCH(QString, entry);
    QFETCH(QString, reported);
    QFETCH(QString, message);
    QFETCH(bool, needsPermissions);
    if (needsPermissions && geteuid() == 0)
        QSKIP("running as root, which reads everything: the permission check cannot be shown here");
    QTemporaryDir tmp;
    const QString folder = tmp.filePath(QStringLiteral("exports"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/sub")));
    QFile good(folder + QStringLiteral("/sub/good.yaml"));
    QVERIFY(good.open(QIODevice::WriteOnly));
    good.write(kGoodYaml);
    good.close();
    const QByteArray path = QFile::encodeName(folder + QLatin1Char('/') + entry);
    if (entry == QLatin1String("broken.yaml")) {
        QCOMPARE(::symlink("missing.yaml", path.constData()), 0);
    } else if (entry == QLatin1String("pipe.yaml")) {
        QCOMPARE(::mkfifo(path.constData(), 0600), 0);
    } else if (entry == QLatin1String("loop")) {
        QCOMPARE(::symlink(".", path.constData()), 0);
    } else if (entry == QLatin1String("locked")) {
        QVERIFY(QDir().mkpath(QString::fromLocal8Bit(path)));
        QFile inside(QString::fromLocal8Bit(path) + QStringLiteral("/role.yaml"));
        QVERIFY(inside.open(QIODevice::WriteOnly));
        inside.close();
        QCOMPARE(::chmod(path.constData(), 0), 0);
    } else {
        QFile file(QString::fromLocal8Bit(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kAfterYaml);
        file.close();
        QCOMPARE(::chmod(path.constData(), 0), 0);
    }
    const std::string given = folder.toStdString();
    const Snapshot s = runWithin([given] { return loadSnapshot({given}, LoadOptions{false, {}, nullptr}); }, std::chrono::seconds(10));
    ::chmod(path.constData(), 0700); // so that QTemporaryDir can remove it
    QCOMPARE(s.kube.roles.size(), std::size_t(1)); // the readable file loaded, once
    if (reported.isEmpty()) {
        QVERIFY2(s.diagnostics.empty(), qPrintable(diagnosticLines(s).join(QLatin1Char('\n'))));
        return;
    }
    verifyDiagnostic(s, folder + QLatin1Char('/') + reported, message, 0, 0, Diagnostic::Severity::Error);
}

// ------------------------------------------------------------------ cancellation inside a long file

void TestHostileInput::cancelInsideFile_data()
{
    QTest::addColumn<bool>("json");
    QTest::addColumn<int>("count");
    QTest::newRow("a YAML List") << false << 50000;
    QTest::newRow("a JSON List") << true << 100000;
}

void TestHostileInput::cancelInsideFile()
{
    QFETCH(bool, json);
    QFETCH(int, count);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(json ? QStringLiteral("big.json") : QStringLiteral("big.yaml"));
    std::string text = json ? "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n" : "apiVersion: v1\nkind: List\nitems:\n";
    for (int i = 0; i < count; ++i) {
        const std::string name = "ns-" + std::to_string(i);
        text += json ? std::string(i ? "," : "") + "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"" + name + "\"}}\n"
                     : "- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: " + name + "\n";
    }
    text += json ? "]}\n" : "";
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.data(), qint64(text.size()));
    file.close();

    // Cancel as the first progress report arrives, which is inside the file.
    std::atomic<bool> cancel{false};
    std::vector<std::pair<qint64, qint64>> calls;
    LoadOptions options{false, [&](qint64 done, qint64 total) {
                            calls.emplace_back(done, total);
                            cancel = true;
                        },
                        &cancel};
    SnapshotLoader loader(options);
    const std::string second = tmp.filePath(QStringLiteral("second.yaml")).toStdString();
    QFile secondFile(QString::fromStdString(second));
    QVERIFY(secondFile.open(QIODevice::WriteOnly));
    secondFile.write(kGoodYaml);
    secondFile.close();
    loader.addPaths({path.toStdString(), second});
    QVERIFY(loader.cancelled());
    const Snapshot s = loader.finish();
    QVERIFY(!calls.empty());
    QVERIFY2(calls.front().first < qint64(text.size()), "the first progress report came only after the file");
    QVERIFY2(s.kube.namespaces.size() < std::size_t(count),
             qPrintable(QStringLiteral("all %1 namespaces loaded: not cancelled inside the file").arg(s.kube.namespaces.size())));
    QVERIFY(s.kube.roles.empty()); // the second file was not read
    QVERIFY(findDiagnostic(s, QStringLiteral("loading was cancelled")));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostile_input.moc"
