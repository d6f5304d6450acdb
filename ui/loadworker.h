// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace clr::ui {

/** What to load: files and folders, or the built-in demo. */
struct LoadRequest
{
    QStringList paths;
    bool demo = false;
};

/**
 * Lives on LoadJob's thread. Builds the Snapshot (SnapshotLoader), the PermissionGraph and the
 * SubjectCatalog there, so that neither parsing nor indexing a 200k-user tenant touches the UI
 * thread. Every signal carries the generation it was started with, so LoadJob can drop the answers
 * of a load the user replaced.
 */
class LoadWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadWorker)

public:
    LoadWorker() = default;

    /** Runs one load to the end (or to cancellation); emits exactly one of finished/cancelled/failed. */
    void run(quint64 generation, const LoadRequest &request, const std::shared_ptr<std::atomic<bool>> &cancel);

Q_SIGNALS:
    void progress(quint64 generation, qint64 done, qint64 total);
    void phaseChanged(quint64 generation, const QString &text);
    void finished(quint64 generation, const clr::ui::SessionPtr &session);
    void cancelled(quint64 generation);
    void failed(quint64 generation, const QString &message);

private:
    SessionPtr build(quint64 generation, const LoadRequest &request, const std::atomic<bool> &cancel);
};

} // namespace clr::ui
