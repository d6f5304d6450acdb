// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/fetchoptions.h"

namespace clr::remote {

namespace {
const std::pair<AzureAuth, const char *> kAuthNames[] = {
    {AzureAuth::Auto, "auto"},
    {AzureAuth::AzureCli, "azure-cli"},
    {AzureAuth::Environment, "environment"},
    {AzureAuth::ManagedIdentity, "managed-identity"},
    {AzureAuth::DeviceCode, "device-code"},
    {AzureAuth::Browser, "browser"},
    {AzureAuth::ClientSecret, "client-secret"},
};
} // namespace

QString azureAuthName(AzureAuth auth)
{
    for (const auto &[a, name] : kAuthNames) {
        if (a == auth)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AzureAuth> parseAzureAuth(const QString &name)
{
    for (const auto &[a, n] : kAuthNames) {
        if (name == QLatin1String(n))
            return a;
    }
    return std::nullopt;
}

FetchOptions FetchOptions::fromManifest(const SnapshotManifest &m, const QString &dir)
{
    FetchOptions o;
    o.outDir = dir;
    o.refresh = true;
    o.kubernetes = m.kubernetes;
    o.graph = m.graph;
    o.arm = m.arm;
    o.kubeconfig = m.kubeconfig;
    o.context = m.context;
    o.subscriptions = m.subscriptions;
    o.cluster = m.clusterArg;
    o.auth = parseAzureAuth(m.auth).value_or(AzureAuth::Auto);
    o.tenant = m.tenantId;
    o.clientId = m.clientId;
    o.cloud = m.cloud.isEmpty() ? QStringLiteral("AzureCloud") : m.cloud;
    o.loginUrl = m.loginUrl;
    o.graphUrl = m.graphUrl;
    o.armUrl = m.armUrl;
    return o;
}

} // namespace clr::remote
