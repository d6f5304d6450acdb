// SPDX-License-Identifier: GPL-3.0-or-later
// FakeCloud: faults, tokens and the Kubernetes API server.
#include "fakecloud.h"

#include <QJsonDocument>

namespace clr::fakes {

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

FakeResponse kubeStatus(int code, const QString &reason, const QString &message)
{
    return FakeResponse::json(toJson(QJsonObject{{QStringLiteral("kind"), QStringLiteral("Status")},
                                                 {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                                 {QStringLiteral("metadata"), QJsonObject{}},
                                                 {QStringLiteral("status"), QStringLiteral("Failure")},
                                                 {QStringLiteral("message"), message},
                                                 {QStringLiteral("reason"), reason},
                                                 {QStringLiteral("code"), code}}),
                              code);
}

struct KubeList
{
    const char *path;
    const char *resource;
    const char *kind;
    const char *apiVersion;
};

constexpr KubeList kKubeLists[] = {
    {"/apis/rbac.authorization.k8s.io/v1/clusterroles", "clusterroles", "ClusterRoleList", "rbac.authorization.k8s.io/v1"},
    {"/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "clusterrolebindings", "ClusterRoleBindingList", "rbac.authorization.k8s.io/v1"},
    {"/apis/rbac.authorization.k8s.io/v1/roles", "roles", "RoleList", "rbac.authorization.k8s.io/v1"},
    {"/apis/rbac.authorization.k8s.io/v1/rolebindings", "rolebindings", "RoleBindingList", "rbac.authorization.k8s.io/v1"},
    {"/api/v1/namespaces", "namespaces", "NamespaceList", "v1"},
    {"/api/v1/serviceaccounts", "serviceaccounts", "ServiceAccountList", "v1"},
    {"/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "customresourcedefinitions", "CustomResourceDefinitionList", "apiextensions.k8s.io/v1"},
};

} // namespace

FakeCloud::FakeCloud()
{
    m_kube = std::make_unique<FakeServer>(FakeServer::testTls());
    m_graph = std::make_unique<FakeServer>(FakeServer::testTls());
    m_arm = std::make_unique<FakeServer>(FakeServer::testTls());
    m_login = std::make_unique<FakeServer>(FakeServer::testTls());
    m_imds = std::make_unique<FakeServer>(std::nullopt);
    m_kube->setHandler([this](const FakeRequest &r, FakeServer::Reply reply) {
        if (!takeFault(*m_kube, r, reply))
            handleKube(r, reply);
    });
    m_graph->setHandler([this](const FakeRequest &r, FakeServer::Reply reply) {
        if (!takeFault(*m_graph, r, reply))
            handleGraph(r, reply);
    });
    m_arm->setHandler([this](const FakeRequest &r, FakeServer::Reply reply) {
        if (!takeFault(*m_arm, r, reply))
            handleArm(r, reply);
    });
    m_login->setHandler([this](const FakeRequest &r, FakeServer::Reply reply) {
        if (!takeFault(*m_login, r, reply))
            handleLogin(r, reply);
    });
    m_imds->setHandler([this](const FakeRequest &r, FakeServer::Reply reply) {
        if (!takeFault(*m_imds, r, reply))
            handleImds(r, reply);
    });
}

FakeCloud::~FakeCloud() = default;

bool FakeCloud::start()
{
    return m_kube->listen() && m_graph->listen() && m_arm->listen() && m_login->listen() && m_imds->listen();
}

void FakeCloud::addFault(FakeServer &server, const QString &pathPart, FakeResponse response, int times)
{
    m_faults << Fault{&server, pathPart, std::move(response), times};
}

bool FakeCloud::takeFault(FakeServer &server, const FakeRequest &request, const FakeServer::Reply &reply)
{
    const QString target = request.url.toString(QUrl::FullyEncoded);
    for (int i = 0; i < m_faults.size(); ++i) {
        Fault &f = m_faults[i];
        if (f.server != &server || !target.contains(f.pathPart))
            continue;
        FakeResponse response = f.response;
        if (--f.remaining <= 0)
            m_faults.removeAt(i);
        reply(response);
        return true;
    }
    return false;
}

QString FakeCloud::issueToken(const QString &audience, int lifetimeSeconds)
{
    const int lifetime = lifetimeSeconds >= 0 ? lifetimeSeconds : tokenLifetime;
    const QByteArray header = QByteArray(R"({"alg":"none","typ":"JWT"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject claims{{QStringLiteral("aud"), audience}, {QStringLiteral("tid"), tenantId}, {QStringLiteral("n"), ++m_counter}};
    const QString token = QString::fromLatin1(header) + QLatin1Char('.')
        + QString::fromLatin1(toJson(claims).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + QStringLiteral(".fakesig");
    m_tokens.insert(token, TokenInfo{audience, QDateTime::currentDateTimeUtc().addSecs(lifetime)});
    return token;
}

bool FakeCloud::validToken(const FakeRequest &request, const QString &audience) const
{
    const auto it = m_tokens.constFind(QString::fromLatin1(request.bearer()));
    return it != m_tokens.constEnd() && it->audience == audience && QDateTime::currentDateTimeUtc() < it->expires;
}

// ------------------------------------------------------------------------------------------------ Kubernetes

void FakeCloud::addKube(const QString &resource, const QJsonObject &object)
{
    m_kubeObjects[resource] << object;
}

QString FakeCloud::kubeIdentity(const FakeRequest &request) const
{
    if (const QString token = QString::fromLatin1(request.bearer()); !token.isEmpty())
        return kubeTokens.contains(token) ? QStringLiteral("token:") + token : QString();
    const QSslCertificate &cert = request.peerCertificate;
    if (cert.isNull() || cert.issuerInfo(QSslCertificate::CommonName).value(0) != QLatin1String("Clearance Test CA"))
        return {};
    const QString name = cert.subjectInfo(QSslCertificate::CommonName).value(0);
    return kubeClientNames.contains(name) ? QStringLiteral("cert:") + name : QString();
}

void FakeCloud::handleKube(const FakeRequest &request, const FakeServer::Reply &reply)
{
    const QString identity = kubeIdentity(request);
    if (identity.isEmpty()) {
        reply(kubeStatus(401, QStringLiteral("Unauthorized"), QStringLiteral("Unauthorized")));
        return;
    }
    kubeIdentities << identity;
    const QString path = request.path();
    if (path == QLatin1String("/api")) {
        reply(FakeResponse::json(R"({"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]})"));
        return;
    }
    if (path == QLatin1String("/apis")) {
        QByteArray groups = R"({"kind":"APIGroupList","apiVersion":"v1","groups":[)"
                            R"({"name":"rbac.authorization.k8s.io","versions":[{"groupVersion":"rbac.authorization.k8s.io/v1","version":"v1"}]},)"
                            R"({"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}]})";
        if (serveCrds)
            groups += R"(,{"name":"apiextensions.k8s.io","versions":[{"groupVersion":"apiextensions.k8s.io/v1","version":"v1"}]})";
        reply(FakeResponse::json(groups + "]}"));
        return;
    }
    for (const KubeList &list : kKubeLists) {
        if (path == QLatin1String(list.path)) {
            kubeList(QLatin1String(list.resource), request, reply);
            return;
        }
    }
    reply(kubeStatus(404, QStringLiteral("NotFound"), QStringLiteral("the server could not find the requested resource")));
}

void FakeCloud::kubeList(const QString &resource, const FakeRequest &request, const FakeServer::Reply &reply)
{
    const KubeList *list = nullptr;
    for (const KubeList &l : kKubeLists) {
        if (resource == QLatin1String(l.resource))
            list = &l;
    }
    if (kubeForbidden.contains(resource)) {
        reply(kubeStatus(403, QStringLiteral("Forbidden"),
                         QStringLiteral("%1 is forbidden: User \"someone\" cannot list resource \"%1\" at the cluster scope").arg(resource)));
        return;
    }
    int offset = 0;
    if (request.hasQuery(QStringLiteral("continue"))) {
        // The token carries '+', '/' and '=' on purpose: they must arrive percent-encoded.
        const QString token = request.query(QStringLiteral("continue"));
        if (!token.startsWith(QLatin1String("c+/=")) || !token.endsWith(QLatin1String("=="))) {
            reply(kubeStatus(400, QStringLiteral("BadRequest"), QStringLiteral("continue token mangled: ") + token));
            return;
        }
        if (expireContinue.value(resource) > 0) {
            --expireContinue[resource];
            reply(kubeStatus(410, QStringLiteral("Expired"),
                             QStringLiteral("The provided continue parameter is too old to display a consistent list result.")));
            return;
        }
        offset = token.mid(4, token.size() - 6).toInt();
    }
    const int limit = request.hasQuery(QStringLiteral("limit")) ? request.query(QStringLiteral("limit")).toInt() : 1 << 30;
    const QList<QJsonObject> &all = m_kubeObjects[resource];
    QJsonArray items;
    for (int i = offset; i < all.size() && items.size() < limit; ++i) {
        QJsonObject item = all[i];
        item.remove(QStringLiteral("kind")); // the API server's typed lists leave them out
        item.remove(QStringLiteral("apiVersion"));
        items.append(item);
    }
    QJsonObject metadata{{QStringLiteral("resourceVersion"), QStringLiteral("12345")}};
    if (offset + items.size() < all.size())
        metadata.insert(QStringLiteral("continue"), QStringLiteral("c+/=%1==").arg(offset + items.size()));
    // Go's encoding/json writes struct fields in order: kind, apiVersion, metadata, items
    // (QJsonDocument would sort them; kubeKindLast puts kind last, as a re-serialising proxy might).
    const QByteArray typeMeta = QByteArray("\"kind\":\"") + list->kind + "\",\"apiVersion\":\"" + list->apiVersion + "\"";
    const QByteArray rest = "\"metadata\":" + toJson(metadata) + ",\"items\":" + QJsonDocument(items).toJson(QJsonDocument::Compact);
    reply(FakeResponse::json(kubeKindLast ? "{" + rest + "," + typeMeta + "}" : "{" + typeMeta + "," + rest + "}"));
}

} // namespace clr::fakes
