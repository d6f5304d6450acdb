// SPDX-License-Identifier: GPL-3.0-or-later
// The output-safety layer, one format at a time: each row a hostile name and exactly what is
// written for it. The exporters' round trips (kubectl, yaml-cpp, bash, ARM's rule) are in
// tst_export; the CLI's in tst_cli.
#include "common/outputsafety.h"
#include "common/utf8.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace clr;

namespace {

QByteArray b(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

std::string s(const QByteArray &b)
{
    return b.toStdString();
}

} // namespace

class TestOutputSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---------------------------------------------------------------- UTF-8
    void utf8Replacement_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("valid");
        QTest::newRow("ascii") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("latin-1 e acute") << QByteArray("r\xe9") << QByteArray("r\xef\xbf\xbd");
        QTest::newRow("truncated 3-byte is one U+FFFD") << QByteArray("a\xe2\x80z") << QByteArray("a\xef\xbf\xbdz");
        QTest::newRow("stray continuation") << QByteArray("\x80\x80") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << QByteArray("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
        QTest::newRow("U+2028 is valid") << QByteArray("a\xe2\x80\xa8") << QByteArray("a\xe2\x80\xa8");
        QTest::newRow("4-byte emoji") << QByteArray("\xf0\x9f\x94\x91") << QByteArray("\xf0\x9f\x94\x91");
        QTest::newRow("truncated at the end") << QByteArray("x\xf0\x9f\x94") << QByteArray("x\xef\xbf\xbd");
    }

    void utf8Replacement()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, valid);
        QCOMPARE(b(toValidUtf8(s(input))), valid);
        QCOMPARE(isValidUtf8(s(input)), input == valid);
        // The JSON writer replaces exactly as toValidUtf8 does: both follow Unicode's maximal subparts.
        const std::string dumped = safe::json(nlohmann::json(s(input)));
        QCOMPARE(b(nlohmann::json::parse(dumped).get<std::string>()), valid);
    }

    void textFromBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("plain") << QByteArray("{\"a\":1}") << QByteArray("{\"a\":1}");
        QTest::newRow("utf-8 bom") << QByteArray("\xef\xbb\xbf{}") << QByteArray("{}");
        QTest::newRow("utf-16le bom") << QByteArray("\xff\xfe{\0\xe9\0}\0", 8) << QByteArray("{\xc3\xa9}");
        QTest::newRow("utf-16be bom") << QByteArray("\xfe\xff\0{\0\xe9\0}", 8) << QByteArray("{\xc3\xa9}");
        QTest::newRow("utf-16le surrogate pair") << QByteArray("\xff\xfe\x3d\xd8\x11\xdd", 6) << QByteArray("\xf0\x9f\x94\x91");
        QTest::newRow("utf-16le lone surrogate") << QByteArray("\xff\xfe\x3d\xd8\x41\x00", 6) << QByteArray("\xef\xbf\xbd" "A");
    }

    void textFromBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, text);
        std::string storage;
        QCOMPARE(b(std::string(clr::textFromBytes(s(bytes), storage))), text);
    }

    // ---------------------------------------------------------------- terminal, comments
    void line_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("printable kept") << QByteArray("Ops \xc3\xa9quipe #1; \"x\"") << QByteArray("Ops \xc3\xa9quipe #1; \"x\"");
        QTest::newRow("ESC as kubectl") << QByteArray("\x1b]0;pwned\x07") << QByteArray("^[]0;pwned^G");
        QTest::newRow("clear screen") << QByteArray("\x1b[2J\x1b[H") << QByteArray("^[[2J^[[H");
        QTest::newRow("forged line") << QByteArray("x\nclearance: all clear") << QByteArray("x\\nclearance: all clear");
        QTest::newRow("carriage return") << QByteArray("x\rfake") << QByteArray("x\\rfake");
        QTest::newRow("tab") << QByteArray("a\tb") << QByteArray("a\\tb");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a^@b");
        QTest::newRow("DEL") << QByteArray("a\x7f") << QByteArray("a^?");
        QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b" "2J") << QByteArray("a\\u009B2J");
        QTest::newRow("NEL") << QByteArray("a\xc2\x85" "b") << QByteArray("a\\u0085b");
        QTest::newRow("U+2028") << QByteArray("Ops\xe2\x80\xa8- kind: User") << QByteArray("Ops\\u2028- kind: User");
        QTest::newRow("U+2029") << QByteArray("a\xe2\x80\xa9") << QByteArray("a\\u2029");
        QTest::newRow("bidi override") << QByteArray("a\xe2\x80\xae" "cba") << QByteArray("a\\u202Ecba");
        QTest::newRow("BOM") << QByteArray("\xef\xbb\xbfx") << QByteArray("\\uFEFFx");
        QTest::newRow("raw 8-bit CSI byte") << QByteArray("a\x9b" "2J") << QByteArray("a\\x9B2J");
        QTest::newRow("latin-1") << QByteArray("r\xe9") << QByteArray("r\\xE9");
    }

    void line()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, shown);
        QCOMPARE(b(safe::line(s(input))), shown);
        QCOMPARE(b(safe::line(safe::line(s(input)))), shown); // idempotent: escaping twice changes nothing
        QCOMPARE(b(safe::comment(s(input))), QByteArray("# ") + shown);
    }

    void displayWidth()
    {
        QCOMPARE(int(safe::displayWidth("abc")), 3);
        QCOMPARE(int(safe::displayWidth("\xc3\xa9t\xc3\xa9")), 3);
        QCOMPARE(int(safe::displayWidth("")), 0);
    }

    // ---------------------------------------------------------------- YAML
    void yamlScalar_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("written");
        QTest::addColumn<QByteArray>("readBack"); // what yaml-cpp reads
        QTest::newRow("plain") << QByteArray("clearance:alice") << QByteArray("clearance:alice") << QByteArray("clearance:alice");
        QTest::newRow("U+2028 escaped") << QByteArray("Ops\xe2\x80\xa8- kind: User") << QByteArray("\"Ops\\u2028- kind: User\"")
                                        << QByteArray("Ops\xe2\x80\xa8- kind: User");
        QTest::newRow("U+2029 escaped") << QByteArray("a\xe2\x80\xa9" "b") << QByteArray("\"a\\u2029b\"") << QByteArray("a\xe2\x80\xa9" "b");
        QTest::newRow("NEL escaped") << QByteArray("a\xc2\x85" "b") << QByteArray("\"a\\u0085b\"") << QByteArray("a\xc2\x85" "b");
        QTest::newRow("line feed, CR, tab") << QByteArray("a\nb\rc\td") << QByteArray("\"a\\nb\\rc\\td\"") << QByteArray("a\nb\rc\td");
        QTest::newRow("NUL and ESC") << QByteArray("a\0\x1b", 3) << QByteArray("\"a\\u0000\\u001B\"") << QByteArray("a\0\x1b", 3);
        QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"") << QByteArray("a\"b\\c");
        QTest::newRow("document marker") << QByteArray("---") << QByteArray("\"---\"") << QByteArray("---");
        QTest::newRow("comment") << QByteArray("# x") << QByteArray("\"# x\"") << QByteArray("# x");
        QTest::newRow("non-ASCII printable stays raw") << QByteArray("\xc3\xa9") << QByteArray("\"\xc3\xa9\"") << QByteArray("\xc3\xa9");
        QTest::newRow("invalid UTF-8 replaced") << QByteArray("r\xe9") << QByteArray("\"r\xef\xbf\xbd\"") << QByteArray("r\xef\xbf\xbd");
        QTest::newRow("BOM escaped") << QByteArray("\xef\xbb\xbf" "a") << QByteArray("\"\\uFEFFa\"") << QByteArray("\xef\xbb\xbf" "a");
    }

    void yamlScalar()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, written);
        QFETCH(QByteArray, readBack);
        const std::string scalar = safe::yamlScalar(s(value));
        QCOMPARE(b(scalar), written);
        const YAML::Node node = YAML::Load("k: " + scalar + "\n");
        QCOMPARE(b(node["k"].as<std::string>()), readBack);
    }

    void yamlLongKey()
    {
        const std::string longKey(1200, 'k');
        const std::string text = "labels:\n  " + safe::yamlKey(longKey, "  ") + ": v\n  short: w\n";
        QVERIFY(text.find("? ") != std::string::npos);
        const YAML::Node node = YAML::Load(text);
        QCOMPARE(b(node["labels"][longKey].as<std::string>()), QByteArray("v"));
        QCOMPARE(b(node["labels"]["short"].as<std::string>()), QByteArray("w"));
        QCOMPARE(b(safe::yamlKey("short", "  ")), QByteArray("short"));
    }

    // ---------------------------------------------------------------- shell
    void shellWord_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("plain") << QByteArray("ns") << QByteArray("'ns'");
        QTest::newRow("spaces ; #") << QByteArray("a b; rm -rf / #") << QByteArray("'a b; rm -rf / #'");
        QTest::newRow("single quote") << QByteArray("it's") << QByteArray("'it'\\''s'");
        QTest::newRow("command substitution") << QByteArray("$(id)`id`") << QByteArray("'$(id)`id`'");
        QTest::newRow("line feed") << QByteArray("a\nb") << QByteArray("$'a\\x0Ab'");
        QTest::newRow("quote with control") << QByteArray("it's\r") << QByteArray("$'it\\'s\\x0D'");
        QTest::newRow("U+2028") << QByteArray("a\xe2\x80\xa8") << QByteArray("$'a\\xE2\\x80\\xA8'");
        QTest::newRow("printable UTF-8 stays") << QByteArray("\xc3\xa9") << QByteArray("'\xc3\xa9'");
        QTest::newRow("empty") << QByteArray("") << QByteArray("''");
    }

    void shellWord()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, written);
        const std::string word = safe::shellWord(s(value));
        QCOMPARE(b(word), written);
        QVERIFY(word.find('\n') == std::string::npos);
        const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
        if (bash.isEmpty())
            QSKIP("bash not found: the word was not run through a shell");
        QProcess p; // bash turns the word back into exactly the value
        p.start(bash, {QStringLiteral("-c"), QString::fromUtf8("printf %s " + b(word))});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.readAllStandardOutput(), value);
        QVERIFY(safe::shellRepresentable(s(value)));
        QVERIFY(!safe::shellRepresentable(std::string("a\0b", 3)));
    }

    // ---------------------------------------------------------------- ARM
    void armString_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << QStringLiteral("ci: Reader") << QStringLiteral("ci: Reader");
        QTest::newRow("expression") << QStringLiteral("[concat(subscription().id, '-')]") << QStringLiteral("[[concat(subscription().id, '-')]");
        QTest::newRow("already doubled stays literal") << QStringLiteral("[[x]") << QStringLiteral("[[[x]");
        QTest::newRow("not closed: literal already") << QStringLiteral("[test] value") << QStringLiteral("[test] value");
        QTest::newRow("empty brackets") << QStringLiteral("[]") << QStringLiteral("[[]");
        QTest::newRow("one bracket") << QStringLiteral("[") << QStringLiteral("[");
    }

    void armString()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(QString::fromStdString(safe::armString(value.toStdString())), written);
        QCOMPARE(QString::fromStdString(safe::armExpressionLiteral("it's")), QStringLiteral("'it''s'"));
    }

    // ---------------------------------------------------------------- CSV, HTML
    void csvField_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << QStringLiteral("alice") << QStringLiteral("alice");
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("formula") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
        QTest::newRow("formula with quote") << QStringLiteral("=HYPERLINK(\"x\")") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("line break") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    }

    void csvField()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(QString::fromStdString(safe::csvField(value.toStdString())), written);
    }

    void html()
    {
        QCOMPARE(b(safe::html("<script>\"a\" & 'b'</script>")), QByteArray("&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"));
        QCOMPARE(b(safe::html("r\xe9")), QByteArray("r\xef\xbf\xbd"));
    }

    // ---------------------------------------------------------------- JSON
    void jsonNeverThrows()
    {
        nlohmann::ordered_json doc{{"name", "r\xe9"}, {"list", {"ok", std::string("\xff\xfe", 2)}}};
        QVERIFY_THROWS_EXCEPTION(nlohmann::json::type_error, doc.dump()); // what the old code did
        const std::string text = safe::json(doc, 2);
        const auto back = nlohmann::json::parse(text);
        QCOMPARE(b(back["name"].get<std::string>()), QByteArray("r\xef\xbf\xbd"));
        QCOMPARE(b(back["list"][1].get<std::string>()), QByteArray("\xef\xbf\xbd\xef\xbf\xbd"));
        QCOMPARE(b(safe::json(nlohmann::json("a\xe2\x80\xa8"))), QByteArray("\"a\xe2\x80\xa8\"")); // valid text is untouched
    }
};

QTEST_GUILESS_MAIN(TestOutputSafety)
#include "tst_outputsafety.moc"
