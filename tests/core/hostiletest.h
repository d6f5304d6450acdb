// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for the hostile-name tests (tst_exportsafety, tst_clisafety): snapshot folders in the
// real export formats where one name is everywhere a name can be, the built binary run with raw
// bytes, and kubectl as the independent YAML reader.
#pragma once

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace hostile {

inline const std::string kGroupId = "5b6e3f0a-8d3c-4a52-9a47-1f2e3d4c5b6a";
inline const std::string kUserId = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
inline const std::string kUpn = "alice@contoso.com";

inline QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

inline bool writeFile(const QString &path, const std::string &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content.data(), qint64(content.size())) == qint64(content.size());
}

/**
 * Writes into `dir` a kubectl JSON List and Microsoft Graph pages where `name` is: the display name
 * of the Entra group bound to cluster-admin (ClusterRoleBinding "admins") and of its member
 * alice@contoso.com, and the name, namespace-free subject and resource name of a RoleBinding in
 * namespace "team" that grants alice `get pods` on the pod called `name`. JSON carries any
 * code point, so `name` must be UTF-8 here (see latin1Snapshot for the rest).
 */
inline void writeSnapshot(const QString &dir, const std::string &name)
{
    using nlohmann::json;
    using A = std::vector<std::string>;
    auto object = [](const char *kind, json metadata) {
        return json{{"apiVersion", "rbac.authorization.k8s.io/v1"}, {"kind", kind}, {"metadata", std::move(metadata)}};
    };
    auto subject = [](const char *kind, const std::string &who) {
        return json::array({json{{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", kind}, {"name", who}}});
    };
    json clusterAdmin = object("ClusterRole", {{"name", "cluster-admin"}});
    clusterAdmin["rules"] = json::array({json{{"apiGroups", A{"*"}}, {"resources", A{"*"}}, {"verbs", A{"*"}}}});
    json podReader = object("Role", {{"name", "pod-reader"}, {"namespace", "team"}});
    podReader["rules"] = json::array({json{{"apiGroups", A{""}}, {"resources", A{"pods"}}, {"resourceNames", A{name}}, {"verbs", A{"get"}}}});
    json admins = object("ClusterRoleBinding", {{"name", "admins"}});
    admins["roleRef"] = {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "ClusterRole"}, {"name", "cluster-admin"}};
    admins["subjects"] = subject("Group", kGroupId);
    json binding = object("RoleBinding", {{"name", name}, {"namespace", "team"}});
    binding["roleRef"] = {{"apiGroup", "rbac.authorization.k8s.io"}, {"kind", "Role"}, {"name", "pod-reader"}};
    binding["subjects"] = subject("User", kUpn);
    const json rbac{{"apiVersion", "v1"}, {"kind", "List"}, {"items", json::array({clusterAdmin, podReader, admins, binding})}};
    const json user{{"id", kUserId}, {"displayName", name}, {"userPrincipalName", kUpn}, {"accountEnabled", true}};
    json group{{"id", kGroupId}, {"displayName", name}, {"securityEnabled", true}};
    group["members"] = json::array({json{{"@odata.type", "#microsoft.graph.user"}, {"id", kUserId}}});
    writeFile(dir + QStringLiteral("/rbac.json"), rbac.dump(2));
    writeFile(dir + QStringLiteral("/graph-users.json"), json{{"value", json::array({user})}}.dump(2));
    writeFile(dir + QStringLiteral("/graph-groups.json"), json{{"value", json::array({group})}}.dump(2));
}

/** The Latin-1 file: a ClusterRole "r\xe9" bound by "b\xe9" to User "u\xe9". */
inline void writeLatin1Snapshot(const QString &dir)
{
    writeFile(dir + QStringLiteral("/latin1.yaml"),
              "kind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: \"r\xe9\"}\n"
              "rules: [{apiGroups: [\"\"], resources: [pods], verbs: [get]}]\n---\n"
              "kind: ClusterRoleBinding\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: \"b\xe9\"}\n"
              "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: \"r\xe9\"}\n"
              "subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: \"u\xe9\"}]\n");
}

struct Run
{
    int code = -1;
    bool crashed = false;
    QByteArray out, err;
};

/** The built binary with raw byte arguments: QProcess takes QStrings, so each argument goes
 *  through bash's printf %b as octal escapes (no NUL, no trailing line break: $(...) drops them). */
inline Run runBinary(const std::vector<std::string> &args, const QString &stdoutFile = {})
{
    QString script = QStringLiteral("exec \"$0\"");
    QStringList words{QStringLiteral(CLEARANCE_BINARY)};
    for (std::size_t i = 0; i < args.size(); ++i) {
        script += QStringLiteral(" \"$(printf '%b' \"${%1}\")\"").arg(i + 1);
        QString escaped;
        for (unsigned char c : args[i])
            escaped += QStringLiteral("\\0%1").arg(int(c), 3, 8, QLatin1Char('0'));
        words << escaped;
    }
    QProcess p;
    if (!stdoutFile.isEmpty())
        p.setStandardOutputFile(stdoutFile);
    p.start(QStringLiteral("bash"), QStringList{QStringLiteral("-c"), script} + words);
    p.waitForFinished(120000);
    Run r;
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/** `kubectl label --local -f FILE a=b -o json` on `yaml`: the decoded objects, or nullopt with the
 *  reason when kubectl is missing (callers skip) or rejects the file (callers fail). */
inline std::optional<std::vector<nlohmann::json>> kubectlDecode(const std::string &yaml, QString *why, bool *missing)
{
    *missing = false;
    const QString kubectl = QStandardPaths::findExecutable(QStringLiteral("kubectl"));
    if (kubectl.isEmpty()) {
        *missing = true;
        *why = QStringLiteral("kubectl is not on PATH: the YAML was not decoded by kubectl");
        return std::nullopt;
    }
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("objects.yaml"));
    writeFile(file, yaml);
    QProcess p;
    p.start(kubectl, {QStringLiteral("label"), QStringLiteral("--local"), QStringLiteral("-f"), file, QStringLiteral("a=b"), QStringLiteral("-o"),
                      QStringLiteral("json")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *why = QStringLiteral("kubectl rejected the YAML: ") + QString::fromUtf8(p.readAllStandardError());
        return std::nullopt;
    }
    // `kubectl label --local -o json` prints each object as its own JSON value, one after another.
    std::istringstream in(p.readAllStandardOutput().toStdString());
    std::vector<nlohmann::json> objects;
    try {
        while ((in >> std::ws).peek() != std::char_traits<char>::eof()) {
            nlohmann::json object;
            in >> object;
            objects.push_back(std::move(object));
        }
    } catch (const nlohmann::json::exception &e) {
        *why = QStringLiteral("kubectl printed something that is not JSON: ") + QString::fromUtf8(e.what());
        return std::nullopt;
    }
    return objects;
}

/** The decoded object of this kind and name, or null. */
inline nlohmann::json findObject(const std::vector<nlohmann::json> &objects, const std::string &kind, const std::string &name)
{
    for (const auto &o : objects)
        if (o.value("kind", "") == kind && o["metadata"].value("name", "") == name)
            return o;
    return nullptr;
}

} // namespace hostile
