#include "jobtracker.h"

#include <QObject>
#include <QPromise>
#include <QSignalSpy>
#include <QTest>

#include <memory>

// JobTracker: only the latest job's result is handed on, on the context's thread, while the
// context lives.
class TestJobTracker : public QObject
{
    Q_OBJECT

private:
    // A future that finishes with `value` when the returned promise is finished by the test.
    static QFuture<int> pending(QPromise<int> &promise)
    {
        promise.start();
        return promise.future();
    }

    static void finish(QPromise<int> &promise, int value)
    {
        promise.addResult(value);
        promise.finish();
    }

private slots:
    void latestJobDelivers()
    {
        QObject context;
        JobTracker jobs(&context);
        QList<int> got;
        QPromise<int> first;
        QPromise<int> second;
        jobs.watch(jobs.startJob(), pending(first), [&got](int v) { got << v; });
        jobs.watch(jobs.startJob(), pending(second), [&got](int v) { got << v; });
        // The stale job finishes last, so order alone would not hide it.
        finish(second, 2);
        finish(first, 1);
        QTRY_COMPARE(got, QList<int> { 2 });
        QTest::qWait(20);
        QCOMPARE(got, QList<int> { 2 });
    }

    void jobStartedAfterResultIsNotAffected()
    {
        QObject context;
        JobTracker jobs(&context);
        QList<int> got;
        QPromise<int> first;
        jobs.watch(jobs.startJob(), pending(first), [&got](int v) { got << v; });
        finish(first, 1);
        QTRY_COMPARE(got, QList<int> { 1 });
        QPromise<int> second;
        jobs.watch(jobs.startJob(), pending(second), [&got](int v) { got << v; });
        finish(second, 2);
        QTRY_COMPARE(got, (QList<int> { 1, 2 }));
    }

    void alreadyFinishedFutureDelivers()
    {
        QObject context;
        JobTracker jobs(&context);
        int got = 0;
        QPromise<int> done;
        QFuture<int> future = pending(done);
        finish(done, 7);
        jobs.watch(jobs.startJob(), future, [&got](int v) { got = v; });
        QTRY_COMPARE(got, 7);
    }

    void invalidateDropsRunningJobs()
    {
        QObject context;
        JobTracker jobs(&context);
        const quint64 token = jobs.startJob();
        QVERIFY(jobs.isCurrent(token));
        QList<int> got;
        QPromise<int> a;
        QPromise<int> b;
        // Two jobs sharing one token: both wanted until invalidate().
        jobs.watch(token, pending(a), [&got](int v) { got << v; });
        jobs.watch(jobs.token(), pending(b), [&got](int v) { got << v; });
        finish(a, 1);
        QTRY_COMPARE(got, QList<int> { 1 });
        jobs.invalidate();
        QVERIFY(!jobs.isCurrent(token));
        finish(b, 2);
        QTest::qWait(50);
        QCOMPARE(got, QList<int> { 1 });
    }

    void contextGoneDropsResult()
    {
        auto context = std::make_unique<QObject>();
        JobTracker jobs(context.get());
        bool called = false;
        QPromise<int> promise;
        jobs.watch(jobs.startJob(), pending(promise), [&called](int) { called = true; });
        context.reset();
        finish(promise, 1);
        QTest::qWait(50);
        QVERIFY(!called);
    }

    void trackerGoneBeforeResult()
    {
        // The tracker is usually a member of its context and dies before the context's children.
        QObject context;
        auto jobs = std::make_unique<JobTracker>(&context);
        int got = 0;
        QPromise<int> promise;
        jobs->watch(jobs->startJob(), pending(promise), [&got](int v) { got = v; });
        jobs.reset();
        finish(promise, 3);
        QTRY_COMPARE(got, 3);
    }
};

QTEST_GUILESS_MAIN(TestJobTracker)
#include "tst_jobtracker.moc"
