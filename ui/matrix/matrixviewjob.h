// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "generate/matrixview.h"
#include "models/subjectref.h"
#include "session.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace clr::ui {

/** A view applied to the rows of an identity matrix, ready for the proxies. */
struct MatrixViewOutcome
{
    SessionPtr session;                         // keeps the graph of `rowSet` alive
    std::shared_ptr<const gen::MatrixRowSet> rowSet; // the model's rows, as core rows (same order)
    gen::MatrixView view;
    std::string ns;
    gen::ViewResult result;
    std::shared_ptr<const std::vector<bool>> accepted;    // per model row: shown
    std::shared_ptr<const std::vector<std::uint32_t>> ranks; // per model row: position in the view's order
};

/**
 * Applies matrix views on a worker thread (gen::applyView(): who-can per shown column when the view
 * needs it), with progress and cancel. The rows are prepared once per row list (gen::MatrixRowSet) and
 * reused while only the view or the namespace changes. start() while a run is under way cancels it: only
 * the latest request is reported. Signals arrive on the job's thread.
 */
class MatrixViewJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MatrixViewJob)

public:
    explicit MatrixViewJob(QObject *parent = nullptr);
    ~MatrixViewJob() override;

    /** `rowsVersion` changes whenever the row list does (the prepared rows are then rebuilt). */
    void start(SessionPtr session, std::shared_ptr<const std::vector<SubjectRef>> rows, quint64 rowsVersion, std::string ns,
               gen::MatrixView view);
    void cancel();
    bool isRunning() const { return m_running; }
    /** The last outcome reported (null before the first). */
    std::shared_ptr<const MatrixViewOutcome> outcome() const { return m_outcome; }

Q_SIGNALS:
    void started();
    void progress(int done, int total);
    void finished(const std::shared_ptr<const clr::ui::MatrixViewOutcome> &outcome);
    void failed(const QString &message);
    void cancelled();

private:
    struct Shared;
    void deliver(quint64 generation, std::shared_ptr<MatrixViewOutcome> outcome);

    quint64 m_generation = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
    std::shared_ptr<Shared> m_shared; // the prepared rows, shared with the workers
    std::shared_ptr<const MatrixViewOutcome> m_outcome;
};

} // namespace clr::ui
