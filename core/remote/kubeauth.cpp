// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/kubeauth.h"

#include <QFile>
#include <QTimer>

namespace clr::remote {

namespace {

Expected<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1 %2: %3").arg(what, path, file.errorString())};
    return file.readAll();
}

/** Data wins over the file, as in client-go. */
Expected<QByteArray> dataOrFile(const QByteArray &data, const QString &file, const QString &what)
{
    if (!data.isEmpty() || file.isEmpty())
        return data;
    return readFile(file, what);
}

} // namespace

Expected<QList<QSslCertificate>> readCertificates(const QByteArray &pem, const QString &what)
{
    const auto certs = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certs.isEmpty())
        return Error{QStringLiteral("%1 holds no PEM certificate").arg(what)};
    return certs;
}

Expected<QSslKey> readPrivateKey(const QByteArray &pem, const QString &what)
{
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return Error{QStringLiteral("%1 is not a PEM RSA or EC private key (an encrypted key is not supported)").arg(what)};
}

KubeAuthenticator::KubeAuthenticator(const ResolvedContext &context, ExecHost host)
    : m_context(context), m_host(std::move(host)), m_baseTls(std::make_shared<TlsSettings>())
{
}

KubeAuthenticator::~KubeAuthenticator()
{
    if (m_plugin)
        m_plugin->disconnect(this);
}

Expected<std::shared_ptr<KubeAuthenticator>> KubeAuthenticator::create(const ResolvedContext &context, ExecHost host)
{
    std::shared_ptr<KubeAuthenticator> auth(new KubeAuthenticator(context, std::move(host)));
    if (auto ok = auth->setUp(); !ok)
        return ok.error();
    return auth;
}

Expected<bool> KubeAuthenticator::setUp()
{
    const KubeCluster &cluster = m_context.cluster;
    const KubeUser &user = m_context.user;
    const QString where = QStringLiteral("%1: cluster '%2'").arg(cluster.origin, cluster.name);
    m_server = QUrl(cluster.server);
    if (!m_server.isValid() || (m_server.scheme() != QLatin1String("https") && m_server.scheme() != QLatin1String("http")))
        return Error{QStringLiteral("%1: server '%2' is not an http(s) URL").arg(where, cluster.server)};
    auto ca = dataOrFile(cluster.certificateAuthorityData, cluster.certificateAuthority, QStringLiteral("cannot read the certificate authority"));
    if (!ca)
        return ca.error();
    if (!ca->isEmpty()) {
        auto certs = readCertificates(*ca, where + QStringLiteral(": certificate-authority"));
        if (!certs)
            return certs.error();
        m_baseTls->caCertificates = *certs;
    }
    m_baseTls->insecureSkipVerify = cluster.insecureSkipTlsVerify;
    m_baseTls->serverName = cluster.tlsServerName;
    if (!cluster.proxyUrl.isEmpty()) {
        m_baseTls->proxy = QUrl(cluster.proxyUrl);
        const QString scheme = m_baseTls->proxy.scheme();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("socks5"))
            return Error{QStringLiteral("%1: proxy-url '%2' must be http, https or socks5").arg(where, cluster.proxyUrl)};
    }
    const QString userWhere = QStringLiteral("%1: user '%2'").arg(user.origin, user.name);
    if (!user.authProvider.isEmpty())
        return Error{QStringLiteral("%1 uses the auth-provider '%2', which Kubernetes removed; convert the kubeconfig "
                                    "(for AKS: kubelogin convert-kubeconfig -l azurecli)")
                         .arg(userWhere, user.authProvider)};
    if (user.impersonateGroups.size() > 1)
        return Error{QStringLiteral("%1 impersonates several groups (as-groups); Clearance can send only one").arg(userWhere)};
    auto cert = dataOrFile(user.clientCertificateData, user.clientCertificate, QStringLiteral("cannot read the client certificate"));
    auto key = dataOrFile(user.clientKeyData, user.clientKey, QStringLiteral("cannot read the client key"));
    if (!cert)
        return cert.error();
    if (!key)
        return key.error();
    if (cert->isEmpty() != key->isEmpty())
        return Error{QStringLiteral("%1 has a client certificate without its key, or a key without its certificate").arg(userWhere)};
    if (!cert->isEmpty()) {
        auto certs = readCertificates(*cert, userWhere + QStringLiteral(": client certificate"));
        if (!certs)
            return certs.error();
        auto privateKey = readPrivateKey(*key, userWhere + QStringLiteral(": client key"));
        if (!privateKey)
            return privateKey.error();
        m_baseTls->clientCertificate = certs->first();
        m_baseTls->clientKey = *privateKey;
    }
    if (!user.tokenFile.isEmpty()) {
        auto token = readFile(user.tokenFile, QStringLiteral("cannot read the token file"));
        if (!token)
            return token.error();
        m_token = QString::fromUtf8(token->trimmed());
    } else {
        m_token = user.token;
    }
    const bool hasStatic = !m_token.isEmpty() || !user.username.isEmpty() || !cert->isEmpty();
    m_useExec = user.exec.has_value() && !hasStatic; // client-go: static credentials win over the plugin
    return true;
}

void KubeAuthenticator::apply(HttpRequest &request) const
{
    const KubeUser &user = m_context.user;
    request.tls = m_execTls ? m_execTls : m_baseTls;
    if (m_useExec && m_credential && !m_credential->token.isEmpty())
        request.setHeader("Authorization", "Bearer " + m_credential->token.toUtf8());
    else if (!m_token.isEmpty())
        request.setHeader("Authorization", "Bearer " + m_token.toUtf8());
    else if (!user.username.isEmpty())
        request.setHeader("Authorization", "Basic " + (user.username + QLatin1Char(':') + user.password).toUtf8().toBase64());
    if (!user.impersonate.isEmpty())
        request.setHeader("Impersonate-User", user.impersonate.toUtf8());
    if (!user.impersonateGroups.isEmpty())
        request.setHeader("Impersonate-Group", user.impersonateGroups.first().toUtf8());
}

void KubeAuthenticator::authorize(HttpRequest request, Ready ready)
{
    if (!m_useExec || (m_credential && !m_credential->expired(QDateTime::currentDateTimeUtc()))) {
        apply(request);
        ready(std::move(request));
        return;
    }
    m_waiting.emplace_back(std::move(request), std::move(ready));
    if (!m_plugin)
        runPlugin();
}

void KubeAuthenticator::runPlugin()
{
    ++m_pluginRuns;
    m_credential.reset();
    m_plugin = new ExecPlugin(m_context.user, m_context.cluster, m_host, this);
    QPointer<ExecPlugin> plugin = m_plugin;
    plugin->run([this, plugin](Expected<ExecCredential> result) {
        if (plugin)
            plugin->deleteLater();
        m_plugin = nullptr;
        if (!result) {
            flushWaiters(result.error());
            return;
        }
        m_credential = std::move(result).value();
        m_execTls.reset();
        if (!m_credential->clientCertificatePem.isEmpty()) {
            const QString what = QStringLiteral("the credential plugin's client certificate");
            auto certs = readCertificates(m_credential->clientCertificatePem, what);
            auto key = readPrivateKey(m_credential->clientKeyPem, QStringLiteral("the credential plugin's client key"));
            if (!certs || !key) {
                m_credential.reset();
                flushWaiters(!certs ? certs.error() : key.error());
                return;
            }
            auto tls = std::make_shared<TlsSettings>(*m_baseTls);
            tls->clientCertificate = certs->first();
            tls->clientKey = *key;
            m_execTls = tls;
        }
        flushWaiters(std::nullopt);
    });
}

void KubeAuthenticator::flushWaiters(const std::optional<Error> &error)
{
    auto waiting = std::move(m_waiting);
    m_waiting.clear();
    for (auto &[request, ready] : waiting) {
        if (error) {
            ready(*error);
            continue;
        }
        apply(request);
        ready(std::move(request));
    }
}

bool KubeAuthenticator::invalidate(const HttpRequest &used)
{
    if (m_useExec) {
        if (!m_credential)
            return true; // already running again for another request
        const bool sameToken = used.header("Authorization") == (m_credential->token.isEmpty() ? QByteArray() : "Bearer " + m_credential->token.toUtf8());
        const bool sameCert = used.tls == m_execTls || (!m_execTls && used.tls == m_baseTls);
        if (sameToken && sameCert) {
            m_credential.reset(); // the next authorize() runs the plugin again
            m_execTls.reset();
        }
        return true;
    }
    const QString tokenFile = m_context.user.tokenFile;
    if (!tokenFile.isEmpty()) { // the file may have been rotated since (projected service account tokens)
        QFile file(tokenFile);
        if (file.open(QIODevice::ReadOnly)) {
            const QString fresh = QString::fromUtf8(file.readAll().trimmed());
            const bool changed = fresh != m_token;
            m_token = fresh;
            return changed;
        }
    }
    return false;
}

void KubeAuthenticator::cancel()
{
    if (m_plugin)
        m_plugin->cancel();
}

} // namespace clr::remote
