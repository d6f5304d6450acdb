// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/comparecontroller.h"

#include "common/async.h"
#include "loadjob.h"

namespace clr::ui {

CompareController::CompareController(QObject *parent)
    : QObject(parent)
    , m_loader(new LoadJob(this))
{
    qRegisterMetaType<ComparisonPtr>();
    connect(m_loader, &LoadJob::finished, this, [this](const SessionPtr &other) {
        m_other = other;
        recompute();
    });
    connect(m_loader, &LoadJob::failed, this, [this](const QString &message) {
        setBusy(false);
        Q_EMIT failed(message);
    });
    connect(m_loader, &LoadJob::cancelled, this, [this] { setBusy(false); });
}

CompareController::~CompareController() = default;

void CompareController::setSession(SessionPtr session)
{
    m_session = std::move(session);
    if (m_other)
        recompute();
}

void CompareController::compareWith(const LoadRequest &request)
{
    setBusy(true);
    m_loader->start(request);
}

void CompareController::swap()
{
    if (!m_other)
        return;
    m_swapped = !m_swapped;
    recompute();
}

void CompareController::close()
{
    ++m_generation; // a comparison still running is dropped
    m_loader->cancel();
    m_other.reset();
    m_comparison.reset();
    m_swapped = false;
    setBusy(false);
    Q_EMIT comparisonChanged(nullptr);
}

std::shared_ptr<const PermissionGraph> CompareController::baseGraph() const
{
    const SessionPtr &s = m_swapped ? m_other : m_session;
    return s ? s->graph : nullptr;
}

std::shared_ptr<const PermissionGraph> CompareController::headGraph() const
{
    const SessionPtr &s = m_swapped ? m_session : m_other;
    return s ? s->graph : nullptr;
}

QString CompareController::baseLabel() const
{
    const SessionPtr &s = m_swapped ? m_other : m_session;
    return s ? s->title() : QString();
}

QString CompareController::headLabel() const
{
    const SessionPtr &s = m_swapped ? m_session : m_other;
    return s ? s->title() : QString();
}

void CompareController::recompute()
{
    if (!m_session || !m_other) {
        setBusy(false);
        return;
    }
    setBusy(true);
    const quint64 generation = ++m_generation;
    auto base = baseGraph(), head = headGraph();
    runAsync(
        this, [base, head] { return std::make_shared<const compare::Comparison>(compare::compare(*base, *head)); },
        [this, generation](const ComparisonPtr &result) {
            if (generation != m_generation)
                return; // swapped, closed or compared again meanwhile
            m_comparison = result;
            setBusy(false);
            Q_EMIT comparisonChanged(m_comparison);
        });
}

void CompareController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace clr::ui
