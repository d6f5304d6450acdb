// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/pagedfetch.h"

#include <QObject>

#include <memory>
#include <vector>

namespace clr::remote {

namespace detail {
class GroupDeltaMerge;
}

/**
 * Reads the directory from Microsoft Graph v1.0: users and service principals with $select of the
 * fields the graph uses and $top=999, groups with their direct members through groups/delta
 * (members@delta; never $expand=members, which stops at 20), following every @odata.nextLink
 * verbatim. Pages go to graph/<collection>-NNNN.json as Graph sent them. The round's deltaLink is
 * kept: a refresh asks only for the changes since and merges them into the groups of the previous
 * snapshot; when Graph answers syncStateNotFound (the token expired), the groups are read in full.
 * Entries that come back with nothing but an id mean a missing permission, which is named.
 */
class GraphFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphFetch)

public:
    struct Options
    {
        QUrl graph;                      // https://graph.microsoft.com
        QString previousDeltaLink;       // refresh: the deltaLink of the snapshot being refreshed
        QStringList previousGroupFiles;  // refresh: its group pages (absolute paths)
    };

    GraphFetch(ApiClient &client, SnapshotWriter &writer, Options options, QObject *parent = nullptr);
    ~GraphFetch() override;
    void start();

    QString deltaLink() const { return m_deltaLink; }
    QStringList warnings() const { return m_warnings; }
    QList<ListProgress> lists() const;
    bool incremental() const { return m_incremental; }

    /** The message for a failed Graph response; `permission` is what the collection needs. */
    static QString explain(const HttpResponse &response, const PageSummary &summary, const QUrl &url, const QString &permission);
    /** True for the errors after which a delta round must start over (syncStateNotFound and kin). */
    static bool needsResync(const HttpResponse &response, const PageSummary &summary);

Q_SIGNALS:
    void progressed(const clr::remote::ListProgress &progress);
    void finished(const QString &error);

private:
    PagedFetch::Spec collection(const QString &name, const QString &path, const QString &select, const QString &permission);
    PagedFetch::Spec groups();
    void listDone(const QString &error);
    std::optional<Error> finishGroups();

    ApiClient &m_client;
    SnapshotWriter &m_writer;
    Options m_options;
    std::vector<std::unique_ptr<PagedFetch>> m_lists;
    std::unique_ptr<detail::GroupDeltaMerge> m_merge;
    std::vector<QByteArray> m_changes; // incremental pages, merged at the end
    QHash<QString, qint64> m_idOnly;   // collection -> entries with only an id
    bool m_incremental = false;
    QString m_deltaLink;
    QStringList m_warnings;
    int m_running = 0;
    QString m_error;
    bool m_finished = false;
};

} // namespace clr::remote
