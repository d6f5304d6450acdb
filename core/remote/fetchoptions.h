// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/execplugin.h"
#include "remote/expected.h"
#include "remote/http.h"
#include "remote/manifest.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace clr::remote {

class SecretStore;

/** How to sign in to Azure (Microsoft Graph and ARM). */
enum class AzureAuth {
    Auto,            // the Azure CLI's session, else the AZURE_* environment
    AzureCli,        // az account get-access-token
    Environment,     // AZURE_TENANT_ID, AZURE_CLIENT_ID + secret, certificate or federated token file
    ManagedIdentity, // IMDS (only when asked for)
    DeviceCode,      // interactive, with a client ID the user registered (CLI)
    Browser,         // interactive: authorization code with PKCE on a loopback redirect (GUI)
    ClientSecret,    // a service principal whose secret was entered in the window: kept in the keychain (GUI)
};

QString azureAuthName(AzureAuth auth);
std::optional<AzureAuth> parseAzureAuth(const QString &name);

/** What `clearance fetch` (or File → Connect…) reads and where it writes it. */
struct FetchOptions
{
    QString outDir;
    bool refresh = false;          // update outDir in place: Graph incrementally from its deltaLinks
    bool kubernetes = true;
    bool graph = true;
    bool arm = true;
    QString kubeconfig;            // --kubeconfig
    QString context;               // --context
    int kubePageSize = 500;        // limit per Kubernetes list page
    QStringList subscriptions;     // --subscription, repeatable; empty: the cluster's (or every enabled one)
    QString cluster;               // --cluster RG/NAME
    AzureAuth auth = AzureAuth::Auto;
    QString tenant;                // --tenant (device code, browser; environment reads AZURE_TENANT_ID)
    QString clientId;              // --client-id (device code, browser; managed identity: user-assigned)
    /** ClientSecret: a secret just entered (stored in the SecretStore, never in the manifest); empty: the stored one. */
    QString clientSecret;
    QString cloud = QStringLiteral("AzureCloud");
    QString loginUrl, graphUrl, armUrl;

    /** The options a snapshot was fetched with, to refresh it. */
    static FetchOptions fromManifest(const SnapshotManifest &manifest, const QString &dir);
};

/** What the host (CLI or GUI) provides. The transport and the secret store are not owned. */
struct FetchServices
{
    HttpTransport *transport = nullptr;
    SecretStore *secrets = nullptr;      // refresh tokens of interactive sign-ins
    ExecHost exec;                       // credential plugins: consent, terminal, stderr
    /** Text the user must see now (device code, plugin notes); `copy` is what a Copy button copies. */
    std::function<void(const QString &text, const QString &copy)> notice;
    /** Opens a URL in the browser (GUI sign-in); null on the CLI. */
    std::function<bool(const QUrl &)> openBrowser;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    QString azCommand = QStringLiteral("az"); // the Azure CLI executable
};

} // namespace clr::remote
