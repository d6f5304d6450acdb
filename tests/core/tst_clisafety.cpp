// SPDX-License-Identifier: GPL-3.0-or-later
// The command line on hostile input (issue 10, output findings): names in tables and diagnostics
// cannot drive the terminal or forge a line, invalid UTF-8 and over-long arguments never abort,
// an empty TYPE is a usage error, and a failed write is an error exit.
#include "common/outputsafety.h"
#include "common/utf8.h"
#include "generatortest.h"
#include "hostiletest.h"
#include "load/loader.h"

#include <yaml-cpp/yaml.h>

#include <QFileInfo>

#include <streambuf>

using namespace clr;
using namespace testutil;

namespace {

/** The first character a terminal would obey or split a line at, or "" when there is none. */
std::string terminalProblem(const std::string &text)
{
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const char32_t c = nextCodePoint(text, i);
        const bool control = (c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029
            || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        if (c == kInvalidUtf8 || control)
            return "raw byte 0x" + QByteArray(1, text[at]).toHex().toStdString() + " at " + std::to_string(at);
    }
    return {};
}

/** A stream buffer that fails every write, like a full disk. */
class FullDisk final : public std::streambuf
{
protected:
    int_type overflow(int_type) override { return traits_type::eof(); }
    std::streamsize xsputn(const char *, std::streamsize) override { return 0; }
};

/** Arguments for a data table (the build forbids implicit const char * to QString). */
QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *w : list)
        out << QString::fromUtf8(w);
    return out;
}

} // namespace

class TestCliSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---------------------------------------------------------------- finding 4: terminal and logs
    void tablesAreTerminalSafe_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QStringList>("args");
        const QList<QPair<const char *, QByteArray>> names{{"retitle", QByteArray("\x1b]0;pwned\x07")},
                                                           {"clear screen", QByteArray("\x1b[2J\x1b[H")},
                                                           {"forged line", QByteArray("x\r\nclearance: all clear")},
                                                           {"C1 CSI", QByteArray("a\xc2\x9b" "2J")},
                                                           {"bidi override", QByteArray("a\xe2\x80\xae" "cba")}};
        const QList<QPair<const char *, QStringList>> commands{
            {"who-can", {QStringLiteral("who-can"), QStringLiteral("get"), QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("team")}},
            {"can-i --list", {QStringLiteral("can-i"), QStringLiteral("--list"), QStringLiteral("-n"), QStringLiteral("team"), QStringLiteral("--as"),
                              QString::fromStdString(hostile::kUpn)}},
            {"explain", {QStringLiteral("explain"), QStringLiteral("--as"), QString::fromStdString(hostile::kUpn), QStringLiteral("get"),
                         QStringLiteral("pods"), QStringLiteral("-n"), QStringLiteral("team")}},
            {"explain a miss", {QStringLiteral("explain"), QStringLiteral("--as"), QString::fromStdString(hostile::kUpn), QStringLiteral("get"),
                                QStringLiteral("secrets"), QStringLiteral("-n"), QStringLiteral("team")}}};
        for (const auto &[nameRow, name] : names)
            for (const auto &[commandRow, args] : commands)
                QTest::addRow("%s, %s", commandRow, nameRow) << name << args;
    }

    void tablesAreTerminalSafe()
    {
        QFETCH(QByteArray, name);
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        hostile::writeSnapshot(dir.path(), name.toStdString());
        std::vector<std::string> argv;
        for (const auto &a : args)
            argv.push_back(a.toStdString());
        argv.insert(argv.end(), {"-f", dir.path().toStdString()});
        const CliResult r = runCli(argv);
        QVERIFY2(r.code == 0 || r.code == 1, r.err.c_str());
        QVERIFY2(terminalProblem(r.out).empty(), (terminalProblem(r.out) + " in\n" + r.out).c_str());
        QVERIFY2(terminalProblem(r.err).empty(), (terminalProblem(r.err) + " in\n" + r.err).c_str());
        for (const auto &line : lines(r.out + r.err))
            QVERIFY2(line.rfind("clearance: all clear", 0) != 0, "a name forged a line");
        if (args.front() != QStringLiteral("explain") || args.contains(QStringLiteral("pods")))
            QVERIFY2(q(r.out).contains(q(safe::line(name.toStdString()))), r.out.c_str()); // shown, escaped
    }

    void diagnosticsAreTerminalSafe()
    {
        QTemporaryDir dir;
        hostile::writeFile(dir.filePath(QString::fromUtf8("bad\x1b]0;pwned\x07\nclearance: all clear.yaml")), "kind: [\n");
        const CliResult r = runCli({"can-i", "get", "pods", "--as", "x", "-f", dir.path().toStdString()});
        QVERIFY2(q(r.err).contains(QStringLiteral("bad^[]0;pwned^G\\nclearance: all clear.yaml")), r.err.c_str());
        QVERIFY2(terminalProblem(r.err).empty(), r.err.c_str());
        // Whatever a message forgets to escape, standard error escapes (here a user argument).
        const CliResult arg = runCli({"can-i", "get", "pods", "--as", "x", "--cluster", "\x1b[2J", "-f", "/nonexistent\x1b[H"});
        QVERIFY2(terminalProblem(arg.err).empty(), arg.err.c_str());
        QVERIFY2(q(arg.err).contains(QStringLiteral("/nonexistent^[[H")), arg.err.c_str());
    }

    // ---------------------------------------------------------------- finding 5: aborts
    void invalidUtf8NeverAborts_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("format");
        auto row = [](const char *name, std::initializer_list<const char *> args, const char *format) {
            QTest::newRow(name) << words(args) << QString::fromLatin1(format);
        };
        row("who-can -o json", {"who-can", "get", "pods", "-A", "-o", "json"}, "json");
        row("who-can table", {"who-can", "get", "pods", "-A"}, "text");
        row("can-i --list -o json", {"can-i", "--list", "--as", "u\\xe9", "-A", "-o", "json"}, "json");
        row("explain -o json", {"explain", "--as", "u\\xe9", "get", "pods", "-o", "json"}, "json");
        row("export yaml", {"export", "--what", "yaml"}, "yaml");
        row("export yaml -o json", {"export", "--what", "yaml", "-o", "json"}, "json");
        row("generate yaml", {"generate", "--as", "u\\xe9", "-n", "n\\xe9", "--allow", "get:pods"}, "yaml");
        row("generate -o json", {"generate", "--as", "u\\xe9", "-n", "n\\xe9", "--allow", "get:pods", "-o", "json"}, "json");
        row("invalid argument, who-can -o json", {"who-can", "get", "pods\\xe9", "-A", "-o", "json"}, "json");
        row("invalid argument, explain", {"explain", "--as", "\\xff\\xfe", "get", "pods"}, "text");
    }

    void invalidUtf8NeverAborts()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, format);
        QTemporaryDir dir;
        hostile::writeLatin1Snapshot(dir.path());
        std::vector<std::string> argv;
        for (const auto &a : args) // "\xe9" in the table stands for the raw byte
            argv.push_back(QByteArray::fromPercentEncoding(a.toUtf8().replace("\\x", "%")).toStdString());
        argv.insert(argv.end(), {"-f", dir.path().toStdString()});
        const hostile::Run r = hostile::runBinary(argv);
        QVERIFY2(!r.crashed, r.err.constData());
        QVERIFY2(r.code == 0 || r.code == 1, r.err.constData());
        const std::string out = r.out.toStdString();
        QVERIFY2(isValidUtf8(out), r.out.constData());
        if (format == QStringLiteral("json"))
            QVERIFY2(!nlohmann::json::parse(out, nullptr, false).is_discarded(), r.out.constData());
        if (format == QStringLiteral("yaml"))
            QVERIFY(!YAML::LoadAll(out).empty());
        QVERIFY2(out.find("\xef\xbf\xbd") != std::string::npos || out.find("\\xE9") != std::string::npos
                     || out.find("\\xFF") != std::string::npos,
                 r.out.constData()); // the bad byte is shown, replaced or escaped, not dropped
    }

    void longFirstArgumentIsNoPath()
    {
        const std::string longName(5000, 'a');
        QVERIFY(cli::isCommandLine({longName})); // no exception from std::filesystem
        const hostile::Run r = hostile::runBinary({std::string(300, 'a')});
        QVERIFY2(!r.crashed, r.err.constData());
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("unknown command"));
    }

    // ---------------------------------------------------------------- finding 7: can-i get ""
    void emptyVerbOrTypeIsUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("can-i get \"\"") << words({"can-i", "get", "", "--as", "x"}) << QStringLiteral("TYPE must not be empty");
        QTest::newRow("who-can get \"\"") << words({"who-can", "get", ""}) << QStringLiteral("TYPE must not be empty");
        QTest::newRow("explain get \"\"") << words({"explain", "--as", "x", "get", ""}) << QStringLiteral("TYPE must not be empty");
        QTest::newRow("can-i \"\" pods") << words({"can-i", "", "pods", "--as", "x"}) << QStringLiteral("VERB must not be empty");
    }

    void emptyVerbOrTypeIsUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        std::vector<std::string> argv;
        for (const auto &a : args)
            argv.push_back(a.toStdString());
        argv.push_back("--demo");
        const CliResult r = runCli(argv);
        QCOMPARE(r.code, 2);
        QVERIFY2(q(r.err).contains(message), r.err.c_str());
        QVERIFY(r.out.empty());
    }

    void emptyResourceNameIsNoResource()
    {
        // metrics.k8s.io's nodes and pods have no singular name: "" matched them before.
        const PermissionGraph graph(loadDemoSnapshot());
        for (const char *type : {"", ".metrics.k8s.io", ".v1beta1.metrics.k8s.io"}) {
            const auto resolved = graph.resources().resolve(type);
            QVERIFY2(!resolved.known, type);
            QVERIFY2(resolved.resource.empty(), resolved.resource.c_str());
        }
        QVERIFY(graph.resources().resolve("nodes.metrics.k8s.io").known);
    }

    // ---------------------------------------------------------------- finding 8: write errors
    void writeErrorsFail_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("who-can") << words({"who-can", "get", "pods", "-A", "--demo"});
        QTest::newRow("can-i yes") << words({"can-i", "get", "pods", "--as", "system:admin", "--as-group", "system:masters", "--demo"});
        QTest::newRow("export yaml") << words({"export", "--what", "yaml", "--demo"});
        QTest::newRow("help") << words({"--help"});
    }

    void writeErrorsFail()
    {
        QFETCH(QStringList, args);
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full on this system");
        std::vector<std::string> argv;
        for (const auto &a : args)
            argv.push_back(a.toStdString());
        const hostile::Run r = hostile::runBinary(argv, QStringLiteral("/dev/full"));
        QVERIFY2(!r.crashed, r.err.constData());
        QCOMPARE(r.code, cli::kOutputError);
        QVERIFY2(r.err.contains("clearance: error writing the output: No space left on device"), r.err.constData());
    }

    void writeErrorsFailInProcess()
    {
        FullDisk full;
        std::ostream out(&full);
        std::ostringstream err;
        QCOMPARE(cli::run({"who-can", "get", "pods", "--demo"}, out, err), cli::kOutputError);
        QVERIFY2(q(err.str()).contains(QStringLiteral("error writing the output")), err.str().c_str());
    }
};

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
