#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <memory>
#include <utility>

// Work done off the GUI thread whose result may be stale by the time it comes: a newer job was
// started (another file opened, the thresholds changed again) or the page was cleared. Each job
// gets a token; a result is handed on only while its token is still the latest, and only while
// the context object (the page) still exists, on the context's thread. After hotspot's JobTracker.
//
//     const auto token = m_jobs.startJob();
//     m_jobs.watch(token, QtConcurrent::run(work), [this](Result r) { show(r); });
class JobTracker
{
public:
    explicit JobTracker(QObject *context)
        : m_context(context)
        , m_latest(std::make_shared<quint64>(0))
    { }

    // A new job: the results of every job started before it are stale from now on.
    quint64 startJob() { return ++*m_latest; }
    // The latest job's token, for more work that is wanted exactly as long as that job's (files
    // loaded side by side until the next clear).
    quint64 token() const { return *m_latest; }
    // Every job running is stale from now on; nothing new is started.
    void invalidate() { ++*m_latest; }
    bool isCurrent(quint64 token) const { return token == *m_latest; }

    // Calls onResult(result) once future has finished, unless token is stale by then or the context
    // is gone (then the result is dropped). The future must carry exactly one result.
    template<typename T, typename Handler> void watch(quint64 token, QFuture<T> future, Handler onResult)
    {
        // The watcher belongs to the context: it goes with the page, and its signal with it.
        auto *watcher = new QFutureWatcher<T>(m_context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, m_context,
            [watcher, token, latest = m_latest, onResult = std::move(onResult)]() mutable {
                watcher->deleteLater();
                if (token == *latest)
                    onResult(watcher->future().takeResult());
            });
        watcher->setFuture(std::move(future));
    }

private:
    QObject *m_context;
    // Shared with the watchers' handlers, which can outlive a tracker that is a member of its context.
    std::shared_ptr<quint64> m_latest;
};
