// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/execcredential.h"

#include <QFile>

#include <nlohmann/json.hpp>

namespace clr::remote {

namespace {

using nlohmann::json;

QString stringField(const json &obj, const char *key, bool *wrongType)
{
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return {};
    if (!it->is_string()) {
        *wrongType = true;
        return {};
    }
    return QString::fromStdString(it->get<std::string>());
}

} // namespace

Expected<ExecCredential> parseExecCredential(const QByteArray &output, const QString &apiVersion)
{
    json doc;
    try {
        doc = json::parse(output.constData(), output.constData() + output.size());
    } catch (const json::parse_error &e) {
        // Not e.what(): nlohmann quotes the last token read, which may be part of a token.
        return Error{QStringLiteral("the plugin's output is not an ExecCredential in JSON (invalid at byte %1 of %2)")
                         .arg(e.byte).arg(output.size())};
    } catch (const json::exception &) {
        return Error{QStringLiteral("the plugin's output is not an ExecCredential in JSON")};
    }
    if (!doc.is_object())
        return Error{QStringLiteral("the plugin's output is not a JSON object")};
    bool wrongType = false;
    const QString kind = stringField(doc, "kind", &wrongType);
    const QString version = stringField(doc, "apiVersion", &wrongType);
    if (kind != QLatin1String("ExecCredential"))
        return Error{QStringLiteral("the plugin printed kind '%1', not ExecCredential").arg(kind)};
    if (version != apiVersion)
        return Error{QStringLiteral("the plugin is configured to use API version %1 but returned version %2").arg(apiVersion, version)};
    const auto status = doc.find("status");
    if (status == doc.end() || !status->is_object())
        return Error{QStringLiteral("the plugin didn't return a status field")};
    ExecCredential out;
    out.token = stringField(*status, "token", &wrongType);
    out.clientCertificatePem = stringField(*status, "clientCertificateData", &wrongType).toUtf8();
    out.clientKeyPem = stringField(*status, "clientKeyData", &wrongType).toUtf8();
    const QString expiry = stringField(*status, "expirationTimestamp", &wrongType);
    if (wrongType)
        return Error{QStringLiteral("the plugin's status has a field of the wrong type (token, clientCertificateData, "
                                    "clientKeyData and expirationTimestamp are strings)")};
    if (out.token.isEmpty() && out.clientCertificatePem.isEmpty() && out.clientKeyPem.isEmpty())
        return Error{QStringLiteral("the plugin didn't return a token or cert/key pair")};
    if (out.clientCertificatePem.isEmpty() != out.clientKeyPem.isEmpty())
        return Error{QStringLiteral("the plugin returned only certificate or key, not both")};
    if (!expiry.isEmpty()) {
        out.expiry = QDateTime::fromString(expiry, Qt::ISODateWithMs);
        if (!out.expiry.isValid())
            return Error{QStringLiteral("the plugin's expirationTimestamp '%1' is not an RFC 3339 time").arg(expiry)};
    }
    return out;
}

QByteArray execInfo(const ExecConfig &exec, const KubeCluster &cluster, bool interactive)
{
    json info = {{"kind", "ExecCredential"},
                 {"apiVersion", exec.apiVersion.toStdString()},
                 {"spec", {{"interactive", interactive}}}};
    if (exec.provideClusterInfo) {
        QByteArray ca = cluster.certificateAuthorityData;
        if (ca.isEmpty() && !cluster.certificateAuthority.isEmpty()) {
            QFile file(cluster.certificateAuthority);
            if (file.open(QIODevice::ReadOnly))
                ca = file.readAll(); // client-go hands the plugin the CA bytes, read from the file
        }
        json c = {{"server", cluster.server.toStdString()}};
        if (!cluster.tlsServerName.isEmpty())
            c["tls-server-name"] = cluster.tlsServerName.toStdString();
        if (cluster.insecureSkipTlsVerify)
            c["insecure-skip-tls-verify"] = true;
        if (!ca.isEmpty())
            c["certificate-authority-data"] = ca.toBase64().toStdString();
        if (!cluster.proxyUrl.isEmpty())
            c["proxy-url"] = cluster.proxyUrl.toStdString();
        if (cluster.disableCompression)
            c["disable-compression"] = true;
        if (!cluster.execExtension.isEmpty()) {
            try {
                c["config"] = json::parse(cluster.execExtension.toStdString());
            } catch (const json::exception &) {
                // written by our own converter; an unreadable extension is left out rather than guessed
            }
        }
        info["spec"]["cluster"] = std::move(c);
    }
    return QByteArray::fromStdString(info.dump());
}

} // namespace clr::remote
