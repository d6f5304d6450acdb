// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <utility>

namespace clr::ui {

/**
 * Runs `work()` on the global thread pool and calls `done(result)` on `context`'s thread once it
 * returns. If `context` is destroyed first, `done` is never called (the watcher dies with it).
 * `work` must only touch thread-safe data (the const PermissionGraph is; keep it alive by capture).
 */
template<typename Work, typename Done>
void runAsync(QObject *context, Work work, Done done)
{
    using Result = decltype(work());
    auto promise = std::make_shared<QPromise<std::shared_ptr<Result>>>();
    auto *watcher = new QFutureWatcher<std::shared_ptr<Result>>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)]() mutable {
        if (watcher->future().resultCount() > 0)
            done(*watcher->future().result());
        watcher->deleteLater();
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, work = std::move(work)]() mutable {
        promise->addResult(std::make_shared<Result>(work()));
        promise->finish();
    });
}

} // namespace clr::ui
