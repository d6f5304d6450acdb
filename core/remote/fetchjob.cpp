// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/fetchjob.h"

#include "remote/apiclient.h"
#include "remote/armfetch.h"
#include "remote/azurecredentials.h"
#include "remote/cloud.h"
#include "remote/graphfetch.h"
#include "remote/kubeauth.h"
#include "remote/kubeconfig.h"
#include "remote/kubefetch.h"
#include "remote/snapshotwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace clr::remote {

FetchJob::FetchJob(FetchOptions options, FetchServices services, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_services(std::move(services))
{
}

FetchJob::~FetchJob()
{
    // Fetchers first (they hold references to the clients and the writer), then the clients.
    m_kube.reset();
    m_graph.reset();
    m_arm.reset();
    m_kubeClient.reset();
    m_graphClient.reset();
    m_armClient.reset();
}

void FetchJob::start()
{
    m_running = true;
    if (auto error = prepare()) {
        QTimer::singleShot(0, this, [this, message = error->message] { fail(message); });
        return;
    }
    std::optional<Error> error;
    if (m_options.kubernetes)
        error = startKubernetes();
    if (!error && (m_options.graph || m_options.arm))
        error = startAzure();
    if (error) {
        m_error = error->message;
        cancel();
        if (m_pending == 0)
            QTimer::singleShot(0, this, [this] { fail(m_error); });
        return;
    }
    if (m_pending == 0)
        QTimer::singleShot(0, this, [this] { fail(QStringLiteral("nothing to fetch: every source is turned off")); });
}

std::optional<Error> FetchJob::prepare()
{
    if (!m_services.transport)
        return Error{QStringLiteral("no network transport (this build was not wired for network access)")};
    if (m_options.outDir.isEmpty())
        return Error{QStringLiteral("say where the snapshot goes (-o DIR)")};
    const QFileInfo target(m_options.outDir);
    if (m_options.refresh) {
        auto previous = SnapshotManifest::read(m_options.outDir);
        if (!previous)
            return previous.error();
        m_manifest.deltaLinks = previous->deltaLinks;
        m_manifest.tenantId = previous->tenantId;
    } else if (target.exists() && (!target.isDir() || !QDir(m_options.outDir).isEmpty())) {
        return Error{QStringLiteral("%1 already exists; choose a new folder, or update that snapshot with --refresh %1").arg(m_options.outDir)};
    }
    auto writer = SnapshotWriter::create(m_options.outDir);
    if (!writer)
        return writer.error();
    m_writer = std::move(writer).value();
    m_manifest.fetchedAt = QDateTime::currentDateTimeUtc();
    m_manifest.clearanceVersion = QStringLiteral(CLEARANCE_VERSION);
    return std::nullopt;
}

std::optional<Error> FetchJob::startKubernetes()
{
    const QProcessEnvironment &env = m_services.environment;
    KubeconfigSource source;
    source.explicitPath = m_options.kubeconfig;
    source.envValue = env.value(QStringLiteral("KUBECONFIG"));
    source.homeDir = env.value(QStringLiteral("HOME"), QDir::homePath());
    auto config = Kubeconfig::load(source);
    if (!config)
        return config.error();
    for (const QString &w : config->warnings())
        warn(w);
    auto resolved = config->resolve(m_options.context);
    if (!resolved)
        return resolved.error();
    auto auth = KubeAuthenticator::create(*resolved, m_services.exec);
    if (!auth)
        return auth.error();
    m_kubeAuth = *auth;
    if (m_kubeAuth->insecure())
        warn(QStringLiteral("TLS is NOT verified for cluster '%1' (%2): the kubeconfig %3 says insecure-skip-tls-verify. Anyone on "
                            "the network path can impersonate the API server")
                 .arg(resolved->cluster.name, resolved->cluster.server, resolved->cluster.origin));
    m_manifest.kubernetes = true;
    m_manifest.kubeconfig = m_options.kubeconfig;
    m_manifest.kubeconfigFiles = config->files();
    m_manifest.context = resolved->context.name;
    m_manifest.kubeCluster = resolved->cluster.name;
    m_manifest.kubeUser = resolved->user.name;
    m_manifest.server = resolved->cluster.server;
    m_manifest.insecure = m_kubeAuth->insecure();
    m_kubeClient = std::make_unique<ApiClient>(*m_services.transport, m_kubeAuth);
    m_kube = std::make_unique<KubeFetch>(*m_kubeClient, m_kubeAuth->server(), resolved->user.name, *m_writer);
    m_kube->setPageSize(m_options.kubePageSize);
    connect(m_kube.get(), &KubeFetch::progressed, this, &FetchJob::progressed);
    connect(m_kube.get(), &KubeFetch::finished, this, [this](const QString &error) { sourceDone(QStringLiteral("kubernetes"), error); });
    ++m_pending;
    m_kube->start();
    return std::nullopt;
}

std::optional<Error> FetchJob::startAzure()
{
    auto cloud = CloudEndpoints::resolve(m_options.cloud, m_options.loginUrl, m_options.graphUrl, m_options.armUrl);
    if (!cloud)
        return cloud.error();
    auto credential = makeCredential(m_options, m_services, *cloud);
    if (!credential)
        return credential.error();
    m_credential = *credential;
    m_manifest.cloud = cloud->name;
    m_manifest.loginUrl = m_options.loginUrl;
    m_manifest.graphUrl = m_options.graphUrl;
    m_manifest.armUrl = m_options.armUrl;
    m_manifest.auth = azureAuthName(m_options.auth);
    m_manifest.clientId = m_options.clientId;
    if (m_options.graph) {
        m_manifest.graph = true;
        GraphFetch::Options o;
        o.graph = cloud->graph;
        if (m_options.refresh) {
            o.previousDeltaLink = m_manifest.deltaLinks.value(QStringLiteral("groups"));
            auto previous = SnapshotManifest::read(m_options.outDir);
            for (const QString &f : previous ? previous->files : QStringList()) {
                if (f.startsWith(QLatin1String("graph/groups-")))
                    o.previousGroupFiles << QDir(m_options.outDir).filePath(f);
            }
        }
        m_graphClient = std::make_unique<ApiClient>(*m_services.transport, std::make_shared<AzureAuthenticator>(m_credential, cloud->graphResource));
        m_graph = std::make_unique<GraphFetch>(*m_graphClient, *m_writer, o);
        connect(m_graph.get(), &GraphFetch::progressed, this, &FetchJob::progressed);
        connect(m_graph.get(), &GraphFetch::finished, this, [this](const QString &error) { sourceDone(QStringLiteral("graph"), error); });
        ++m_pending;
        m_graph->start();
    }
    if (m_options.arm) {
        m_manifest.arm = true;
        m_manifest.subscriptions = m_options.subscriptions;
        m_manifest.clusterArg = m_options.cluster;
        ArmFetch::Options o;
        o.arm = cloud->arm;
        o.subscriptions = m_options.subscriptions;
        o.cluster = m_options.cluster;
        o.kubeServerHost = m_kubeAuth ? m_kubeAuth->server().host() : QString();
        m_armClient = std::make_unique<ApiClient>(*m_services.transport, std::make_shared<AzureAuthenticator>(m_credential, cloud->armResource));
        m_arm = std::make_unique<ArmFetch>(*m_armClient, m_writer.get(), o);
        connect(m_arm.get(), &ArmFetch::progressed, this, [this](const ListProgress &p) {
            if (p.name != QLatin1String("discovery"))
                Q_EMIT progressed(p);
        });
        connect(m_arm.get(), &ArmFetch::finished, this, [this](const QString &error) { sourceDone(QStringLiteral("arm"), error); });
        ++m_pending;
        m_arm->start();
    }
    return std::nullopt;
}

void FetchJob::warn(const QString &text)
{
    if (!m_manifest.warnings.contains(text))
        m_manifest.warnings << text;
    Q_EMIT message(text);
}

void FetchJob::sourceDone(const QString &source, const QString &error)
{
    --m_pending;
    if (!error.isEmpty() && m_error.isEmpty() && !(m_cancelled && error == QLatin1String("cancelled"))) {
        m_error = error;
        cancel(); // one source failed: the others stop, nothing is kept
    }
    Q_UNUSED(source);
    if (m_pending > 0)
        return;
    if (m_cancelled || !m_error.isEmpty()) {
        fail(m_error);
        return;
    }
    complete();
}

void FetchJob::complete()
{
    auto addLists = [this](const QList<ListProgress> &lists) {
        for (const ListProgress &p : lists)
            m_manifest.lists << ManifestList{p.source, p.name, p.pages, p.objects};
    };
    if (m_kube) {
        addLists(m_kube->lists());
        m_manifest.groupVersions = m_kube->groupVersions();
        for (const QString &w : m_kube->warnings())
            warn(w);
    }
    if (m_graph) {
        addLists(m_graph->lists());
        for (const QString &w : m_graph->warnings())
            warn(w);
        if (!m_graph->deltaLink().isEmpty())
            m_manifest.deltaLinks.insert(QStringLiteral("groups"), m_graph->deltaLink());
    }
    if (m_arm) {
        addLists(m_arm->lists());
        for (const QString &w : m_arm->warnings())
            warn(w);
        for (const Subscription &s : m_arm->subscriptions()) {
            if (m_arm->readSubscriptions().contains(s.id, Qt::CaseInsensitive))
                m_manifest.subscriptionNames.insert(s.id, s.name);
        }
        for (const ManagedClusterInfo &c : m_arm->chosenClusters())
            m_manifest.clusterIds << c.id;
    }
    if (m_credential && !m_credential->tenantId().isEmpty())
        m_manifest.tenantId = m_credential->tenantId();
    m_manifest.files = m_writer->files();
    if (auto error = m_writer->write(QLatin1String(SnapshotManifest::fileName), m_manifest.toJson())) {
        fail(error->message);
        return;
    }
    if (auto error = m_writer->commit()) {
        fail(error->message);
        return;
    }
    m_running = false;
    m_done = true;
    FetchResult result;
    result.ok = true;
    result.path = m_writer->target();
    result.manifest = m_manifest;
    emitFinished(std::move(result));
}

void FetchJob::emitFinished(FetchResult result)
{
    QTimer::singleShot(0, this, [this, result = std::move(result)] { Q_EMIT finished(result); });
}

void FetchJob::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_running = false;
    if (m_writer)
        m_writer->abort();
    FetchResult result;
    result.cancelled = m_cancelled && (error.isEmpty() || error == QLatin1String("cancelled"));
    result.error = result.cancelled ? QStringLiteral("cancelled; nothing was written") : error;
    result.manifest = m_manifest;
    emitFinished(std::move(result));
}

void FetchJob::cancel()
{
    if (m_done)
        return;
    if (m_error.isEmpty())
        m_cancelled = true;
    for (ApiClient *client : {m_kubeClient.get(), m_graphClient.get(), m_armClient.get()}) {
        if (client)
            client->cancelAll();
    }
    if (m_credential)
        m_credential->cancel();
    if (m_pending == 0 && m_running)
        QTimer::singleShot(0, this, [this] { fail(m_error); });
}

} // namespace clr::remote
