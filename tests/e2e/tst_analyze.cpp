// End to end: `perfdash analyze` run as a person runs it from a terminal, on hand-made logs whose
// answers are worked out here, on the log directory, and on the hostile corpus of tests/fixtures/logs.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
const QString kBinary = QStringLiteral(PERFDASH_BINARY);

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::CrashExit;
    QString out;
    QString err;
};

Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(kBinary, QStringList { QStringLiteral("analyze") } + args);
    Run r;
    if (!p.waitForFinished(60'000)) {
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

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString fixture(const char *name)
{
    return QStringLiteral(PERFDASH_FIXTURES_DIR "/logs/") + QLatin1String(name);
}

// Two runs of machine m1 (one row a second), the second starting 10 minutes later:
//   run 1, 14:30:00–14:30:04: cpu 10, 90, 95, 10, 10 → high_cpu 14:30:01–02 (peak 95); marker
//          "load test" at 14:30:01.500.
//   run 2, 14:40:00–14:40:05: server_up 1, 0, 0, 1, 1, 1; tokens/s 30, -, -, 4 (2 active), 6 (1 active),
//          40 → server_down 14:40:01–02, low_performance 14:40:03–04 (peak 4); marker "Qwen crashed"
//          at 14:40:01 with a note holding a comma and a quote. requests 10, -, -, 2, 5, 9: 9 processed.
QByteArray twoRuns()
{
    return "timestamp,m1_cpu_percent,m1_memory_percent,m1_server_up,m1_tokens_per_second,"
           "m1_active_requests,m1_requests_total,event,notes\n"
           "2026-11-22T14:30:00.000+01:00,10,50,1,30,1,1,,\n"
           "2026-11-22T14:30:01.000+01:00,90,50,1,30,1,2,,\n"
           "2026-11-22T14:30:01.500+01:00,,,,,,,load test,\n"
           "2026-11-22T14:30:02.000+01:00,95,50,1,30,1,3,,\n"
           "2026-11-22T14:30:03.000+01:00,10,50,1,30,1,4,,\n"
           "2026-11-22T14:30:04.000+01:00,10,50,1,30,1,5,,\n"
           "2026-11-22T14:40:00.000+01:00,20,60,1,30,1,10,,\n"
           "2026-11-22T14:40:01.000+01:00,20,60,0,,,,Qwen crashed,\"cell 14, \"\"again\"\"\"\n"
           "2026-11-22T14:40:02.000+01:00,20,60,0,,,,,\n"
           "2026-11-22T14:40:03.000+01:00,20,60,1,4,2,2,,\n"
           "2026-11-22T14:40:04.000+01:00,20,60,1,6,1,5,,\n"
           "2026-11-22T14:40:05.000+01:00,20,60,1,40,1,9,,\n";
}
} // namespace

class TestAnalyze : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reportOfTheLatestRun();
    void jsonOfTheWholeFile();
    void jsonIntoAFifoLeavesItAFifo();
    void damagedLogSaysWhatWasSkippedAtTheTop();
    void thresholdsFromTheCommandLine();
    void longMarkerLabelIsWrittenOnce();
    void newestLogOfTheDirectory();
    void usageErrors_data();
    void usageErrors();
    void cannotBeAnalysed_data();
    void cannotBeAnalysed();
    void hostileCorpus_data();
    void hostileCorpus();
    void helpNamesAnalyze();

private:
    QTemporaryDir m_dir;
    QString m_log;
};

void TestAnalyze::initTestCase()
{
    QVERIFY(QFile::exists(kBinary));
    QVERIFY(m_dir.isValid());
    m_log = m_dir.filePath(QStringLiteral("two_runs.csv"));
    QVERIFY(writeFile(m_log, twoRuns()));
}

void TestAnalyze::reportOfTheLatestRun()
{
    const Run r = run({ m_log });
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("Run 2 of 2 (the latest)")), qPrintable(r.out));
    // Times on the log's clock, its offset named once; the start with its date.
    QVERIFY2(r.out.contains(QStringLiteral("Times on the log's clock, UTC+01:00")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("2026-11-22 14:40:00")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("14:40:05")), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QStringLiteral("T14:40")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("Snapshots         6")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("server_down")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("low_performance")), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QStringLiteral("high_cpu")), qPrintable(r.out)); // that was run 1
    QVERIFY2(r.out.contains(QStringLiteral("Qwen crashed (line 9)")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("Issues: 2")), qPrintable(r.out));
}

// `--json n` with n a device node or a FIFO replaced it by a regular file (as root, `--json
// /dev/null` did so for the whole machine). A FIFO stands in for the device here.
void TestAnalyze::jsonIntoAFifoLeavesItAFifo()
{
    const QByteArray fifo = QFile::encodeName(m_dir.filePath(QStringLiteral("json.fifo")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    // A reader held open first lets the writer open at once; the JSON fits the pipe's buffer.
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    const Run r = run({ m_log, QStringLiteral("--json"), QFile::decodeName(fifo) });
    char buffer[65536];
    const ssize_t n = ::read(reader, buffer, sizeof buffer);
    ::close(reader);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(n > 0 && buffer[0] == '{', "nothing came through the FIFO");
    struct stat st
    {
    };
    QCOMPARE(::lstat(fifo.constData(), &st), 0);
    QVERIFY2(S_ISFIFO(st.st_mode), "the FIFO was replaced by a regular file");
}

// A log whose tail a power cut turned into NULs was refused whole ("the file is binary"): every
// intact row is read, and the second line of the report says what was skipped.
void TestAnalyze::damagedLogSaysWhatWasSkippedAtTheTop()
{
    const QString path = m_dir.filePath(QStringLiteral("power_cut.csv"));
    QVERIFY(writeFile(path, twoRuns() + "2026-11-22T14:40:06.000+01:00,2" + QByteArray(4096, '\0')));
    const Run r = run({ path, QStringLiteral("--run"), QStringLiteral("all") });
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split(u'\n');
    QCOMPARE(lines.value(1), QStringLiteral("1 damaged record(s) skipped (lines 14); every intact row is read"));
    QVERIFY2(r.out.contains(QStringLiteral("Snapshots         11")), qPrintable(r.out));
}

void TestAnalyze::jsonOfTheWholeFile()
{
    const QString out = m_dir.filePath(QStringLiteral("analysis.json"));
    const Run r = run({ m_log, QStringLiteral("--run"), QStringLiteral("all"), QStringLiteral("--json"), out });
    QCOMPARE(r.exitCode, 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);

    const QJsonObject summary = o[QLatin1String("summary")].toObject();
    QCOMPARE(summary[QLatin1String("start")].toString(), QStringLiteral("2026-11-22T14:30:00.000+01:00"));
    QCOMPARE(summary[QLatin1String("end")].toString(), QStringLiteral("2026-11-22T14:40:05.000+01:00"));
    QCOMPARE(summary[QLatin1String("duration_s")].toDouble(), 605.0);
    QCOMPARE(summary[QLatin1String("snapshots")].toInt(), 11);
    QCOMPARE(summary[QLatin1String("markers")].toInt(), 2);
    QCOMPARE(summary[QLatin1String("rows")].toInt(), 12);
    QCOMPARE(summary[QLatin1String("runs")].toInt(), 2);

    const QJsonObject m1 = o[QLatin1String("machines")].toObject()[QLatin1String("m1")].toObject();
    QCOMPARE(m1[QLatin1String("samples")].toInt(), 11);
    // 1→5 (+4), 5→10 (+5), 10→2 (reset, +2), 2→5 (+3), 5→9 (+4) = 18.
    QCOMPARE(m1[QLatin1String("requests_total")].toInt(), 18);
    // server_up 1 in 9 of 11.
    QCOMPARE(m1[QLatin1String("uptime_percent")].toDouble(), 900.0 / 11);
    QCOMPARE(m1[QLatin1String("cpu")].toObject()[QLatin1String("max")].toDouble(), 95.0);

    // high_cpu 14:30:01–02, no_data over the 10-minute gap, server_down, low_performance.
    const QJsonArray issues = o[QLatin1String("issues")].toArray();
    QStringList kinds;
    for (const QJsonValue &v : issues)
        kinds << v.toObject()[QLatin1String("kind")].toString();
    QCOMPARE(kinds,
        (QStringList { QStringLiteral("high_cpu"), QStringLiteral("no_data"), QStringLiteral("server_down"),
            QStringLiteral("low_performance") }));
    const QJsonObject high = issues[0].toObject();
    QCOMPARE(high[QLatin1String("peak")].toDouble(), 95.0);
    QCOMPARE(high[QLatin1String("duration_s")].toDouble(), 1.0);
    // Issues name their marker by its index in `markers`: 0 "load test", 1 "Qwen crashed".
    const QJsonArray markers = o[QLatin1String("markers")].toArray();
    QCOMPARE(markers.size(), 2);
    QCOMPARE(markers[0].toObject()[QLatin1String("event")].toString(), QStringLiteral("load test"));
    QCOMPARE(markers[1].toObject()[QLatin1String("notes")].toString(), QStringLiteral("cell 14, \"again\""));
    QCOMPARE(high[QLatin1String("marker")].toInt(-1), 0);
    const QJsonObject gap = issues[1].toObject();
    QCOMPARE(gap[QLatin1String("start")].toString(), QStringLiteral("2026-11-22T14:30:04.000+01:00"));
    QCOMPARE(gap[QLatin1String("duration_s")].toDouble(), 596.0);
    // "load test" (14:30:01.500) is 2.5 s before the gap; "Qwen crashed" 9 min 57 s after it.
    QCOMPARE(gap[QLatin1String("marker")].toInt(-1), 0);
    QCOMPARE(markers[0].toObject()[QLatin1String("line")].toInt(), 4);
    const QJsonObject down = issues[2].toObject();
    QCOMPARE(down[QLatin1String("marker")].toInt(-1), 1);
    QCOMPARE(issues[3].toObject()[QLatin1String("peak")].toDouble(), 4.0);
    QVERIFY(o[QLatin1String("warnings")].toArray().isEmpty());

    // --json - prints the JSON alone.
    const Run s
        = run({ m_log, QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--run"), QStringLiteral("1") });
    QCOMPARE(s.exitCode, 0);
    const QJsonObject one = QJsonDocument::fromJson(s.out.toUtf8()).object();
    QCOMPARE(one[QLatin1String("summary")].toObject()[QLatin1String("run")].toInt(), 1);
    QCOMPARE(one[QLatin1String("issues")].toArray().size(), 1);
}

// Issue 18, item 10: a 60 KB marker label was copied into each of the ~90 issues of a 1,500-row
// log's JSON (about 6 MB). The label is now written once, in `markers`, and the issues refer to it.
void TestAnalyze::longMarkerLabelIsWrittenOnce()
{
    // 1,500 rows 40 ms apart (60 s), cpu 90 for 8 rows and 10 for the next 8: 94 high_cpu periods,
    // all within 60 s of the marker at 30 s.
    const QByteArray label(60 * 1024, 'L');
    QByteArray log = "timestamp,m1_cpu_percent,event,notes\n";
    auto time = [](int ms) {
        return QStringLiteral("2026-11-22T14:30:%1.%2+01:00")
            .arg(ms / 1000, 2, 10, QLatin1Char('0'))
            .arg(ms % 1000, 3, 10, QLatin1Char('0'))
            .toUtf8();
    };
    for (int i = 0; i < 1500; ++i) {
        log += time(i * 40) + ((i / 8) % 2 ? ",10,," : ",90,,") + '\n';
        if (i == 750)
            log += time(i * 40 + 1) + ",," + label + ",\n";
    }
    const QString in = m_dir.filePath(QStringLiteral("long_label.csv"));
    QVERIFY(writeFile(in, log));
    const QString out = m_dir.filePath(QStringLiteral("long_label.json"));
    const Run r = run({ in, QStringLiteral("--json"), out });
    QCOMPARE(r.exitCode, 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray json = f.readAll();
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    const QJsonArray issues = o[QLatin1String("issues")].toArray();
    QCOMPARE(issues.size(), 94);
    for (const QJsonValue &i : issues)
        QCOMPARE(i.toObject()[QLatin1String("marker")].toInt(-1), 0);
    QCOMPARE(
        o[QLatin1String("markers")].toArray()[0].toObject()[QLatin1String("event")].toString().size(), label.size());
    // The label once, and some 300 bytes an issue.
    QVERIFY2(json.size() < label.size() + 1000 * issues.size(), qPrintable(QString::number(json.size())));
    qDebug("%lld bytes of JSON", qint64(json.size()));
}

void TestAnalyze::thresholdsFromTheCommandLine()
{
    // CPU above 15 %: run 2's six samples (20 %) are one high_cpu period; tokens/s below 5: only the 4.
    const QString out = m_dir.filePath(QStringLiteral("thresholds.json"));
    const Run r = run({ m_log, QStringLiteral("--cpu-threshold"), QStringLiteral("15"), QStringLiteral("--low-tps"),
        QStringLiteral("5"), QStringLiteral("--json"), out });
    QCOMPARE(r.exitCode, 0);
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray issues = QJsonDocument::fromJson(f.readAll()).object()[QLatin1String("issues")].toArray();
    QStringList got;
    for (const QJsonValue &v : issues)
        got << v.toObject()[QLatin1String("kind")].toString() + u' '
                + QString::number(v.toObject()[QLatin1String("samples")].toInt());
    QCOMPARE(got,
        (QStringList {
            QStringLiteral("high_cpu 6"), QStringLiteral("server_down 2"), QStringLiteral("low_performance 1") }));
}

void TestAnalyze::newestLogOfTheDirectory()
{
    QTemporaryDir logs;
    QVERIFY(logs.isValid());
    QVERIFY(writeFile(logs.filePath(QStringLiteral("performance_log_20261121_090000.csv")), twoRuns()));
    QByteArray newest = "timestamp,mac7_cpu_percent,event,notes\n2026-11-22T09:00:00.000+01:00,12,,\n";
    QVERIFY(writeFile(logs.filePath(QStringLiteral("performance_log_20261122_090000.csv")), newest));

    const Run byOption = run({ QStringLiteral("--log-dir"), logs.path() });
    QCOMPARE(byOption.exitCode, 0);
    QVERIFY2(byOption.out.contains(QStringLiteral("performance_log_20261122_090000.csv")), qPrintable(byOption.out));
    QVERIFY2(byOption.out.contains(QStringLiteral("mac7")), qPrintable(byOption.out));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PERFDASH_LOG_DIR"), logs.path());
    const Run byEnv = run({}, env);
    QCOMPARE(byEnv.exitCode, 0);
    QVERIFY2(byEnv.out.contains(QStringLiteral("mac7")), qPrintable(byEnv.out));

    const Run byDir = run({ logs.path() });
    QCOMPARE(byDir.exitCode, 0);
    QVERIFY2(byDir.out.contains(QStringLiteral("mac7")), qPrintable(byDir.out));

    QTemporaryDir empty;
    const Run none = run({ QStringLiteral("--log-dir"), empty.path() });
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains(QStringLiteral("no session log")), qPrintable(none.err));
}

void TestAnalyze::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("bad run") << QStringList { QStringLiteral("--run"), QStringLiteral("last") }
                             << QStringLiteral("--run");
    QTest::addRow("run 0") << QStringList { QStringLiteral("--run"), QStringLiteral("0") } << QStringLiteral("--run");
    QTest::addRow("cpu over 100") << QStringList { QStringLiteral("--cpu-threshold"), QStringLiteral("150") }
                                  << QStringLiteral("--cpu-threshold");
    QTest::addRow("cpu not a number") << QStringList { QStringLiteral("--cpu-threshold"), QStringLiteral("abc") }
                                      << QStringLiteral("--cpu-threshold");
    QTest::addRow("negative tps") << QStringList { QStringLiteral("--low-tps"), QStringLiteral("-1") }
                                  << QStringLiteral("--low-tps");
    QTest::addRow("json without a file") << QStringList { QStringLiteral("--json") } << QStringLiteral("json");
    QTest::addRow("two files") << QStringList { QStringLiteral("a.csv"), QStringLiteral("b.csv") }
                               << QStringLiteral("unexpected argument 'b.csv'");
    QTest::addRow("a logger option") << QStringList { QStringLiteral("--interval"), QStringLiteral("1") }
                                     << QStringLiteral("'perfdash analyze' takes");
    QTest::addRow("unknown option") << QStringList { QStringLiteral("--frobnicate") } << QStringLiteral("frobnicate");
}

void TestAnalyze::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestAnalyze::cannotBeAnalysed_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::addRow("missing file") << QStringList { QStringLiteral("/nonexistent/x.csv") }
                                  << QStringLiteral("no such file");
    QTest::addRow("run 3 of 2") << QStringList { QStringLiteral("@log"), QStringLiteral("--run"), QStringLiteral("3") }
                                << QStringLiteral("the log has 2 runs; there is no run 3");
    QTest::addRow("json not writable") << QStringList { QStringLiteral("@log"), QStringLiteral("--json"),
        QStringLiteral("/nonexistent/dir/out.json") }
                                       << QStringLiteral("cannot write /nonexistent/dir/out.json");
}

void TestAnalyze::cannotBeAnalysed()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    args.replaceInStrings(QStringLiteral("@log"), m_log);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1); // one line
}

void TestAnalyze::hostileCorpus_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // on stderr for 1, on stdout for 0

    QTest::addRow("empty") << fixture("empty.csv") << 1 << QStringLiteral("empty");
    QTest::addRow("header only") << fixture("header_only.csv") << 0 << QStringLiteral("Snapshots         0");
    QTest::addRow("binary garbage") << fixture("binary_garbage.csv") << 1 << QStringLiteral("binary");
    QTest::addRow("wrong field counts") << fixture("wrong_field_counts.csv") << 0 << QStringLiteral("2 warning(s)");
    QTest::addRow("bad numbers") << fixture("bad_numbers.csv") << 0 << QStringLiteral("5 warning(s)");
    QTest::addRow("out of range") << fixture("out_of_range.csv") << 0 << QStringLiteral("4 warning(s)");
    QTest::addRow("unterminated quote") << fixture("unterminated_quote.csv") << 0 << QStringLiteral("1 warning(s)");
    QTest::addRow("duplicate columns") << fixture("duplicate_columns.csv") << 0 << QStringLiteral("warning(s)");
    QTest::addRow("no timestamp") << fixture("no_timestamp.csv") << 1 << QStringLiteral("timestamp");
    QTest::addRow("time backwards") << fixture("time_backwards.csv") << 0 << QStringLiteral("Snapshots         4");
    QTest::addRow("NUL bytes") << fixture("nul_bytes.csv") << 0 << QStringLiteral("warning(s)");
    QTest::addRow("UTF-16") << fixture("utf16.csv") << 1 << QStringLiteral("UTF-16");
    QTest::addRow("UTF-16 without BOM") << fixture("utf16_no_bom.csv") << 1 << QStringLiteral("UTF-16");
    QTest::addRow("gzip named .csv") << fixture("gzip_named.csv") << 1 << QStringLiteral("gzip");
    QTest::addRow("CRLF and BOM") << fixture("crlf_bom.csv") << 0 << QStringLiteral("no warnings");
    QTest::addRow("cut last line") << fixture("cut_last_line.csv") << 0 << QStringLiteral("warning(s)");
    QTest::addRow("power cut: NUL tail") << fixture("power_cut_nul_tail.csv") << 0
                                         << QStringLiteral("1 damaged record(s) skipped (lines 6)");
    QTest::addRow("torn row and garbage")
        << fixture("torn_row_garbage.csv") << 0 << QStringLiteral("1 damaged record(s) skipped (lines 4)");
    QTest::addRow("NUL in a note") << fixture("nul_in_note.csv") << 0
                                   << QStringLiteral("1 damaged record(s) skipped (lines 3)");
    QTest::addRow("a directory named x.csv") << QStringLiteral("@dir") << 1 << QStringLiteral("directory");
    QTest::addRow("a 10 MB single line") << QStringLiteral("@longline") << 1 << QStringLiteral("timestamp");
    QTest::addRow("a 100,000-column header") << QStringLiteral("@columns") << 0 << QStringLiteral("warning(s)");
}

void TestAnalyze::hostileCorpus()
{
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    if (file == QLatin1String("@dir")) {
        file = m_dir.filePath(QStringLiteral("x.csv"));
        QVERIFY(QDir().mkpath(file));
    } else if (file == QLatin1String("@longline")) {
        file = m_dir.filePath(QStringLiteral("long.csv"));
        QVERIFY(writeFile(file, QByteArray(10 * 1024 * 1024, 'x') + '\n'));
    } else if (file == QLatin1String("@columns")) {
        file = m_dir.filePath(QStringLiteral("columns.csv"));
        QByteArray header = "timestamp";
        for (int i = 0; i < 100'000; ++i)
            header += ",u" + QByteArray::number(i);
        QVERIFY(writeFile(file, header + ",event,notes\n2026-11-22T14:30:00.000+01:00,1\n"));
    }
    const Run r = run({ file });
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode == 0) {
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    } else {
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(r.out.isEmpty());
    }
}

void TestAnalyze::helpNamesAnalyze()
{
    QProcess p;
    p.start(kBinary, { QStringLiteral("--help") });
    QVERIFY(p.waitForFinished(20'000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY(out.contains(QStringLiteral("perfdash analyze [FILE|DIR]")));
    QVERIFY(out.contains(QStringLiteral("--cpu-threshold N")));
}

QTEST_GUILESS_MAIN(TestAnalyze)
#include "tst_analyze.moc"
