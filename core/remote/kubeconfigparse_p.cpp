// SPDX-License-Identifier: GPL-3.0-or-later
#include "kubeconfigparse_p.h"

#include <QDir>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace clr::remote {

namespace {

/** A problem at a node: thrown inside this file only, turned into an Error by parse(). */
struct ParseFailure
{
    YAML::Mark mark;
    QString message;
};

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

[[noreturn]] void fail(const YAML::Node &node, const QString &message)
{
    throw ParseFailure{node.Mark(), message};
}

QString scalar(const YAML::Node &parent, const char *key)
{
    const YAML::Node node = parent[key];
    if (!node || node.IsNull())
        return {};
    if (!node.IsScalar())
        fail(node, QStringLiteral("%1 must be a string").arg(QLatin1String(key)));
    return qs(node.Scalar());
}

bool boolean(const YAML::Node &parent, const char *key)
{
    const YAML::Node node = parent[key];
    if (!node || node.IsNull())
        return false;
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
        fail(node, QStringLiteral("%1 must be true or false").arg(QLatin1String(key)));
    return value;
}

QByteArray base64(const YAML::Node &parent, const char *key)
{
    QByteArray text = scalar(parent, key).toLatin1();
    text.replace('\n', QByteArray()).replace('\r', QByteArray());
    if (text.isEmpty())
        return {};
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        fail(parent[key], QStringLiteral("%1 is not valid base64").arg(QLatin1String(key)));
    return *decoded;
}

QStringList stringList(const YAML::Node &parent, const char *key)
{
    QStringList out;
    const YAML::Node node = parent[key];
    if (!node || node.IsNull())
        return out;
    if (!node.IsSequence())
        fail(node, QStringLiteral("%1 must be a list").arg(QLatin1String(key)));
    for (const auto &item : node) {
        if (!item.IsScalar())
            fail(item, QStringLiteral("%1 must hold strings").arg(QLatin1String(key)));
        out << qs(item.Scalar());
    }
    return out;
}

/** client-go resolves relative paths against the directory of the file that holds them. */
QString resolvePath(const QString &path, const QString &origin)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || origin.isEmpty())
        return path;
    return QDir::cleanPath(QFileInfo(origin).absoluteDir().filePath(path));
}

/** Iterates a `- name: N\n  <key>: {...}` list; calls f(name, body, item). */
template<typename F>
void namedList(const YAML::Node &root, const char *list, const char *key, F f)
{
    const YAML::Node node = root[list];
    if (!node || node.IsNull())
        return;
    if (!node.IsSequence())
        fail(node, QStringLiteral("%1 must be a list").arg(QLatin1String(list)));
    for (const auto &item : node) {
        if (!item.IsMap())
            fail(item, QStringLiteral("each entry of %1 must be a mapping with name and %2").arg(QLatin1String(list), QLatin1String(key)));
        const QString name = scalar(item, "name");
        if (name.isEmpty())
            fail(item, QStringLiteral("an entry of %1 has no name").arg(QLatin1String(list)));
        const YAML::Node body = item[key];
        if (body && !body.IsNull() && !body.IsMap())
            fail(body, QStringLiteral("%1 '%2': %3 must be a mapping").arg(QLatin1String(list), name, QLatin1String(key)));
        f(name, body ? body : YAML::Node(YAML::NodeType::Map), item);
    }
}

QByteArray toJson(const YAML::Node &node);

QByteArray jsonString(const std::string &s)
{
    QByteArray out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            out += QByteArray("\\u00") + QByteArray::number(c, 16).rightJustified(2, '0');
        } else {
            out += char(c);
        }
    }
    return out + '"';
}

/** The exec extension is handed to the plugin as JSON; scalars stay strings unless plainly typed. */
QByteArray toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QByteArray out = "{";
        for (const auto &kv : node) {
            if (out.size() > 1)
                out += ',';
            out += jsonString(kv.first.as<std::string>()) + ':' + toJson(kv.second);
        }
        return out + '}';
    }
    case YAML::NodeType::Sequence: {
        QByteArray out = "[";
        for (const auto &item : node) {
            if (out.size() > 1)
                out += ',';
            out += toJson(item);
        }
        return out + ']';
    }
    case YAML::NodeType::Scalar: {
        const std::string &s = node.Scalar();
        if (node.Tag() != "!" && (s == "true" || s == "false"))
            return QByteArray::fromStdString(s);
        bool ok = false;
        QString::fromStdString(s).toDouble(&ok);
        if (ok && node.Tag() != "!" && !s.empty() && s.find_first_not_of("0123456789.-+eE") == std::string::npos)
            return QByteArray::fromStdString(s);
        return jsonString(s);
    }
    default:
        return "null";
    }
}

KubeCluster readCluster(const QString &name, const YAML::Node &c, const QString &origin)
{
    KubeCluster out;
    out.name = name;
    out.origin = origin;
    out.server = scalar(c, "server");
    out.certificateAuthorityData = base64(c, "certificate-authority-data");
    out.certificateAuthority = resolvePath(scalar(c, "certificate-authority"), origin);
    out.insecureSkipTlsVerify = boolean(c, "insecure-skip-tls-verify");
    out.tlsServerName = scalar(c, "tls-server-name");
    out.proxyUrl = scalar(c, "proxy-url");
    out.disableCompression = boolean(c, "disable-compression");
    if (const YAML::Node ext = c["extensions"]; ext && ext.IsSequence()) {
        for (const auto &e : ext) {
            if (e.IsMap() && scalar(e, "name") == QLatin1String("client.authentication.k8s.io/exec") && e["extension"])
                out.execExtension = toJson(e["extension"]);
        }
    }
    return out;
}

ExecConfig readExec(const YAML::Node &e, const QString &origin)
{
    ExecConfig out;
    out.command = scalar(e, "command");
    if (out.command.contains(QLatin1Char('/')))
        out.command = resolvePath(out.command, origin);
    out.args = stringList(e, "args");
    out.apiVersion = scalar(e, "apiVersion");
    out.installHint = scalar(e, "installHint");
    out.provideClusterInfo = boolean(e, "provideClusterInfo");
    out.interactiveMode = scalar(e, "interactiveMode");
    if (out.interactiveMode.isEmpty() && out.apiVersion == QLatin1String("client.authentication.k8s.io/v1beta1"))
        out.interactiveMode = QStringLiteral("IfAvailable"); // client-go's default for v1beta1
    if (const YAML::Node env = e["env"]; env && !env.IsNull()) {
        if (!env.IsSequence())
            fail(env, QStringLiteral("exec env must be a list of name/value pairs"));
        for (const auto &pair : env) {
            if (!pair.IsMap())
                fail(pair, QStringLiteral("exec env entries must have name and value"));
            out.env.append({scalar(pair, "name"), scalar(pair, "value")});
        }
    }
    return out;
}

KubeUser readUser(const QString &name, const YAML::Node &u, const QString &origin)
{
    KubeUser out;
    out.name = name;
    out.origin = origin;
    out.token = scalar(u, "token");
    out.tokenFile = resolvePath(scalar(u, "tokenFile"), origin);
    out.clientCertificateData = base64(u, "client-certificate-data");
    out.clientCertificate = resolvePath(scalar(u, "client-certificate"), origin);
    out.clientKeyData = base64(u, "client-key-data");
    out.clientKey = resolvePath(scalar(u, "client-key"), origin);
    out.username = scalar(u, "username");
    out.password = scalar(u, "password");
    out.impersonate = scalar(u, "as");
    out.impersonateGroups = stringList(u, "as-groups");
    if (const YAML::Node ap = u["auth-provider"]; ap && ap.IsMap())
        out.authProvider = scalar(ap, "name");
    if (const YAML::Node exec = u["exec"]; exec && !exec.IsNull()) {
        if (!exec.IsMap())
            fail(exec, QStringLiteral("user '%1': exec must be a mapping").arg(name));
        out.exec = readExec(exec, origin);
    }
    return out;
}

/** Within one file a later entry of the same name replaces the earlier one, as in client-go. */
template<typename T>
void put(QList<T> &list, T value, QStringList &warnings, const char *what, const QString &origin)
{
    for (T &e : list) {
        if (e.name == value.name) {
            warnings << QStringLiteral("%1: %2 '%3' is defined twice; the later one is used").arg(origin, QLatin1String(what), value.name);
            e = std::move(value);
            return;
        }
    }
    list << std::move(value);
}

} // namespace

Expected<Kubeconfig> KubeconfigParser::parse(const QByteArray &text, const QString &origin)
{
    Kubeconfig config;
    config.m_files << origin;
    try {
        const YAML::Node root = YAML::Load(text.toStdString());
        if (!root || root.IsNull())
            return config; // an empty file is an empty config, as in client-go
        if (!root.IsMap())
            fail(root, QStringLiteral("a kubeconfig must be a mapping (apiVersion: v1, kind: Config)"));
        config.m_currentContext = scalar(root, "current-context");
        namedList(root, "clusters", "cluster", [&](const QString &name, const YAML::Node &body, const YAML::Node &) {
            put(config.m_clusters, readCluster(name, body, origin), config.m_warnings, "cluster", origin);
        });
        namedList(root, "users", "user", [&](const QString &name, const YAML::Node &body, const YAML::Node &) {
            put(config.m_users, readUser(name, body, origin), config.m_warnings, "user", origin);
        });
        namedList(root, "contexts", "context", [&](const QString &name, const YAML::Node &body, const YAML::Node &) {
            put(config.m_contexts, KubeContext{name, scalar(body, "cluster"), scalar(body, "user"), scalar(body, "namespace")},
                config.m_warnings, "context", origin);
        });
    } catch (const ParseFailure &f) {
        return Error{QStringLiteral("%1:%2:%3: %4").arg(origin).arg(f.mark.line + 1).arg(f.mark.column + 1).arg(f.message)};
    } catch (const YAML::Exception &e) {
        return Error{QStringLiteral("%1:%2:%3: %4").arg(origin).arg(e.mark.line + 1).arg(e.mark.column + 1).arg(qs(e.msg))};
    } catch (const std::exception &e) {
        return Error{QStringLiteral("%1: %2").arg(origin, QString::fromLocal8Bit(e.what()))};
    }
    return config;
}

} // namespace clr::remote
