// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace clr::remote {

/** users[].user.exec: a client-go credential plugin. */
struct ExecConfig
{
    QString command;                       // as written; relative paths with a '/' are made absolute
    QStringList args;
    QList<QPair<QString, QString>> env;    // added to the inherited environment
    QString apiVersion;                    // client.authentication.k8s.io/v1 or /v1beta1
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode;               // Never, IfAvailable, Always (v1beta1 defaults to IfAvailable)
};

/** clusters[].cluster */
struct KubeCluster
{
    QString name;
    QString server;
    QByteArray certificateAuthorityData;   // decoded PEM
    QString certificateAuthority;          // file, absolute
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
    bool disableCompression = false;
    QByteArray execExtension;              // extensions[client.authentication.k8s.io/exec], as JSON
    QString origin;                        // the kubeconfig file that defined it
};

/** users[].user */
struct KubeUser
{
    QString name;
    QString token;
    QString tokenFile;                     // absolute
    QByteArray clientCertificateData;      // decoded PEM
    QString clientCertificate;             // file, absolute
    QByteArray clientKeyData;
    QString clientKey;
    QString username, password;            // basic authentication
    QString impersonate;                   // "as"
    QStringList impersonateGroups;         // "as-groups"
    QString authProvider;                  // name of a legacy auth-provider (unsupported)
    std::optional<ExecConfig> exec;
    QString origin;
};

struct KubeContext
{
    QString name;
    QString cluster;
    QString user;
    QString ns;
};

/** A context with its cluster and user looked up. */
struct ResolvedContext
{
    KubeContext context;
    KubeCluster cluster;
    KubeUser user;
};

/** Where the kubeconfig comes from, as kubectl decides it. */
struct KubeconfigSource
{
    QString explicitPath;  // --kubeconfig: only this file, which must exist
    QString envValue;      // $KUBECONFIG: a list (':' separated), merged
    QString homeDir;       // ~/.kube/config otherwise
    static KubeconfigSource fromEnvironment(const QString &explicitPath = {});
};

/**
 * The merged kubeconfig, following client-go's loading rules (tools/clientcmd/loader.go):
 * `--kubeconfig FILE` alone if given; otherwise every file of $KUBECONFIG in order (missing files
 * skipped, duplicates once), where the first file to define a cluster, user or context name, or
 * current-context, wins; otherwise ~/.kube/config (missing: empty). Relative certificate, key,
 * token-file and exec command paths (those with a '/') resolve against the directory of the file
 * that defined them. A file that does not parse is an error naming FILE:LINE:COLUMN.
 */
class Kubeconfig final
{
public:
    static Expected<Kubeconfig> load(const KubeconfigSource &source);
    /** Parses one file's text (for tests and fuzzing); `origin` names it in errors and resolves paths. */
    static Expected<Kubeconfig> parse(const QByteArray &text, const QString &origin);

    QStringList files() const { return m_files; }
    QString currentContext() const { return m_currentContext; }
    QStringList contextNames() const;
    const QList<KubeContext> &contexts() const { return m_contexts; }
    const QList<KubeCluster> &clusters() const { return m_clusters; }
    const QList<KubeUser> &users() const { return m_users; }
    /** Non-fatal findings (duplicate names within a file...). */
    QStringList warnings() const { return m_warnings; }

    /** The named context (empty: current-context) with its cluster and user, or why not. */
    Expected<ResolvedContext> resolve(const QString &context = {}) const;

    /** Adds entries of `other` whose names are not defined yet (client-go's "first file wins"). */
    void mergeFrom(const Kubeconfig &other);

private:
    QStringList m_files;
    QString m_currentContext;
    QList<KubeContext> m_contexts;
    QList<KubeCluster> m_clusters;
    QList<KubeUser> m_users;
    QStringList m_warnings;

    friend struct KubeconfigParser;
};

} // namespace clr::remote
