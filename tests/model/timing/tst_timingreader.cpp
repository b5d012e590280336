// The readers of the five timing-log shapes (reference/TIMING_LOGS.md) on the hand-made files of
// tests/fixtures/timing (see fixtures/README.md); every expected figure is worked out here.
#include "timingcsv.h"
#include "timingreader.h"
#include "timingstats.h"
#include "timingtiers.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {
QString fixture(const char *name)
{
    return QStringLiteral(PERFDASH_FIXTURES_DIR "/timing/") + QLatin1String(name);
}

TimingData readOk(const QString &path)
{
    TimingReadResult r = TimingReader::read(path);
    if (!r.data)
        qWarning("%s", qPrintable(r.error));
    return r.data ? *r.data : TimingData {};
}

QStringList functionsOfCalls(const TimingData &d)
{
    QStringList out;
    for (qsizetype i = 0; i < d.size(); ++i)
        out << d.functionName(i);
    return out;
}

QList<int> warningLines(const TimingData &d)
{
    QList<int> out;
    for (const TimingWarning &w : d.warnings)
        out << w.line;
    return out;
}

double attribute(const TimingData &d, const char *name, qsizetype call)
{
    const NumericColumn *c = d.numericColumn(QLatin1String(name));
    for (size_t j = 0; c && j < c->rows.size(); ++j) {
        if (qsizetype(c->rows[j]) == call)
            return c->values[j];
    }
    return std::nan("");
}
} // namespace

class TestTimingReader : public QObject
{
    Q_OBJECT
private slots:
    void shapes_data();
    void shapes();
    void prefixedLines();
    void rotatedSetWithGap();
    void resultsCsvJoinsErrors();
    void resultsCsvHeaders_data();
    void resultsCsvHeaders();
    void collector();
    void requestsPerTier();
    void traceNestedAndUnbalanced();
    void largeFileReadInPieces();
    void appendManyCallsWithNewColumns();
    void callNamingItsErrorIsACall();
    void shapeBFileOpenedAloneJoinsTheErrorLogBesideIt_data();
    void shapeBFileOpenedAloneJoinsTheErrorLogBesideIt();
};

// Each fixture: its shape from content, the calls in the order read, and the lines warned about.
void TestTimingReader::shapes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("calls");
    QTest::addColumn<QList<int>>("warnings");
    QTest::addColumn<qint64>("skipped");
    const QString cafe = QStringLiteral("caf\uFFFD");
    QTest::addRow("A prefixed JSON lines")
        << fixture("a_prefixed.log")
        << QStringList { QStringLiteral("optimize_schedule"), QStringLiteral("adjust_rc_plan"), cafe,
               QStringLiteral("adjust_rc_plan"), QStringLiteral("optimize_schedule") }
        << QList<int> { 5, 6, 7, 8 } << qint64(2);
    QTest::addRow("B rotated set, oldest first") << fixture("b_rotated/timing.log")
                                                 << QStringList { QStringLiteral("load"), QStringLiteral("parse"),
                                                        QStringLiteral("save"), QStringLiteral("save") }
                                                 << QList<int> { 0 } << qint64(0);
    QTest::addRow("C collector JSON") << fixture("c_collector.json")
                                      << QStringList { QStringLiteral("detect_faces"), QStringLiteral("detect_faces"),
                                             QStringLiteral("embed") }
                                      << QList<int> {} << qint64(0);
    QTest::addRow("C processing CSV") << fixture("c_processing.csv")
                                      << QStringList { QStringLiteral("resize"), QStringLiteral("resize") }
                                      << QList<int> {} << qint64(0);
    QTest::addRow("E trace") << fixture("e_trace.json")
                             << QStringList { QStringLiteral("load"), QStringLiteral("inner"), QStringLiteral("main") }
                             << QList<int> { 0, 0 } << qint64(0);
    QTest::addRow("E bare array") << fixture("e_array.json") << QStringList { QStringLiteral("step") } << QList<int> {}
                                  << qint64(0);
}

void TestTimingReader::shapes()
{
    QFETCH(QString, path);
    QFETCH(QStringList, calls);
    QFETCH(QList<int>, warnings);
    QFETCH(qint64, skipped);
    const TimingData d = readOk(path);
    QCOMPARE(functionsOfCalls(d), calls);
    QCOMPARE(warningLines(d), warnings);
    QCOMPARE(d.skippedLines, skipped);
    QCOMPARE(qsizetype(d.duration.size()), d.size());
    QCOMPARE(qsizetype(d.ok.size()), d.size());
}

// The JSON after a prefix that itself holds '{' (an invalid object, then objects without
// "function"), NaN/negative/missing execution_time, bytes that are not UTF-8, start_time, no last
// line end.
void TestTimingReader::prefixedLines()
{
    const TimingData d = readOk(fixture("a_prefixed.log"));
    QCOMPARE(d.size(), 5);
    QCOMPARE(d.start[0], 1763818222.0 - 1.5); // timestamp is the end
    QCOMPARE(d.duration[0], 1.5);
    QCOMPARE(d.line[1], 3);
    QCOMPARE(d.start[1], 1763818222.5 - 0.25);
    QCOMPARE(d.start[2], 1763818224.0); // start_time given
    QCOMPARE(d.line[2], 8);
    QVERIFY(d.warnings[0].message.contains(QLatin1String("execution_time")));
    QVERIFY(d.warnings[2].message.contains(QLatin1String("no execution_time")));
    QVERIFY(d.warnings[3].message.contains(QLatin1String("UTF-8")));
    QCOMPARE(d.warnings[3].file, fixture("a_prefixed.log"));
    QCOMPARE(d.ok, (std::vector<std::uint8_t> { 1, 1, 1, 0, 1 }));
    QCOMPARE(d.errors.size(), 1);
    QCOMPARE(d.errors[0].message, QStringLiteral("boom"));
    QCOMPARE(d.errors[0].call, 3);
    QCOMPARE(attribute(d, "n_microbatches", 0), 4.0);
    QCOMPARE(attribute(d, "n_microbatches", 4), 8.0);
    QCOMPARE(attribute(d, "topk", 1), 1.0);
    const TextColumn *sch = d.textColumn(QStringLiteral("sch_type"));
    QVERIFY(sch);
    QCOMPARE(sch->values, QStringList { QStringLiteral("wait-free-cyclic") });
    QVERIFY(!d.numericColumn(QStringLiteral("timestamp"))); // the time, not an attribute
}

void TestTimingReader::rotatedSetWithGap()
{
    const TimingData d = readOk(fixture("b_rotated"));
    QCOMPARE(functionsOfCalls(d),
        (QStringList {
            QStringLiteral("load"), QStringLiteral("parse"), QStringLiteral("save"), QStringLiteral("save") }));
    QCOMPARE(d.files.size(), 4); // error.log, timing.log.3, timing.log.1, timing.log
    QVERIFY(d.files.indexOf(fixture("b_rotated/timing.log.3")) < d.files.indexOf(fixture("b_rotated/timing.log.1")));
    QVERIFY(d.files.indexOf(fixture("b_rotated/timing.log.1")) < d.files.indexOf(fixture("b_rotated/timing.log")));
    QCOMPARE(d.warnings.size(), 1);
    QCOMPARE(d.warnings[0].file, fixture("b_rotated/timing.log.2"));
    QCOMPARE(d.start[0], 1763818200.1 - 0.1);
    // error.log joined by UUID: u3 is the third call; u9 matches none.
    QCOMPARE(d.errors.size(), 2);
    const TimingError &joined = d.errors[0].uuid == QLatin1String("u3") ? d.errors[0] : d.errors[1];
    const TimingError &alone = d.errors[0].uuid == QLatin1String("u3") ? d.errors[1] : d.errors[0];
    QCOMPARE(joined.call, 2);
    QCOMPARE(joined.type, QStringLiteral("ValueError"));
    QVERIFY(joined.traceback.contains(QLatin1String("\n  File \"job.py\", line 12")));
    QCOMPARE(alone.call, -1);
    QCOMPARE(d.ok, (std::vector<std::uint8_t> { 1, 1, 0, 1 }));
}

void TestTimingReader::resultsCsvJoinsErrors()
{
    const TimingData d = readOk(fixture("b_results"));
    QCOMPARE(
        functionsOfCalls(d), (QStringList { QStringLiteral("load"), QStringLiteral("save"), QStringLiteral("save") }));
    QCOMPARE(d.ok, (std::vector<std::uint8_t> { 1, 0, 1 })); // u2 failed (error.log, "call_id")
    QCOMPARE(d.warnings.size(), 1);                          // timing.log's 3 calls are the CSV's
    QVERIFY(d.warnings[0].message.startsWith(QLatin1String("3 calls not read")));
    QCOMPARE(d.start[2], 1763818202.0);
    QCOMPARE(d.duration[2], 0.6);
    const TimingSummary s = TimingStats::summarize(d, TimingSelection::all());
    const FunctionStats &save = s.functions[0];
    QCOMPARE(save.name, QStringLiteral("save"));
    QCOMPARE(save.memoryDelta, 5.0); // (4 + 6) / 2, from "MEMORY DELTA (MB)"
    QCOMPARE(save.errors, 1);
    bool cpu = false;
    for (const AttributeStats &a : save.attributes) {
        if (a.name == QLatin1String("CPU Delta %")) {
            QCOMPARE(a.mean, 3.0);
            QCOMPARE(a.max, 3.5);
            cpu = true;
        }
    }
    QVERIFY(cpu);
}

void TestTimingReader::resultsCsvHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("kind");
    using K = TimingCsv::Kind;
    QTest::addRow("words, any case") << QByteArray("FUNCTION,Execution Time,uuid") << int(K::ResultsCsv);
    QTest::addRow("perf duration") << QByteArray("func_name,perf_duration_s,cpu_percent_delta") << int(K::ResultsCsv);
    QTest::addRow("cpu time is not the duration") << QByteArray("function,cpu_time") << int(K::None);
    QTest::addRow("D requests") << QByteArray("request_id,hardware_tier,total_duration_s,rtf") << int(K::Requests);
    QTest::addRow("C operations") << QByteArray("operation,duration_ms,timestamp") << int(K::Operations);
    QTest::addRow("D snapshots") << QByteArray("timestamp,cpu_percent,memory_mb") << int(K::Samples);
    QTest::addRow("session log") << QByteArray("timestamp,m1_cpu_percent,event,notes") << int(K::None);
}

void TestTimingReader::resultsCsvHeaders()
{
    QFETCH(QByteArray, header);
    QFETCH(int, kind);
    QCOMPARE(int(TimingCsv::detect(header)), kind);
}

void TestTimingReader::collector()
{
    const TimingData d = readOk(fixture("c_collector.json"));
    QCOMPARE(d.start[0], 1795357800.120 - 0.120); // 2026-11-22T14:30:00.120Z, the end
    QCOMPARE(d.duration[1], 0.080);
    QCOMPARE(d.ok, (std::vector<std::uint8_t> { 1, 0, 1 }));
    QCOMPARE(d.errors.size(), 1);
    QCOMPARE(d.errors[0].message, QStringLiteral("no image"));
    QStringList series;
    for (const TimingSeries &s : d.series)
        series << s.name;
    series.sort();
    QCOMPARE(series,
        (QStringList { QStringLiteral("gpu0.load"), QStringLiteral("gpu0.memory_total"),
            QStringLiteral("gpu0.memory_used"), QStringLiteral("gpu0.temperature"), QStringLiteral("memory.available"),
            QStringLiteral("memory.percent"), QStringLiteral("memory.process_rss"), QStringLiteral("memory.total"),
            QStringLiteral("memory.used") }));
    const TextColumn *photo = d.textColumn(QStringLiteral("photo_id"));
    QVERIFY(photo);
    QCOMPARE(photo->values, (QStringList { QStringLiteral("p1"), QStringLiteral("p2") }));
}

// Per tier: cpu-small (3 requests: memory 1000, 1200, 1100 → mean 1100, sd 100; rtf 0.8, 1.2, 1.5
// → mean 3.5/3, 2 over 1; tokens/s 50, 30, 10 → 30; one failed), cuda (tier from the file name).
void TestTimingReader::requestsPerTier()
{
    const TimingData d = readOk(fixture("d"));
    QCOMPARE(d.size(), 4);
    QCOMPARE(d.specs.size(), 1);
    QCOMPARE(d.specs[0].tier, QStringLiteral("cpu-small"));
    QCOMPARE(d.series.size(), 6); // the realtime snapshot's six measures
    QCOMPARE(d.series[0].name, QStringLiteral("cpu-small.cpu_percent"));
    const QList<TierSummary> tiers = TimingTiers::summarize(d);
    QCOMPARE(tiers.size(), 2);
    QCOMPARE(tiers[0].tier, QStringLiteral("cpu-small"));
    QCOMPARE(tiers[0].requests, 3);
    QCOMPARE(tiers[0].successRate, 2.0 / 3.0);
    QCOMPARE(tiers[0].peakMemoryMean, 1100.0);
    QCOMPARE(tiers[0].peakMemorySd, 100.0);
    QCOMPARE(tiers[0].rtfMean, 3.5 / 3.0);
    QCOMPARE(tiers[0].rtfOverOne, 2);
    QCOMPARE(tiers[0].tokensPerSecondMean, 30.0);
    QCOMPARE(tiers[1].tier, QStringLiteral("cuda"));
    QCOMPARE(tiers[1].requests, 1);
    QVERIFY(std::isnan(tiers[1].peakMemorySd));
    QCOMPARE(d.functions.indexOf(QStringLiteral("synthesis/cuda")) >= 0, true);
}

void TestTimingReader::traceNestedAndUnbalanced()
{
    const TimingData d = readOk(fixture("e_trace.json"));
    QCOMPARE(d.start, (std::vector<double> { 1.1, 1.4, 1.0 }));
    QCOMPARE(d.duration[0], 0.2);
    QCOMPARE(d.duration[1], 0.1);
    QCOMPARE(d.duration[2], 1.0);
    QCOMPARE(d.warnings.size(), 2);
    QVERIFY(d.warnings[0].message.contains(QLatin1String("event 5")));
    QVERIFY(d.warnings[1].message.contains(QLatin1String("never")));
    QCOMPARE(d.markers.size(), 1);
    QCOMPARE(d.markers[0].time, 1.3);
    QCOMPARE(d.series.size(), 2);
    const TimingSeries &rss = d.series[0].name == QLatin1String("memory.rss") ? d.series[0] : d.series[1];
    QCOMPARE(rss.name, QStringLiteral("memory.rss"));
    QCOMPARE(rss.time, (std::vector<double> { 1.0, 2.0 }));
    QCOMPARE(rss.value, (std::vector<double> { 100, 120 }));
    QCOMPARE(attribute(d, "args.bytes", 0), 4096.0);
}

// A file over 16 MB is parsed on several threads in pieces cut at line starts: the calls, their
// lines, the warnings' lines and the names must be those of one pass. 200,000 lines of ~100 bytes;
// every 997th line has a negative execution_time, every 1,009th is a plain message.
void TestTimingReader::largeFileReadInPieces()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray bytes;
    QList<int> badLines;
    qint64 messages = 0;
    std::vector<int> callLines;
    for (int line = 1; line <= 200000; ++line) {
        if (line % 1009 == 0) {
            bytes += "INFO a plain message of the program, padded to about a hundred bytes like the calls....\n";
            ++messages;
            continue;
        }
        const bool bad = line % 997 == 0;
        bytes += "{\"function\": \"f" + QByteArray::number(line % 7)
            + "\", \"execution_time\": " + (bad ? QByteArray("-1") : QByteArray::number(line % 100) + ".5")
            + ", \"timestamp\": " + QByteArray::number(1000000 + line) + ", \"k\": " + QByteArray::number(line)
            + ", \"pad\": \"xxxxxxxxxxxxxxxxxxxxxx\"}\n";
        if (bad)
            badLines << line;
        else
            callLines.push_back(line);
    }
    QVERIFY(bytes.size() > (16 << 20));
    QCOMPARE(f.write(bytes), bytes.size());
    f.close();
    const TimingData d = readOk(path);
    QCOMPARE(d.line, callLines);
    QCOMPARE(warningLines(d).mid(0, 50), badLines.mid(0, 50));
    QCOMPARE(d.warnings.size() + d.warningsNotListed, badLines.size());
    QCOMPARE(d.skippedLines, messages);
    QCOMPARE(d.functions.size(), 7);
    bool same = true;
    const NumericColumn *k = d.numericColumn(QStringLiteral("k"));
    QVERIFY(k);
    QCOMPARE(qsizetype(k->rows.size()), d.size());
    for (qsizetype i = 0; i < d.size(); ++i) {
        const int line = d.line[size_t(i)];
        same = same && d.functionName(i) == QStringLiteral("f%1").arg(line % 7) && k->rows[size_t(i)] == quint32(i)
            && k->values[size_t(i)] == line && d.start[size_t(i)] == 1000000 + line - (line % 100 + 0.5);
    }
    QVERIFY(same);
    const TextColumn *pad = d.textColumn(QStringLiteral("pad"));
    QVERIFY(pad);
    QCOMPARE(pad->values.size(), 1);
}

// Appending 100,000 calls (the columns copied on two threads) that bring columns of their own, and
// a text value known already and new ones: re-indexed as if read after the first calls.
void TestTimingReader::appendManyCallsWithNewColumns()
{
    TimingData first;
    TimingBuilder a(first);
    const int fa = a.file(QStringLiteral("a.log"));
    const int kind = a.textColumn("kind");
    for (int i = 0; i < 10; ++i)
        a.setText(kind, a.addCall(a.function(QByteArrayView("f")), i, 1, true, fa, i + 1), "x");
    TimingData second;
    TimingBuilder b(second);
    const int fb = b.file(QStringLiteral("b.log"));
    const int n1 = b.numericColumn("n1"), n2 = b.numericColumn("n2");
    const int t1 = b.textColumn("t1"), k2 = b.textColumn("kind");
    for (int i = 0; i < 100000; ++i) {
        const qsizetype call = b.addCall(b.function(QByteArrayView(i % 2 ? "g" : "f")), i, 2, i % 3 != 0, fb, i + 1);
        b.setNumber(n1, call, i);
        if (i % 2)
            b.setNumber(n2, call, -i);
        b.setText(t1, call, i % 4 ? QByteArrayView("q") : QByteArrayView("r"));
        b.setText(k2, call, i % 5 ? QByteArrayView("y") : QByteArrayView("x"));
    }
    TimingBuilder(first).append(second, 10);
    QCOMPARE(first.size(), 100010);
    QCOMPARE(first.functions, QStringList({ QStringLiteral("f"), QStringLiteral("g") }));
    QCOMPARE(first.files, QStringList({ QStringLiteral("a.log"), QStringLiteral("b.log") }));
    const NumericColumn *c1 = first.numericColumn(QStringLiteral("n1"));
    const NumericColumn *c2 = first.numericColumn(QStringLiteral("n2"));
    const TextColumn *t = first.textColumn(QStringLiteral("t1"));
    const TextColumn *k = first.textColumn(QStringLiteral("kind"));
    QVERIFY(c1 && c2 && t && k);
    QCOMPARE(c2->rows.size(), size_t(50000));
    QCOMPARE(t->values, QStringList({ QStringLiteral("r"), QStringLiteral("q") }));
    QCOMPARE(k->values, QStringList({ QStringLiteral("x"), QStringLiteral("y") }));
    QCOMPARE(k->rows.size(), size_t(100010));
    bool same = true;
    for (int i = 0; i < 100000; ++i) {
        const size_t call = size_t(10 + i);
        same = same && first.function[call] == i % 2 && first.fileIndex[call] == 1 && first.line[call] == i + 11
            && first.ok[call] == (i % 3 != 0) && first.start[call] == i && first.duration[call] == 2
            && c1->rows[size_t(i)] == call && c1->values[size_t(i)] == i && t->rows[size_t(i)] == call
            && t->valueIndex[size_t(i)] == (i % 4 ? 1 : 0) && k->rows[call] == call
            && k->valueIndex[call] == (i % 5 ? 1 : 0);
        if (i % 2)
            same = same && c2->rows[size_t(i / 2)] == call && c2->values[size_t(i / 2)] == -i;
    }
    QVERIFY(same);
}

// A call that records its exception type is a failed call, not an error.log record.
void TestTimingReader::callNamingItsErrorIsACall()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"function\": \"f\", \"execution_time\": 2, \"timestamp\": 10, \"error\": \"bad\", "
            "\"error_type\": \"ValueError\"}\n");
    f.close();
    const TimingData d = readOk(path);
    QCOMPARE(d.size(), 1);
    QCOMPARE(d.ok[0], std::uint8_t(0));
    QCOMPARE(d.errors.size(), 1);
    QCOMPARE(d.errors[0].call, 0);
    QCOMPARE(d.errors[0].message, QStringLiteral("bad"));
    QCOMPARE(d.errors[0].type, QStringLiteral("ValueError"));
}

// Issue 14 by hand: timing_results.csv or timing.log opened alone (File → Open, the log folder's
// list) showed none of error.log's errors, which the directory opened joined to their calls.
void TestTimingReader::shapeBFileOpenedAloneJoinsTheErrorLogBesideIt_data()
{
    QTest::addColumn<QString>("path");
    QTest::addRow("results CSV") << fixture("b_results/timing_results.csv");
    QTest::addRow("timing.log") << fixture("b_results/timing.log");
}

void TestTimingReader::shapeBFileOpenedAloneJoinsTheErrorLogBesideIt()
{
    QFETCH(QString, path);
    const TimingData d = readOk(path);
    QCOMPARE(
        functionsOfCalls(d), (QStringList { QStringLiteral("load"), QStringLiteral("save"), QStringLiteral("save") }));
    QCOMPARE(d.ok, (std::vector<std::uint8_t> { 1, 0, 1 })); // u2 failed: error.log
    QCOMPARE(d.errors.size(), 1);
    QCOMPARE(d.errors[0].call, 1);
    QCOMPARE(d.errors[0].type, QStringLiteral("IOError"));
    QCOMPARE(d.errors[0].message, QStringLiteral("disk full"));
    QVERIFY(d.errors[0].traceback.contains(QLatin1String("OSError: disk full")));
    QVERIFY(d.warnings.isEmpty());
    // error.log opened alone is what it is: its records, joined to nothing.
    const TimingData errors = readOk(fixture("b_results/error.log"));
    QCOMPARE(errors.size(), 0);
    QCOMPARE(errors.errors.size(), 1);
    QCOMPARE(errors.errors[0].call, -1);
}

QTEST_GUILESS_MAIN(TestTimingReader)
#include "tst_timingreader.moc"
