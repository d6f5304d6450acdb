// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/pagedfetch.h"

namespace clr::remote {

QString describeRequest(const QUrl &url)
{
    return QStringLiteral("GET ") + url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

PagedFetch::PagedFetch(ApiClient &client, SnapshotWriter &writer, Spec spec, QObject *parent)
    : QObject(parent), m_client(client), m_writer(writer), m_spec(std::move(spec))
{
    m_progress.source = m_spec.source;
    m_progress.name = m_spec.name;
}

void PagedFetch::start()
{
    request(m_spec.first);
}

void PagedFetch::request(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    r.headers = m_spec.headers;
    r.setHeader("Accept", "application/json");
    r.label = m_spec.source + QLatin1Char(' ') + m_spec.name;
    m_client.send(std::move(r), [this, url](HttpResponse response) { onResponse(url, response); });
}

void PagedFetch::fail(const QString &message)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(message);
}

void PagedFetch::onResponse(const QUrl &url, const HttpResponse &response)
{
    if (m_finished)
        return;
    if (response.cancelled) {
        fail(QStringLiteral("cancelled"));
        return;
    }
    const PageSummary summary = response.body.isEmpty() ? PageSummary{} : scanPage(std::string_view(response.body.constData(), std::size_t(response.body.size())));
    if (!response.success()) {
        const Reaction reaction = m_spec.onError ? m_spec.onError(response, summary, url) : Reaction{Reaction::Fail, Error{}, {}};
        if (reaction.kind == Reaction::Restart && m_restarts < m_spec.maxRestarts) {
            ++m_restarts;
            m_writer.remove(m_spec.filePrefix + QLatin1Char('-'));
            m_progress.pages = 0;
            m_progress.objects = 0;
            Q_EMIT progressed(m_progress);
            request(reaction.from);
            return;
        }
        fail(reaction.error.message.isEmpty() ? QStringLiteral("%1 failed (HTTP %2)").arg(describeRequest(url)).arg(response.status)
                                              : reaction.error.message);
        return;
    }
    if (!summary.valid) {
        if (++m_invalidRetries <= 2) {
            request(url);
            return;
        }
        fail(QStringLiteral("%1 returned a body that is not complete JSON three times (%2); the connection or a proxy cuts "
                            "responses short: try again, or check the proxy")
                 .arg(describeRequest(url), QString::fromStdString(summary.parseError)));
        return;
    }
    m_invalidRetries = 0;
    QByteArray body = m_spec.onPage ? m_spec.onPage(summary, response.body) : response.body;
    if (!body.isEmpty()) {
        const QString file = QStringLiteral("%1-%2.json").arg(m_spec.filePrefix).arg(m_progress.pages + 1, 4, 10, QLatin1Char('0'));
        if (auto error = m_writer.write(file, body)) {
            fail(error->message);
            return;
        }
    }
    ++m_progress.pages;
    m_progress.objects += summary.entries;
    const QUrl next = m_spec.next ? m_spec.next(summary, url) : QUrl();
    m_progress.done = next.isEmpty();
    Q_EMIT progressed(m_progress);
    if (next.isEmpty()) {
        m_finished = true;
        Q_EMIT finished(QString());
        return;
    }
    request(next);
}

} // namespace clr::remote
