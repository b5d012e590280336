// End to end: `perfdash mark` and the single running instance, with real processes and sockets.
#include "controlprotocol.h"
#include "controlserver.h"
#include "logdirectory.h"
#include "logreader.h"
#include "session.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>
#include <sys/resource.h>

namespace {
const QString kBinary = QStringLiteral(PERFDASH_BINARY);

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QStringList &args, int timeoutMs = 20'000)
{
    QProcess p;
    p.start(kBinary, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Run mark(const QString &dir, const QStringList &more)
{
    return run(QStringList { QStringLiteral("mark") } + more + QStringList { QStringLiteral("--log-dir"), dir });
}

// `perfdash log --interval 0.1` for a directory, ready for markers once it says where it logs.
class Logger
{
public:
    bool start(const QString &dir)
    {
        m_process.start(kBinary,
            { QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.1"), QStringLiteral("--log-dir"),
                dir });
        if (!m_process.waitForStarted())
            return false;
        m_process.setReadChannel(QProcess::StandardError);
        while (!m_err.contains("logging to")) {
            if (!m_process.waitForReadyRead(10'000))
                return false;
            m_err += m_process.readAllStandardError();
        }
        return true;
    }
    bool stop(int signalNumber = SIGTERM)
    {
        ::kill(pid_t(m_process.processId()), signalNumber);
        return m_process.waitForFinished(10'000);
    }
    QProcess &process() { return m_process; }
    ~Logger()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

private:
    QProcess m_process;
    QByteArray m_err;
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString onlyLog(const QString &dir)
{
    const QStringList names = QDir(dir).entryList({ QStringLiteral("performance_log_*.csv") }, QDir::Files);
    return names.size() == 1 ? QDir(dir).filePath(names.first()) : QString();
}

QStringList badRecords(const LogData &data)
{
    QStringList bad;
    for (const LogWarning &w : data.warnings) {
        if (w.kind == LogWarning::BadRecord || w.kind == LogWarning::CutLastLine
            || w.kind == LogWarning::UnterminatedQuote)
            bad << QStringLiteral("line %1: %2").arg(w.line).arg(w.message);
    }
    return bad;
}
} // namespace

class TestControl : public QObject
{
    Q_OBJECT

private slots:
    void concurrentMarksReachTheRunningLogger();
    void markAppendsToTheNewestLogUnderTheLock();
    void snapshotsIntoTheRunningLoggersLog();
    void markWithNoLogIsOneLine();
    void markWhileTheDiskIsFullIsWrittenWhenSpaceReturns();
    void markAfterAPowerCutStartsACleanLine();
    void markRefusedByTheRunningLogger_data();
    void markRefusedByTheRunningLogger();
    void markUsageErrors_data();
    void markUsageErrors();
    void oneLoggerPerDirectory();
    void crashedLoggerIsTakenOver();
    void secondWindowIsForwarded();
    void theWindowIsTheRunningInstance();
    void badRequestsToTheControlServer_data();
    void badRequestsToTheControlServer();
    void aRunningInstanceThatMisbehaves_data();
    void aRunningInstanceThatMisbehaves();
};

void TestControl::concurrentMarksReachTheRunningLogger()
{
    QTemporaryDir dir;
    Logger logger;
    QVERIFY(logger.start(dir.path()));

    // 10 workers, each running 50 `perfdash mark` one after the other.
    constexpr int kWorkers = 10;
    constexpr int kEach = 50;
    std::vector<std::unique_ptr<QProcess>> workers;
    QStringList failures;
    int done = 0;
    std::function<void(int, int)> next = [&](int worker, int n) {
        QProcess *p = workers[size_t(worker)].get();
        p->start(kBinary,
            { QStringLiteral("mark"), QStringLiteral("w%1-%2").arg(worker).arg(n), QStringLiteral("--notes"),
                QStringLiteral("worker %1, \"mark\" %2\nsecond line").arg(worker).arg(n), QStringLiteral("--log-dir"),
                dir.path() });
    };
    for (int w = 0; w < kWorkers; ++w) {
        workers.push_back(std::make_unique<QProcess>());
        QProcess *p = workers.back().get();
        auto count = std::make_shared<int>(0);
        connect(p, &QProcess::finished, this, [&, w, p, count](int code, QProcess::ExitStatus status) {
            if (status != QProcess::NormalExit || code != 0)
                failures << QString::fromUtf8(p->readAllStandardError());
            ++done;
            if (++*count < kEach)
                next(w, *count);
        });
        next(w, 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, kWorkers * kEach, 110'000);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    QVERIFY(logger.stop());
    QCOMPARE(logger.process().exitCode(), 0);

    const QString csv = onlyLog(dir.path());
    QVERIFY(!csv.isEmpty());
    const LogReadResult result = LogReader::read(csv);
    QVERIFY2(result.data, qPrintable(result.error));
    const LogData &data = *result.data;
    QVERIFY2(badRecords(data).isEmpty(), qPrintable(badRecords(data).join(u'\n')));
    QCOMPARE(data.skippedRecords, 0);
    QVERIFY(data.snapshotCount() > 0);
    QSet<QString> seen;
    for (const LogMarkerRow &m : data.markers) {
        QVERIFY2(!seen.contains(m.event), qPrintable(QStringLiteral("twice: ") + m.event));
        seen.insert(m.event);
        const QStringList parts = m.event.mid(1).split(u'-');
        QCOMPARE(m.notes, QStringLiteral("worker %1, \"mark\" %2\nsecond line").arg(parts.value(0), parts.value(1)));
    }
    QCOMPARE(seen.size(), kWorkers * kEach);
    for (int w = 0; w < kWorkers; ++w) {
        for (int n = 0; n < kEach; ++n)
            QVERIFY(seen.contains(QStringLiteral("w%1-%2").arg(w).arg(n)));
    }
}

void TestControl::markAppendsToTheNewestLogUnderTheLock()
{
    QTemporaryDir dir;
    // An older log beside the newest must not be touched.
    const QByteArray header = "timestamp,m1_cpu_percent,event,notes\n";
    const QString older = QDir(dir.path()).filePath(QStringLiteral("performance_log_20200101_000000.csv"));
    const QString newest = QDir(dir.path()).filePath(QStringLiteral("performance_log_20260101_000000.csv"));
    for (const QString &path : { older, newest }) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(header + "2026-01-01T00:00:00.000+00:00,12.5,,\n");
    }

    // Another writer holds the lock and is halfway through a row when `mark` starts; `mark` must
    // wait for the rest of it, or the row would be broken.
    QProcess holder;
    holder.start(QStringLiteral("flock"),
        { newest, QStringLiteral("sh"), QStringLiteral("-c"),
            QStringLiteral("printf '2026-01-01T00:00:01.000+00:00,' >> \"$0\"; echo locked; sleep 1; "
                           "printf '33.5,held,\"a, b\"\\n' >> \"$0\"")
                .replace(QStringLiteral("$0"), newest) });
    QVERIFY(holder.waitForStarted());
    QVERIFY(holder.waitForReadyRead(10'000));
    QCOMPARE(holder.readAllStandardOutput().trimmed(), QByteArray("locked"));

    const Run r = mark(
        dir.path(), { QStringLiteral("Batch complete 25/25"), QStringLiteral("--notes"), QStringLiteral("x\ny") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), newest);
    QVERIFY(holder.waitForFinished(10'000));
    QCOMPARE(holder.exitCode(), 0);

    QFile olderFile(older);
    QVERIFY(olderFile.open(QIODevice::ReadOnly));
    QCOMPARE(olderFile.readAll(), header + "2026-01-01T00:00:00.000+00:00,12.5,,\n");

    const LogReadResult result = LogReader::read(newest);
    QVERIFY2(result.data, qPrintable(result.error));
    const LogData &data = *result.data;
    QVERIFY2(badRecords(data).isEmpty(), qPrintable(badRecords(data).join(u'\n')));
    QCOMPARE(data.skippedRecords, 0);
    QCOMPARE(data.markers.size(), 2);
    // In file order: the holder's row first (it held the lock), then the marker.
    QCOMPARE(data.markers[0].event, QStringLiteral("held"));
    QCOMPARE(data.markers[0].notes, QStringLiteral("a, b"));
    QCOMPARE(data.markers[1].event, QStringLiteral("Batch complete 25/25"));
    QCOMPARE(data.markers[1].notes, QStringLiteral("x\ny"));
    QVERIFY(data.markers[0].line < data.markers[1].line);
    QCOMPARE(data.snapshotCount(), 2);
}

// `perfdash log --single` appends to the newest log, which is the one the running logger writes:
// the lock keeps their rows whole.
void TestControl::snapshotsIntoTheRunningLoggersLog()
{
    QTemporaryDir dir;
    Logger logger;
    QVERIFY(logger.start(dir.path()));
    std::vector<std::unique_ptr<QProcess>> singles;
    for (int i = 0; i < 12; ++i) {
        singles.push_back(std::make_unique<QProcess>());
        singles.back()->start(kBinary,
            { QStringLiteral("log"), QStringLiteral("--single"), QStringLiteral("--interval"), QStringLiteral("0.1"),
                QStringLiteral("--event"), QStringLiteral("single %1").arg(i), QStringLiteral("--notes"),
                QStringLiteral("a, \"quoted\"\nnote %1").arg(i), QStringLiteral("--log-dir"), dir.path() });
    }
    for (auto &p : singles) {
        QVERIFY(p->waitForFinished(20'000));
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
    }
    QVERIFY(logger.stop());
    const LogReadResult result = LogReader::read(onlyLog(dir.path()));
    QVERIFY2(result.data, qPrintable(result.error));
    QVERIFY2(badRecords(*result.data).isEmpty(), qPrintable(badRecords(*result.data).join(u'\n')));
    QCOMPARE(result.data->skippedRecords, 0);
    QCOMPARE(result.data->markers.size(), 12);
    for (const LogMarkerRow &m : result.data->markers)
        QCOMPARE(m.notes, QStringLiteral("a, \"quoted\"\nnote %1").arg(m.event.mid(7)));
}

void TestControl::markWithNoLogIsOneLine()
{
    QTemporaryDir dir;
    const Run r = mark(dir.path(), { QStringLiteral("nothing here") });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY2(r.err.contains(QStringLiteral("no perfdash is running")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());

    const Run missing = mark(dir.filePath(QStringLiteral("no/such/dir")), { QStringLiteral("x") });
    QCOMPARE(missing.exitCode, 1);
    QCOMPARE(missing.err.count(u'\n'), 1);
}

// On a full disk `perfdash mark` exited 0 (and POST /events answered 201) while the marker reached
// neither the CSV nor the sidecar, even after space came back. The running logger now keeps it and
// says so; it is written when the log takes rows again. A file-size limit set on the running
// logger (prlimit) stands in for the full disk.
void TestControl::markWhileTheDiskIsFullIsWrittenWhenSpaceReturns()
{
    QTemporaryDir dir;
    Logger logger;
    QVERIFY(logger.start(dir.path()));
    const QString csv = onlyLog(dir.path());
    QVERIFY(!csv.isEmpty());
    const pid_t pid = pid_t(logger.process().processId());
    rlimit full {};
    QCOMPARE(::prlimit(pid, RLIMIT_FSIZE, nullptr, &full), 0);
    const rlimit roomy = full;
    full.rlim_cur = rlim_t(QFileInfo(csv).size());
    if (::prlimit(pid, RLIMIT_FSIZE, &full, nullptr) != 0)
        QSKIP("cannot limit the logger's file size (prlimit)");
    QTest::qWait(300); // a few rows fail: the disk is full

    const Run r = mark(dir.path(), { QStringLiteral("while full") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(QStringLiteral("kept in memory")), qPrintable(r.err));
    QVERIFY2(r.err.contains(qt_error_string(EFBIG)), qPrintable(r.err));
    QVERIFY(!readAll(csv).contains("while full"));

    const QByteArray atTheLimit = readAll(csv);
    QCOMPARE(::prlimit(pid, RLIMIT_FSIZE, &roomy, nullptr), 0);
    QTRY_VERIFY_WITH_TIMEOUT(readAll(csv).contains("while full"), 5000);
    // Rows come again after the marker; the logger said what went wrong, and goes on.
    QTRY_VERIFY_WITH_TIMEOUT(readAll(csv).count('\n') > atTheLimit.count('\n') + 3, 5000);
    QVERIFY(logger.stop());
    QCOMPARE(logger.process().exitCode(), 0);
    QVERIFY2(logger.process().readAllStandardError().contains(qt_error_string(EFBIG).toUtf8()), "no error shown");
    const QByteArray bytes = readAll(csv);
    QVERIFY(bytes.startsWith(atTheLimit)); // nothing written before was lost
    const LogReadResult result = LogReader::read(csv);
    QVERIFY2(result.data, qPrintable(result.error));
    QCOMPARE(result.data->skippedRecords, 0); // no half row
    QCOMPARE(result.data->markers.size(), 1);
    QCOMPARE(result.data->markers.first().event, QStringLiteral("while full"));
}

// The newest log ends in the NULs a power cut leaves: `perfdash mark` (no perfdash running) says so
// and puts the marker on a line of its own, and the log still opens with every intact row.
void TestControl::markAfterAPowerCutStartsACleanLine()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("performance_log_20261122_143000.csv"));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("timestamp,m1_cpu_percent,m1_memory_percent,event,notes\n"
            "2026-11-22T14:30:00.000+01:00,10,50,,\n"
            "2026-11-22T14:30:01.000+01:00,20,50,,\n"
            "2026-11-22T14:30:02.000+01:00,3");
    f.write(QByteArray(512, '\0'));
    f.close();
    const Run r = mark(dir.path(), { QStringLiteral("after the power cut") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(QStringLiteral("NUL")), qPrintable(r.err));
    const LogReadResult result = LogReader::read(csv);
    QVERIFY2(result.data, qPrintable(result.error));
    QCOMPARE(result.data->snapshotCount(), 2);
    QCOMPARE(result.data->markers.size(), 1);
    QCOMPARE(result.data->markers.first().event, QStringLiteral("after the power cut"));
}

void TestControl::markRefusedByTheRunningLogger_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("unknown machine") << QStringList { QStringLiteral("x"), QStringLiteral("--machine"),
        QStringLiteral("nope") } << QStringLiteral("nope");
    QTest::addRow("blank label") << QStringList { QStringLiteral("   ") } << QStringLiteral("LABEL");
    QTest::addRow("control character") << QStringList { QStringLiteral("a\x01"
                                                                       "b") }
                                       << QStringLiteral("U+0001");
    QTest::addRow("carriage return in the notes") << QStringList { QStringLiteral("a"), QStringLiteral("--notes"),
        QStringLiteral("x\ry") } << QStringLiteral("U+000D");
}

void TestControl::markRefusedByTheRunningLogger()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    Logger logger;
    QVERIFY(logger.start(dir.path()));
    const Run r = mark(dir.path(), args);
    QVERIFY(r.exitCode != 0);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), r.exitCode == 2 ? 2 : 1); // a usage error adds the --help hint
    // A good one still goes through, with the machine the session has.
    const Run ok = mark(dir.path(), { QStringLiteral("fine"), QStringLiteral("--machine"), QStringLiteral("local") });
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    QVERIFY(logger.stop());
    const LogReadResult result = LogReader::read(onlyLog(dir.path()));
    QVERIFY(result.data);
    QCOMPARE(result.data->markers.size(), 1);
    QCOMPARE(result.data->markers.first().event, QStringLiteral("fine"));
}

void TestControl::markUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("no label") << QStringList { QStringLiteral("mark") } << QStringLiteral("LABEL");
    QTest::addRow("two labels") << QStringList { QStringLiteral("mark"), QStringLiteral("a"), QStringLiteral("b") }
                                << QStringLiteral("'b'");
    QTest::addRow("interval") << QStringList { QStringLiteral("mark"), QStringLiteral("a"),
        QStringLiteral("--interval"), QStringLiteral("1") }
                              << QStringLiteral("--interval");
    QTest::addRow("machine outside mark") << QStringList { QStringLiteral("log"), QStringLiteral("--machine"),
        QStringLiteral("m") } << QStringLiteral("--machine");
}

void TestControl::markUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
}

void TestControl::oneLoggerPerDirectory()
{
    QTemporaryDir dir;
    Logger logger;
    QVERIFY(logger.start(dir.path()));
    // The same directory by another spelling is the same directory.
    const Run second = run({ QStringLiteral("log"), QStringLiteral("--duration"), QStringLiteral("1"),
        QStringLiteral("--log-dir"), dir.path() + QStringLiteral("/./") });
    QCOMPARE(second.exitCode, 1);
    QVERIFY2(second.err.contains(QStringLiteral("already running")), qPrintable(second.err));
    QCOMPARE(QDir(dir.path()).entryList({ QStringLiteral("*.csv") }, QDir::Files).size(), 1);
    // Another directory is another instance.
    QTemporaryDir other;
    const Run elsewhere = run({ QStringLiteral("log"), QStringLiteral("--interval"), QStringLiteral("0.1"),
        QStringLiteral("--duration"), QStringLiteral("0.3"), QStringLiteral("--log-dir"), other.path() });
    QVERIFY2(elsewhere.exitCode == 0, qPrintable(elsewhere.err));
    QVERIFY(logger.stop());
}

void TestControl::crashedLoggerIsTakenOver()
{
    QTemporaryDir dir;
    {
        Logger crashed;
        QVERIFY(crashed.start(dir.path()));
        QVERIFY(crashed.stop(SIGKILL)); // leaves its socket and lock file behind
    }
    const QString csv = onlyLog(dir.path());
    const Run r = mark(dir.path(), { QStringLiteral("after the crash") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.out.trimmed(), csv);

    Logger next;
    QVERIFY(next.start(dir.path()));
    const Run live = mark(dir.path(), { QStringLiteral("live") });
    QVERIFY2(live.exitCode == 0, qPrintable(live.err));
    QVERIFY(live.out.trimmed() != csv);
    QVERIFY(next.stop());

    const LogReadResult result = LogReader::read(csv);
    QVERIFY(result.data);
    QCOMPARE(result.data->markers.size(), 1);
    QCOMPARE(result.data->markers.first().event, QStringLiteral("after the crash"));
}

void TestControl::secondWindowIsForwarded()
{
    // This process plays the running window; a second `perfdash` (a real process) is forwarded to
    // it instead of starting, and leaves without a window or a log of its own.
    QTemporaryDir dir;
    Session session;
    ControlServer control(&session);
    control.setWindowed(true);
    QString error;
    QVERIFY2(control.listen(dir.path(), &error), qPrintable(error));
    QSignalSpy raised(&control, &ControlServer::raiseRequested);
    QSignalSpy opened(&control, &ControlServer::openLogRequested);

    QProcess second;
    second.start(kBinary, { QStringLiteral("--log-dir"), dir.path() });
    QVERIFY(second.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20'000);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(opened.size(), 0);

    const QString file = dir.filePath(QStringLiteral("some-log.csv"));
    second.start(kBinary, { file, QStringLiteral("--log-dir"), dir.path() });
    QVERIFY(second.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20'000);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(raised.size(), 2);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toString(), file);
    QVERIFY(QDir(dir.path()).entryList({ QStringLiteral("*.csv") }, QDir::Files).isEmpty());

    // A headless logger does not take windows' requests: the second one says so and stops.
    control.setWindowed(false);
    const Run refused = run({ QStringLiteral("log"), QStringLiteral("--log-dir"), dir.path() });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("already running")), qPrintable(refused.err));
}

void TestControl::theWindowIsTheRunningInstance()
{
    // The real window (offscreen), with settings of its own and the HTTP API on a free port.
    QTemporaryDir dir;
    QProcess window;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    window.setProcessEnvironment(env);
    window.setReadChannel(QProcess::StandardError);
    const QString logDir = dir.filePath(QStringLiteral("logs"));
    window.start(kBinary,
        { QStringLiteral("--interval"), QStringLiteral("0.2"), QStringLiteral("--http"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--log-dir"), logDir });
    QVERIFY(window.waitForStarted());
    auto killWindow = qScopeGuard([&window, logDir] {
        window.kill();
        window.waitForFinished();
        // What a killed perfdash leaves behind (the next one would take it over).
        QLocalServer::removeServer(ControlProtocol::serverName(logDir));
        QFile::remove(ControlProtocol::serverName(logDir) + QStringLiteral(".lock"));
    });
    QByteArray err;
    const QRegularExpression api(QStringLiteral("HTTP API on (http://[^ ]+/)"));
    while (!api.match(QString::fromUtf8(err)).hasMatch()) {
        QVERIFY2(window.waitForReadyRead(20'000), err.constData());
        err += window.readAllStandardError();
    }
    const QString base = api.match(QString::fromUtf8(err)).captured(1);

    const Run marked = mark(logDir, { QStringLiteral("Started Assignment 3") });
    QVERIFY2(marked.exitCode == 0, qPrintable(marked.err));
    const Run second = run({ QStringLiteral("--log-dir"), logDir });
    QCOMPARE(second.exitCode, 0);

    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(base + QStringLiteral("events"))));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonArray markers
        = QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("markers")).toArray();
    reply->deleteLater();
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers[0].toObject().value(QStringLiteral("label")).toString(), QStringLiteral("Started Assignment 3"));
    // Still one window and one log.
    QCOMPARE(window.state(), QProcess::Running);
    QCOMPARE(QDir(logDir).entryList({ QStringLiteral("*.csv") }, QDir::Files).size(), 1);
}

void TestControl::badRequestsToTheControlServer_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("not JSON") << QByteArray("{\"op\":") << QStringLiteral("JSON");
    QTest::addRow("array") << QByteArray("[1]") << QStringLiteral("JSON object");
    QTest::addRow("unknown op") << QByteArray("{\"op\":\"format-disk\"}") << QStringLiteral("format-disk");
    QTest::addRow("unknown field") << QByteArray(R"({"op":"mark","label":"x","when":"now"})") << QStringLiteral("when");
    QTest::addRow("label not a string") << QByteArray(R"({"op":"mark","label":["x"]})") << QStringLiteral("label");
    QTest::addRow("NUL in the label") << QByteArray(R"({"op":"mark","label":"a\u0000b"})") << QStringLiteral("U+0000");
    QTest::addRow("escape in the notes") << QByteArray(R"({"op":"mark","label":"a","notes":"\u001b[31m"})")
                                         << QStringLiteral("U+001B");
    QTest::addRow("too long") << QByteArray(ControlProtocol::kMaxLineBytes + 10, 'x') << QStringLiteral("too long");
}

// The server answers each bad line with a reason, stores nothing, and keeps serving.
void TestControl::badRequestsToTheControlServer()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    ControlServer control(&session);
    QString error;
    QVERIFY(control.listen(dir.path(), &error));
    QLocalSocket socket;
    socket.connectToServer(control.serverName());
    QVERIFY(socket.waitForConnected(5000));
    const bool tooLong = line.size() > ControlProtocol::kMaxLineBytes;
    socket.write(tooLong ? line : line + '\n');
    QTRY_VERIFY_WITH_TIMEOUT(socket.canReadLine(), 5000);
    const QJsonObject answer = QJsonDocument::fromJson(socket.readLine()).object();
    QCOMPARE(answer.value(QStringLiteral("ok")).toBool(true), false);
    QVERIFY2(answer.value(QStringLiteral("error")).toString().contains(mentions),
        qPrintable(answer.value(QStringLiteral("error")).toString()));
    QVERIFY(session.markers()->markers().isEmpty());
    if (tooLong)
        return; // that connection is closed
    socket.write(R"({"op":"mark","label":"fine","machine":"m1"})"
                 "\n");
    QTRY_VERIFY_WITH_TIMEOUT(socket.canReadLine(), 5000);
    const QJsonObject ok = QJsonDocument::fromJson(socket.readLine()).object();
    QVERIFY(ok.value(QStringLiteral("ok")).toBool());
    QCOMPARE(ok.value(QStringLiteral("marker")).toObject().value(QStringLiteral("machine")).toString(),
        QStringLiteral("m1"));
    QCOMPARE(session.markers()->markers().size(), 1);
}

void TestControl::aRunningInstanceThatMisbehaves_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("garbage") << QByteArray("HTTP/1.1 200 OK\n") << QStringLiteral("garbage");
    QTest::addRow("hangs up") << QByteArray() << QStringLiteral("closed");
    QTest::addRow("refuses") << QByteArray("{\"ok\":false,\"error\":\"busy, try later\"}\n")
                             << QStringLiteral("busy, try later");
}

// Something listens for the directory but does not store the marker: one line, exit 1, and the
// newest log is not touched behind its back.
void TestControl::aRunningInstanceThatMisbehaves()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("performance_log_20260101_000000.csv"));
    QFile log(csv);
    QVERIFY(log.open(QIODevice::WriteOnly));
    log.write("timestamp,event,notes\n");
    log.close();
    QLocalServer server;
    QLocalServer::removeServer(ControlProtocol::serverName(dir.path()));
    QVERIFY(server.listen(ControlProtocol::serverName(dir.path())));
    connect(&server, &QLocalServer::newConnection, this, [&server, answer] {
        QLocalSocket *s = server.nextPendingConnection();
        connect(s, &QLocalSocket::readyRead, s, [s, answer] {
            s->readAll();
            if (answer.isEmpty()) {
                s->disconnectFromServer();
            } else {
                s->write(answer);
                s->flush();
            }
        });
    });
    QProcess p;
    p.start(kBinary, { QStringLiteral("mark"), QStringLiteral("x"), QStringLiteral("--log-dir"), dir.path() });
    QTRY_COMPARE_WITH_TIMEOUT(p.state(), QProcess::NotRunning, 20'000);
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(err.count(u'\n'), 1);
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(log.readAll(), QByteArray("timestamp,event,notes\n"));
}

QTEST_GUILESS_MAIN(TestControl)
#include "tst_control.moc"
