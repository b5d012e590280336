// This computer's source (LocalSource), pointed at a fake /proc made of fixtures, and at the real one.
#include "localsource.h"
#include "testutil.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {
// Rewrites the file in place: LocalSource keeps /proc files open and re-reads them from the start.
bool overwrite(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite | QIODevice::Truncate) && f.write(data) == data.size();
}
} // namespace

class TestLocalSource : public QObject
{
    Q_OBJECT
private slots:
    void measuresFakeProc();
    void missingMeminfoStillGivesCpu();
    void nothingReadableFails();
    void realProc();
};

void TestLocalSource::measuresFakeProc()
{
    QTemporaryDir proc;
    QVERIFY(proc.isValid());
    QVERIFY(overwrite(proc.filePath(QStringLiteral("stat")), TestUtil::readFixture("proc_stat_sources_vm.txt")));
    QVERIFY(overwrite(proc.filePath(QStringLiteral("meminfo")), TestUtil::readFixture("proc_meminfo_sources_vm.txt")));

    LocalSource source(nullptr, proc.path()); // primes the CPU counters with the first reading
    QVERIFY(!source.name().isEmpty());

    // No tick passed since: no CPU percent, memory as in the fixture.
    QString error;
    Sample s = source.measure(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!s.has(Metric::CpuPercent));
    QCOMPARE(s.value(Metric::MemoryUsedMb), 454.25); // (24684092 - 24218940) / 1024
    QCOMPARE(float(s.value(Metric::MemoryPercent)), float(100.0 * 465152 / 24684092));
    QVERIFY(!s.has(Metric::ServerUp));
    QVERIFY(s.timeMs > 0);

    // +30 user, +10 system, +50 idle, +5 iowait, +2 softirq, +3 steal: busy 45 of 100 ticks.
    QVERIFY(overwrite(proc.filePath(QStringLiteral("stat")),
        "cpu  25316 0 8045 84985 792 0 201 1199 0 0\n"
        "cpu0 9727 0 3429 46366 91 0 23 663 0 0\n"
        "cpu1 15589 0 4616 38619 701 0 178 536 0 0\n"));
    s = source.measure(&error);
    QCOMPARE(s.value(Metric::CpuPercent), 45.0);

    // The same through requestSample(), as the sampler sees it: +20 user, +80 idle.
    QVERIFY(overwrite(proc.filePath(QStringLiteral("stat")), "cpu  25336 0 8045 85065 792 0 201 1199 0 0\n"));
    QSignalSpy ready(&source, &Source::sampleReady);
    QSignalSpy failed(&source, &Source::failed);
    source.requestSample(7);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(ready.first().at(0).toULongLong(), quint64(7));
    QCOMPARE(ready.first().at(1).value<Sample>().value(Metric::CpuPercent), 20.0);
}

void TestLocalSource::missingMeminfoStillGivesCpu()
{
    QTemporaryDir proc;
    const QString stat = proc.filePath(QStringLiteral("stat"));
    QVERIFY(overwrite(stat, "cpu  100 0 0 100\n"));
    LocalSource source(nullptr, proc.path());
    QVERIFY(overwrite(stat, "cpu  110 0 0 190\n")); // +10 user, +90 idle

    QSignalSpy ready(&source, &Source::sampleReady);
    QSignalSpy failed(&source, &Source::failed);
    source.requestSample(1);
    QCOMPARE(ready.count(), 1);
    QCOMPARE(failed.count(), 0);
    const auto s = ready.first().at(1).value<Sample>();
    QCOMPARE(s.value(Metric::CpuPercent), 10.0);
    QVERIFY(!s.has(Metric::MemoryPercent)); // not measured: NaN, not 0

    QString error;
    source.measure(&error);
    QVERIFY2(error.contains(proc.filePath(QStringLiteral("meminfo"))), qPrintable(error));
}

void TestLocalSource::nothingReadableFails()
{
    QTemporaryDir proc;
    LocalSource source(nullptr, proc.filePath(QStringLiteral("missing")));
    QSignalSpy ready(&source, &Source::sampleReady);
    QSignalSpy failed(&source, &Source::failed);
    source.requestSample(3);
    QCOMPARE(ready.count(), 0);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().at(0).toULongLong(), quint64(3));
    const QString reason = failed.first().at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("/stat")) && reason.contains(QLatin1String("/meminfo")), qPrintable(reason));
}

// The real /proc of the machine running the tests.
void TestLocalSource::realProc()
{
    if (!QFile::exists(QStringLiteral("/proc/stat")))
        QSKIP("no /proc on this system");
    LocalSource source;
    QThread::msleep(200); // at least a few USER_HZ ticks
    QString error;
    const Sample s = source.measure(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(s.has(Metric::CpuPercent));
    QVERIFY(s.value(Metric::CpuPercent) >= 0.0 && s.value(Metric::CpuPercent) <= 100.0);
    QVERIFY(s.value(Metric::MemoryPercent) > 0.0 && s.value(Metric::MemoryPercent) < 100.0);
    QVERIFY(s.value(Metric::MemoryUsedMb) > 0.0);
}

QTEST_GUILESS_MAIN(TestLocalSource)
#include "tst_localsource.moc"
