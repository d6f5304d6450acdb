// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/kubefetch.h"

#include <nlohmann/json.hpp>

namespace clr::remote {

namespace {

/** `body` (a JSON object) with kind and apiVersion moved to the front, other members in their
 *  order; unchanged when it does not parse (the loader then reports it with its position). */
QByteArray kindFirst(const QByteArray &body)
{
    const auto page = nlohmann::ordered_json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!page.is_object())
        return body;
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const char *key : {"kind", "apiVersion"})
        if (const auto it = page.find(key); it != page.end())
            out[key] = *it;
    for (const auto &[key, value] : page.items())
        if (key != "kind" && key != "apiVersion")
            out[key] = value;
    return QByteArray::fromStdString(out.dump());
}

struct ListDef
{
    const char *path;
    const char *name;
    const char *groupVersion;
};

// The order is the order the lists start in; they run side by side.
constexpr ListDef kLists[] = {
    {"/apis/rbac.authorization.k8s.io/v1/clusterroles", "clusterroles", "rbac.authorization.k8s.io/v1"},
    {"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "clusterrolebindings", "rbac.authorization.k8s.io/v1"},
    {"/apis/rbac.authorization.k8s.io/v1/roles", "roles", "rbac.authorization.k8s.io/v1"},
    {"/apis/rbac.authorization.k8s.io/v1/rolebindings", "rolebindings", "rbac.authorization.k8s.io/v1"},
    {"/api/v1/namespaces", "namespaces", "v1"},
    {"/api/v1/serviceaccounts", "serviceaccounts", "v1"},
    {"/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "customresourcedefinitions", "apiextensions.k8s.io/v1"},
};

QUrl withPath(const QUrl &server, const QString &path)
{
    QUrl url = server;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

QString bodyMessage(const PageSummary &summary)
{
    return QString::fromStdString(summary.errorMessage.empty() ? summary.errorCode : summary.errorMessage);
}

} // namespace

QStringList parseDiscovery(const QByteArray &api, const QByteArray &apis)
{
    QStringList out;
    using nlohmann::json;
    const json core = json::parse(api.constData(), api.constData() + api.size(), nullptr, false);
    if (core.is_object()) {
        if (const auto v = core.find("versions"); v != core.end() && v->is_array()) {
            for (const auto &version : *v) {
                if (version.is_string())
                    out << QString::fromStdString(version.get<std::string>());
            }
        }
    }
    const json groups = json::parse(apis.constData(), apis.constData() + apis.size(), nullptr, false);
    if (groups.is_object()) {
        if (const auto g = groups.find("groups"); g != groups.end() && g->is_array()) {
            for (const auto &group : *g) {
                const auto versions = group.is_object() ? group.find("versions") : group.end();
                if (!group.is_object() || versions == group.end() || !versions->is_array())
                    continue;
                for (const auto &v : *versions) {
                    const auto gv = v.is_object() ? v.find("groupVersion") : v.end();
                    if (v.is_object() && gv != v.end() && gv->is_string())
                        out << QString::fromStdString(gv->get<std::string>());
                }
            }
        }
    }
    return out;
}

QString KubeFetch::explain(const HttpResponse &response, const PageSummary &summary, const QUrl &url, const QString &user)
{
    const QString request = describeRequest(url);
    if (response.authFailed)
        return QStringLiteral("%1: no credentials: %2").arg(request, response.networkError);
    if (response.status == 0)
        return QStringLiteral("%1 failed: %2. Check that the server in the kubeconfig is reachable from here (VPN, proxy "
                              "settings HTTPS_PROXY/NO_PROXY, --ca-file for a TLS-inspecting proxy)")
            .arg(request, response.networkError);
    const QString detail = bodyMessage(summary);
    const QString suffix = detail.isEmpty() ? QString() : QStringLiteral(": ") + detail;
    switch (response.status) {
    case 401:
        return QStringLiteral("%1: the API server refused the credentials of kubeconfig user '%2' (401 Unauthorized%3). Sign "
                              "in again (for AKS: az login, or kubelogin) or fix the kubeconfig")
            .arg(request, user, suffix);
    case 403:
        return QStringLiteral("%1: kubeconfig user '%2' may not read this (403 Forbidden%3). Bind it to the read-only "
                              "ClusterRole in the README's Connect section")
            .arg(request, user, suffix);
    case 404:
        return QStringLiteral("%1: not found (404%2); is the server in the kubeconfig a Kubernetes API server?").arg(request, suffix);
    case 429:
    case 503:
        return QStringLiteral("%1: the API server is still throttling after %2 attempts (HTTP %3%4); try again later")
            .arg(request).arg(response.attempts).arg(response.status).arg(suffix);
    default:
        return QStringLiteral("%1 failed with HTTP %2%3").arg(request).arg(response.status).arg(suffix);
    }
}

KubeFetch::KubeFetch(ApiClient &client, QUrl server, QString userName, SnapshotWriter &writer, QObject *parent)
    : QObject(parent), m_client(client), m_server(std::move(server)), m_user(std::move(userName)), m_writer(writer)
{
}

void KubeFetch::start()
{
    discover(QStringLiteral("/api"), [this](const QByteArray &api) {
        discover(QStringLiteral("/apis"), [this, api](const QByteArray &apis) {
            m_groupVersions = parseDiscovery(api, apis);
            startLists();
        });
    });
}

void KubeFetch::discover(const QString &path, std::function<void(const QByteArray &)> then)
{
    HttpRequest r;
    r.url = withPath(m_server, path);
    r.setHeader("Accept", "application/json");
    r.label = QStringLiteral("kubernetes discovery");
    m_client.send(std::move(r), [this, then, url = withPath(m_server, path)](HttpResponse response) {
        if (m_finished)
            return;
        if (response.cancelled) {
            m_finished = true;
            Q_EMIT finished(QStringLiteral("cancelled"));
            return;
        }
        if (!response.success()) {
            m_finished = true;
            const PageSummary summary = scanPage(std::string_view(response.body.constData(), std::size_t(response.body.size())));
            Q_EMIT finished(explain(response, summary, url, m_user));
            return;
        }
        then(response.body);
    });
}

PagedFetch::Spec KubeFetch::listSpec(const QString &path, const QString &name)
{
    PagedFetch::Spec spec;
    spec.source = QStringLiteral("kubernetes");
    spec.name = name;
    spec.filePrefix = QStringLiteral("kubernetes/") + name;
    QUrl first = withPath(m_server, path);
    first.setQuery(QStringLiteral("limit=%1").arg(m_pageSize));
    spec.first = first;
    spec.next = [first](const PageSummary &page, const QUrl &) {
        if (page.continueToken.empty())
            return QUrl();
        // Continue tokens are base64: '+' and '/' must reach the server percent-encoded.
        QUrl next = first;
        next.setQuery(first.query(QUrl::FullyEncoded) + QStringLiteral("&continue=")
                          + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(page.continueToken))),
                      QUrl::StrictMode);
        return next;
    };
    // The API server writes kind before items (Go's field order), which lets the loaders give the
    // items of a typed list (RoleList) their kind while streaming. A page with kind last is written
    // again with kind and apiVersion first, each once (a key given twice is a load warning).
    spec.onPage = [](const PageSummary &page, QByteArray body) {
        const int kindAt = body.indexOf("\"kind\"");
        const int itemsAt = body.indexOf("\"items\"");
        if (page.kind.empty() || itemsAt < 0 || kindAt < itemsAt)
            return body;
        return kindFirst(body);
    };
    const QString user = m_user;
    spec.onError = [first, user](const HttpResponse &response, const PageSummary &summary, const QUrl &url) {
        // An expired continue token: the list is read again from the start, as client-go's pager does.
        if (response.status == 410 && url.query().contains(QLatin1String("continue=")))
            return PagedFetch::Reaction{PagedFetch::Reaction::Restart, {}, first};
        return PagedFetch::Reaction{PagedFetch::Reaction::Fail, Error{explain(response, summary, url, user)}, {}};
    };
    return spec;
}

void KubeFetch::startLists()
{
    for (const ListDef &def : kLists) {
        const QString groupVersion = QString::fromLatin1(def.groupVersion);
        if (!m_groupVersions.contains(groupVersion)) {
            if (groupVersion.startsWith(QLatin1String("rbac."))) {
                m_finished = true;
                Q_EMIT finished(QStringLiteral("the API server at %1 does not serve %2 (RBAC); Clearance needs it")
                                    .arg(m_server.toString(), groupVersion));
                return;
            }
            m_warnings << QStringLiteral("the API server does not serve %1: %2 not read").arg(groupVersion, QString::fromLatin1(def.name));
            continue;
        }
        auto list = std::make_unique<PagedFetch>(m_client, m_writer, listSpec(QString::fromLatin1(def.path), QString::fromLatin1(def.name)));
        connect(list.get(), &PagedFetch::progressed, this, &KubeFetch::progressed);
        connect(list.get(), &PagedFetch::finished, this, &KubeFetch::listDone);
        m_lists.push_back(std::move(list));
    }
    m_running = int(m_lists.size());
    for (auto &list : m_lists)
        list->start();
}

void KubeFetch::listDone(const QString &error)
{
    --m_running;
    if (!error.isEmpty() && m_error.isEmpty()) {
        m_error = error;
        m_client.cancelAll(); // one list failed: the snapshot would be incomplete, stop the others
    }
    if (m_running == 0 && !m_finished) {
        m_finished = true;
        Q_EMIT finished(m_error);
    }
}

QList<ListProgress> KubeFetch::lists() const
{
    QList<ListProgress> out;
    for (const auto &list : m_lists)
        out << list->progress();
    return out;
}

} // namespace clr::remote
