// SPDX-License-Identifier: GPL-3.0-or-later
#include "matrix/matrixviewjob.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

#include <mutex>

namespace clr::ui {

/** The prepared rows of the last row list, reused by later runs on the same rows. */
struct MatrixViewJob::Shared
{
    std::mutex mutex;
    const Session *session = nullptr;
    quint64 rowsVersion = 0;
    std::shared_ptr<const gen::MatrixRowSet> rowSet;

    std::shared_ptr<const gen::MatrixRowSet> rowsFor(const SessionPtr &s, const std::vector<SubjectRef> &rows, quint64 version)
    {
        {
            const std::lock_guard lock(mutex);
            if (rowSet && session == s.get() && rowsVersion == version)
                return rowSet;
        }
        std::vector<RequesterRow> core;
        core.reserve(rows.size());
        for (const SubjectRef &ref : rows)
            core.push_back(s->catalog->requesterRow(ref));
        auto built = std::make_shared<const gen::MatrixRowSet>(*s->graph, std::move(core));
        const std::lock_guard lock(mutex);
        session = s.get();
        rowsVersion = version;
        rowSet = built;
        return built;
    }
};

MatrixViewJob::MatrixViewJob(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    qRegisterMetaType<std::shared_ptr<const MatrixViewOutcome>>();
}

MatrixViewJob::~MatrixViewJob()
{
    if (m_cancel)
        m_cancel->store(true);
}

void MatrixViewJob::cancel()
{
    if (m_running && m_cancel) {
        m_cancel->store(true);
        m_running = false;
        ++m_generation; // whatever the worker still reports is stale
        Q_EMIT cancelled();
    }
}

void MatrixViewJob::start(SessionPtr session, std::shared_ptr<const std::vector<SubjectRef>> rows, quint64 rowsVersion, std::string ns,
                          gen::MatrixView view)
{
    if (m_cancel)
        m_cancel->store(true);
    const quint64 generation = ++m_generation;
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = cancelFlag;
    m_running = true;
    Q_EMIT started();
    QPointer<MatrixViewJob> self(this);
    auto shared = m_shared;
    QThreadPool::globalInstance()->start([self, shared, generation, cancelFlag, session = std::move(session), rows = std::move(rows), rowsVersion,
                                          ns = std::move(ns), view = std::move(view)]() mutable {
        if (cancelFlag->load() || !session || !rows)
            return;
        auto out = std::make_shared<MatrixViewOutcome>();
        out->session = session;
        out->rowSet = shared->rowsFor(session, *rows, rowsVersion);
        out->view = std::move(view);
        out->ns = std::move(ns);
        const auto columns = defaultMatrixColumns(*session->graph);
        out->result = gen::applyView(*out->rowSet, columns, out->ns, out->view, [&](std::size_t done, std::size_t total) {
            QMetaObject::invokeMethod(
                self, [self, generation, done, total] {
                    if (self && self->m_generation == generation)
                        Q_EMIT self->progress(int(done), int(total));
                },
                Qt::QueuedConnection);
            return !cancelFlag->load();
        });
        if (out->result.cancelled || cancelFlag->load())
            return;
        auto accepted = std::make_shared<std::vector<bool>>(rows->size(), false);
        auto ranks = std::make_shared<std::vector<std::uint32_t>>(rows->size(), std::uint32_t(rows->size()));
        for (std::uint32_t i = 0; i < out->result.rows.size(); ++i) {
            (*accepted)[out->result.rows[i]] = true;
            (*ranks)[out->result.rows[i]] = i;
        }
        out->accepted = std::move(accepted);
        out->ranks = std::move(ranks);
        QMetaObject::invokeMethod(
            self, [self, generation, out]() mutable {
                if (self)
                    self->deliver(generation, std::move(out));
            },
            Qt::QueuedConnection);
    });
}

void MatrixViewJob::deliver(quint64 generation, std::shared_ptr<MatrixViewOutcome> outcome)
{
    if (generation != m_generation)
        return; // a newer request (or a cancel) came since
    m_running = false;
    if (!outcome->result.error.empty()) {
        Q_EMIT failed(QString::fromStdString(outcome->result.error));
        return;
    }
    m_outcome = outcome;
    Q_EMIT finished(m_outcome);
}

} // namespace clr::ui
