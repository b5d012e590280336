// The CSV file of a logging session and its JSON sidecar (SessionLog), and where logs live
// (LogDirectory).
#include "csv.h"
#include "logdirectory.h"
#include "sessionlog.h"
#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
// 2026-11-22T13:30:22.125Z; the tests run in UTC.
constexpr qint64 kStartMs = 1795354222125;
const QString kFirstName = QStringLiteral("performance_log_20261122_133022.csv");
const QByteArray kOneMachineHeader = QByteArrayLiteral(
    "timestamp,m1_cpu_percent,m1_memory_percent,m1_memory_used_mb,m1_server_up,m1_tokens_per_second,"
    "m1_active_requests,m1_requests_total,event,notes\n");

LogLayout oneMachine()
{
    return LogLayout::forMachines({ QStringLiteral("m1") });
}

QHash<QString, Sample> cpuSample(double cpu)
{
    Sample s;
    s.set(Metric::CpuPercent, cpu);
    return { { QStringLiteral("m1"), s } };
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

quint64 inodeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? quint64(st.st_ino) : 0;
}
} // namespace

class TestSessionLog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void logDirectoryNames();
    void logDirectoryResolve();
    void newestLog();
    void newestLogSkipsFilesWithoutAHeader();

    void createWritesHeaderAndRows();
    void rowsWrittenCountsDataRows();
    void createMakesTheDirectory();
    void nameCollisionTakesTheNextSecond();
    void noFreeNameIsAnError();
    void notesRoundTrip_data();
    void notesRoundTrip();
    void openForAppend_data();
    void openForAppend();
    void openForAppendRejects_data();
    void openForAppendRejects();
    void writeWhenClosedFails();
    void appendAfterAPowerCutStartsACleanLine_data();
    void appendAfterAPowerCutStartsACleanLine();
    void failedWriteLeavesNoHalfRow();
    void failedWriteInsideAQuotedNote();
    void headerThatCannotBeWrittenLeavesNoFile();
    void markerWaitsWhileTheDiskIsFull();
    void heldLockKeepsRowsPending();
    void appendsOfOthersAreCaughtUp_data();
    void appendsOfOthersAreCaughtUp();
    void sidecarIsValidJson();
    void sidecarIsReplacedAtomically();
    void sidecarErrorIsReported();
};

void TestSessionLog::initTestCase()
{
    TestUtil::setTimeZone("UTC");
}

void TestSessionLog::logDirectoryNames()
{
    QCOMPARE(LogDirectory::fileNameFor(kStartMs), kFirstName);
    QCOMPARE(LogDirectory::fileNameFor(kStartMs + 1000), QStringLiteral("performance_log_20261122_133023.csv"));
    // 23:59:59.999 -> next day at the next second.
    QCOMPARE(LogDirectory::fileNameFor(1795391999999), QStringLiteral("performance_log_20261122_235959.csv"));
    QCOMPARE(LogDirectory::fileNameFor(1795392000000), QStringLiteral("performance_log_20261123_000000.csv"));
    QCOMPARE(LogDirectory::sidecarFor(QStringLiteral("/logs/performance_log_20261122_133022.csv")),
        QStringLiteral("/logs/performance_log_20261122_133022.json"));
    QCOMPARE(LogDirectory::sidecarFor(QStringLiteral("/logs/OLD.CSV")), QStringLiteral("/logs/OLD.json"));
    QCOMPARE(LogDirectory::sidecarFor(QStringLiteral("/logs/log.txt")), QStringLiteral("/logs/log.txt.json"));
}

void TestSessionLog::logDirectoryResolve()
{
    const QByteArray saved = qgetenv("PERFDASH_LOG_DIR");
    qputenv("PERFDASH_LOG_DIR", "/tmp/perfdash-env/./logs/");
    QCOMPARE(LogDirectory::resolve(QStringLiteral("/data/a/../b/")), QStringLiteral("/data/b"));
    QCOMPARE(LogDirectory::resolve(), QStringLiteral("/tmp/perfdash-env/logs"));
    qunsetenv("PERFDASH_LOG_DIR");
    QVERIFY(LogDirectory::resolve().endsWith(QStringLiteral("/performance_logs")));
    if (!saved.isEmpty())
        qputenv("PERFDASH_LOG_DIR", saved);
}

void TestSessionLog::newestLog()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(LogDirectory::newestLog(dir.path()), QString());
    for (const char *name : { "performance_log_20261122_133022.csv", "performance_log_20270101_000000.csv",
             "performance_log_20261231_235959.csv", "performance_log_20991231_000000.json", "zzz.csv" })
        QVERIFY(writeFile(dir.filePath(QLatin1String(name)), "timestamp\n"));
    QCOMPARE(LogDirectory::newestLog(dir.path()), dir.filePath(QStringLiteral("performance_log_20270101_000000.csv")));
}

// A start on a full disk left an empty performance_log_*.csv that then counted as the newest log:
// `mark`, `analyze` and `log --single` failed ("header has no timestamp column") until someone
// deleted it.
void TestSessionLog::newestLogSkipsFilesWithoutAHeader()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("performance_log_20261122_133022.csv")), kOneMachineHeader));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("performance_log_20261123_080000.csv")), "1,2,3\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("performance_log_20261124_080000.csv")), QByteArray()));
    QCOMPARE(LogDirectory::newestLog(dir.path()), dir.filePath(QStringLiteral("performance_log_20261122_133022.csv")));
}

void TestSessionLog::createWritesHeaderAndRows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SessionLog log;
    QString error;
    QVERIFY2(log.create(dir.path(), kStartMs, oneMachine(), &error), qPrintable(error));
    QVERIFY(log.isOpen());
    QCOMPARE(log.csvPath(), dir.filePath(kFirstName));
    QCOMPARE(log.sidecarPath(), dir.filePath(QStringLiteral("performance_log_20261122_133022.json")));

    // Each row reaches the file as soon as it is written (no buffering to lose in a crash).
    QCOMPARE(TestUtil::readFile(log.csvPath()), kOneMachineHeader);
    QVERIFY(log.write(log.layout().row(kStartMs, cpuSample(12.5)), &error));
    QCOMPARE(TestUtil::readFile(log.csvPath()),
        QByteArray(kOneMachineHeader + "2026-11-22T13:30:22.125+00:00,12.5,,,,,,,,\n"));
    QVERIFY(log.write(log.layout().row(kStartMs + 1000, cpuSample(99.94)), &error));
    log.close();
    QVERIFY(!log.isOpen());

    QCOMPARE(TestUtil::readFile(dir.filePath(kFirstName)),
        QByteArray(kOneMachineHeader
            + "2026-11-22T13:30:22.125+00:00,12.5,,,,,,,,\n"
              "2026-11-22T13:30:23.125+00:00,99.9,,,,,,,,\n"));
}

// Rows are the records after the header (LOG_FORMAT.md: "First line is the header. One row per
// snapshot"); openForAppend() counts them that way.
void TestSessionLog::rowsWrittenCountsDataRows()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    QVERIFY(log.write(log.layout().row(kStartMs, cpuSample(1)), &error));
    QVERIFY(log.write(log.layout().row(kStartMs + 1000, cpuSample(2)), &error));
    QCOMPARE(log.rowsWritten(), 2);
}

void TestSessionLog::createMakesTheDirectory()
{
    QTemporaryDir dir;
    const QString nested = dir.filePath(QStringLiteral("a/b/performance_logs"));
    SessionLog log;
    QString error;
    QVERIFY2(log.create(nested, kStartMs, oneMachine(), &error), qPrintable(error));
    QVERIFY(QFileInfo(nested).isDir());
    QCOMPARE(log.csvPath(), nested + QLatin1Char('/') + kFirstName);

    // A regular file where the directory should be: an error that names it.
    const QString blocked = dir.filePath(QStringLiteral("file"));
    QVERIFY(writeFile(blocked, "x"));
    SessionLog other;
    QVERIFY(!other.create(blocked + QStringLiteral("/logs"), kStartMs, oneMachine(), &error));
    QVERIFY2(error.contains(blocked), qPrintable(error));
    QVERIFY(!other.isOpen());
}

void TestSessionLog::nameCollisionTakesTheNextSecond()
{
    QTemporaryDir dir;
    SessionLog first;
    SessionLog second;
    SessionLog third;
    QString error;
    QVERIFY(first.create(dir.path(), kStartMs, oneMachine(), &error));
    // Started in the same second (13:30:22.125 and 13:30:22.900): the next second's name.
    QVERIFY(second.create(dir.path(), kStartMs + 775, oneMachine(), &error));
    QVERIFY(third.create(dir.path(), kStartMs, oneMachine(), &error));
    QCOMPARE(QFileInfo(first.csvPath()).fileName(), kFirstName);
    QCOMPARE(QFileInfo(second.csvPath()).fileName(), QStringLiteral("performance_log_20261122_133023.csv"));
    QCOMPARE(QFileInfo(third.csvPath()).fileName(), QStringLiteral("performance_log_20261122_133024.csv"));

    // The first log was not touched by the others.
    QVERIFY(first.write(first.layout().row(kStartMs, cpuSample(1)), &error));
    QCOMPARE(TestUtil::readFile(first.csvPath()),
        QByteArray(kOneMachineHeader + "2026-11-22T13:30:22.125+00:00,1.0,,,,,,,,\n"));
    QCOMPARE(TestUtil::readFile(third.csvPath()), kOneMachineHeader);
}

void TestSessionLog::noFreeNameIsAnError()
{
    QTemporaryDir dir;
    for (int s = 0; s < 60; ++s)
        QVERIFY(writeFile(dir.filePath(LogDirectory::fileNameFor(kStartMs + s * 1000LL)), "taken\n"));
    SessionLog log;
    QString error;
    QVERIFY(!log.create(dir.path(), kStartMs, oneMachine(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!log.isOpen());
    // Nothing overwritten.
    QCOMPARE(TestUtil::readFile(dir.filePath(kFirstName)), QByteArray("taken\n"));
}

void TestSessionLog::notesRoundTrip_data()
{
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("notes");

    QTest::addRow("LOG_FORMAT example") << QStringLiteral("Qwen crashed")
                                        << QStringLiteral("During the third notebook, \"cell 14\"");
    QTest::addRow("commas, quotes, newlines")
        << QStringLiteral("load, phase \"2\"") << QStringLiteral("first, line\nsecond \"line\"\r\nthird\n");
    QTest::addRow("Chinese and emoji")
        << QString::fromUtf8("\xe6\xa8\xa1\xe5\x9e\x8b\xe5\xb4\xa9\xe6\xba\x83")
        << QString::fromUtf8("\xe7\xac\xac\xe4\xb8\x89\xe4\xb8\xaa\xe7\xac\x94\xe8\xae\xb0\xe6\x9c\xac, "
                             "\"\xe5\x8d\x95\xe5\x85\x83 14\" \xf0\x9f\x94\xa5\xf0\x9f\x9a\x80\n"
                             "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb done");
    QTest::addRow("only a quote") << QStringLiteral("\"") << QStringLiteral("\"\"");
    QTest::addRow("empty notes") << QStringLiteral("restart") << QString();
}

// A marker row with hard notes, read back with Csv::parse: the same text, exactly.
void TestSessionLog::notesRoundTrip()
{
    QFETCH(QString, label);
    QFETCH(QString, notes);

    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    QVERIFY(log.write(log.layout().row(kStartMs, cpuSample(50)), &error));
    Marker marker;
    marker.timeMs = kStartMs + 500;
    marker.recordedLabel = label;
    marker.notes = notes;
    QVERIFY(log.write(log.layout().markerRow(marker), &error));
    QVERIFY(log.write(log.layout().row(kStartMs + 1000, cpuSample(60)), &error));
    log.close();

    const QByteArray bytes = TestUtil::readFile(dir.filePath(kFirstName));
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF")); // UTF-8 without BOM
    const QList<Csv::Record> records = Csv::parse(bytes);
    QCOMPARE(records.size(), 4);
    for (const Csv::Record &r : records) {
        QCOMPARE(r.fields.size(), 10);
        QVERIFY(r.terminated);
    }
    QCOMPARE(records[2].fields[0], QStringLiteral("2026-11-22T13:30:22.625+00:00"));
    QCOMPARE(records[2].fields[8], label);
    QCOMPARE(records[2].fields[9], notes);
    QCOMPARE(records[3].fields[1], QStringLiteral("60.0"));
    // Header on line 1, the first row on 2, the marker from 3 over as many lines as its line ends make.
    QCOMPARE(records[3].line, 4 + int(notes.count(QLatin1Char('\n'))) + int(label.count(QLatin1Char('\n'))));
}

void TestSessionLog::openForAppend_data()
{
    QTest::addColumn<QByteArray>("existing");
    QTest::addColumn<QByteArray>("expected"); // null: not checked byte for byte

    const QByteArray header("notes,m1_cpu_percent,timestamp,event\n");
    const QByteArray row(",1.0,2026-11-21T10:00:00.000+00:00,\n");
    const QByteArray cutRow(",2.0,2026-11-21T10:00");
    // Our row follows the file's own column order.
    const QByteArray appended(",5.0,2026-11-22T13:30:22.125+00:00,\n");
    QTest::addRow("ends with a line end") << QByteArray(header + row) << QByteArray(header + row + appended);
    QTest::addRow("cut by a crash mid-row")
        << QByteArray(header + row + cutRow) << QByteArray(header + row + cutRow + '\n' + appended);
    QTest::addRow("header only") << header << QByteArray(header + appended);
    QTest::addRow("header without a line end")
        << QByteArray("notes,m1_cpu_percent,timestamp,event") << QByteArray(header + appended);
    QTest::addRow("CRLF and BOM, from a spreadsheet")
        << QByteArray("\xEF\xBB\xBFnotes,m1_cpu_percent,timestamp,event\r\n,1.0,2026-11-21T10:00:00.000+00:00,\r\n")
        << QByteArray("\xEF\xBB\xBFnotes,m1_cpu_percent,timestamp,event\r\n,1.0,2026-11-21T10:00:00.000+00:00,\r\n"
               + appended);
    // The crash cut a marker's quoted note: a line end alone does not end that record, the quote
    // stays open and swallows every row appended after it.
    QTest::addRow("cut inside a quoted note") << QByteArray(header + row + "\"half a note, \"\"cell") << QByteArray();
}

void TestSessionLog::openForAppend()
{
    QFETCH(QByteArray, existing);
    QFETCH(QByteArray, expected);

    QTemporaryDir dir;
    const QString path = dir.filePath(kFirstName);
    QVERIFY(writeFile(path, existing));
    SessionLog log;
    QString error;
    QVERIFY2(log.openForAppend(path, &error), qPrintable(error));
    QCOMPARE(log.csvPath(), path);
    QCOMPARE(log.rowsWritten(), 0);
    QVERIFY(log.write(log.layout().row(kStartMs, cpuSample(5)), &error));
    QCOMPARE(log.rowsWritten(), 1);
    log.close();

    const QByteArray bytes = TestUtil::readFile(path);
    QVERIFY(bytes.startsWith(existing)); // what was there is kept as it was
    if (!expected.isNull())
        QCOMPARE(bytes, expected);

    // The appended row is a record of its own, with the header's field count.
    const QList<Csv::Record> records = Csv::parse(bytes);
    QVERIFY(records.size() >= 2);
    QVERIFY(!records.last().openQuote);
    QCOMPARE(records.last().fields,
        (QStringList { QString(), QStringLiteral("5.0"), QStringLiteral("2026-11-22T13:30:22.125+00:00"), QString() }));
    QVERIFY(records.last().terminated);
}

void TestSessionLog::openForAppendRejects_data()
{
    QTest::addColumn<QByteArray>("existing"); // null: no file at all

    QTest::addRow("missing") << QByteArray();
    QTest::addRow("empty") << QByteArray("");
    QTest::addRow("no timestamp column") << QByteArray("time,m1_cpu_percent\n1,2\n");
}

void TestSessionLog::openForAppendRejects()
{
    QFETCH(QByteArray, existing);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.csv"));
    if (!existing.isNull())
        QVERIFY(writeFile(path, existing));
    SessionLog log;
    QString error;
    QVERIFY(!log.openForAppend(path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!log.isOpen());
    if (!existing.isNull())
        QCOMPARE(TestUtil::readFile(path), existing); // untouched
}

void TestSessionLog::appendAfterAPowerCutStartsACleanLine_data()
{
    QTest::addColumn<QByteArray>("tail");
    QTest::addColumn<QByteArray>("repair");
    QTest::addColumn<QString>("note");
    QTest::addRow("512 NULs") << QByteArray(512, '\0') << QByteArray("\n") << QStringLiteral("NUL");
    QTest::addRow("NULs and a line end") << QByteArray(100, '\0') + '\n' << QByteArray() << QStringLiteral("NUL");
    QTest::addRow("cut row") << QByteArray("2026-11-22T13:30:23.000Z,5,") << QByteArray("\n")
                             << QStringLiteral("cut short");
    QTest::addRow("garbage with a quote")
        << QByteArray("\x93\"\xff") << QByteArray("\"\n") << QStringLiteral("cut short");
    QTest::addRow("whole") << QByteArray() << QByteArray() << QString();
}

// The newest log's tail was damaged by a power cut: `perfdash mark` and `log --single` never
// append after the garbage as if it were a row's beginning, and they say what they found.
void TestSessionLog::appendAfterAPowerCutStartsACleanLine()
{
    QFETCH(QByteArray, tail);
    QFETCH(QByteArray, repair);
    QFETCH(QString, note);
    QTemporaryDir dir;
    const QString path = dir.filePath(kFirstName);
    const QByteArray row1 = LogLayout::forMachines({ QStringLiteral("m1") }).row(kStartMs, cpuSample(1));
    QVERIFY(writeFile(path, kOneMachineHeader + row1 + tail));
    SessionLog log;
    QString error;
    QVERIFY2(log.openForAppend(path, &error), qPrintable(error));
    if (note.isEmpty())
        QVERIFY(log.tailNote().isEmpty());
    else
        QVERIFY2(log.tailNote().contains(note), qPrintable(log.tailNote()));
    const QByteArray row2 = log.layout().row(kStartMs + 1000, cpuSample(2));
    QVERIFY(log.write(row2, &error));
    QCOMPARE(TestUtil::readFile(path), QByteArray(kOneMachineHeader + row1 + tail + repair + row2));
}

void TestSessionLog::writeWhenClosedFails()
{
    SessionLog log;
    QString error;
    QVERIFY(!log.write("x\n", &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(log.rowsWritten(), 0);
}

// The disk fills up in the middle of a row: the part that reached the disk is taken back, so no
// half row stays in the log, and the row after the gap goes out whole. RLIMIT_FSIZE stands in for a
// full disk.
void TestSessionLog::failedWriteLeavesNoHalfRow()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    const QByteArray row1 = log.layout().row(kStartMs, cpuSample(11));
    const QByteArray row2 = log.layout().row(kStartMs + 1000, cpuSample(22));
    const QByteArray row3 = log.layout().row(kStartMs + 2000, cpuSample(33));
    const qint64 headerSize = kOneMachineHeader.size();
    QCOMPARE(QFileInfo(log.csvPath()).size(), headerSize);

    {
        // Room for 10 bytes of row 1, then none.
        TestUtil::FileSizeLimit limit(headerSize + 10);
        if (!limit.isActive())
            QSKIP("cannot limit the file size (setrlimit RLIMIT_FSIZE)");
        QVERIFY(!log.write(row1, &error));
        QVERIFY2(error.contains(log.csvPath()), qPrintable(error));
        // A write that stops short sets no error of its own: the reason is the system's, not
        // "Unknown error".
        QVERIFY2(error.contains(qt_error_string(EFBIG)), qPrintable(error));
        QCOMPARE(QFileInfo(log.csvPath()).size(), headerSize);
        error.clear();
        QVERIFY(!log.write(row2, &error));
        QVERIFY2(error.contains(qt_error_string(EFBIG)), qPrintable(error));
    }
    QVERIFY2(log.write(row3, &error), qPrintable(error));
    log.close();
    QCOMPARE(TestUtil::readFile(dir.filePath(kFirstName)), QByteArray(kOneMachineHeader + row3));
}

// The same, when the disk fills up inside a marker's quoted note: the marker waits, whole, and the
// file never holds the open quote.
void TestSessionLog::failedWriteInsideAQuotedNote()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    Marker marker;
    marker.timeMs = kStartMs;
    marker.recordedLabel = QStringLiteral("ev");
    marker.notes = QStringLiteral("note, with \"quotes\" and more");
    const QByteArray markerRow = log.layout().markerRow(marker);
    const qsizetype cut = markerRow.indexOf('"') + 6; // inside the quoted note: `"note,`
    const QByteArray row = log.layout().row(kStartMs + 1000, cpuSample(44));
    {
        TestUtil::FileSizeLimit limit(kOneMachineHeader.size() + cut);
        if (!limit.isActive())
            QSKIP("cannot limit the file size (setrlimit RLIMIT_FSIZE)");
        QVERIFY(!log.writeMarker(markerRow, &error));
        QCOMPARE(TestUtil::readFile(dir.filePath(kFirstName)), kOneMachineHeader);
    }
    QVERIFY2(log.write(row, &error), qPrintable(error));
    log.close();

    const QByteArray bytes = TestUtil::readFile(dir.filePath(kFirstName));
    QCOMPARE(bytes, QByteArray(kOneMachineHeader + markerRow + row));
    const QList<Csv::Record> records = Csv::parse(bytes);
    QVERIFY(!records.last().openQuote);
    QCOMPARE(records.last().fields[1], QStringLiteral("44.0"));
}

// The disk is full when a session starts: no empty log is left behind (it would be the newest log),
// and the reason is the system's.
void TestSessionLog::headerThatCannotBeWrittenLeavesNoFile()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    {
        TestUtil::FileSizeLimit limit(10);
        if (!limit.isActive())
            QSKIP("cannot limit the file size (setrlimit RLIMIT_FSIZE)");
        QVERIFY(!log.create(dir.path(), kStartMs, oneMachine(), &error));
    }
    QVERIFY2(error.contains(qt_error_string(EFBIG)), qPrintable(error));
    QVERIFY(!log.isOpen());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
}

// A marker confirmed while the disk was full was in neither the CSV nor the sidecar, even after
// space came back: it now waits in memory and goes out, in order, before the next row.
void TestSessionLog::markerWaitsWhileTheDiskIsFull()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    Marker marker;
    marker.timeMs = kStartMs + 1500;
    marker.recordedLabel = QStringLiteral("Qwen crashed");
    marker.notes = QStringLiteral("during the disk-full spell");
    const QByteArray markerRow = log.layout().markerRow(marker);
    const QByteArray lost = log.layout().row(kStartMs + 1000, cpuSample(11));
    const QByteArray later = log.layout().row(kStartMs + 2000, cpuSample(22));
    {
        TestUtil::FileSizeLimit limit(kOneMachineHeader.size());
        if (!limit.isActive())
            QSKIP("cannot limit the file size (setrlimit RLIMIT_FSIZE)");
        QVERIFY(!log.write(lost, &error));
        QVERIFY(!log.writeMarker(markerRow, &error));
        QCOMPARE(log.unwrittenMarkers(), 1);
        QVERIFY(!log.flush(&error));
        QCOMPARE(log.unwrittenMarkers(), 1);
    }
    QVERIFY2(log.write(later, &error), qPrintable(error));
    QCOMPARE(log.unwrittenMarkers(), 0);
    QVERIFY(log.flush(&error));
    QCOMPARE(TestUtil::readFile(dir.filePath(kFirstName)), kOneMachineHeader + markerRow + later);
}

// Another writer holds the lock on the CSV: the rows wait (the first one briefly, then without
// waiting) and go out in order once it lets go.
void TestSessionLog::heldLockKeepsRowsPending()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    log.setLockWaitMs(20);
    const QString path = dir.filePath(kFirstName);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    QVERIFY(fd >= 0);
    QCOMPARE(::flock(fd, LOCK_EX | LOCK_NB), 0);
    const QByteArray first = log.layout().row(kStartMs + 1000, cpuSample(11));
    const QByteArray second = log.layout().row(kStartMs + 2000, cpuSample(22));
    QVERIFY(!log.write(first, &error));
    QVERIFY2(error.contains(QStringLiteral("locked")), qPrintable(error));
    QVERIFY(!log.write(second, &error));
    QCOMPARE(TestUtil::readFile(path), kOneMachineHeader);
    QCOMPARE(log.rowsWritten(), 0);

    ::flock(fd, LOCK_UN);
    ::close(fd);
    const QByteArray third = log.layout().row(kStartMs + 3000, cpuSample(33));
    QVERIFY2(log.write(third, &error), qPrintable(error));
    QCOMPARE(TestUtil::readFile(path), kOneMachineHeader + first + second + third);
}

void TestSessionLog::appendsOfOthersAreCaughtUp_data()
{
    QTest::addColumn<QByteArray>("appended");
    QTest::addColumn<QByteArray>("expectedRepair");
    QTest::addRow("a whole row") << QByteArray("2026-11-22T13:30:23.000Z,5,,,,,,,ev,\"a, b\"\n") << QByteArray();
    QTest::addRow("cut between fields") << QByteArray("2026-11-22T13:30:23.000Z,5,") << QByteArray("\n");
    QTest::addRow("cut inside a quote") << QByteArray("2026-11-22T13:30:23.000Z,,,,,,,,ev,\"a, b")
                                        << QByteArray("\"\n");
    QTest::addRow("quoted line end") << QByteArray("2026-11-22T13:30:23.000Z,,,,,,,,ev,\"a\n") << QByteArray("\"\n");
}

// Another process appended to the log since this writer's last row (under the lock): the next
// row still starts on a line of its own, outside any quote.
void TestSessionLog::appendsOfOthersAreCaughtUp()
{
    QFETCH(QByteArray, appended);
    QFETCH(QByteArray, expectedRepair);
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    const QString path = dir.filePath(kFirstName);
    QFile other(path);
    QVERIFY(other.open(QIODevice::Append));
    QCOMPARE(other.write(appended), appended.size());
    other.close();
    const QByteArray row = log.layout().row(kStartMs + 2000, cpuSample(44));
    QVERIFY2(log.write(row, &error), qPrintable(error));
    QCOMPARE(TestUtil::readFile(path), kOneMachineHeader + appended + expectedRepair + row);
    const QList<Csv::Record> records = Csv::parse(TestUtil::readFile(path));
    QCOMPARE(records.last().fields[1], QStringLiteral("44.0"));
    QVERIFY(!records.last().openQuote);
}

void TestSessionLog::sidecarIsValidJson()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    const QJsonObject object { { QStringLiteral("format"), QStringLiteral("perfdash-session") },
        { QStringLiteral("interval_s"), 0.5 },
        { QStringLiteral("note"), QString::fromUtf8("\"\xe4\xb8\xad\xe6\x96\x87\"\n\xf0\x9f\x9a\x80") } };
    QVERIFY2(log.writeSidecar(object, &error), qPrintable(error));

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(TestUtil::readFile(log.sidecarPath()), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QVERIFY(doc.isObject());
    QCOMPARE(doc.object(), object);
    // Nothing else left beside the log: no temporary file.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name),
        (QStringList { kFirstName, QStringLiteral("performance_log_20261122_133022.json") }));
}

// A reader holding the old sidecar open still reads all of it after a rewrite: the new one is a new
// file renamed over the old, never the old file truncated and rewritten in place.
void TestSessionLog::sidecarIsReplacedAtomically()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    const QJsonObject first { { QStringLiteral("version"), 1 }, { QStringLiteral("ended"), QJsonValue() } };
    QVERIFY(log.writeSidecar(first, &error));
    const QByteArray firstBytes = TestUtil::readFile(log.sidecarPath());
    const quint64 firstInode = inodeOf(log.sidecarPath());
    QVERIFY(firstInode != 0);

    QFile reader(log.sidecarPath());
    QVERIFY(reader.open(QIODevice::ReadOnly));

    QJsonObject second = first;
    second.insert(QStringLiteral("ended"), QStringLiteral("2026-11-22T14:00:00.000+00:00"));
    second.insert(QStringLiteral("padding"), QString(4096, QLatin1Char('x')));
    QVERIFY(log.writeSidecar(second, &error));

    QCOMPARE(reader.readAll(), firstBytes);
    QVERIFY(inodeOf(log.sidecarPath()) != firstInode);
    QCOMPARE(QJsonDocument::fromJson(TestUtil::readFile(log.sidecarPath())).object(), second);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
}

void TestSessionLog::sidecarErrorIsReported()
{
    QTemporaryDir dir;
    SessionLog log;
    QString error;
    QVERIFY(log.create(dir.path(), kStartMs, oneMachine(), &error));
    // A directory in the sidecar's place: cannot be replaced, even by root.
    QVERIFY(QDir().mkpath(log.sidecarPath()));
    QVERIFY(!log.writeSidecar({ { QStringLiteral("version"), 1 } }, &error));
    QVERIFY2(error.contains(log.sidecarPath()), qPrintable(error));
    QVERIFY(QFileInfo(log.sidecarPath()).isDir());
}

QTEST_GUILESS_MAIN(TestSessionLog)
#include "tst_sessionlog.moc"
