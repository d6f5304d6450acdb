// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/graphfetch.h"

#include "groupdelta_p.h"

namespace clr::remote {

namespace {

const QString kUserSelect = QStringLiteral("id,displayName,userPrincipalName,mail,accountEnabled,userType");
const QString kServicePrincipalSelect =
    QStringLiteral("id,appId,displayName,servicePrincipalType,accountEnabled,appOwnerOrganizationId,alternativeNames");
const QString kGroupSelect = QStringLiteral("id,displayName,securityEnabled,mailEnabled,groupTypes,members");

QUrl graphUrl(const QUrl &base, const QString &path, const QString &query)
{
    QUrl url = base;
    url.setPath(base.path() + QStringLiteral("/v1.0/") + path);
    url.setQuery(query);
    return url;
}

/** Graph's links are followed exactly as given (their skip tokens are opaque). */
QUrl verbatim(const std::string &link)
{
    return QUrl::fromEncoded(QByteArray::fromStdString(link), QUrl::StrictMode);
}

QString errorText(const PageSummary &summary)
{
    if (summary.errorCode.empty())
        return {};
    return QString::fromStdString(summary.errorCode) + QStringLiteral(": ") + QString::fromStdString(summary.errorMessage);
}

} // namespace

GraphFetch::GraphFetch(ApiClient &client, SnapshotWriter &writer, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_writer(writer), m_options(std::move(options))
{
    m_incremental = !m_options.previousDeltaLink.isEmpty() && !m_options.previousGroupFiles.isEmpty();
}

GraphFetch::~GraphFetch() = default;

bool GraphFetch::needsResync(const HttpResponse &response, const PageSummary &summary)
{
    if (response.status != 400 && response.status != 410)
        return false;
    for (const std::string &code : {summary.errorCode, summary.innerErrorCode}) {
        for (const char *known : {"syncStateNotFound", "syncStateInvalid", "resyncRequired", "SyncStateNotFound"}) {
            if (code == known)
                return true;
        }
    }
    return false;
}

QString GraphFetch::explain(const HttpResponse &response, const PageSummary &summary, const QUrl &url, const QString &permission)
{
    const QString request = describeRequest(url);
    if (response.authFailed)
        return QStringLiteral("%1: no Microsoft Graph token: %2").arg(request, response.networkError);
    if (response.status == 0)
        return QStringLiteral("%1 failed: %2. Check the network, HTTPS_PROXY/NO_PROXY, and --ca-file for a TLS-inspecting proxy")
            .arg(request, response.networkError);
    const QString detail = errorText(summary);
    const QString suffix = detail.isEmpty() ? QString() : QStringLiteral(" ") + detail;
    switch (response.status) {
    case 401:
        return QStringLiteral("%1: Microsoft Graph refused the token (401%2); sign in again").arg(request, suffix);
    case 403:
        return QStringLiteral("%1: Microsoft Graph refused (403%2). The sign-in needs the Microsoft Graph permission %3 "
                              "(delegated or application, with admin consent); see the README's Connect section, or leave "
                              "Graph out with --no-graph")
            .arg(request, suffix, permission);
    case 429:
    case 503:
        return QStringLiteral("%1: Microsoft Graph is still throttling after %2 attempts (HTTP %3%4); try again later")
            .arg(request).arg(response.attempts).arg(response.status).arg(suffix);
    default:
        return QStringLiteral("%1 failed with HTTP %2%3").arg(request).arg(response.status).arg(suffix);
    }
}

PagedFetch::Spec GraphFetch::collection(const QString &name, const QString &path, const QString &select, const QString &permission)
{
    PagedFetch::Spec spec;
    spec.source = QStringLiteral("graph");
    spec.name = name;
    spec.filePrefix = QStringLiteral("graph/") + name;
    spec.first = graphUrl(m_options.graph, path, QStringLiteral("$select=%1&$top=999").arg(select));
    spec.next = [](const PageSummary &page, const QUrl &) { return page.nextLink.empty() ? QUrl() : verbatim(page.nextLink); };
    spec.onError = [permission](const HttpResponse &response, const PageSummary &summary, const QUrl &url) {
        return PagedFetch::Reaction{PagedFetch::Reaction::Fail, Error{explain(response, summary, url, permission)}, {}};
    };
    spec.onPage = [this, name](const PageSummary &page, QByteArray body) {
        m_idOnly[name] += page.idOnlyEntries;
        return body;
    };
    return spec;
}

PagedFetch::Spec GraphFetch::groups()
{
    PagedFetch::Spec spec;
    spec.source = QStringLiteral("graph");
    spec.name = QStringLiteral("groups");
    spec.filePrefix = QStringLiteral("graph/groups");
    const QUrl full = graphUrl(m_options.graph, QStringLiteral("groups/delta"), QStringLiteral("$select=%1").arg(kGroupSelect));
    spec.first = m_incremental ? verbatim(m_options.previousDeltaLink.toStdString()) : full;
    spec.next = [this](const PageSummary &page, const QUrl &) {
        if (!page.deltaLink.empty())
            m_deltaLink = QString::fromStdString(page.deltaLink);
        return page.nextLink.empty() ? QUrl() : verbatim(page.nextLink);
    };
    spec.onError = [this, full](const HttpResponse &response, const PageSummary &summary, const QUrl &url) {
        if (needsResync(response, summary)) {
            if (m_incremental)
                m_warnings << QStringLiteral("Microsoft Graph no longer knows the previous sync state (%1): groups were read in "
                                             "full instead of incrementally")
                                  .arg(QString::fromStdString(summary.errorCode.empty() ? summary.innerErrorCode : summary.errorCode));
            m_incremental = false;
            m_changes.clear();
            return PagedFetch::Reaction{PagedFetch::Reaction::Restart, {}, full};
        }
        return PagedFetch::Reaction{PagedFetch::Reaction::Fail, Error{explain(response, summary, url, QStringLiteral("GroupMember.Read.All"))}, {}};
    };
    spec.onPage = [this](const PageSummary &page, QByteArray body) {
        m_idOnly[QStringLiteral("groups")] += page.idOnlyEntries;
        if (!m_incremental)
            return body;
        m_changes.push_back(std::move(body)); // changes are small; merged into the old groups at the end
        return QByteArray();
    };
    return spec;
}

void GraphFetch::start()
{
    m_lists.push_back(std::make_unique<PagedFetch>(m_client, m_writer, collection(QStringLiteral("users"), QStringLiteral("users"), kUserSelect, QStringLiteral("User.Read.All"))));
    m_lists.push_back(std::make_unique<PagedFetch>(m_client, m_writer, groups()));
    m_lists.push_back(std::make_unique<PagedFetch>(
        m_client, m_writer,
        collection(QStringLiteral("serviceprincipals"), QStringLiteral("servicePrincipals"), kServicePrincipalSelect, QStringLiteral("Application.Read.All"))));
    m_running = int(m_lists.size());
    for (auto &list : m_lists) {
        connect(list.get(), &PagedFetch::progressed, this, &GraphFetch::progressed);
        connect(list.get(), &PagedFetch::finished, this, &GraphFetch::listDone);
    }
    for (auto &list : m_lists)
        list->start();
}

std::optional<Error> GraphFetch::finishGroups()
{
    if (!m_incremental)
        return std::nullopt;
    m_merge = std::make_unique<detail::GroupDeltaMerge>();
    if (auto error = m_merge->loadBase(m_options.previousGroupFiles))
        return error;
    for (std::size_t i = 0; i < m_changes.size(); ++i) {
        if (auto error = m_merge->apply(m_changes[i], QStringLiteral("groups/delta page %1").arg(i + 1)))
            return error;
    }
    m_changes.clear();
    return m_merge->write(m_writer, QStringLiteral("graph/groups"));
}

void GraphFetch::listDone(const QString &error)
{
    --m_running;
    if (!error.isEmpty() && m_error.isEmpty()) {
        m_error = error;
        m_client.cancelAll();
    }
    if (m_running > 0 || m_finished)
        return;
    if (m_error.isEmpty()) {
        if (auto e = finishGroups())
            m_error = e->message;
    }
    static const QList<std::pair<QString, QString>> permissions = {
        {QStringLiteral("users"), QStringLiteral("User.Read.All")},
        {QStringLiteral("groups"), QStringLiteral("GroupMember.Read.All")},
        {QStringLiteral("serviceprincipals"), QStringLiteral("Application.Read.All")}};
    for (const auto &[name, permission] : permissions) {
        if (const qint64 n = m_idOnly.value(name); n > 0)
            m_warnings << QStringLiteral("Microsoft Graph returned %1 %2 with nothing but an id: the sign-in lacks %3 (or its admin "
                                         "consent), so names and memberships are missing. Grant %3 and fetch again")
                              .arg(n).arg(name, permission);
    }
    m_finished = true;
    Q_EMIT finished(m_error);
}

QList<ListProgress> GraphFetch::lists() const
{
    QList<ListProgress> out;
    for (const auto &list : m_lists) {
        ListProgress p = list->progress();
        if (p.name == QLatin1String("groups") && m_merge)
            p.objects = m_merge->groups(); // after a refresh: the merged count, not the changes
        out << p;
    }
    return out;
}

} // namespace clr::remote
