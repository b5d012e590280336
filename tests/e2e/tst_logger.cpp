// End to end: the built `perfdash` binary run as a person runs it from a terminal.
#include "controlprotocol.h"
#include "csv.h"
#include "logreader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/resource.h>

namespace {
const QString kBinary = QStringLiteral(PERFDASH_BINARY);

const QStringList kHeader = {
    QStringLiteral("timestamp"),
    QStringLiteral("local_cpu_percent"),
    QStringLiteral("local_memory_percent"),
    QStringLiteral("local_memory_used_mb"),
    QStringLiteral("local_server_up"),
    QStringLiteral("local_tokens_per_second"),
    QStringLiteral("local_active_requests"),
    QStringLiteral("local_requests_total"),
    QStringLiteral("event"),
    QStringLiteral("notes"),
};

QStringList logsIn(const QString &dir)
{
    return QDir(dir).entryList({ QStringLiteral("performance_log_*.csv") }, QDir::Files, QDir::Name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

Run run(const QStringList &args, int timeoutMs = 20'000,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kBinary, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestLogger : public QObject
{
    Q_OBJECT

private slots:
    void recordsTheContractHeaderAndRows();
    void durationIncludesTheLastSample();
    void stopSignalFinishesTheRow_data();
    void stopSignalFinishesTheRow();
    void killNineLosesAtMostTheRowBeingWritten();
    void startOnAFullDiskSaysWhyAndLeavesNoLog();
    void singleAppendsToTheNewestLog();
    void singleStartsALogWhenThereIsNone();
    void logDirFromEnvironment();
    void unwritableLogDirIsOneClearLine();
    void usageErrors_data();
    void usageErrors();
    void helpAndVersion();
    void qtOptionsGoToTheWindow();
};

void TestLogger::recordsTheContractHeaderAndRows()
{
    QTemporaryDir dir;
    const Run r = run({ QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.2"),
        QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--log-dir"), dir.path() });
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList logs = logsIn(dir.path());
    QCOMPARE(logs.size(), 1);
    QVERIFY(QRegularExpression(QStringLiteral("^performance_log_\\d{8}_\\d{6}\\.csv$")).match(logs.first()).hasMatch());

    const QByteArray text = readFile(QDir(dir.path()).filePath(logs.first()));
    QVERIFY(text.endsWith('\n'));
    QVERIFY(!text.contains('\r'));
    QVERIFY(!text.startsWith("\xEF\xBB\xBF"));
    const QList<Csv::Record> records = Csv::parse(text);
    QCOMPARE(records.first().fields, kHeader);
    QVERIFY2(records.size() - 1 >= 10, qPrintable(QString::number(records.size() - 1)));

    const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d$"));
    QDateTime previous;
    for (qsizetype i = 1; i < records.size(); ++i) {
        const QStringList &f = records[i].fields;
        QCOMPARE(f.size(), kHeader.size());
        QVERIFY2(iso.match(f[0]).hasMatch(), qPrintable(f[0]));
        const QDateTime t = QDateTime::fromString(f[0], Qt::ISODateWithMs);
        QVERIFY(t.isValid());
        if (previous.isValid())
            QVERIFY(t > previous);
        previous = t;
        bool ok = false;
        const double cpu = f[1].toDouble(&ok);
        QVERIFY2(ok && cpu >= 0 && cpu <= 100, qPrintable(f[1]));
        const double mem = f[2].toDouble(&ok);
        QVERIFY2(ok && mem > 0 && mem < 100, qPrintable(f[2]));
        const double usedMb = f[3].toDouble(&ok);
        QVERIFY2(ok && usedMb > 0, qPrintable(f[3]));
        // No model server here: not measured is empty, never 0.
        for (int c = 4; c <= 9; ++c)
            QVERIFY2(f[c].isEmpty(), qPrintable(f[c]));
    }

    const QJsonObject sidecar = QJsonDocument::fromJson(
        readFile(
            QDir(dir.path()).filePath(QString(logs.first()).replace(QStringLiteral(".csv"), QStringLiteral(".json")))))
                                    .object();
    QCOMPARE(sidecar.value(QStringLiteral("csv")).toString(), logs.first());
    QCOMPARE(sidecar.value(QStringLiteral("interval_s")).toDouble(), 0.2);
    QVERIFY(sidecar.value(QStringLiteral("ended")).isString());
}

// Regression: `--duration 2` at 1 s stopped at 2.000 s, before the sample due then was written,
// and so recorded one row where the person asked for two.
void TestLogger::durationIncludesTheLastSample()
{
    QTemporaryDir dir;
    const Run r = run({ QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("1"),
        QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--log-dir"), dir.path() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList logs = logsIn(dir.path());
    QCOMPARE(logs.size(), 1);
    const QList<Csv::Record> records = Csv::parse(readFile(QDir(dir.path()).filePath(logs.first())));
    QCOMPARE(records.size() - 1, 2);
}

void TestLogger::stopSignalFinishesTheRow_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addRow("SIGTERM") << int(SIGTERM);
    QTest::addRow("SIGINT") << int(SIGINT);
}

void TestLogger::stopSignalFinishesTheRow()
{
    QFETCH(int, signalNumber);
    QTemporaryDir dir;
    QProcess p;
    p.start(kBinary,
        { QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.1"), QStringLiteral("--log-dir"),
            dir.path() });
    QVERIFY(p.waitForStarted());
    // Wait until rows are flowing, then stop it mid-run.
    QTRY_VERIFY_WITH_TIMEOUT(logsIn(dir.path()).size() == 1
            && readFile(QDir(dir.path()).filePath(logsIn(dir.path()).first())).count('\n') > 8,
        10'000);
    ::kill(pid_t(p.processId()), signalNumber);
    QVERIFY(p.waitForFinished(5000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);

    const QByteArray text = readFile(QDir(dir.path()).filePath(logsIn(dir.path()).first()));
    QVERIFY2(text.endsWith('\n'), "the last row was cut");
    const QList<Csv::Record> records = Csv::parse(text);
    for (const Csv::Record &r : records) {
        QVERIFY(r.terminated);
        QCOMPARE(r.fields.size(), kHeader.size());
    }
}

// kill -9 at 20 random moments of a 10 Hz logger, each while a `perfdash mark` is on its way: the
// log always loads, at most the row being written is lost, and a marker whose `mark` exited 0 is
// in the file (taken by the logger, or appended by `mark` itself once the logger was gone).
void TestLogger::killNineLosesAtMostTheRowBeingWritten()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo("seed %u", seed);
    for (int round = 0; round < 20; ++round) {
        QTemporaryDir dir;
        QProcess logger;
        logger.start(kBinary,
            { QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.1"), QStringLiteral("--log-dir"),
                dir.path() });
        QVERIFY(logger.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(logsIn(dir.path()).size() == 1, 10'000);
        QTest::qWait(int(random.bounded(100, 600)));
        const QString label = QStringLiteral("round %1").arg(round);
        QProcess mark;
        mark.start(kBinary,
            { QStringLiteral("mark"), label, QStringLiteral("--notes"), QStringLiteral("a, \"b\"\nc"),
                QStringLiteral("--log-dir"), dir.path() });
        QVERIFY(mark.waitForStarted());
        QTest::qWait(int(random.bounded(0, 60)));
        ::kill(pid_t(logger.processId()), SIGKILL);
        QVERIFY(logger.state() == QProcess::NotRunning || logger.waitForFinished(5000));
        QVERIFY(mark.state() == QProcess::NotRunning || mark.waitForFinished(20'000));
        const bool acknowledged = mark.exitStatus() == QProcess::NormalExit && mark.exitCode() == 0;

        const QString csv = QDir(dir.path()).filePath(logsIn(dir.path()).first());
        const LogReadResult read = LogReader::read(csv);
        const QByteArray context
            = QStringLiteral("round %1 (seed %2): %3").arg(round).arg(seed).arg(read.error).toUtf8();
        QVERIFY2(read.data, context.constData());
        int damaged = 0;
        for (const LogWarning &w : read.data->warnings) {
            if (w.kind == LogWarning::BadRecord || w.kind == LogWarning::CutLastLine
                || w.kind == LogWarning::UnterminatedQuote)
                ++damaged;
        }
        QVERIFY2(damaged <= 1, context.constData());
        QVERIFY2(read.data->snapshotCount() > 0, context.constData());
        if (acknowledged) {
            bool found = false;
            for (const LogMarkerRow &m : read.data->markers)
                found = found || (m.event == label && m.notes == QStringLiteral("a, \"b\"\nc"));
            QVERIFY2(found, context.constData());
        }
    }
}

// Started on a full disk (a file-size limit of 0 stands in), `perfdash log` said "another
// perfdash (pid 0) is already running" (its lock file could not be written), and a start whose
// header failed left an empty log behind.
void TestLogger::startOnAFullDiskSaysWhyAndLeavesNoLog()
{
    QTemporaryDir dir;
    QProcess p;
    p.setChildProcessModifier([] {
        rlimit none {};
        ::setrlimit(RLIMIT_FSIZE, &none);
    });
    p.start(kBinary,
        { QStringLiteral("log"), QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--log-dir"),
            dir.path() });
    QVERIFY(p.waitForFinished(20'000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(!err.contains(QStringLiteral("already running")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("disk full")) || err.contains(qt_error_string(EFBIG)), qPrintable(err));
    QCOMPARE(logsIn(dir.path()), QStringList());
}

void TestLogger::singleAppendsToTheNewestLog()
{
    QTemporaryDir dir;
    QVERIFY(run({ QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.1"),
                    QStringLiteral("--duration"), QStringLiteral("0.5"), QStringLiteral("--log-dir"), dir.path() })
                .exitCode
        == 0);
    // An older log beside it must not be touched.
    QFile older(QDir(dir.path()).filePath(QStringLiteral("performance_log_20200101_000000.csv")));
    QVERIFY(older.open(QIODevice::WriteOnly));
    older.write("timestamp,event,notes\n");
    older.close();

    const QString newest = QDir(dir.path()).filePath(logsIn(dir.path()).last());
    const qsizetype rowsBefore = Csv::parse(readFile(newest)).size();
    const QString notes = QStringLiteral("line one, \"quoted\"\nline two — 中文 ✓");
    const Run r = run({ QStringLiteral("log"), QStringLiteral("--single"), QStringLiteral("--event"),
        QStringLiteral("Started Assignment 3"), QStringLiteral("--notes"), notes, QStringLiteral("--log-dir"),
        dir.path() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), newest);

    const QList<Csv::Record> records = Csv::parse(readFile(newest));
    QCOMPARE(records.size(), rowsBefore + 1);
    const QStringList &last = records.last().fields;
    QCOMPARE(last.size(), kHeader.size());
    QCOMPARE(last[8], QStringLiteral("Started Assignment 3"));
    QCOMPARE(last[9], notes);
    QVERIFY(!last[2].isEmpty()); // a snapshot too, not only a marker
    QCOMPARE(readFile(older.fileName()), QByteArray("timestamp,event,notes\n"));
}

void TestLogger::singleStartsALogWhenThereIsNone()
{
    QTemporaryDir dir;
    const QString logDir = QDir(dir.path()).filePath(QStringLiteral("new/logs"));
    const Run r = run({ QStringLiteral("log"), QStringLiteral("--single"), QStringLiteral("--event"),
        QStringLiteral("hello"), QStringLiteral("--log-dir"), logDir });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList logs = logsIn(logDir);
    QCOMPARE(logs.size(), 1);
    const QList<Csv::Record> records = Csv::parse(readFile(QDir(logDir).filePath(logs.first())));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.first().fields, kHeader);
    QCOMPARE(records.last().fields[8], QStringLiteral("hello"));
}

void TestLogger::logDirFromEnvironment()
{
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PERFDASH_LOG_DIR"), dir.path());
    const Run r
        = run({ QStringLiteral("log"), QStringLiteral("--single"), QStringLiteral("--event"), QStringLiteral("env") },
            20'000, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(logsIn(dir.path()).size(), 1);
}

void TestLogger::unwritableLogDirIsOneClearLine()
{
    QTemporaryDir dir;
    QFile blocker(QDir(dir.path()).filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    // A directory cannot be made under a regular file, not even by root.
    const QString logDir = blocker.fileName() + QStringLiteral("/logs");
    const Run r = run({ QStringLiteral("log"), QStringLiteral("--duration"), QStringLiteral("1"),
        QStringLiteral("--log-dir"), logDir });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(logDir), qPrintable(r.err));
    QCOMPARE(r.err.trimmed().count(u'\n'), 0);
}

void TestLogger::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("unknown option") << QStringList { QStringLiteral("--bogus") } << QStringLiteral("bogus");
    QTest::addRow("interval too small") << QStringList { QStringLiteral("log"), QStringLiteral("--interval"),
        QStringLiteral("0.01") } << QStringLiteral("0.01");
    QTest::addRow("interval not a number") << QStringList { QStringLiteral("log"), QStringLiteral("--interval"),
        QStringLiteral("fast") } << QStringLiteral("fast");
    QTest::addRow("interval too large") << QStringList { QStringLiteral("log"), QStringLiteral("--interval"),
        QStringLiteral("61") } << QStringLiteral("61");
    QTest::addRow("negative duration") << QStringList { QStringLiteral("log"), QStringLiteral("--duration=-3") }
                                       << QStringLiteral("-3");
    QTest::addRow("single without event")
        << QStringList { QStringLiteral("log"), QStringLiteral("--single") } << QStringLiteral("--event");
    QTest::addRow("event without single") << QStringList { QStringLiteral("log"), QStringLiteral("--event"),
        QStringLiteral("x") } << QStringLiteral("--single");
    QTest::addRow("duration outside log")
        << QStringList { QStringLiteral("--duration"), QStringLiteral("3") } << QStringLiteral("perfdash log");
    QTest::addRow("stray argument") << QStringList { QStringLiteral("log"), QStringLiteral("extra") }
                                    << QStringLiteral("extra");
}

void TestLogger::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestLogger::helpAndVersion()
{
    const Run help = run({ QStringLiteral("--help") });
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("perfdash log")));
    QVERIFY(help.out.contains(QStringLiteral("--interval")));
    const Run logHelp = run({ QStringLiteral("log"), QStringLiteral("--help") });
    QCOMPARE(logHelp.exitCode, 0);
    const Run version = run({ QStringLiteral("--version") });
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QStringLiteral("perfdash " PERFDASH_VERSION));
}

// `perfdash -platform xcb`, `-style fusion`, `-stylesheet x.qss` exited 2 "Unknown option": Qt's own
// options now reach the window's QApplication, as in every Qt program; the terminal commands,
// which have no window, still refuse them.
void TestLogger::qtOptionsGoToTheWindow()
{
    const Run version = run(
        { QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-style"), QStringLiteral("fusion"),
            QStringLiteral("--stylesheet=none.qss"), QStringLiteral("-reverse"), QStringLiteral("--version") });
    QVERIFY2(version.exitCode == 0, qPrintable(version.err));
    QCOMPARE(version.out.trimmed(), QStringLiteral("perfdash " PERFDASH_VERSION));
    QCOMPARE(run({ QStringLiteral("log"), QStringLiteral("-platform"), QStringLiteral("offscreen") }).exitCode, 2);

    // The window itself starts with them and records.
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    QProcess window;
    window.setProcessEnvironment(env);
    window.start(kBinary,
        { QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("-style"), QStringLiteral("fusion"),
            QStringLiteral("--interval"), QStringLiteral("0.2"), QStringLiteral("--log-dir"),
            dir.filePath(QStringLiteral("logs")) });
    QVERIFY(window.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(logsIn(dir.filePath(QStringLiteral("logs"))).size() == 1, 15'000);
    QCOMPARE(window.state(), QProcess::Running);
    window.terminate();
    if (!window.waitForFinished(10'000))
        window.kill();
    window.waitForFinished();
    // What a window ended by a signal leaves in /tmp (the next one would take it over).
    const QString name = ControlProtocol::serverName(dir.filePath(QStringLiteral("logs")));
    QLocalServer::removeServer(name);
    QFile::remove(name + QStringLiteral(".lock"));
}

QTEST_GUILESS_MAIN(TestLogger)
#include "tst_logger.moc"
