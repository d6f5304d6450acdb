// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/apiclient.h"
#include "remote/pagescan.h"
#include "remote/snapshotwriter.h"

#include <QObject>

#include <functional>
#include <optional>

namespace clr::remote {

/** Progress of one listed collection. */
struct ListProgress
{
    QString source;      // kubernetes, graph, arm
    QString name;        // clusterroles, users, ...
    int pages = 0;
    qint64 objects = 0;
    bool done = false;
};

/**
 * Walks one paged collection: GET the first URL, write each page to the snapshot as it arrives
 * (nothing else of it is kept), follow the next link until there is none. A page that is not
 * complete JSON is asked for again (twice at most). Service rules plug in as hooks.
 */
class PagedFetch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedFetch)

public:
    /** What to do about a response that is not a page. */
    struct Reaction
    {
        enum Kind { Fail, Restart } kind = Fail;
        Error error;   // Fail
        QUrl from;     // Restart: discard the pages written so far and start again here
    };

    struct Spec
    {
        QString source;
        QString name;
        QString filePrefix;                 // "kubernetes/clusterroles" -> kubernetes/clusterroles-0001.json
        QUrl first;
        QList<QPair<QByteArray, QByteArray>> headers;
        /** The next page's URL from this one; empty when done. */
        std::function<QUrl(const PageSummary &, const QUrl &current)> next;
        /** A failed response: fail with a message (default) or restart. */
        std::function<Reaction(const HttpResponse &, const PageSummary &, const QUrl &url)> onError;
        /** Called for each good page before it is written; may rewrite the body (empty = skip writing). */
        std::function<QByteArray(const PageSummary &, QByteArray body)> onPage;
        int maxRestarts = 3;
    };

    PagedFetch(ApiClient &client, SnapshotWriter &writer, Spec spec, QObject *parent = nullptr);

    void start();
    const ListProgress &progress() const { return m_progress; }

Q_SIGNALS:
    void progressed(const clr::remote::ListProgress &progress);
    /** Once; error empty on success. Cancelled fetches finish with the error "cancelled". */
    void finished(const QString &error);

private:
    void request(const QUrl &url);
    void onResponse(const QUrl &url, const HttpResponse &response);
    void fail(const QString &message);

    ApiClient &m_client;
    SnapshotWriter &m_writer;
    Spec m_spec;
    ListProgress m_progress;
    int m_invalidRetries = 0;
    int m_restarts = 0;
    bool m_finished = false;
};

/** "GET <url without query>" for messages (queries hold skip tokens, not secrets, but are long). */
QString describeRequest(const QUrl &url);

} // namespace clr::remote
