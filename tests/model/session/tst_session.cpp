// A recording session end to end (Session + MachineMonitor + SessionLog + MarkerStore), with fake
// sources defined here in place of /proc, SSH and HTTP.
#include "csv.h"
#include "fakesources.h"
#include "session.h"
#include "sessionstats.h"
#include "testutil.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <memory>

namespace {
constexpr int kWaitMs = 10000;
// 2026-11-22T13:30:22.125Z; the tests run in UTC.
constexpr qint64 kMarkerMs = 1795354222125;

Sample fullSample()
{
    Sample s;
    s.set(Metric::CpuPercent, 12.5);
    s.set(Metric::MemoryPercent, 40.0);
    s.set(Metric::MemoryUsedMb, 2048.0);
    s.set(Metric::ServerUp, 1);
    s.set(Metric::TokensPerSecond, 42.75);
    s.set(Metric::ActiveRequests, 2);
    s.set(Metric::RequestsTotal, 118);
    return s;
}

// The cells fullSample() is written as.
const QStringList kFullCells { QStringLiteral("12.5"), QStringLiteral("40.0"), QStringLiteral("2048.0"),
    QStringLiteral("1"), QStringLiteral("42.75"), QStringLiteral("2"), QStringLiteral("118") };
const QStringList kEmptyCells(7, QString());

Sample cpuOnly(double cpu)
{
    Sample s;
    s.set(Metric::CpuPercent, cpu);
    return s;
}

QJsonObject readJson(const QString &path)
{
    return QJsonDocument::fromJson(TestUtil::readFile(path)).object();
}

// The records of a log after its header.
QList<Csv::Record> rowsOf(const QString &csvPath)
{
    QList<Csv::Record> records = Csv::parse(TestUtil::readFile(csvPath));
    if (!records.isEmpty())
        records.removeFirst();
    return records;
}

QStringList cellsOf(const Csv::Record &r, int machine)
{
    return r.fields.mid(1 + 7 * machine, 7);
}
} // namespace

class TestSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void writesARowPerFrame();
    void addMarkerWritesAMarkerRow();
    void markerChangesGoToTheSidecar();
    void silentMachineDoesNotStopTheOthers();
    void machinesChangeWhileRunning();
    void silentSourceDoesNotHideTheRestOfItsMachine();
    void failingMachineLeavesItsCellsEmpty();
    void writeErrorIsReported();
    void sidecarErrorIsReported();
    void intervalIsClamped_data();
    void intervalIsClamped();
    void samplesWithoutALog();
    void startFailsWithoutADirectory();
};

void TestSession::initTestCase()
{
    TestUtil::setTimeZone("UTC");
}

void TestSession::writesARowPerFrame()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session session;
    MachineMonitor *m1 = session.addMachine({ QStringLiteral("m1"), QStringLiteral("Machine one") },
        { { QStringLiteral("os"), QStringLiteral("TestOS") } });
    m1->addSource(std::make_unique<FakeSource>(fullSample()));
    session.setIntervalSeconds(0.1);
    QSignalSpy frames(&session, &Session::frameCompleted);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QString error;
    QVERIFY2(session.start(dir.path(), &error), qPrintable(error));
    QVERIFY(session.isRunning());
    QVERIFY(session.log().isOpen());
    const QString csv = session.log().csvPath();
    QCOMPARE(QFileInfo(csv).dir().absolutePath(), QDir(dir.path()).absolutePath());
    QVERIFY(QFileInfo(csv).fileName().startsWith(QLatin1String("performance_log_")));

    // While running, the sidecar says the session has not ended (so that a crashed session's
    // sidecar does not claim a clean end).
    QJsonObject sidecar = readJson(session.log().sidecarPath());
    QCOMPARE(sidecar.value(QStringLiteral("format")).toString(), QStringLiteral("perfdash-session"));
    QVERIFY(sidecar.value(QStringLiteral("ended")).isNull());

    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(csv).size() >= 5, kWaitMs);
    session.stop();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(!session.isRunning());
    QVERIFY(!session.log().isOpen());

    session.syncLog();
    const QList<Csv::Record> all = Csv::parse(TestUtil::readFile(csv));
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.first().fields,
        (QStringList { QStringLiteral("timestamp"), QStringLiteral("m1_cpu_percent"),
            QStringLiteral("m1_memory_percent"), QStringLiteral("m1_memory_used_mb"), QStringLiteral("m1_server_up"),
            QStringLiteral("m1_tokens_per_second"), QStringLiteral("m1_active_requests"),
            QStringLiteral("m1_requests_total"), QStringLiteral("event"), QStringLiteral("notes") }));
    const QList<Csv::Record> rows = all.mid(1);
    // A row per completed frame, every one of them with the fake source's values. (A frame whose
    // sample came too late, on a loaded machine, completes without a row.)
    QVERIFY(rows.size() <= frames.count());
    QList<qint64> frameTimes;
    for (const QList<QVariant> &frame : std::as_const(frames))
        frameTimes << frame.first().toLongLong();
    qint64 previous = 0;
    for (int i = 0; i < rows.size(); ++i) {
        const Csv::Record &r = rows[i];
        QCOMPARE(r.fields.size(), 10);
        QVERIFY(r.terminated);
        QCOMPARE(cellsOf(r, 0), kFullCells);
        QCOMPARE(r.fields[8], QString());
        QCOMPARE(r.fields[9], QString());
        // 2026-11-22T13:30:22.125+00:00: milliseconds and offset, the row's frame time.
        QCOMPARE(r.fields[0].size(), 29);
        QVERIFY2(r.fields[0].endsWith(QLatin1String("+00:00")), qPrintable(r.fields[0]));
        const QDateTime t = QDateTime::fromString(r.fields[0], Qt::ISODateWithMs);
        QVERIFY2(t.isValid(), qPrintable(r.fields[0]));
        const qint64 ms = t.toMSecsSinceEpoch();
        QVERIFY(frameTimes.contains(ms));
        QVERIFY(ms >= before && ms <= after);
        QVERIFY(ms > previous);
        previous = ms;
    }
    QVERIFY(m1->history().size() >= rows.size());
    QCOMPARE(m1->history().last().value(Metric::TokensPerSecond), 42.75);
    QCOMPARE(m1->history().capacity(), History::capacityFor(0.1));

    session.syncLog();
    sidecar = readJson(session.log().sidecarPath());
    QCOMPARE(sidecar.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(sidecar.value(QStringLiteral("csv")).toString(), QFileInfo(csv).fileName());
    QCOMPARE(sidecar.value(QStringLiteral("interval_s")).toDouble(), 0.1);
    QVERIFY(sidecar.value(QStringLiteral("ended")).isString());
    QVERIFY(sidecar.value(QStringLiteral("started")).toString().endsWith(QLatin1String("+00:00")));
    const QJsonArray machines = sidecar.value(QStringLiteral("machines")).toArray();
    QCOMPARE(machines.size(), 1);
    QCOMPARE(machines[0].toObject(),
        (QJsonObject { { QStringLiteral("id"), QStringLiteral("m1") },
            { QStringLiteral("name"), QStringLiteral("Machine one") },
            { QStringLiteral("os"), QStringLiteral("TestOS") } }));
    QCOMPARE(sidecar.value(QStringLiteral("marker_changes")).toArray(), QJsonArray());
    QVERIFY(session.lastError().isEmpty());
}

void TestSession::addMarkerWritesAMarkerRow()
{
    QTemporaryDir dir;
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    session.setIntervalSeconds(0.1);
    QSignalSpy frames(&session, &Session::frameCompleted);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    QVERIFY(frames.wait(kWaitMs));

    const QString notes = QString::fromUtf8("During the third notebook, \"cell 14\"\nthen OOM, \xe6\xa8\xa1\xe5\x9e\x8b"
                                            "\xe5\xb4\xa9\xe6\xba\x83 \xf0\x9f\x94\xa5");
    const int id = session.addMarker(kMarkerMs, QStringLiteral("  Qwen crashed "), notes);
    QVERIFY(id > 0);
    QCOMPARE(session.markers()->markers().size(), 1);

    // Written at once, before the session stops.
    const QString csv = session.log().csvPath();
    session.syncLog();
    QList<Csv::Record> rows = rowsOf(csv);
    QVERIFY(!rows.isEmpty());
    const Csv::Record marker = rows.last();
    QCOMPARE(marker.fields.size(), 10);
    QCOMPARE(marker.fields[0], QStringLiteral("2026-11-22T13:30:22.125+00:00"));
    QCOMPARE(cellsOf(marker, 0), kEmptyCells); // a marker alone
    QCOMPARE(marker.fields[8], QStringLiteral("Qwen crashed"));
    QCOMPARE(marker.fields[9], notes);

    // Snapshots go on after it.
    const int rowsAtMarker = int(rows.size());
    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(csv).size() >= rowsAtMarker + 2, kWaitMs);
    session.stop();
    session.syncLog();
    rows = rowsOf(csv);
    QCOMPARE(rows[rowsAtMarker - 1].fields, marker.fields);
    for (int i = rowsAtMarker; i < rows.size(); ++i)
        QCOMPARE(cellsOf(rows[i], 0), kFullCells);
}

void TestSession::markerChangesGoToTheSidecar()
{
    QTemporaryDir dir;
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString sidecar = session.log().sidecarPath();

    const int first = session.addMarker(kMarkerMs, QStringLiteral("Qwen crashed"), QStringLiteral("old"));
    const int second = session.addMarker(kMarkerMs + 1000, QStringLiteral("restart"), QString());
    session.syncLog();
    QCOMPARE(readJson(sidecar).value(QStringLiteral("marker_changes")).toArray().size(), 0);

    QVERIFY(session.markers()->update(first, QStringLiteral("Qwen OOM"), QStringLiteral("new, \"notes\"")));
    session.syncLog();
    QJsonArray changes = readJson(sidecar).value(QStringLiteral("marker_changes")).toArray();
    QCOMPARE(changes.size(), 1);
    QJsonObject edit = changes[0].toObject();
    QVERIFY(edit.value(QStringLiteral("at")).isString());
    edit.remove(QStringLiteral("at"));
    // The marker is named by its time and the label it was recorded with.
    QCOMPARE(edit,
        (QJsonObject { { QStringLiteral("time"), QStringLiteral("2026-11-22T13:30:22.125+00:00") },
            { QStringLiteral("event"), QStringLiteral("Qwen crashed") },
            { QStringLiteral("action"), QStringLiteral("edit") },
            { QStringLiteral("new_event"), QStringLiteral("Qwen OOM") },
            { QStringLiteral("new_notes"), QStringLiteral("new, \"notes\"") } }));

    QVERIFY(session.markers()->remove(second));
    QVERIFY(session.markers()->remove(first));
    session.syncLog();
    changes = readJson(sidecar).value(QStringLiteral("marker_changes")).toArray();
    QCOMPARE(changes.size(), 3);
    QJsonObject del = changes[1].toObject();
    del.remove(QStringLiteral("at"));
    QCOMPARE(del,
        (QJsonObject { { QStringLiteral("time"), QStringLiteral("2026-11-22T13:30:23.125+00:00") },
            { QStringLiteral("event"), QStringLiteral("restart") },
            { QStringLiteral("action"), QStringLiteral("delete") } }));
    QCOMPARE(changes[2].toObject().value(QStringLiteral("event")).toString(), QStringLiteral("Qwen crashed"));
    QCOMPARE(changes[2].toObject().value(QStringLiteral("action")).toString(), QStringLiteral("delete"));

    // Recorded rows are never rewritten: the log still has both marker rows as first written.
    session.stop();
    QStringList events;
    session.syncLog();
    for (const Csv::Record &r : rowsOf(session.log().csvPath())) {
        if (!r.fields[8].isEmpty())
            events << r.fields[8] + QLatin1Char('|') + r.fields[9];
    }
    QCOMPARE(events, (QStringList { QStringLiteral("Qwen crashed|old"), QStringLiteral("restart|") }));
    // stop() rewrote the sidecar: the changes are still there.
    QCOMPARE(readJson(sidecar).value(QStringLiteral("marker_changes")).toArray().size(), 3);
}

// m2 never answers: rows keep coming with m1's values and m2's cells empty.
void TestSession::silentMachineDoesNotStopTheOthers()
{
    QTemporaryDir dir;
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    auto requests = std::make_shared<std::atomic<int>>(0);
    MachineMonitor *m2 = session.addMachine({ QStringLiteral("m2"), QStringLiteral("two") });
    m2->addSource(std::make_unique<SilentSource>(requests));
    session.setIntervalSeconds(0.1);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString csv = session.log().csvPath();

    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(csv).size() >= 4, kWaitMs);
    session.stop();
    QVERIFY(*requests >= 4);
    session.syncLog();
    const QList<Csv::Record> rows = rowsOf(csv);
    for (const Csv::Record &r : rows) {
        QCOMPARE(r.fields.size(), 17);
        QCOMPARE(cellsOf(r, 0), kFullCells);
        QCOMPARE(cellsOf(r, 1), kEmptyCells);
    }
    QVERIFY(m2->history().isEmpty());
}

// One machine, two sources: /proc answers, the model server hangs. The /proc metrics must still
// reach the log.
// Machines added, removed, edited and moved while the session runs (issue 13, item 4): the others
// go on with their history; when the columns change, the log continues in a new file that has the
// session's markers, and the files' sidecars link them.
void TestSession::machinesChangeWhileRunning()
{
    QTemporaryDir dir;
    Session session;
    MachineMonitor *m1 = session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    m1->addSource(std::make_unique<FakeSource>(fullSample()));
    MachineMonitor *m2 = session.addMachine({ QStringLiteral("m2"), QStringLiteral("two") });
    m2->addSource(std::make_unique<SilentSource>());
    session.setIntervalSeconds(0.1);
    SessionStats stats(&session);
    QSignalSpy added(&session, &Session::machineAdded);
    QSignalSpy removing(&session, &Session::machineAboutToBeRemoved);
    QSignalSpy continued(&session, &Session::logContinued);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString first = session.log().csvPath();
    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(first).size() >= 3, kWaitMs);
    session.addMarker(kMarkerMs, QStringLiteral("Before"), QStringLiteral("the change"));
    const qsizetype m1History = m1->history().size();

    // A third machine: m1 goes on, m3 is sampled, and the log continues in a new file.
    MachineMonitor *m3 = session.addMachine({ QStringLiteral("m3"), QStringLiteral("three") });
    m3->addSource(std::make_unique<FakeSource>(fullSample()));
    QCOMPARE(added.size(), 1);
    QVERIFY(continued.wait(kWaitMs));
    const QString second = session.log().csvPath();
    QVERIFY(second != first);
    QCOMPARE(continued[0][0].toString(), first);
    QCOMPARE(continued[0][1].toString(), second);
    QVERIFY(m1->history().size() >= m1History);
    session.syncLog();
    QCOMPARE(Csv::parse(TestUtil::readFile(second)).value(0).fields.size(), 1 + 3 * 7 + 2);
    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(second).size() >= 4, kWaitMs);
    session.syncLog();
    QList<Csv::Record> rows = rowsOf(second);
    // The marker comes first, as it reads now; then the rows, with m3's values.
    QCOMPARE(rows[0].fields[0], QStringLiteral("2026-11-22T13:30:22.125+00:00"));
    QCOMPARE(rows[0].fields[22], QStringLiteral("Before"));
    QCOMPARE(rows[0].fields[23], QStringLiteral("the change"));
    QCOMPARE(cellsOf(rows.last(), 0), kFullCells);
    QCOMPARE(cellsOf(rows.last(), 1), kEmptyCells);
    QCOMPARE(cellsOf(rows.last(), 2), kFullCells);
    session.syncLog();
    QJsonObject previousSidecar = readJson(QString(first).replace(QLatin1String(".csv"), QLatin1String(".json")));
    QVERIFY(previousSidecar.value(QStringLiteral("ended")).isString());
    QCOMPARE(previousSidecar.value(QStringLiteral("continued_in")).toString(), QFileInfo(second).fileName());
    QCOMPARE(previousSidecar.value(QStringLiteral("machines")).toArray().size(), 2); // its own columns' machines
    QJsonObject sidecar = readJson(session.log().sidecarPath());
    QCOMPARE(sidecar.value(QStringLiteral("continues")).toString(), QFileInfo(first).fileName());
    QVERIFY(sidecar.value(QStringLiteral("ended")).isNull());
    QCOMPARE(sidecar.value(QStringLiteral("machines")).toArray().size(), 3);

    // The silent m2 goes, while a frame waits for it: nothing uses it afterwards.
    session.removeMachine(m2);
    QCOMPARE(removing.size(), 1);
    QCOMPARE(session.machines(), (QList<MachineMonitor *> { m1, m3 }));
    QVERIFY(continued.wait(kWaitMs));
    const QString third = session.log().csvPath();
    session.syncLog();
    QCOMPARE(Csv::parse(TestUtil::readFile(third)).value(0).fields.size(), 1 + 2 * 7 + 2);
    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(third).size() >= 4, kWaitMs);
    session.syncLog();
    rows = rowsOf(third);
    QCOMPARE(rows[0].fields[15], QStringLiteral("Before"));
    for (int i = 1; i < rows.size(); ++i) {
        QCOMPARE(cellsOf(rows[i], 0), kFullCells);
        QCOMPARE(cellsOf(rows[i], 1), kFullCells);
    }
    // The totals of the HTTP API follow the machines.
    QVERIFY(stats.machine(QStringLiteral("m3")) && stats.machine(QStringLiteral("m3"))->samples > 0);
    QStringList ids;
    for (const QJsonValue &m : stats.toJson().value(QStringLiteral("machines")).toArray())
        ids << m.toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(ids, (QStringList { QStringLiteral("m1"), QStringLiteral("m3") }));

    // m3 edited (a new name, the same columns): the file goes on; the sidecar has the new name.
    session.removeMachine(m3);
    m3 = session.addMachine({ QStringLiteral("m3"), QStringLiteral("three again") });
    m3->addSource(std::make_unique<FakeSource>(fullSample()));
    QTest::qWait(300);
    QCOMPARE(continued.size(), 2);
    QCOMPARE(session.log().csvPath(), third);
    session.syncLog();
    QCOMPARE(readJson(session.log().sidecarPath())
                 .value(QStringLiteral("machines"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("three again"));
    QTRY_VERIFY_WITH_TIMEOUT(m3->history().size() >= 2, kWaitMs);

    // Moved first: the columns' order changes, so a new file again.
    session.moveMachine(m3, 0);
    QCOMPARE(session.machines(), (QList<MachineMonitor *> { m3, m1 }));
    QVERIFY(continued.wait(kWaitMs));
    session.syncLog();
    QCOMPARE(Csv::parse(TestUtil::readFile(session.log().csvPath())).value(0).fields.value(1),
        QStringLiteral("m3_cpu_percent"));
    session.stop();
    session.syncLog();
    QVERIFY(readJson(session.log().sidecarPath()).value(QStringLiteral("ended")).isString());
    QVERIFY(session.lastError().isEmpty());
}

void TestSession::silentSourceDoesNotHideTheRestOfItsMachine()
{
    QTemporaryDir dir;
    Session session;
    MachineMonitor *m1 = session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    m1->addSource(std::make_unique<FakeSource>(cpuOnly(33.0)));
    m1->addSource(std::make_unique<SilentSource>(std::make_shared<std::atomic<int>>(0)));
    session.addMachine({ QStringLiteral("m2"), QStringLiteral("two") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    session.setIntervalSeconds(0.1);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString csv = session.log().csvPath();

    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(csv).size() >= 5, kWaitMs);
    session.stop();
    session.syncLog();
    const QList<Csv::Record> rows = rowsOf(csv);
    int withCpu = 0;
    for (const Csv::Record &r : rows) {
        QCOMPARE(cellsOf(r, 1), kFullCells);
        if (r.fields[1] == QLatin1String("33.0"))
            ++withCpu;
    }
    // The machine's history does get the partial samples (one tick late).
    QVERIFY(m1->history().size() >= 3);
    QCOMPARE(m1->history().last().value(Metric::CpuPercent), 33.0);
    QVERIFY2(withCpu >= rows.size() - 2, qPrintable(QStringLiteral("%1 of %2").arg(withCpu).arg(rows.size())));
}

void TestSession::failingMachineLeavesItsCellsEmpty()
{
    QTemporaryDir dir;
    Session session;
    MachineMonitor *m1 = session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    m1->addSource(std::make_unique<FailingSource>());
    session.addMachine({ QStringLiteral("m2"), QStringLiteral("two") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    session.setIntervalSeconds(0.1);
    QSignalSpy machineError(m1, &MachineMonitor::errorChanged);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString csv = session.log().csvPath();

    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(csv).size() >= 3, kWaitMs);
    session.stop();
    session.syncLog();
    for (const Csv::Record &r : rowsOf(csv)) {
        QCOMPARE(cellsOf(r, 0), kEmptyCells); // not measured: empty, never 0
        QCOMPARE(cellsOf(r, 1), kFullCells);
    }
    QCOMPARE(m1->lastError(), QStringLiteral("connection refused"));
    QCOMPARE(machineError.count(), 1); // once, not once per sample
    QVERIFY(m1->history().isEmpty());
    QVERIFY(session.lastError().isEmpty()); // a machine's problem is not a log problem
}

// The disk fills up: errorChanged says why; when writing works again it is cleared, and rows go on.
// As root a read-only directory stops nothing, so RLIMIT_FSIZE stands in for a full disk.
void TestSession::writeErrorIsReported()
{
    QTemporaryDir dir;
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    session.setIntervalSeconds(0.1);
    QSignalSpy frames(&session, &Session::frameCompleted);
    QSignalSpy errors(&session, &Session::errorChanged);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString csv = session.log().csvPath();
    QVERIFY(frames.wait(kWaitMs));
    QCOMPARE(errors.count(), 0);

    int rowsBefore = 0;
    {
        // Rows are handed to the writer from this thread's event loop: once it has written what it
        // has, nothing is written between these lines.
        session.syncLog();
        rowsBefore = int(rowsOf(csv).size());
        TestUtil::FileSizeLimit full(QFileInfo(csv).size());
        if (!full.isActive())
            QSKIP("cannot limit the file size (setrlimit RLIMIT_FSIZE)");
        QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, kWaitMs);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.contains(csv), qPrintable(message));
        QVERIFY2(message.contains(qt_error_string(EFBIG)), qPrintable(message));
        QCOMPARE(session.lastError(), message);
        // Reported once, not once per failing row.
        const int framesNow = int(frames.count());
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= framesNow + 3, kWaitMs);
        QCOMPARE(errors.count(), 1);
        session.syncLog();
        QCOMPARE(int(rowsOf(csv).size()), rowsBefore);
    }
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 2, kWaitMs);
    QCOMPARE(errors.at(1).first().toString(), QString());
    QVERIFY(session.lastError().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(rowsOf(csv).size() >= rowsBefore + 2, kWaitMs);
    session.stop();
    session.syncLog();
    for (const Csv::Record &r : rowsOf(csv)) {
        QVERIFY(r.terminated);
        QCOMPARE(cellsOf(r, 0), kFullCells);
    }
}

void TestSession::sidecarErrorIsReported()
{
    QTemporaryDir dir;
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") })
        ->addSource(std::make_unique<FakeSource>(fullSample()));
    QSignalSpy errors(&session, &Session::errorChanged);
    QString error;
    QVERIFY(session.start(dir.path(), &error));
    const QString sidecar = session.log().sidecarPath();
    // A directory where the sidecar is: it cannot be replaced, even by root.
    QVERIFY(QFile::remove(sidecar));
    QVERIFY(QDir().mkpath(sidecar));

    const int id = session.addMarker(kMarkerMs, QStringLiteral("x"), QString());
    session.syncLog();
    QCOMPARE(errors.count(), 0); // the marker row itself went to the CSV
    QVERIFY(session.markers()->update(id, QStringLiteral("y"), QString()));
    session.syncLog();
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.first().first().toString().contains(sidecar), qPrintable(errors.first().first().toString()));
    session.stop();
}

void TestSession::intervalIsClamped_data()
{
    QTest::addColumn<double>("requested");
    QTest::addColumn<double>("interval");

    QTest::addRow("below the minimum") << 0.01 << 0.1;
    QTest::addRow("zero") << 0.0 << 0.1;
    QTest::addRow("negative") << -5.0 << 0.1;
    QTest::addRow("the minimum") << 0.1 << 0.1;
    QTest::addRow("in range") << 2.5 << 2.5;
    QTest::addRow("the maximum") << 60.0 << 60.0;
    QTest::addRow("above the maximum") << 3600.0 << 60.0;
}

void TestSession::intervalIsClamped()
{
    QFETCH(double, requested);
    QFETCH(double, interval);

    QTemporaryDir dir;
    Session session;
    MachineMonitor *m1 = session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    QSignalSpy changed(&session, &Session::intervalChanged);
    QCOMPARE(session.intervalSeconds(), 1.0);
    QString error;
    QVERIFY(session.start(dir.path(), &error));

    session.setIntervalSeconds(requested);
    QCOMPARE(session.intervalSeconds(), interval);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toDouble(), interval);
    QCOMPARE(m1->history().capacity(), History::capacityFor(interval));
    session.syncLog();
    QCOMPARE(readJson(session.log().sidecarPath()).value(QStringLiteral("interval_s")).toDouble(), interval);

    session.setIntervalSeconds(interval); // no change, no signal
    QCOMPARE(changed.count(), 1);
    session.stop();
}

void TestSession::samplesWithoutALog()
{
    Session session;
    MachineMonitor *m1 = session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    m1->addSource(std::make_unique<FakeSource>(fullSample()));
    session.setIntervalSeconds(0.1);
    QSignalSpy frames(&session, &Session::frameCompleted);
    QString error;
    QVERIFY(session.start(QString(), &error));
    QVERIFY(!session.log().isOpen());
    QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, kWaitMs);
    session.stop();
    QVERIFY(m1->history().size() >= 2);
    QCOMPARE(m1->history().last().value(Metric::CpuPercent), 12.5);
    QVERIFY(session.lastError().isEmpty());
}

void TestSession::startFailsWithoutADirectory()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("not-a-directory"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();

    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    QString error;
    QVERIFY(!session.start(file + QStringLiteral("/logs"), &error));
    QVERIFY2(error.contains(file), qPrintable(error));
    QVERIFY(!session.isRunning());
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
