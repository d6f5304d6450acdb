// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadworker.h"

#include "load/loader.h"

#include <QElapsedTimer>

#include <exception>

namespace clr::ui {

void LoadWorker::run(quint64 generation, const LoadRequest &request, const std::shared_ptr<std::atomic<bool>> &cancel)
{
    try {
        SessionPtr session = build(generation, request, *cancel);
        if (session)
            Q_EMIT finished(generation, session);
        else
            Q_EMIT cancelled(generation);
    } catch (const std::exception &e) {
        // The loader never throws by contract; this catches what no contract covers (out of memory).
        Q_EMIT failed(generation, QString::fromLocal8Bit(e.what()));
    }
}

SessionPtr LoadWorker::build(quint64 generation, const LoadRequest &request, const std::atomic<bool> &cancel)
{
    QElapsedTimer timer;
    timer.start();
    LoadOptions options;
    options.cancel = &cancel;
    options.progress = [this, generation](qint64 done, qint64 total) { Q_EMIT progress(generation, done, total); };
    Q_EMIT phaseChanged(generation, request.demo ? tr("Loading the demo…") : tr("Reading files…"));
    Snapshot snapshot;
    if (request.demo) {
        snapshot = loadDemoSnapshot(options);
    } else {
        std::vector<std::string> paths;
        for (const auto &p : request.paths)
            paths.push_back(p.toStdString());
        snapshot = loadSnapshot(paths, options);
    }
    if (cancel.load())
        return nullptr;
    Q_EMIT phaseChanged(generation, tr("Building the permission graph…"));
    auto session = std::make_shared<Session>();
    session->graph = std::make_shared<const PermissionGraph>(std::move(snapshot));
    if (cancel.load())
        return nullptr;
    Q_EMIT phaseChanged(generation, tr("Indexing identities…"));
    session->catalog = std::make_unique<const SubjectCatalog>(*session->graph);
    session->paths = request.paths;
    session->demo = request.demo;
    session->loadMilliseconds = timer.elapsed();
    return cancel.load() ? nullptr : session;
}

} // namespace clr::ui
