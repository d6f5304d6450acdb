// SPDX-License-Identifier: GPL-3.0-or-later
// The kubeconfig model and client-go's loading rules; kubeconfigparse_p.cpp reads one file.
#include "remote/kubeconfig.h"

#include "kubeconfigparse_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <algorithm>

namespace clr::remote {

namespace {

template<typename T>
bool hasName(const QList<T> &list, const QString &name)
{
    return std::any_of(list.begin(), list.end(), [&](const T &e) { return e.name == name; });
}

template<typename T>
const T *byName(const QList<T> &list, const QString &name)
{
    for (const T &e : list) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

QStringList kubeconfigList(const QString &value)
{
    QStringList out;
    for (const QString &f : value.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
        const QString clean = QDir::cleanPath(f);
        if (!out.contains(clean))
            out << clean;
    }
    return out;
}

Expected<Kubeconfig> loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read the kubeconfig: %2").arg(path, file.errorString())};
    return Kubeconfig::parse(file.readAll(), path);
}

/** client-go's exec validation: a known apiVersion, and v1 must say its interactiveMode. */
std::optional<Error> checkExec(const KubeUser &user)
{
    if (!user.exec)
        return std::nullopt;
    const ExecConfig &exec = *user.exec;
    const QString where = QStringLiteral("%1: user '%2': exec").arg(user.origin, user.name);
    if (exec.command.isEmpty())
        return Error{where + QStringLiteral(" has no command")};
    if (exec.apiVersion != QLatin1String("client.authentication.k8s.io/v1")
        && exec.apiVersion != QLatin1String("client.authentication.k8s.io/v1beta1")) {
        return Error{where + QStringLiteral(": apiVersion '%1' is not supported; use client.authentication.k8s.io/v1 or "
                                            "client.authentication.k8s.io/v1beta1")
                                 .arg(exec.apiVersion)};
    }
    static const QStringList modes = {QStringLiteral("Never"), QStringLiteral("IfAvailable"), QStringLiteral("Always")};
    if (exec.interactiveMode.isEmpty())
        return Error{where + QStringLiteral(": interactiveMode must be set (Never, IfAvailable or Always) for apiVersion v1")};
    if (!modes.contains(exec.interactiveMode))
        return Error{where + QStringLiteral(": unknown interactiveMode '%1'").arg(exec.interactiveMode)};
    return std::nullopt;
}

} // namespace

KubeconfigSource KubeconfigSource::fromEnvironment(const QString &explicitPath)
{
    KubeconfigSource s;
    s.explicitPath = explicitPath;
    s.envValue = QProcessEnvironment::systemEnvironment().value(QStringLiteral("KUBECONFIG"));
    s.homeDir = QDir::homePath();
    return s;
}

Expected<Kubeconfig> Kubeconfig::load(const KubeconfigSource &source)
{
    if (!source.explicitPath.isEmpty()) {
        if (!QFileInfo::exists(source.explicitPath))
            return Error{QStringLiteral("%1: the kubeconfig given with --kubeconfig does not exist").arg(source.explicitPath)};
        return loadFile(source.explicitPath);
    }
    QStringList files = kubeconfigList(source.envValue);
    const bool fromEnv = !files.isEmpty();
    if (!fromEnv)
        files << QDir(source.homeDir).filePath(QStringLiteral(".kube/config"));
    Kubeconfig merged;
    for (const QString &path : files) {
        if (!QFileInfo::exists(path))
            continue; // as kubectl: a listed file that is missing is skipped
        auto one = loadFile(path);
        if (!one)
            return one.error();
        merged.mergeFrom(*one);
    }
    return merged;
}

void Kubeconfig::mergeFrom(const Kubeconfig &other)
{
    m_files += other.m_files;
    if (m_currentContext.isEmpty())
        m_currentContext = other.m_currentContext;
    for (const auto &c : other.m_contexts) {
        if (!hasName(m_contexts, c.name))
            m_contexts << c;
    }
    for (const auto &c : other.m_clusters) {
        if (!hasName(m_clusters, c.name))
            m_clusters << c;
    }
    for (const auto &u : other.m_users) {
        if (!hasName(m_users, u.name))
            m_users << u;
    }
    m_warnings += other.m_warnings;
}

QStringList Kubeconfig::contextNames() const
{
    QStringList out;
    for (const auto &c : m_contexts)
        out << c.name;
    return out;
}

Expected<ResolvedContext> Kubeconfig::resolve(const QString &contextName) const
{
    const QString name = contextName.isEmpty() ? m_currentContext : contextName;
    if (m_files.isEmpty())
        return Error{QStringLiteral("no kubeconfig found ($KUBECONFIG is unset or lists no existing file, and there is no "
                                    "~/.kube/config); give one with --kubeconfig")};
    const QString files = m_files.join(QLatin1String(", "));
    if (name.isEmpty())
        return Error{QStringLiteral("the kubeconfig (%1) sets no current-context; choose one with --context (%2)")
                         .arg(files, contextNames().isEmpty() ? QStringLiteral("it defines none") : contextNames().join(QLatin1String(", ")))};
    const KubeContext *context = byName(m_contexts, name);
    if (!context)
        return Error{QStringLiteral("context '%1' is not defined in %2").arg(name, files)};
    ResolvedContext out;
    out.context = *context;
    const KubeCluster *cluster = byName(m_clusters, context->cluster);
    if (!cluster)
        return Error{QStringLiteral("context '%1' names cluster '%2', which is not defined in %3").arg(name, context->cluster, files)};
    out.cluster = *cluster;
    if (cluster->server.isEmpty())
        return Error{QStringLiteral("%1: cluster '%2' has no server").arg(cluster->origin, cluster->name)};
    if (cluster->insecureSkipTlsVerify && (!cluster->certificateAuthorityData.isEmpty() || !cluster->certificateAuthority.isEmpty()))
        return Error{QStringLiteral("%1: cluster '%2' sets both a certificate authority and insecure-skip-tls-verify; kubectl "
                                    "refuses that too: remove one")
                         .arg(cluster->origin, cluster->name)};
    if (!context->user.isEmpty()) {
        const KubeUser *user = byName(m_users, context->user);
        if (!user)
            return Error{QStringLiteral("context '%1' names user '%2', which is not defined in %3").arg(name, context->user, files)};
        out.user = *user;
        if (auto error = checkExec(*user))
            return *error;
    }
    return out;
}

Expected<Kubeconfig> Kubeconfig::parse(const QByteArray &text, const QString &origin)
{
    return KubeconfigParser::parse(text, origin);
}

} // namespace clr::remote
