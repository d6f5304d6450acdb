// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/pagedfetch.h"

#include <QMap>
#include <QObject>

#include <memory>
#include <vector>

namespace clr::remote {

/** A subscription as ARM lists it. */
struct Subscription
{
    QString id;
    QString name;
    QString state;
    QString tenantId;
};

/** An AKS cluster as ARM lists it (the object is written to the snapshot as ARM sent it). */
struct ManagedClusterInfo
{
    QString id;
    QString name;
    QString resourceGroup;
    QString subscriptionId;
    QStringList fqdns; // fqdn, privateFQDN, azurePortalFQDN
    QByteArray json;
};

/**
 * Reads Azure Resource Manager: the subscriptions, the AKS clusters in them, and for the chosen
 * subscriptions every role assignment (no filter: those inherited from management groups and
 * those below, down to the cluster and its namespaces) and every role definition, following
 * nextLink. The cluster is chosen by --cluster RG/NAME, else by the kubeconfig server's host name;
 * without --subscription the subscriptions read are the chosen clusters' (or every enabled one
 * when no cluster is found).
 */
class ArmFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArmFetch)

public:
    struct Options
    {
        QUrl arm;
        QStringList subscriptions;  // --subscription
        QString cluster;            // RG/NAME
        QString kubeServerHost;     // to match a cluster's fqdn
        bool listOnly = false;      // subscriptions and clusters only (the GUI's pickers)
    };
    ArmFetch(ApiClient &client, SnapshotWriter *writer, Options options, QObject *parent = nullptr);
    ~ArmFetch() override;
    void start();

    QList<Subscription> subscriptions() const { return m_subscriptions; }
    QList<ManagedClusterInfo> clusters() const { return m_clusters; }
    QList<ManagedClusterInfo> chosenClusters() const { return m_chosen; }
    QStringList readSubscriptions() const { return m_read; }
    QStringList warnings() const { return m_warnings; }
    QList<ListProgress> lists() const;

    static QString explain(const HttpResponse &response, const PageSummary &summary, const QUrl &url);
    /** Subscriptions (value[]) of a /subscriptions page; clusters of a managedClusters page. */
    static QList<Subscription> parseSubscriptions(const QByteArray &page);
    static QList<ManagedClusterInfo> parseClusters(const QByteArray &page);

Q_SIGNALS:
    void progressed(const clr::remote::ListProgress &progress);
    void finished(const QString &error);

private:
    void getAll(const QUrl &first, const QString &what, std::function<void(QList<QByteArray>)> then);
    void listClusters();
    void chooseClusters();
    void readRbac();
    void listDone(const QString &error);
    void fail(const QString &error);
    QUrl url(const QString &path, const QString &apiVersion) const;

    ApiClient &m_client;
    SnapshotWriter *m_writer;
    Options m_options;
    QList<Subscription> m_subscriptions;
    QList<ManagedClusterInfo> m_clusters;
    QList<ManagedClusterInfo> m_chosen;
    QStringList m_read;
    QStringList m_warnings;
    std::vector<std::unique_ptr<PagedFetch>> m_lists;
    int m_running = 0;
    int m_clusterLists = 0;
    QString m_error;
    bool m_finished = false;
};

} // namespace clr::remote
