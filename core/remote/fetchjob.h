// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/fetchoptions.h"
#include "remote/manifest.h"
#include "remote/pagedfetch.h"

#include <QObject>

#include <memory>

namespace clr::remote {

class ApiClient;
class ArmFetch;
class GraphFetch;
class KubeAuthenticator;
class KubeFetch;
class SnapshotWriter;
class TokenCredential;

struct FetchResult
{
    bool ok = false;
    bool cancelled = false;
    QString error;        // what failed and what to do (empty when ok)
    QString path;         // the snapshot folder (when ok)
    SnapshotManifest manifest;
};

/**
 * One fetch (or refresh) of a snapshot: the Kubernetes API from the kubeconfig, Microsoft Graph and
 * ARM with the chosen Azure sign-in, side by side, every page streamed into a temporary folder that
 * becomes the snapshot only when everything succeeded. Asynchronous on the caller's event loop
 * (network and processes never block it). A failure of any source fails the whole fetch, so a
 * snapshot is never silently partial; Cancel and errors leave nothing behind.
 */
class FetchJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchJob)

public:
    FetchJob(FetchOptions options, FetchServices services, QObject *parent = nullptr);
    ~FetchJob() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const FetchOptions &options() const { return m_options; }

Q_SIGNALS:
    void progressed(const clr::remote::ListProgress &progress);
    /** A warning or a note for the user (insecure TLS, missing permission, plugin output...). */
    void message(const QString &text);
    /** Once, always from the event loop (never from within start() or cancel()). */
    void finished(const clr::remote::FetchResult &result);

private:
    std::optional<Error> prepare();
    std::optional<Error> startKubernetes();
    std::optional<Error> startAzure();
    void sourceDone(const QString &source, const QString &error);
    void complete();
    void fail(const QString &error);
    void emitFinished(FetchResult result);
    void warn(const QString &text);

    FetchOptions m_options;
    FetchServices m_services;
    SnapshotManifest m_manifest;
    std::unique_ptr<SnapshotWriter> m_writer;
    std::shared_ptr<KubeAuthenticator> m_kubeAuth;
    std::unique_ptr<ApiClient> m_kubeClient;
    std::unique_ptr<KubeFetch> m_kube;
    std::shared_ptr<TokenCredential> m_credential;
    std::unique_ptr<ApiClient> m_graphClient;
    std::unique_ptr<ApiClient> m_armClient;
    std::unique_ptr<GraphFetch> m_graph;
    std::unique_ptr<ArmFetch> m_arm;
    int m_pending = 0;
    QString m_error;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace clr::remote
