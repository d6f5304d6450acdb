// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/pagedfetch.h"

#include <QObject>

#include <memory>
#include <vector>

namespace clr::remote {

/**
 * Reads a cluster's RBAC through its API server: discovery (/api, /apis), then namespaces,
 * service accounts, CRDs and the four RBAC kinds across all namespaces, each as a List paged with
 * limit/continue and written page by page (kubernetes/<resource>-NNNN.json: the API's typed lists,
 * which the loaders read as kubectl's output). A 410 Gone on an expired continue token restarts
 * that list from its first page.
 */
class KubeFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeFetch)

public:
    KubeFetch(ApiClient &client, QUrl server, QString userName, SnapshotWriter &writer, QObject *parent = nullptr);
    void start();
    int pageSize() const { return m_pageSize; }
    void setPageSize(int limit) { m_pageSize = limit; }

    QStringList groupVersions() const { return m_groupVersions; }
    QStringList warnings() const { return m_warnings; }
    /** Objects per resource name once finished. */
    QList<ListProgress> lists() const;

    /** The message for a failed Kubernetes API response (exposed for tests). */
    static QString explain(const HttpResponse &response, const PageSummary &summary, const QUrl &url, const QString &user);

Q_SIGNALS:
    void progressed(const clr::remote::ListProgress &progress);
    void finished(const QString &error);

private:
    void discover(const QString &path, std::function<void(const QByteArray &)> then);
    void startLists();
    void listDone(const QString &error);
    PagedFetch::Spec listSpec(const QString &path, const QString &name);

    ApiClient &m_client;
    QUrl m_server;
    QString m_user;
    SnapshotWriter &m_writer;
    int m_pageSize = 500;
    QStringList m_groupVersions;
    QStringList m_warnings;
    std::vector<std::unique_ptr<PagedFetch>> m_lists;
    int m_running = 0;
    QString m_error;
    bool m_finished = false;
};

/** "group/version" entries served, from /api (APIVersions) and /apis (APIGroupList) bodies. */
QStringList parseDiscovery(const QByteArray &api, const QByteArray &apis);

} // namespace clr::remote
