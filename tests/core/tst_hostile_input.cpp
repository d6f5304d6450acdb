// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input (issue 10, loading half): every finding is a row here that failed on the
// code before the fix. Inputs that used to hang run on a worker thread with a deadline, so a
// regression fails the test instead of hanging it.
#include "load/limits.h"
#include "load/loader.h"
#include "snapshotdump.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>

using namespace clr;
using namespace clr::test;
using Json = nlohmann::json;

namespace {

using Inputs = std::vector<std::pair<std::string, std::string>>;

/** A valid object loaded next to every hostile input: "the rest still loads". */
const char *const kGoodFile = "good.yaml";
const char *const kGoodYaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: good\nrules: []\n";
const char *const kAfterYaml = "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: after\n";

/**
 * Loads in-memory files on a worker thread and waits at most `deadline`: a loader that hangs (as
 * yaml-cpp's LoadAll did on ",") ends the test process with a failure instead of hanging it.
 */
Snapshot loadWithin(Inputs inputs, std::chrono::milliseconds deadline = std::chrono::milliseconds(1000))
{
    auto result = std::make_shared<std::promise<Snapshot>>();
    auto done = result->get_future();
    std::thread([result, inputs = std::move(inputs)] {
        SnapshotLoader loader(LoadOptions{false, {}, nullptr});
        for (const auto &[name, content] : inputs)
            loader.addContent(name, content);
        result->set_value(loader.finish());
    }).detach();
    if (done.wait_for(deadline) != std::future_status::ready)
        qFatal("the loader did not return within %lld ms: it hangs on this input", static_cast<long long>(deadline.count()));
    return done.get();
}

QStringList diagnosticLines(const Snapshot &s)
{
    QStringList out;
    for (const auto &d : s.diagnostics)
        out.append(QString::fromStdString(d.toString()));
    return out;
}

const Diagnostic *findDiagnostic(const Snapshot &s, const QString &message)
{
    for (const auto &d : s.diagnostics) {
        if (QString::fromStdString(d.message).contains(message))
            return &d;
    }
    return nullptr;
}

/** The diagnostic with `message` is there, with this file, line, column and severity. */
void verifyDiagnostic(const Snapshot &s, const QString &file, const QString &message, int line, int column,
                      Diagnostic::Severity severity)
{
    const Diagnostic *d = findDiagnostic(s, message);
    if (!d)
        QFAIL(qPrintable(QStringLiteral("no diagnostic with \"%1\" in:\n%2").arg(message, diagnosticLines(s).join(QLatin1Char('\n')))));
    QCOMPARE(QString::fromStdString(d->file), file);
    QCOMPARE(d->line, line);
    QCOMPARE(d->column, column);
    QCOMPARE(int(d->severity), int(severity));
}

void verifyFacts(const QStringList &patterns, const QStringList &actual)
{
    for (const QString &pattern : patterns) {
        if (!anyMatches(pattern, actual))
            QFAIL(qPrintable(QStringLiteral("missing: %1\nin:\n%2").arg(pattern, actual.join(QLatin1Char('\n')))));
    }
}

QStringList lines(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

std::string repeat(const std::string &s, int n)
{
    std::string out;
    out.reserve(s.size() * std::size_t(n));
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stuckYaml_data();
    void stuckYaml();
    void limits_data();
    void limits();
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
    const Snapshot s = loadWithin({{"c.yaml", text}, {kGoodFile, kGoodYaml}});
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
}

void TestHostileInput::limits()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QStringList, facts);
    const Snapshot s = loadWithin({{"limit", content.toStdString()}, {kGoodFile, kGoodYaml}}, std::chrono::seconds(20));
    verifyDiagnostic(s, QStringLiteral("limit"), message, line, column,
                     message.contains(QLatin1String("malformed")) ? Diagnostic::Severity::Error : Diagnostic::Severity::Warning);
    verifyFacts(facts + lines({"role good *"}), dump(s));
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostile_input.moc"
