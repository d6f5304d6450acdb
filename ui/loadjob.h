// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loadworker.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace clr::ui {

/**
 * Loads snapshots on a worker thread, one at a time. start() while a load runs cancels that load:
 * only the latest request is ever reported. Signals arrive on the thread that owns the job.
 */
class LoadJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadJob)

public:
    explicit LoadJob(QObject *parent = nullptr);
    /** Cancels any running load and waits for the worker thread to stop. */
    ~LoadJob() override;

    void start(const LoadRequest &request);
    /** Asks the running load to stop; cancelled() follows once it has. */
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started();
    void progress(qint64 done, qint64 total);
    void phaseChanged(const QString &text);
    void finished(const clr::ui::SessionPtr &session);
    void cancelled();
    void failed(const QString &message);

private:
    bool current(quint64 generation) const { return generation == m_generation; }
    void onFinished(quint64 generation, const SessionPtr &session);
    void onCancelled(quint64 generation);
    void onFailed(quint64 generation, const QString &message);

    QThread m_thread;
    LoadWorker *m_worker = nullptr; // lives on m_thread; deleted after it stops
    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace clr::ui
