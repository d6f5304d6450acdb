// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadjob.h"

namespace clr::ui {

LoadJob::LoadJob(QObject *parent)
    : QObject(parent)
    , m_worker(new LoadWorker)
{
    qRegisterMetaType<SessionPtr>();
    m_thread.setObjectName(QStringLiteral("clearance-loader"));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &LoadWorker::progress, this, [this](quint64 generation, qint64 done, qint64 total) {
        if (current(generation))
            Q_EMIT progress(done, total);
    });
    connect(m_worker, &LoadWorker::phaseChanged, this, [this](quint64 generation, const QString &text) {
        if (current(generation))
            Q_EMIT phaseChanged(text);
    });
    connect(m_worker, &LoadWorker::finished, this, &LoadJob::onFinished);
    connect(m_worker, &LoadWorker::cancelled, this, &LoadJob::onCancelled);
    connect(m_worker, &LoadWorker::failed, this, &LoadJob::onFailed);
    m_thread.start();
}

LoadJob::~LoadJob()
{
    if (m_cancel)
        m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void LoadJob::start(const LoadRequest &request)
{
    if (m_cancel)
        m_cancel->store(true); // the worker finishes the old load quickly, then runs this one
    const quint64 generation = ++m_generation;
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancelFlag;
    m_running = true;
    Q_EMIT started();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, request, cancelFlag] { worker->run(generation, request, cancelFlag); },
        Qt::QueuedConnection);
}

void LoadJob::cancel()
{
    if (m_running && m_cancel)
        m_cancel->store(true);
}

void LoadJob::onFinished(quint64 generation, const SessionPtr &session)
{
    if (!current(generation))
        return;
    m_running = false;
    Q_EMIT finished(session);
}

void LoadJob::onCancelled(quint64 generation)
{
    if (!current(generation))
        return;
    m_running = false;
    Q_EMIT cancelled();
}

void LoadJob::onFailed(quint64 generation, const QString &message)
{
    if (!current(generation))
        return;
    m_running = false;
    Q_EMIT failed(message);
}

} // namespace clr::ui
