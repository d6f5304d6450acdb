// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "compare/compare.h"
#include "loadworker.h"
#include "session.h"

#include <QObject>

#include <memory>

namespace clr::ui {

class LoadJob;

using ComparisonPtr = std::shared_ptr<const compare::Comparison>;

/**
 * File > Compare with: the other snapshot, loaded on a worker thread like the main load (LoadJob), and
 * the comparison of the window's snapshot with it, computed on the thread pool (compare::compare, the
 * same computation as `clearance diff` and the drafts' effect). By default the window's snapshot is
 * BASE and the other HEAD ("what changes if I move to that one"); swap() turns it around. When the
 * window loads another snapshot the comparison is computed again against it.
 */
class CompareController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareController)

public:
    explicit CompareController(QObject *parent = nullptr);
    ~CompareController() override;

    /** The window's snapshot changed: compare it again (nothing happens while no other is open). */
    void setSession(SessionPtr session);
    /** Loads `request` as the other side and compares; loaded(), then comparisonChanged() follow. */
    void compareWith(const LoadRequest &request);
    /** Exchanges BASE and HEAD and compares again. */
    void swap();
    /** Ends the comparison. */
    void close();

    bool isActive() const { return m_other != nullptr; }
    bool isBusy() const { return m_busy; }
    /** True when the window's snapshot is BASE (the default). */
    bool sessionIsBase() const { return !m_swapped; }
    SessionPtr otherSession() const { return m_other; }
    std::shared_ptr<const PermissionGraph> baseGraph() const;
    std::shared_ptr<const PermissionGraph> headGraph() const;
    /** Null until computed, and after close(). */
    ComparisonPtr comparison() const { return m_comparison; }
    /** "demo" and "rbac-v2/": what the report and the panel call the sides. */
    QString baseLabel() const;
    QString headLabel() const;

Q_SIGNALS:
    void busyChanged(bool busy);
    /** A new comparison (null when closed). */
    void comparisonChanged(const clr::ui::ComparisonPtr &comparison);
    void failed(const QString &message);

private:
    void recompute();
    void setBusy(bool busy);

    LoadJob *m_loader = nullptr;
    SessionPtr m_session;
    SessionPtr m_other;
    ComparisonPtr m_comparison;
    bool m_swapped = false;
    bool m_busy = false;
    quint64 m_generation = 0;
};

} // namespace clr::ui

Q_DECLARE_METATYPE(clr::ui::ComparisonPtr)
