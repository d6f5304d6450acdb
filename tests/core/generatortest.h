// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by tst_generator and tst_export: inputs in a line, the CLI in-process, kubectl.
#pragma once

#include "cli/cli.h"
#include "generate/export.h"
#include "generate/generator.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace testutil {

using namespace clr;
using namespace clr::gen;

inline const QString kCases = QStringLiteral(CLEARANCE_TEST_DATA "/generate");

inline QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

inline std::string readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().toStdString();
}

inline std::string replaceAll(std::string s, const std::string &from, const std::string &to)
{
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

inline std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            out.push_back(line);
    return out;
}

struct CliResult
{
    int code = 0;
    std::string out, err;
};

inline CliResult runCli(const std::vector<std::string> &args)
{
    std::ostringstream out, err;
    CliResult r;
    r.code = cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

inline k8s::Request res(const std::string &verb, const std::string &resource, const std::string &ns = {}, const std::string &name = {},
                 const std::string &group = {}, const std::string &sub = {})
{
    return {verb, true, group, resource, sub, name, ns, {}};
}

inline k8s::Request url(const std::string &verb, const std::string &path)
{
    return {verb, false, {}, {}, {}, {}, {}, path};
}

inline GenerateOptions userOptions(const std::string &user = "alice")
{
    GenerateOptions o;
    o.subject = subjectForUser(user);
    return o;
}

/** "verbs|groups|resources|names|urls" per rule: compact and readable in a data table. */
inline QString rulesText(const std::vector<k8s::PolicyRule> &rules)
{
    QStringList out;
    auto j = [](const std::vector<std::string> &v) {
        QStringList l;
        for (const auto &s : v)
            l << q(s);
        return l.join(QLatin1Char(','));
    };
    for (const auto &r : rules)
        out << j(r.verbs) + QLatin1Char('|') + j(r.apiGroups) + QLatin1Char('|') + j(r.resources) + QLatin1Char('|') + j(r.resourceNames)
                + QLatin1Char('|') + j(r.nonResourceURLs);
    return out.join(QLatin1Char(';'));
}

/** `kubectl label --local -f FILE a=b -o name`: the names kubectl decoded, or a skip reason. */
inline std::optional<QStringList> kubectlNames(const QString &file, QString *error)
{
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty()) {
        *error = QStringLiteral("kubectl not found");
        return std::nullopt;
    }
    QProcess p;
    p.start(kubectl, {QStringLiteral("label"), QStringLiteral("--local"), QStringLiteral("-f"), file, QStringLiteral("a=b"),
                      QStringLiteral("-o"), QStringLiteral("name")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return QStringList();
    }
    return QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

/** The names kubectl should print for these objects, in document order. */
inline QStringList expectedNames(const KubeObjects &objects)
{
    QStringList out;
    const std::string yaml = toYaml(objects);
    std::string kind;
    for (const auto &line : lines(yaml)) {
        if (line.rfind("kind: ", 0) == 0)
            kind = line.substr(6);
        else if (line.rfind("  name: ", 0) == 0 && !kind.empty()) {
            std::string name = line.substr(8);
            if (!name.empty() && name.front() == '"')
                name = nlohmann::json::parse(name).get<std::string>();
            out << q(kind).toLower() + QStringLiteral(".rbac.authorization.k8s.io/") + q(name);
            kind.clear();
        }
    }
    return out;
}

/** Top-level "kind:" lines: one per document of a generated stream. */
/** The objects a YAML stream holds: its top-level `kind:` lines, an (empty) List not counted. */
inline int kindLines(const std::string &yaml)
{
    const auto all = lines(yaml);
    return int(std::count_if(all.begin(), all.end(), [](const std::string &l) { return l.rfind("kind: ", 0) == 0 && l != "kind: List"; }));
}

/** Decodes `yaml` with `kubectl label --local` and expects `documents` objects. False (with the
 *  reason) when kubectl is not installed, so the caller can skip; mismatches fail the test. */
inline bool checkWithKubectl(const std::string &yaml, int documents, QString *skipReason)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("objects.yaml"));
    QFile f(file);
    if (!dir.isValid() || !f.open(QIODevice::WriteOnly)) {
        QTest::qFail("cannot write a temporary file", __FILE__, __LINE__);
        return true;
    }
    f.write(yaml.data(), qint64(yaml.size()));
    f.close();
    QString error;
    const auto names = kubectlNames(file, &error);
    if (!names) {
        *skipReason = error;
        return false;
    }
    if (!error.isEmpty())
        QTest::qFail(qPrintable(QStringLiteral("kubectl rejected the YAML: ") + error), __FILE__, __LINE__);
    else if (names->size() != documents)
        QTest::qFail(qPrintable(QStringLiteral("kubectl decoded %1 objects, expected %2").arg(names->size()).arg(documents)), __FILE__, __LINE__);
    return true;
}

inline k8s::Role clusterRole(const std::string &name, std::vector<k8s::PolicyRule> rules)
{
    k8s::Role r;
    r.name = name;
    r.cluster = true;
    r.rules = std::move(rules);
    return r;
}

inline k8s::Binding roleBinding(const std::string &ns, const std::string &name, const std::string &kind, const std::string &role,
                         std::vector<k8s::Subject> subjects)
{
    k8s::Binding b;
    b.name = name;
    b.ns = ns;
    b.cluster = ns.empty();
    b.roleRef = {kind, role};
    b.subjects = std::move(subjects);
    return b;
}

} // namespace testutil
