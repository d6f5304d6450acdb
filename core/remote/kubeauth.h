// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/auth.h"
#include "remote/execplugin.h"
#include "remote/kubeconfig.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

namespace clr::remote {

/**
 * Credentials for a Kubernetes API server from a resolved kubeconfig context, as client-go builds
 * them: the cluster's CA (data over file), insecure-skip-tls-verify, tls-server-name and proxy-url;
 * a static token (tokenFile re-read after a 401), basic auth, a client certificate and key (RSA or
 * EC, data over file), or an exec plugin, which runs only when no static credential is given. The
 * plugin's credential is kept in memory until its expirationTimestamp and dropped on a 401.
 * Impersonation (as, one as-groups entry) becomes Impersonate-* headers.
 */
class KubeAuthenticator final : public QObject, public Authenticator
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeAuthenticator)

public:
    static Expected<std::shared_ptr<KubeAuthenticator>> create(const ResolvedContext &context, ExecHost host);
    ~KubeAuthenticator() override;

    void authorize(HttpRequest request, Ready ready) override;
    bool invalidate(const HttpRequest &used) override;
    void cancel() override;

    QUrl server() const { return m_server; }
    bool insecure() const { return m_baseTls->insecureSkipVerify; }
    /** How many times the exec plugin ran (for tests and the progress line). */
    int pluginRuns() const { return m_pluginRuns; }

private:
    explicit KubeAuthenticator(const ResolvedContext &context, ExecHost host);
    Expected<bool> setUp();
    void runPlugin();
    void apply(HttpRequest &request) const;
    void flushWaiters(const std::optional<Error> &error);

    ResolvedContext m_context;
    ExecHost m_host;
    QUrl m_server;
    std::shared_ptr<TlsSettings> m_baseTls;
    std::shared_ptr<const TlsSettings> m_execTls; // base + the plugin's client certificate
    QString m_token;
    bool m_useExec = false;
    std::optional<ExecCredential> m_credential;
    QPointer<ExecPlugin> m_plugin;
    std::vector<std::pair<HttpRequest, Ready>> m_waiting;
    int m_pluginRuns = 0;
};

/** PEM certificates (a bundle) or an error naming `what`. */
Expected<QList<QSslCertificate>> readCertificates(const QByteArray &pem, const QString &what);
/** A PEM private key, RSA or EC, PKCS#1/SEC1 or PKCS#8. */
Expected<QSslKey> readPrivateKey(const QByteArray &pem, const QString &what);

} // namespace clr::remote
