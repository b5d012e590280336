#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>

// Runs work() in a worker (QtConcurrent) and done(result) on the context's thread when it finishes;
// nothing when the context is gone first. The Timings tab's jobs drop stale results themselves.
namespace TimingsJob {

template<typename Work, typename Done> void run(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace TimingsJob
