// One monitored machine (MachineMonitor) and the sampler that merges its sources' answers in the
// sampling thread (MachineSampler).
#include "fakesources.h"
#include "machinemonitor.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <limits>

namespace {
constexpr int kWaitMs = 10000;

// The sampling thread, running for as long as it is in scope. Declared before the monitors, so
// that it outlives them: their samplers are deleted in it.
class SamplingThread
{
public:
    SamplingThread() { m_thread.start(); }
    ~SamplingThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    QThread *get() { return &m_thread; }

private:
    QThread m_thread;
};

Sample with(Metric m, double v)
{
    Sample s;
    s.set(m, v);
    return s;
}
} // namespace

class TestMachineMonitor : public QObject
{
    Q_OBJECT
private slots:
    void mergesItsSources();
    void failuresAreJoinedAndReportedOnce();
    void outOfRangeValuesAreNotMeasured();
    void noSourcesGivesAnEmptySample();
    void lateAnswerIsDropped();
    void deliver();
    void intervalSizesTheHistory();
    void sourcesOfAMachineGoneAtOnceAreNotLeaked();
};

void TestMachineMonitor::mergesItsSources()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("Machine one") }, thread.get());
    QCOMPARE(m.info().id, QStringLiteral("m1"));
    m.addSource(std::make_unique<FakeSource>(with(Metric::CpuPercent, 25.0)));
    m.addSource(std::make_unique<FakeSource>(with(Metric::MemoryPercent, 60.0)));
    QSignalSpy ready(&m, &MachineMonitor::sampleReady);

    m.requestSample(1, 1000);
    QVERIFY(ready.wait(kWaitMs));
    QCOMPARE(ready.first().at(0).toULongLong(), quint64(1));
    const auto s = ready.first().at(1).value<Sample>();
    QCOMPARE(s.timeMs, qint64(1000));
    QCOMPARE(s.value(Metric::CpuPercent), 25.0);
    QCOMPARE(s.value(Metric::MemoryPercent), 60.0);
    QVERIFY(!s.has(Metric::ServerUp));
    QCOMPARE(m.history().size(), 1);
    QCOMPARE(m.history().last().timeMs, qint64(1000));
    QVERIFY(m.lastError().isEmpty());

    m.requestSample(2, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kWaitMs);
    QCOMPARE(m.history().size(), 2);
    QCOMPARE(m.history().last().timeMs, qint64(2000));
}

void TestMachineMonitor::failuresAreJoinedAndReportedOnce()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("one") }, thread.get());
    m.addSource(std::make_unique<FailingSource>(QStringLiteral("ssh: timed out")));
    m.addSource(std::make_unique<FakeSource>(with(Metric::CpuPercent, 5.0)));
    m.addSource(std::make_unique<FailingSource>(QStringLiteral("HTTP 503")));
    QSignalSpy ready(&m, &MachineMonitor::sampleReady);
    QSignalSpy errors(&m, &MachineMonitor::errorChanged);

    for (quint64 tick = 1; tick <= 3; ++tick) {
        m.requestSample(tick, qint64(tick) * 1000);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), int(tick), kWaitMs);
    }
    // What did answer is kept; the failures are joined in the order of the sources.
    QCOMPARE(ready.last().at(1).value<Sample>().value(Metric::CpuPercent), 5.0);
    QCOMPARE(m.lastError(), QStringLiteral("ssh: timed out; HTTP 503"));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().first().toString(), QStringLiteral("ssh: timed out; HTTP 503"));
    QCOMPARE(m.history().size(), 3);
}

// Issue 18, item 7: a value outside its metric's range (LOG_FORMAT.md) from any source (this
// computer, SSH, node_exporter, a GPU tool) is "not measured": it never reaches the sample the log
// and /metrics are written from, and the machine's error says which value was left out.
void TestMachineMonitor::outOfRangeValuesAreNotMeasured()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("one") }, thread.get());
    Sample bad = with(Metric::CpuPercent, 100.0001); // written in full, not rounded to "100"
    bad.set(Metric::MemoryPercent, 40.0);
    bad.set(Metric::ServerUp, 2.0);
    bad.set(Metric::GpuMemoryMb, -5.0);
    bad.set(Metric::TemperatureC, std::numeric_limits<double>::infinity());
    m.addSource(std::make_unique<FakeSource>(bad));
    m.addSource(std::make_unique<FakeSource>(with(Metric::GpuPercent, 100.0)));
    QSignalSpy ready(&m, &MachineMonitor::sampleReady);
    QSignalSpy errors(&m, &MachineMonitor::errorChanged);

    for (quint64 tick = 1; tick <= 2; ++tick) {
        m.requestSample(tick, qint64(tick) * 1000);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), int(tick), kWaitMs);
    }
    const Sample s = ready.last().at(1).value<Sample>();
    QCOMPARE(s.value(Metric::MemoryPercent), 40.0);
    QCOMPARE(s.value(Metric::GpuPercent), 100.0);
    for (Metric gone : { Metric::CpuPercent, Metric::ServerUp, Metric::GpuMemoryMb, Metric::TemperatureC })
        QVERIFY2(!s.has(gone), qPrintable(metricSuffix(gone) + u" = "_qs + QString::number(s.value(gone))));
    QVERIFY(!m.history().last().has(Metric::CpuPercent));
    const QString why = QStringLiteral(
        "fake reported cpu_percent = 100.0001, server_up = 2, gpu_memory_mb = -5, temperature_c = inf; not recorded");
    QCOMPARE(m.lastError(), why);
    QCOMPARE(errors.count(), 1);
}

void TestMachineMonitor::noSourcesGivesAnEmptySample()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("one") }, thread.get());
    QSignalSpy ready(&m, &MachineMonitor::sampleReady);
    m.requestSample(9, 9000);
    QVERIFY(ready.wait(kWaitMs));
    QCOMPARE(ready.first().at(0).toULongLong(), quint64(9));
    QVERIFY(ready.first().at(1).value<Sample>().isEmpty());
    QVERIFY(m.history().isEmpty()); // nothing measured: nothing to keep
}

// A tick still waiting when the next starts is delivered with what arrived; its late answer is dropped.
void TestMachineMonitor::lateAnswerIsDropped()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("one") }, thread.get());
    auto owned = std::make_unique<ManualSource>();
    ManualSource *manual = owned.get();
    m.addSource(std::move(owned));
    m.addSource(std::make_unique<FakeSource>(with(Metric::MemoryPercent, 70.0)));
    QSignalSpy ready(&m, &MachineMonitor::sampleReady);

    m.requestSample(1, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(manual->lastRequestedTick(), quint64(1), kWaitMs);
    QCOMPARE(ready.count(), 0); // still waiting on the manual source
    m.requestSample(2, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kWaitMs);
    // Tick 1, with the memory that did arrive and no cpu.
    QCOMPARE(ready.at(0).at(0).toULongLong(), quint64(1));
    auto s = ready.at(0).at(1).value<Sample>();
    QCOMPARE(s.value(Metric::MemoryPercent), 70.0);
    QVERIFY(!s.has(Metric::CpuPercent));
    QTRY_COMPARE_WITH_TIMEOUT(manual->lastRequestedTick(), quint64(2), kWaitMs);

    manual->answer(1, with(Metric::CpuPercent, 11.0)); // too late: dropped
    manual->answer(2, with(Metric::CpuPercent, 22.0));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kWaitMs);
    QCOMPARE(ready.at(1).at(0).toULongLong(), quint64(2));
    s = ready.at(1).at(1).value<Sample>();
    QCOMPARE(s.value(Metric::CpuPercent), 22.0);
    QCOMPARE(s.value(Metric::MemoryPercent), 70.0);
    QTest::qWait(50);
    QCOMPARE(ready.count(), 2);
    QCOMPARE(m.history().size(), 2);
    QCOMPARE(m.history().at(0).timeMs, qint64(1000));
    QCOMPARE(m.history().at(1).value(Metric::CpuPercent), 22.0);
}

void TestMachineMonitor::deliver()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("one") }, thread.get());
    QSignalSpy ready(&m, &MachineMonitor::sampleReady);
    QSignalSpy errors(&m, &MachineMonitor::errorChanged);

    Sample s = with(Metric::CpuPercent, 42.0);
    s.timeMs = 5000;
    m.deliver(5, s, QStringLiteral("GPU: nvidia-smi not found"));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).toULongLong(), quint64(5));
    QCOMPARE(m.history().size(), 1);
    QCOMPARE(m.history().last().value(Metric::CpuPercent), 42.0);
    QCOMPARE(errors.count(), 1);

    m.deliver(6, Sample(), QStringLiteral("GPU: nvidia-smi not found")); // same error: no signal
    QCOMPARE(ready.count(), 2);
    QCOMPARE(m.history().size(), 1); // an empty sample is not kept
    QCOMPARE(errors.count(), 1);

    s.timeMs = 7000;
    m.deliver(7, s);
    QCOMPARE(errors.count(), 2);
    QCOMPARE(errors.last().first().toString(), QString());
    QVERIFY(m.lastError().isEmpty());
    QCOMPARE(m.history().size(), 2);
}

void TestMachineMonitor::intervalSizesTheHistory()
{
    SamplingThread thread;
    MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("one") }, thread.get());
    QCOMPARE(m.history().capacity(), qsizetype(86400 + 16)); // a day at 1 s
    for (int i = 0; i < 5; ++i) {
        Sample s = with(Metric::CpuPercent, i);
        s.timeMs = i;
        m.deliver(quint64(i), s);
    }
    m.setHistorySpan(60.0);
    QCOMPARE(m.history().capacity(), qsizetype(1440 + 16));
    QCOMPARE(m.history().size(), 5);
    QCOMPARE(m.history().at(0).timeMs, qint64(0));
    // A minute at 0.1 s, as the headless logger keeps: the oldest samples go.
    m.setHistorySpan(0.1, 0.2);
    QCOMPARE(m.history().capacity(), qsizetype(2 + 16));
    m.setHistorySpan(1.0, 1.0);
    QCOMPARE(m.history().capacity(), qsizetype(1 + 16));
    QCOMPARE(m.history().size(), 5);
}

void TestMachineMonitor::sourcesOfAMachineGoneAtOnceAreNotLeaked()
{
    // A session that ends right after its machines were set up (`perfdash log` finding another one
    // running): the sampler goes before its thread ran the call that hands it the source. The
    // source must go with it (regression: LeakSanitizer found it leaked, now and then, in CI).
    QThread notStarted;
    bool destroyed = false;
    {
        MachineMonitor m({ QStringLiteral("m1"), QStringLiteral("Machine one") }, &notStarted);
        auto source = std::make_unique<FakeSource>(with(Metric::CpuPercent, 25.0));
        connect(
            source.get(), &QObject::destroyed, this, [&destroyed] { destroyed = true; }, Qt::DirectConnection);
        m.addSource(std::move(source));
    }
    QVERIFY(destroyed);
}

QTEST_GUILESS_MAIN(TestMachineMonitor)
#include "tst_machinemonitor.moc"
