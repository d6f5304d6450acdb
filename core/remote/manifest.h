// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace clr::remote {

/** One collection read into the snapshot. */
struct ManifestList
{
    QString source;  // kubernetes, graph, arm
    QString name;    // clusterroles, users, <subscription>/roleassignments ...
    int pages = 0;
    qint64 objects = 0;
};

/**
 * snapshot.json: when, from where and what was read, the counts, the warnings, the Graph deltaLinks
 * for the next refresh, and the options to repeat the fetch with. It names sources (kubeconfig
 * files, context, server, tenant, subscriptions, sign-in method) and never holds a secret.
 * Written as a Kubernetes-style object (apiVersion clearance.io/v1alpha1, kind Snapshot), which the
 * loaders skip as an object of a kind they do not use.
 */
struct SnapshotManifest
{
    QDateTime fetchedAt;
    QString clearanceVersion;
    // Kubernetes
    bool kubernetes = false;
    QStringList kubeconfigFiles;
    QString kubeconfig;       // --kubeconfig as given (empty: the default rules)
    QString context;
    QString kubeCluster;      // kubeconfig cluster name
    QString kubeUser;         // kubeconfig user name
    QString server;
    bool insecure = false;
    QStringList groupVersions;
    // Azure
    bool graph = false;
    bool arm = false;
    QString cloud;
    QString loginUrl, graphUrl, armUrl;
    QString auth;             // sign-in method
    QString tenantId;
    QString clientId;         // an application (client) ID is public, not a secret
    QStringList subscriptions;        // as asked (--subscription)
    QMap<QString, QString> subscriptionNames; // read: id -> display name
    QString clusterArg;       // --cluster RG/NAME as asked
    QStringList clusterIds;   // AKS clusters written
    // What was read
    QList<ManifestList> lists;
    QStringList files;
    QStringList warnings;
    QMap<QString, QString> deltaLinks; // "groups" -> the @odata.deltaLink of the last full or incremental read

    qint64 objects(const QString &source) const;
    QByteArray toJson() const;
    static Expected<SnapshotManifest> fromJson(const QByteArray &json, const QString &file);
    static Expected<SnapshotManifest> read(const QString &snapshotDir);
    static constexpr const char *fileName = "snapshot.json";
};

} // namespace clr::remote
