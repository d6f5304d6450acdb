// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/armfetch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace clr::remote {

namespace {

const QString kSubscriptionsApi = QStringLiteral("2022-12-01");
const QString kAuthorizationApi = QStringLiteral("2022-04-01");
const QString kContainerServiceApi = QStringLiteral("2024-02-01");

QString segmentAfter(const QString &id, const QString &name)
{
    const QStringList parts = id.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (int i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i].compare(name, Qt::CaseInsensitive) == 0)
            return parts[i + 1];
    }
    return {};
}

} // namespace

ArmFetch::ArmFetch(ApiClient &client, SnapshotWriter *writer, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_writer(writer), m_options(std::move(options))
{
}

ArmFetch::~ArmFetch() = default;

QUrl ArmFetch::url(const QString &path, const QString &apiVersion) const
{
    QUrl u = m_options.arm;
    u.setPath(m_options.arm.path() + path);
    u.setQuery(QStringLiteral("api-version=") + apiVersion);
    return u;
}

QString ArmFetch::explain(const HttpResponse &response, const PageSummary &summary, const QUrl &url)
{
    const QString request = describeRequest(url);
    if (response.authFailed)
        return QStringLiteral("%1: no Azure Resource Manager token: %2").arg(request, response.networkError);
    if (response.status == 0)
        return QStringLiteral("%1 failed: %2. Check the network, HTTPS_PROXY/NO_PROXY, and --ca-file for a TLS-inspecting proxy")
            .arg(request, response.networkError);
    const QString detail = summary.errorCode.empty() ? QString()
                                                     : QStringLiteral(" %1: %2").arg(QString::fromStdString(summary.errorCode),
                                                                                     QString::fromStdString(summary.errorMessage));
    switch (response.status) {
    case 401:
        return QStringLiteral("%1: Azure Resource Manager refused the token (401%2); sign in again").arg(request, detail);
    case 403:
        return QStringLiteral("%1: not authorized (403%2). The sign-in needs the Reader role on the subscription (it includes "
                              "Microsoft.Authorization/roleAssignments/read and roleDefinitions/read); or leave ARM out with --no-arm")
            .arg(request, detail);
    case 404:
        return QStringLiteral("%1: not found (404%2); check --subscription and --cluster").arg(request, detail);
    case 429:
    case 503:
        return QStringLiteral("%1: Azure Resource Manager is still throttling after %2 attempts (HTTP %3%4); try again later")
            .arg(request).arg(response.attempts).arg(response.status).arg(detail);
    default:
        return QStringLiteral("%1 failed with HTTP %2%3").arg(request).arg(response.status).arg(detail);
    }
}

QList<Subscription> ArmFetch::parseSubscriptions(const QByteArray &page)
{
    QList<Subscription> out;
    for (const auto &v : QJsonDocument::fromJson(page).object().value(QStringLiteral("value")).toArray()) {
        const QJsonObject o = v.toObject();
        Subscription s{o.value(QStringLiteral("subscriptionId")).toString(), o.value(QStringLiteral("displayName")).toString(),
                       o.value(QStringLiteral("state")).toString(), o.value(QStringLiteral("tenantId")).toString()};
        if (s.id.isEmpty())
            s.id = segmentAfter(o.value(QStringLiteral("id")).toString(), QStringLiteral("subscriptions"));
        if (!s.id.isEmpty())
            out << s;
    }
    return out;
}

QList<ManagedClusterInfo> ArmFetch::parseClusters(const QByteArray &page)
{
    QList<ManagedClusterInfo> out;
    for (const auto &v : QJsonDocument::fromJson(page).object().value(QStringLiteral("value")).toArray()) {
        const QJsonObject o = v.toObject();
        ManagedClusterInfo c;
        c.id = o.value(QStringLiteral("id")).toString();
        c.name = o.value(QStringLiteral("name")).toString();
        c.resourceGroup = segmentAfter(c.id, QStringLiteral("resourceGroups"));
        c.subscriptionId = segmentAfter(c.id, QStringLiteral("subscriptions"));
        const QJsonObject props = o.value(QStringLiteral("properties")).toObject();
        for (const char *key : {"fqdn", "privateFQDN", "azurePortalFQDN"}) {
            if (const QString f = props.value(QLatin1String(key)).toString(); !f.isEmpty())
                c.fqdns << f.toLower();
        }
        c.json = QJsonDocument(o).toJson(QJsonDocument::Compact);
        if (!c.id.isEmpty())
            out << c;
    }
    return out;
}

void ArmFetch::fail(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(error);
}

/** Small collections (subscriptions, clusters): every page kept in memory, then `then`. */
void ArmFetch::getAll(const QUrl &first, const QString &what, std::function<void(QList<QByteArray>)> then)
{
    auto pages = std::make_shared<QList<QByteArray>>();
    auto step = std::make_shared<std::function<void(QUrl)>>();
    *step = [this, pages, step, then, what](QUrl u) {
        HttpRequest r;
        r.url = u;
        r.label = what;
        m_client.send(std::move(r), [this, pages, step, then, u](HttpResponse response) {
            if (m_finished)
                return;
            if (response.cancelled) {
                fail(QStringLiteral("cancelled"));
                return;
            }
            const PageSummary summary = scanPage(std::string_view(response.body.constData(), std::size_t(response.body.size())));
            if (!response.success() || !summary.valid) {
                fail(response.success() ? QStringLiteral("%1 returned a body that is not JSON").arg(describeRequest(u))
                                        : explain(response, summary, u));
                return;
            }
            pages->append(response.body);
            ListProgress p{QStringLiteral("arm"), QStringLiteral("discovery"), int(pages->size()), 0, false};
            Q_EMIT progressed(p);
            if (!summary.nextLink.empty()) {
                (*step)(QUrl::fromEncoded(QByteArray::fromStdString(summary.nextLink), QUrl::StrictMode));
                return;
            }
            auto keep = step; // the chain ends: release the self-reference after this call
            *step = nullptr;
            then(*pages);
        });
    };
    (*step)(first);
}

void ArmFetch::start()
{
    getAll(url(QStringLiteral("/subscriptions"), kSubscriptionsApi), QStringLiteral("list subscriptions"), [this](QList<QByteArray> pages) {
        for (const QByteArray &page : pages)
            m_subscriptions += parseSubscriptions(page);
        for (const QString &wanted : m_options.subscriptions) {
            const bool visible = std::any_of(m_subscriptions.begin(), m_subscriptions.end(),
                                             [&](const Subscription &s) { return s.id.compare(wanted, Qt::CaseInsensitive) == 0; });
            if (!visible)
                m_warnings << QStringLiteral("subscription %1 is not visible to this sign-in; reading it anyway").arg(wanted);
        }
        listClusters();
    });
}

void ArmFetch::listClusters()
{
    QStringList candidates = m_options.subscriptions;
    if (candidates.isEmpty()) {
        for (const Subscription &s : std::as_const(m_subscriptions)) {
            if (s.state.isEmpty() || s.state == QLatin1String("Enabled"))
                candidates << s.id;
        }
    }
    if (candidates.isEmpty()) {
        fail(QStringLiteral("the Azure sign-in sees no enabled subscription; give one with --subscription, or leave ARM out with --no-arm"));
        return;
    }
    m_clusterLists = int(candidates.size());
    for (const QString &sub : candidates) {
        const QUrl first = url(QStringLiteral("/subscriptions/%1/providers/Microsoft.ContainerService/managedClusters").arg(sub), kContainerServiceApi);
        getAll(first, QStringLiteral("list AKS clusters"), [this](QList<QByteArray> pages) {
            for (const QByteArray &page : pages)
                m_clusters += parseClusters(page);
            if (--m_clusterLists == 0)
                chooseClusters();
        });
    }
}

void ArmFetch::chooseClusters()
{
    const QString wanted = m_options.cluster;
    for (const ManagedClusterInfo &c : std::as_const(m_clusters)) {
        if (!wanted.isEmpty()) {
            const QString rg = wanted.section(QLatin1Char('/'), 0, 0);
            const QString name = wanted.section(QLatin1Char('/'), 1);
            const bool match = wanted.contains(QLatin1Char('/')) ? (c.resourceGroup.compare(rg, Qt::CaseInsensitive) == 0
                                                                   && c.name.compare(name, Qt::CaseInsensitive) == 0)
                                                                 : c.name.compare(wanted, Qt::CaseInsensitive) == 0;
            if (match)
                m_chosen << c;
        } else if (!m_options.kubeServerHost.isEmpty() && c.fqdns.contains(m_options.kubeServerHost.toLower())) {
            m_chosen << c;
        }
    }
    if (!wanted.isEmpty() && m_chosen.isEmpty()) {
        fail(QStringLiteral("no AKS cluster %1 in the subscriptions read (%2 clusters found); check --cluster RG/NAME and --subscription")
                 .arg(wanted).arg(m_clusters.size()));
        return;
    }
    if (m_chosen.isEmpty() && m_clusters.size() == 1)
        m_chosen = m_clusters;
    if (m_chosen.isEmpty() && !m_clusters.isEmpty()) {
        m_warnings << QStringLiteral("%1 AKS clusters found and none matches the kubeconfig's server: all are kept; choose one with "
                                     "--cluster RG/NAME")
                          .arg(m_clusters.size());
        m_chosen = m_clusters;
    }
    if (m_options.listOnly) {
        m_finished = true;
        Q_EMIT finished(QString());
        return;
    }
    readRbac();
}

void ArmFetch::readRbac()
{
    m_read = m_options.subscriptions;
    if (m_read.isEmpty()) {
        for (const ManagedClusterInfo &c : std::as_const(m_chosen)) {
            if (!m_read.contains(c.subscriptionId, Qt::CaseInsensitive))
                m_read << c.subscriptionId;
        }
    }
    if (m_read.isEmpty()) {
        m_warnings << QStringLiteral("no AKS cluster found: the role assignments of every enabled subscription are read");
        for (const Subscription &s : std::as_const(m_subscriptions)) {
            if (s.state.isEmpty() || s.state == QLatin1String("Enabled"))
                m_read << s.id;
        }
    }
    QMap<QString, QList<QByteArray>> bySubscription;
    for (const ManagedClusterInfo &c : std::as_const(m_chosen))
        bySubscription[c.subscriptionId.toLower()] << c.json;
    for (auto it = bySubscription.begin(); it != bySubscription.end(); ++it) {
        QByteArray page = "{\"value\":[";
        for (int i = 0; i < it.value().size(); ++i)
            page += (i ? "," : "") + it.value()[i];
        page += "]}";
        if (auto error = m_writer->write(QStringLiteral("arm/%1/managedclusters.json").arg(it.key()), page)) {
            fail(error->message);
            return;
        }
    }
    for (const QString &sub : std::as_const(m_read)) {
        for (const auto &[path, name] : {std::pair{QStringLiteral("roleAssignments"), QStringLiteral("roleassignments")},
                                         std::pair{QStringLiteral("roleDefinitions"), QStringLiteral("roledefinitions")}}) {
            PagedFetch::Spec spec;
            spec.source = QStringLiteral("arm");
            spec.name = sub + QLatin1Char('/') + name;
            spec.filePrefix = QStringLiteral("arm/%1/%2").arg(sub.toLower(), name);
            spec.first = url(QStringLiteral("/subscriptions/%1/providers/Microsoft.Authorization/%2").arg(sub, path), kAuthorizationApi);
            spec.next = [](const PageSummary &page, const QUrl &) {
                return page.nextLink.empty() ? QUrl() : QUrl::fromEncoded(QByteArray::fromStdString(page.nextLink), QUrl::StrictMode);
            };
            spec.onError = [](const HttpResponse &response, const PageSummary &summary, const QUrl &u) {
                return PagedFetch::Reaction{PagedFetch::Reaction::Fail, Error{explain(response, summary, u)}, {}};
            };
            auto list = std::make_unique<PagedFetch>(m_client, *m_writer, std::move(spec));
            connect(list.get(), &PagedFetch::progressed, this, &ArmFetch::progressed);
            connect(list.get(), &PagedFetch::finished, this, &ArmFetch::listDone);
            m_lists.push_back(std::move(list));
        }
    }
    m_running = int(m_lists.size());
    if (m_running == 0) {
        m_finished = true;
        Q_EMIT finished(QString());
        return;
    }
    for (auto &list : m_lists)
        list->start();
}

void ArmFetch::listDone(const QString &error)
{
    --m_running;
    if (!error.isEmpty() && m_error.isEmpty()) {
        m_error = error;
        m_client.cancelAll();
    }
    if (m_running == 0 && !m_finished) {
        m_finished = true;
        Q_EMIT finished(m_error);
    }
}

QList<ListProgress> ArmFetch::lists() const
{
    QList<ListProgress> out;
    for (const auto &list : m_lists)
        out << list->progress();
    if (!m_chosen.isEmpty())
        out << ListProgress{QStringLiteral("arm"), QStringLiteral("managedclusters"), 1, m_chosen.size(), true};
    return out;
}

} // namespace clr::remote
