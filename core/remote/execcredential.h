// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"
#include "remote/kubeconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace clr::remote {

/** What an exec credential plugin printed: a bearer token, or a client certificate and key. */
struct ExecCredential
{
    QString token;
    QByteArray clientCertificatePem;
    QByteArray clientKeyPem;
    QDateTime expiry; // invalid: valid until the server refuses it (client-go's rule)

    bool expired(const QDateTime &now) const { return expiry.isValid() && now >= expiry; }
};

/**
 * Reads a plugin's standard output as client-go does: an ExecCredential of exactly the apiVersion
 * the kubeconfig asked for, with a status holding a token or a certificate and key (both or
 * neither), and an optional RFC 3339 expirationTimestamp. Errors never quote the token or key.
 */
Expected<ExecCredential> parseExecCredential(const QByteArray &output, const QString &apiVersion);

/**
 * The KUBERNETES_EXEC_INFO value handed to the plugin: an ExecCredential with spec.interactive and,
 * when provideClusterInfo is set, spec.cluster (server, tls-server-name, insecure-skip-tls-verify,
 * certificate-authority-data, proxy-url, disable-compression, and the exec extension as config).
 */
QByteArray execInfo(const ExecConfig &exec, const KubeCluster &cluster, bool interactive);

} // namespace clr::remote
