// The analysis of a session log (Analysis, AnalysisJson, AnalysisReport), one row per rule of issue 5
// "Semantics", over small hand-made logs read by the real LogReader. Each row's right answer is
// worked out in its comment.
#include "analysis.h"
#include "analysisjson.h"
#include "analysisreport.h"
#include "logreader.h"
#include "testutil.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace {

// 2026-11-22T14:30:00.000+01:00 (13:30:00Z).
constexpr qint64 kT0 = 1795354200000;

const QByteArray kHeader = QByteArrayLiteral("timestamp,m1_cpu_percent,m1_memory_percent,m1_server_up,"
                                             "m1_tokens_per_second,m1_active_requests,m1_requests_total,event,notes\n");

// The timestamp `seconds` after kT0 in +01:00.
QByteArray ts(double seconds)
{
    const qint64 ms = qint64(std::llround(seconds * 1000));
    return Analysis::formatTime({ kT0 + ms, 3600 }).toUtf8();
}

// Rows written as "SECONDS|cells after the timestamp" (cells of kHeader, or of `header` when given).
QByteArray makeLog(const QStringList &rows, const QByteArray &header = kHeader)
{
    QByteArray out = header;
    for (const QString &row : rows) {
        const qsizetype bar = row.indexOf(u'|');
        out += ts(row.left(bar).toDouble()) + ',' + row.mid(bar + 1).toUtf8() + '\n';
    }
    return out;
}

LogData load(const QByteArray &bytes)
{
    LogReadResult r = LogReader::parse(bytes);
    if (!r.data)
        qFatal("the test log does not load: %s", qPrintable(r.error));
    if (r.data->hasWarning(LogWarning::BadRecord))
        qFatal("the test log has a bad record: %s", qPrintable(r.data->warnings.first().message));
    return *r.data;
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms - kT0) / 1000.0);
}

// An issue as "kind start end samples peak [@marker]", times in seconds after kT0.
QStringList describe(const AnalysisResult &r)
{
    QStringList out;
    for (const IssuePeriod &i : r.issues) {
        QString s = (r.machineIds.size() > 1 ? r.machineIds[i.machine] + u' ' : QString()) + Analysis::kindName(i.kind)
            + u' ' + seconds(i.start.ms) + u' ' + seconds(i.end.ms) + u' ' + QString::number(i.samples) + u' '
            + (i.peak ? QString::number(*i.peak) : QStringLiteral("-"));
        if (i.marker)
            s += QStringLiteral(" @") + i.marker->event;
        out << s;
    }
    return out;
}

QString opt(const std::optional<double> &v)
{
    return v ? QString::number(*v) : QStringLiteral("null");
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void largeLogScansMachinesAtOnce();
    void manyMachinesFewRowsScanAtOnce();
    void medianIntervalIsExact_data();
    void medianIntervalIsExact();
    void formatTimeWritesWhatQDateTimeWrites();
    void statistics_data();
    void statistics();
    void samplesPerMachine();
    void issues_data();
    void issues();
    void medianIsPerMachine();
    void thresholdsChangeTheIssues();
    void runs_data();
    void runs();
    void nearestMarker_data();
    void nearestMarker();
    void summary();
    void json();
    void jsonLongMarkerLabelIsWrittenOnce();
    void jsonIssueMarkerOutsideTheRun();
    void jsonWallClock();
    void emptyLogs();
    void report();
    void reportOverMidnightDatesItsTimes();
    void hostileFixturesAnalyse_data();
    void hostileFixturesAnalyse();
};

// A log large enough that its machines are scanned on several threads gives each machine the
// statistics and issues that the same machine's log alone, scanned on one thread, gives.
void TestAnalysis::largeLogScansMachinesAtOnce()
{
    QByteArray both = "timestamp,m1_cpu_percent,m2_cpu_percent,event,notes\n";
    QByteArray alone = "timestamp,m1_cpu_percent,event,notes\n";
    const int rows = 60000;
    for (int i = 0; i < rows; ++i) {
        const QByteArray cpu = QByteArray::number((i * 37) % 100);
        const QByteArray other = QByteArray::number((i * 11) % 97);
        const QByteArray time = ts(i + (i > rows / 2 ? 30 : 0)); // a gap: a second run and no_data
        both += time + ',' + cpu + ',' + other + (i % 5000 ? ",," : ",mark,") + '\n';
        alone += time + ',' + cpu + (i % 5000 ? ",," : ",mark,") + '\n';
    }
    const AnalysisResult r = Analysis::analyze(load(both), {}, { RunSelection::All, 0 });
    const AnalysisResult one = Analysis::analyze(load(alone), {}, { RunSelection::All, 0 });
    QCOMPARE(r.machines.size(), 2);
    const MachineStatistics &a = r.machines[0];
    const MachineStatistics &b = one.machines[0];
    QCOMPARE(a.samples, b.samples);
    QCOMPARE(a.cpuAvg, b.cpuAvg);
    QCOMPARE(a.cpuMax, b.cpuMax);
    QCOMPARE(a.medianIntervalMs, b.medianIntervalMs);
    QCOMPARE(r.machines[1].id, QStringLiteral("m2"));
    QCOMPARE(r.machines[1].cpuMax, 96.0);
    AnalysisResult firstOnly = r;
    firstOnly.machineIds = one.machineIds;
    firstOnly.issues.removeIf([](const IssuePeriod &p) { return p.machine != 0; });
    QVERIFY(firstOnly.issues.size() > 1000);
    QCOMPARE(describe(firstOnly), describe(one));
    QVERIFY(std::is_sorted(r.issues.begin(), r.issues.end(),
        [](const IssuePeriod &x, const IssuePeriod &y) { return x.start.ms < y.start.ms; }));
}

// Issue 18, item 9: a log of many machines and few rows (10,000 x 100) is scanned on several threads
// too; each machine gets what its own log alone gives, and the issues stay in order.
void TestAnalysis::manyMachinesFewRowsScanAtOnce()
{
    constexpr int kMachines = 2000;
    constexpr int kRows = 60; // 120,000 cells
    QByteArray header = "timestamp";
    for (int m = 0; m < kMachines; ++m)
        header += ",m" + QByteArray::number(m) + "_cpu_percent";
    header += ",event,notes\n";
    QByteArray all = header;
    QByteArray first = "timestamp,m0_cpu_percent,event,notes\n";
    QByteArray last = "timestamp,m" + QByteArray::number(kMachines - 1) + "_cpu_percent,event,notes\n";
    auto cpu = [](int m, int i) { return QByteArray::number((i * 37 + m * 11) % 100); };
    for (int i = 0; i < kRows; ++i) {
        const QByteArray time = ts(i + (i > kRows / 2 ? 30 : 0)); // a gap
        all += time;
        for (int m = 0; m < kMachines; ++m)
            all += ',' + cpu(m, i);
        all += ",,\n";
        first += time + ',' + cpu(0, i) + ",,\n";
        last += time + ',' + cpu(kMachines - 1, i) + ",,\n";
    }
    const AnalysisResult r = Analysis::analyze(load(all), {}, { RunSelection::All, 0 });
    QCOMPARE(r.machines.size(), kMachines);
    for (const auto &[machine, alone] : { std::pair { 0, first }, std::pair { kMachines - 1, last } }) {
        const AnalysisResult one = Analysis::analyze(load(alone), {}, { RunSelection::All, 0 });
        const MachineStatistics &a = r.machines[machine];
        QCOMPARE(a.samples, one.machines[0].samples);
        QCOMPARE(a.cpuAvg, one.machines[0].cpuAvg);
        QCOMPARE(a.medianIntervalMs, one.machines[0].medianIntervalMs);
        AnalysisResult mine = r;
        mine.machineIds = one.machineIds;
        mine.issues.removeIf([&](const IssuePeriod &p) { return p.machine != machine; });
        for (IssuePeriod &p : mine.issues)
            p.machine = 0;
        QVERIFY(mine.issues.size() > 3);
        QCOMPARE(describe(mine), describe(one));
    }
    QVERIFY(std::is_sorted(r.issues.begin(), r.issues.end(), [](const IssuePeriod &x, const IssuePeriod &y) {
        return std::tie(x.start.ms, x.machine, x.kind) < std::tie(y.start.ms, y.machine, y.kind);
    }));
}

// The median interval, exact, from a handful of intervals to tens of thousands, short ones (under
// 65.5 s, counted in a table past 4,096 of them) and long ones mixed.
void TestAnalysis::medianIntervalIsExact_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("longEvery"); // one interval in this many is over 65.5 s; 0: none
    for (int count : { 0, 1, 2, 3, 100, 4096, 4097, 4098, 20001 }) {
        for (int longEvery : { 0, 2, 7 })
            QTest::addRow("%d intervals, long every %d", count, longEvery) << count << longEvery;
    }
}

void TestAnalysis::medianIntervalIsExact()
{
    QFETCH(int, count);
    QFETCH(int, longEvery);
    QRandomGenerator random(quint32(count * 10 + longEvery));
    std::vector<qint64> times { kT0 };
    std::vector<qint64> positive;
    for (int i = 0; i < count; ++i) {
        qint64 dt = qint64(random.bounded(3000));
        if (longEvery && i % longEvery == 0)
            dt = 65'536 + qint64(random.bounded(100'000));
        if (i % 11 == 5)
            dt = -dt; // back in time: not an interval
        times.push_back(times.back() + dt);
        if (dt > 0)
            positive.push_back(dt);
    }
    std::sort(positive.begin(), positive.end());
    const size_t n = positive.size();
    const double expected = n == 0 ? 0
        : n % 2                    ? double(positive[n / 2])
                                   : (double(positive[n / 2 - 1]) + double(positive[n / 2])) / 2;
    QCOMPARE(Analysis::medianInterval(times), expected);
}

// formatTime() writes the date and time by hand (QDateTime::toString() was a third of `perfdash
// analyze` on 160,000 issues): the same text as QDateTime, over the years and offsets a log can hold.
void TestAnalysis::formatTimeWritesWhatQDateTimeWrites()
{
    auto reference = [](const LogInstant &t, bool withOffset) -> QString {
        const int offset = withOffset ? t.offsetSeconds : 0;
        const QString text = QDateTime::fromMSecsSinceEpoch(t.ms + qint64(offset) * 1000, Qt::UTC)
                                 .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
        if (!withOffset)
            return text;
        const int a = std::abs(offset);
        return text + (offset < 0 ? u'-' : u'+')
            + QStringLiteral("%1:%2")
                  .arg(a / 3600, 2, 10, QLatin1Char('0'))
                  .arg(a % 3600 / 60, 2, 10, QLatin1Char('0'));
    };
    QRandomGenerator random(2026);
    // 0001-01-01 to 9999-12-31 and a little past both ends, where QDateTime writes the text
    const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() - 86'400'000;
    const qint64 last
        = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch() + 86'400'000;
    QList<LogInstant> instants { { 0, 0 }, { -1, 0 }, { kT0, 3600 }, { kT0, -5 * 3600 - 1800 }, { kT0, 18 * 3600 },
        { first, 0 }, { last, 0 }, { first + 86'400'000, -3600 }, { last - 86'400'000, 3600 },
        { 951'782'400'000, 0 } /* 2000-02-29 */, { -86'400'000, 0 } };
    for (int i = 0; i < 20000; ++i) {
        const qint64 ms = first + qint64(random.bounded(double(last - first)));
        const int offset = (int(random.bounded(2 * 18 * 4 + 1)) - 18 * 4) * 900;
        instants.append({ ms, offset });
    }
    for (const LogInstant &t : std::as_const(instants)) {
        for (bool withOffset : { true, false })
            QCOMPARE(Analysis::formatTime(t, withOffset), reference(t, withOffset));
    }
}

void TestAnalysis::statistics_data()
{
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QString>("cpu");      // avg max min
    QTest::addColumn<QString>("memory");   // avg max
    QTest::addColumn<QString>("tokens");   // avg max
    QTest::addColumn<QString>("requests"); // processed
    QTest::addColumn<QString>("uptime");

    // cpu 10, (empty), 30, abc (a bad cell, not measured): over 10 and 30: avg 20, max 30, min 10.
    // memory 40, 50, (empty), 60: avg 50, max 60. Nothing else measured: null.
    QTest::addRow("cpu and memory over valid cells")
        << QStringList { u"0|10,40,,,,,,"_qs, u"1|,50,,,,,,"_qs, u"2|30,,,,,,,"_qs, u"3|abc,60,,,,,,"_qs }
        << u"20 30 10"_qs << u"50 60"_qs << u"null null"_qs << u"null"_qs << u"null"_qs;
    // tokens: up 1 → 20; up 0 → 50 excluded; up empty → 40 excluded; up 1 → 0 (zeros count):
    // avg (20 + 0) / 2 = 10, max 20. uptime: 1, 0, (empty), 1 → 2 / 3 = 66.67 %.
    QTest::addRow("tokens only while the server is up, zeros included")
        << QStringList { u"0|1,,1,20,,,,"_qs, u"1|1,,0,50,,,,"_qs, u"2|1,,,40,,,,"_qs, u"3|1,,1,0,,,,"_qs }
        << u"1 1 1"_qs << u"null null"_qs << u"10 20"_qs << u"null"_qs << QString::number(200.0 / 3);
    // requests_total 100, 105, (empty), 3 (a restart: counts from 0), 10: 5 + 3 + 7 = 15.
    QTest::addRow("requests with a counter reset")
        << QStringList { u"0|,,1,,,100,,"_qs, u"1|,,1,,,105,,"_qs, u"2|,,1,,,,,"_qs, u"3|,,1,,,3,,"_qs,
               u"4|,,1,,,10,,"_qs }
        << u"null null null"_qs << u"null null"_qs << u"null null"_qs << u"15"_qs << u"100"_qs;
    // One value of the counter: nothing processed that we saw, 0 (not null).
    QTest::addRow("one counter value") << QStringList { u"0|5,,,,,42,,"_qs } << u"5 5 5"_qs << u"null null"_qs
                                       << u"null null"_qs << u"0"_qs << u"null"_qs;
    // An equal value is no increment; a reset to 0 adds nothing: 7→7→0→2 = 2.
    QTest::addRow("counter flat, reset to zero")
        << QStringList { u"0|,,,,,7,,"_qs, u"1|,,,,,7,,"_qs, u"2|,,,,,0,,"_qs, u"3|,,,,,2,,"_qs }
        << u"null null null"_qs << u"null null"_qs << u"null null"_qs << u"2"_qs << u"null"_qs;
    // server_up 0, 0, 0, 1: uptime 25 %; tokens of the one up sample: 12.5.
    QTest::addRow("uptime") << QStringList { u"0|,,0,,,,,"_qs, u"1|,,0,3,,,,"_qs, u"2|,,0,,,,,"_qs,
        u"3|,,1,12.5,,,,"_qs }
                            << u"null null null"_qs << u"null null"_qs << u"12.5 12.5"_qs << u"null"_qs << u"25"_qs;
}

void TestAnalysis::statistics()
{
    QFETCH(QStringList, rows);
    const AnalysisResult r = Analysis::analyze(load(makeLog(rows)));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.machines.size(), 1);
    const MachineStatistics &s = r.machines[0];
    QTEST(QString(opt(s.cpuAvg) + u' ' + opt(s.cpuMax) + u' ' + opt(s.cpuMin)), "cpu");
    QTEST(QString(opt(s.memoryAvg) + u' ' + opt(s.memoryMax)), "memory");
    QTEST(QString(opt(s.tokensAvg) + u' ' + opt(s.tokensMax)), "tokens");
    QTEST(s.requestsProcessed ? QString::number(*s.requestsProcessed) : u"null"_qs, "requests");
    QTEST(opt(s.uptimePercent), "uptime");
}

void TestAnalysis::samplesPerMachine()
{
    // Row 0: both machines; row 1: only m2; row 2: a marker alone; row 3: only m1 (memory).
    const QByteArray header = "timestamp,m1_cpu_percent,m1_memory_percent,m2_cpu_percent,event,notes\n";
    const LogData data
        = load(makeLog({ u"0|10,20,30,,"_qs, u"1|,,40,,"_qs, u"2|,,,restart,"_qs, u"3|,25,,,"_qs }, header));
    const AnalysisResult r = Analysis::analyze(data);
    QCOMPARE(r.machines.size(), 2);
    QCOMPARE(r.machines[0].id, u"m1"_qs);
    QCOMPARE(r.machines[0].samples, 2);
    QCOMPARE(r.machines[1].samples, 2);
    QCOMPARE(r.snapshots, 3);
    QCOMPARE(r.markers.size(), 1);
}

void TestAnalysis::issues_data()
{
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("expected");

    // cpu 50, 90, 95, 85, 50 (> 80 from 1 s to 3 s): one period of 3 samples, peak 95.
    QTest::addRow("high_cpu") << QStringList { u"0|50,,,,,,,"_qs, u"1|90,,,,,,,"_qs, u"2|95,,,,,,,"_qs,
        u"3|85,,,,,,,"_qs, u"4|50,,,,,,,"_qs }
                              << QStringList { u"high_cpu 1 3 3 95"_qs };
    // 80 is not above 80.
    QTest::addRow("high_cpu needs more than the threshold")
        << QStringList { u"0|80,,,,,,,"_qs, u"1|80,,,,,,,"_qs } << QStringList {};
    // Still running at the end: closed on the last sample.
    QTest::addRow("high_cpu to the end") << QStringList { u"0|10,,,,,,,"_qs, u"1|99,,,,,,,"_qs, u"2|81,,,,,,,"_qs }
                                         << QStringList { u"high_cpu 1 2 2 99"_qs };
    // A sample without cpu (memory only) ends the period: two periods of one sample each.
    QTest::addRow("a sample missing the metric ends it") << QStringList { u"0|90,,,,,,,"_qs, u"1|,50,,,,,,"_qs,
        u"2|91,,,,,,,"_qs } << QStringList { u"high_cpu 0 0 1 90"_qs, u"high_cpu 2 2 1 91"_qs };
    // A marker-only row is no sample: the period goes on through it.
    QTest::addRow("a marker row is no sample") << QStringList { u"0|90,,,,,,,"_qs, u"0.5|,,,,,,note,"_qs,
        u"1|92,,,,,,,"_qs } << QStringList { u"high_cpu 0 1 2 92 @note"_qs };
    // 1 s apart, then 10 s (> 3 x 1 s): the gap ends the period and is a no_data period of its
    // two bounding samples; after it a new period starts.
    QTest::addRow("a gap ends it") << QStringList {
        u"0|90,,,,,,,"_qs, u"1|90,,,,,,,"_qs, u"2|90,,,,,,,"_qs, u"12|90,,,,,,,"_qs, u"13|90,,,,,,,"_qs
    } << QStringList { u"high_cpu 0 2 3 90"_qs, u"no_data 2 12 2 -"_qs, u"high_cpu 12 13 2 90"_qs };
    // Intervals 1, 1, 1, 3: the median is 1, 3 is not more than 3 x 1: no gap.
    QTest::addRow("a gap of exactly 3 x the median is none")
        << QStringList { u"0|1,,,,,,,"_qs, u"1|1,,,,,,,"_qs, u"2|1,,,,,,,"_qs, u"3|1,,,,,,,"_qs, u"6|1,,,,,,,"_qs }
        << QStringList {};
    // Intervals 1, 1, 1, 3.5: 3.5 > 3.
    QTest::addRow("no_data") << QStringList { u"0|1,,,,,,,"_qs, u"1|1,,,,,,,"_qs, u"2|1,,,,,,,"_qs, u"3|1,,,,,,,"_qs,
        u"6.5|1,,,,,,,"_qs } << QStringList { u"no_data 3 6.5 2 -"_qs };
    // server_up 1, 0, 0, 1, 0, (empty), 0: periods 1–2, 4 (the empty cell ends it), 6.
    QTest::addRow("server_down") << QStringList { u"0|,,1,,,,,"_qs, u"1|,,0,,,,,"_qs, u"2|,,0,,,,,"_qs,
        u"3|,,1,,,,,"_qs, u"4|,,0,,,,,"_qs, u"5|5,,,,,,,"_qs, u"6|,,0,,,,,"_qs }
                                 << QStringList { u"server_down 1 2 2 -"_qs, u"server_down 4 4 1 -"_qs,
                                        u"server_down 6 6 1 -"_qs };
    // Up, tokens/s < 10 and busy (active > 0): rows 1 and 2 (5 with 2 requests, 0 with 1 request:
    // the minimum is 0); row 3 is idle (active 0), row 4 is fast (15).
    QTest::addRow("low_performance with active requests") << QStringList { u"0|,,1,20,1,,,"_qs, u"1|,,1,5,2,,,"_qs,
        u"2|,,1,0,1,,,"_qs, u"3|,,1,5,0,,,"_qs, u"4|,,1,15,1,,,"_qs }
                                                          << QStringList { u"low_performance 1 2 2 0"_qs };
    // Without active_requests, busy means tokens/s > 0: 5 and 3 count, 0 does not.
    QTest::addRow("low_performance without active requests")
        << QStringList { u"0|,,1,5,,,,"_qs, u"1|,,1,3,,,,"_qs, u"2|,,1,0,,,,"_qs, u"3|,,1,4,,,,"_qs }
        << QStringList { u"low_performance 0 1 2 3"_qs, u"low_performance 3 3 1 4"_qs };
    // Slow while down is server_down, not low_performance; a missing server_up ends it too.
    QTest::addRow("low_performance needs the server up")
        << QStringList { u"0|,,1,5,1,,,"_qs, u"1|,,0,5,1,,,"_qs, u"2|,,1,5,1,,,"_qs, u"3|,,,5,1,,,"_qs }
        << QStringList { u"low_performance 0 0 1 5"_qs, u"server_down 1 1 1 -"_qs, u"low_performance 2 2 1 5"_qs };
    // Two kinds at once, sorted by start: high_cpu from 0, server_down from 1.
    QTest::addRow("overlapping kinds") << QStringList { u"0|90,,1,,,,,"_qs, u"1|95,,0,,,,,"_qs, u"2|85,,0,,,,,"_qs,
        u"3|10,,1,,,,,"_qs } << QStringList { u"high_cpu 0 2 3 95"_qs, u"server_down 1 2 2 -"_qs };
    // The marker at 30 s is 29 s after the start at 1 s: within 60 s.
    QTest::addRow("issue with its marker") << QStringList { u"0|10,,,,,,,"_qs, u"1|90,,,,,,,"_qs, u"2|10,,,,,,,"_qs,
        u"30|,,,,,,Qwen crashed,x"_qs } << QStringList { u"high_cpu 1 1 1 90 @Qwen crashed"_qs };
}

void TestAnalysis::issues()
{
    QFETCH(QStringList, rows);
    const AnalysisResult r = Analysis::analyze(load(makeLog(rows)), {}, RunSelection::all());
    QVERIFY(r.error.isEmpty());
    QTEST(describe(r), "expected");
    for (const IssuePeriod &i : r.issues)
        QCOMPARE(i.durationMs(), i.end.ms - i.start.ms);
}

void TestAnalysis::medianIsPerMachine()
{
    // m1 samples every second, m2 every 5 s; m2's 5 s are no gap for m2 (its median is 5 s), and
    // m1's one 5 s step (4 → 9) is one for m1 (median 1 s).
    const QByteArray header = "timestamp,m1_cpu_percent,m2_cpu_percent,event,notes\n";
    const LogData data = load(makeLog({ u"0|1,1,,"_qs, u"1|1,,,"_qs, u"2|1,,,"_qs, u"3|1,,,"_qs, u"4|1,,,"_qs,
                                          u"5|,1,,"_qs, u"9|1,,,"_qs, u"10|1,1,,"_qs, u"11|1,,,"_qs },
        header));
    const AnalysisResult r = Analysis::analyze(data, {}, RunSelection::all());
    QCOMPARE(r.machines[0].medianIntervalMs, 1000);
    QCOMPARE(r.machines[1].medianIntervalMs, 5000);
    QCOMPARE(describe(r), QStringList { u"m1 no_data 4 9 2 -"_qs });
}

void TestAnalysis::thresholdsChangeTheIssues()
{
    const LogData data = load(makeLog({ u"0|70,,1,12,1,,,"_qs, u"1|75,,1,8,1,,,"_qs, u"2|50,,1,30,1,,,"_qs }));
    QCOMPARE(describe(Analysis::analyze(data)), QStringList { u"low_performance 1 1 1 8"_qs });
    AnalysisThresholds t;
    t.cpuPercent = 60;
    t.lowTokensPerSecond = 20;
    QCOMPARE(
        describe(Analysis::analyze(data, t)), (QStringList { u"high_cpu 0 1 2 75"_qs, u"low_performance 0 1 2 8"_qs }));
}

void TestAnalysis::runs_data()
{
    QTest::addColumn<QString>("selection");
    QTest::addColumn<int>("selectedRun"); // -1 whole file
    QTest::addColumn<int>("snapshots");
    QTest::addColumn<QString>("markers");
    QTest::addColumn<QStringList>("issues");
    QTest::addColumn<bool>("error");

    // Run 1: 0..4 s, run 2: 100..103 s (the 96 s step is > 3 x 1 s). Markers at 2 s (run 1), 50 s (in
    // the gap: belongs to run 1, the run it follows) and 101 s (run 2). The gap's no_data starts at
    // 4 s: "a" (2 s before) is nearer than "b" (46 s after).
    QTest::addRow("latest") << u"latest"_qs << 1 << 4 << u"c"_qs << QStringList { u"high_cpu 101 101 1 90 @c"_qs }
                            << false;
    QTest::addRow("run 1") << u"1"_qs << 0 << 5 << u"a b"_qs << QStringList { u"high_cpu 3 3 1 95 @a"_qs } << false;
    QTest::addRow("run 2") << u"2"_qs << 1 << 4 << u"c"_qs << QStringList { u"high_cpu 101 101 1 90 @c"_qs } << false;
    QTest::addRow("all") << u"all"_qs << -1 << 9 << u"a b c"_qs
                         << QStringList { u"high_cpu 3 3 1 95 @a"_qs, u"no_data 4 100 2 - @a"_qs,
                                u"high_cpu 101 101 1 90 @c"_qs }
                         << false;
    QTest::addRow("run 3 does not exist") << u"3"_qs << -1 << 0 << QString() << QStringList {} << true;
    QTest::addRow("run 0 does not exist") << u"0"_qs << -1 << 0 << QString() << QStringList {} << true;
}

void TestAnalysis::runs()
{
    QFETCH(QString, selection);
    const LogData data
        = load(makeLog({ u"0|10,,,,,,,"_qs, u"1|10,,,,,,,"_qs, u"2|10,,,,,,a,"_qs, u"3|95,,,,,,,"_qs, u"4|10,,,,,,,"_qs,
            u"50|,,,,,,b,"_qs, u"100|10,,,,,,,"_qs, u"101|90,,,,,,c,"_qs, u"102|10,,,,,,,"_qs, u"103|10,,,,,,,"_qs }));
    const QList<AnalysisRun> runs = Analysis::splitRuns(data, 3);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].begin, 0);
    QCOMPARE(runs[0].end, 5);
    QCOMPARE(runs[1].startMs, kT0 + 100'000);
    QCOMPARE(runs[1].endMs, kT0 + 103'000);

    const RunSelection s = selection == u"latest"_qs ? RunSelection::latest()
        : selection == u"all"_qs                     ? RunSelection::all()
                                                     : RunSelection::run(selection.toInt());
    const AnalysisResult r = Analysis::analyze(data, {}, s);
    QFETCH(bool, error);
    QCOMPARE(!r.error.isEmpty(), error);
    if (error) {
        QVERIFY2(r.error.contains(u"2 runs"_qs), qPrintable(r.error));
        return;
    }
    QTEST(r.selectedRun, "selectedRun");
    QTEST(int(r.snapshots), "snapshots");
    QStringList markers;
    for (const LogMarkerRow &m : r.markers)
        markers << m.event;
    QTEST(markers.join(u' '), "markers");
    QTEST(describe(r), "issues");
}

void TestAnalysis::nearestMarker_data()
{
    QTest::addColumn<QList<int>>("markerSeconds");
    QTest::addColumn<int>("startMs");
    QTest::addColumn<int>("expected"); // index, -1 none

    QTest::addRow("none") << QList<int> {} << 0 << -1;
    QTest::addRow("at the start") << QList<int> { 100 } << 100'000 << 0;
    QTest::addRow("60 s before is within reach") << QList<int> { 40 } << 100'000 << 0;
    QTest::addRow("60 s after is within reach") << QList<int> { 160 } << 100'000 << 0;
    QTest::addRow("60.001 s is out of reach") << QList<int> { 40 } << 100'001 << -1;
    QTest::addRow("the nearer wins") << QList<int> { 70, 95, 130 } << 100'000 << 1;
    QTest::addRow("the nearer after") << QList<int> { 70, 102 } << 100'000 << 1;
    QTest::addRow("the earlier wins a tie") << QList<int> { 90, 110 } << 100'000 << 0;
    QTest::addRow("of equal times the first written") << QList<int> { 10, 90, 90, 110 } << 100'000 << 1;
}

void TestAnalysis::nearestMarker()
{
    QFETCH(QList<int>, markerSeconds);
    QFETCH(int, startMs);
    QList<LogMarkerRow> markers;
    for (int s : markerSeconds)
        markers.append(LogMarkerRow { qint64(s) * 1000, 0, QString::number(s), {}, 0 });
    QTEST(Analysis::nearestMarker(markers, startMs), "expected");
}

void TestAnalysis::summary()
{
    // Snapshots from 1 s to 4 s, a marker before them at 0.5 s: start 0.5, end 4, duration 3.5 s.
    const LogData data = load(makeLog({ u"0.5|,,,,,,begin,"_qs, u"1|10,,,,,,,"_qs, u"4|10,,,,,,,"_qs }));
    const AnalysisResult r = Analysis::analyze(data);
    QVERIFY(r.start && r.end);
    QCOMPARE(r.start->ms, kT0 + 500);
    QCOMPARE(r.end->ms, kT0 + 4000);
    QCOMPARE(*r.durationMs(), 3500);
    QCOMPARE(r.snapshots, 2);
    QCOMPARE(r.markers.size(), 1);
    QCOMPARE(r.rows, 3);
}

void TestAnalysis::json()
{
    // Times in two offsets (+01:00, then a row in +02:00), a marker with a comma and a quote, a bad cell.
    QByteArray log = makeLog({ u"0|90,50,1,5,1,10,start,\"a, \"\"b\"\"\""_qs, u"1|95,52,0,,,12,,"_qs });
    log += "2026-11-22T15:30:02.000+02:00,NaN,54,1,20,1,3,,\n";
    AnalysisResult r = Analysis::analyze(load(log));
    r.file = u"x.csv"_qs;
    const QJsonObject o = QJsonDocument::fromJson(QJsonDocument(AnalysisJson::toJson(r)).toJson()).object();

    const QJsonObject summary = o[u"summary"].toObject();
    QCOMPARE(summary[u"start"].toString(), u"2026-11-22T14:30:00.000+01:00"_qs);
    QCOMPARE(summary[u"end"].toString(), u"2026-11-22T15:30:02.000+02:00"_qs);
    QCOMPARE(summary[u"duration_s"].toDouble(), 2.0);
    QCOMPARE(summary[u"snapshots"].toInt(), 3);
    QCOMPARE(summary[u"markers"].toInt(), 1);
    QCOMPARE(summary[u"rows"].toInt(), 3);
    QCOMPARE(summary[u"file"].toString(), u"x.csv"_qs);

    const QJsonObject m1 = o[u"machines"].toObject()[u"m1"].toObject();
    QCOMPARE(m1[u"samples"].toInt(), 3);
    QCOMPARE(m1[u"cpu"].toObject()[u"avg"].toDouble(), 92.5);
    QCOMPARE(m1[u"cpu"].toObject()[u"min"].toDouble(), 90.0);
    QCOMPARE(m1[u"memory"].toObject()[u"max"].toDouble(), 54.0);
    // Up at 0 s (5) and 2 s (20): avg 12.5, max 20.
    QCOMPARE(m1[u"tokens_per_second"].toObject()[u"avg"].toDouble(), 12.5);
    // 10 → 12 (+2) → 3 (reset, +3) = 5.
    QCOMPARE(m1[u"requests_total"].toInt(), 5);
    QCOMPARE(m1[u"uptime_percent"].toDouble(), 200.0 / 3);

    // high_cpu 0–1 (peak 95, marker "start" at 0 s), low_performance at 0 s (5 < 10, 1 active), then
    // server_down at 1 s.
    const QJsonArray issues = o[u"issues"].toArray();
    QCOMPARE(issues.size(), 3);
    const QJsonObject high = issues[0].toObject();
    QCOMPARE(high[u"machine"].toString(), u"m1"_qs);
    QCOMPARE(high[u"kind"].toString(), u"high_cpu"_qs);
    QCOMPARE(high[u"start"].toString(), u"2026-11-22T14:30:00.000+01:00"_qs);
    QCOMPARE(high[u"end"].toString(), u"2026-11-22T14:30:01.000+01:00"_qs);
    QCOMPARE(high[u"duration_s"].toDouble(), 1.0);
    QCOMPARE(high[u"samples"].toInt(), 2);
    QCOMPARE(high[u"peak"].toDouble(), 95.0);
    QCOMPARE(high[u"marker"].toInt(-1), 0); // the index of "start" in markers
    QCOMPARE(issues[2].toObject()[u"marker"].toInt(-1), 0);
    // An issue with no marker within 60 s has null.
    const QJsonObject lone = AnalysisJson::toJson(Analysis::analyze(load(makeLog({ u"0|90,,,,,,,"_qs }))));
    QVERIFY(lone[u"issues"].toArray()[0].toObject()[u"marker"].isNull());
    QCOMPARE(issues[1].toObject()[u"kind"].toString(), u"low_performance"_qs);
    const QJsonObject down = issues[2].toObject();
    QCOMPARE(down[u"kind"].toString(), u"server_down"_qs);
    QVERIFY(down[u"peak"].isNull());

    const QJsonArray markers = o[u"markers"].toArray();
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers[0].toObject()[u"notes"].toString(), u"a, \"b\""_qs);
    QCOMPARE(markers[0].toObject()[u"line"].toInt(), 2);
    QCOMPARE(markers[0].toObject()[u"time"].toString(), u"2026-11-22T14:30:00.000+01:00"_qs);

    const QJsonArray warnings = o[u"warnings"].toArray();
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings[0].toObject()[u"kind"].toString(), u"bad_cell"_qs);
    QCOMPARE(warnings[0].toObject()[u"line"].toInt(), 4);
}

// Issue 18, item 10: a 60 KB marker label was copied into every issue period of the JSON (6 MB
// from a 1,500-row log). Each issue now names its marker by index into `markers`, so the JSON
// grows by the label once, however many issues it has.
void TestAnalysis::jsonLongMarkerLabelIsWrittenOnce()
{
    auto jsonSize = [](const QString &label, QJsonObject *out) {
        // A marker at 0 s, then cpu 90 and 10 in turn every 0.1 s: 150 high_cpu periods within 30 s of it.
        QStringList rows { u"0|,,,,,,"_qs + label + u","_qs };
        for (int i = 0; i < 300; ++i)
            rows << QString::number(i * 0.1) + (i % 2 ? u"|10,,,,,,,"_qs : u"|90,,,,,,,"_qs);
        const QJsonObject o = AnalysisJson::toJson(Analysis::analyze(load(makeLog(rows))));
        if (out)
            *out = o;
        return QJsonDocument(o).toJson(QJsonDocument::Indented).size();
    };
    const QString longLabel(60 * 1024, u'x');
    QJsonObject o;
    const qsizetype small = jsonSize(u"x"_qs, nullptr);
    const qsizetype large = jsonSize(longLabel, &o);

    const QJsonArray issues = o[u"issues"].toArray();
    QCOMPARE(issues.size(), 150);
    const QJsonArray markers = o[u"markers"].toArray();
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers[0].toObject()[u"event"].toString(), longLabel);
    for (const QJsonValue &i : issues)
        QCOMPARE(i.toObject()[u"marker"].toInt(-1), 0);
    QVERIFY2(
        large - small < 2 * longLabel.size(), qPrintable(u"%1 bytes, %2 with a short label"_qs.arg(large).arg(small)));
    qDebug("JSON: %lld bytes with the 60 KB label, %lld with a 1-byte one", qint64(large), qint64(small));
}

// An issue's nearest marker may belong to the run before (markers belong to the run they follow):
// it is listed after the run's own markers, flagged, and the issue refers to it by its index.
void TestAnalysis::jsonIssueMarkerOutsideTheRun()
{
    // Run 1: 0–4 s, marker "restart" at 4.5 s; run 2 from 20 s with cpu 90 at 20–21 s (15.5 s after the
    // marker) and its own marker "own" at 40 s (20 s after it).
    const LogData data = load(makeLog({ u"0|10,,,,,,,"_qs, u"1|10,,,,,,,"_qs, u"2|10,,,,,,,"_qs, u"3|10,,,,,,,"_qs,
        u"4|10,,,,,,,"_qs, u"4.5|,,,,,,restart,"_qs, u"20|90,,,,,,,"_qs, u"21|90,,,,,,,"_qs, u"22|10,,,,,,,"_qs,
        u"23|10,,,,,,,"_qs, u"40|,,,,,,own,"_qs }));
    const AnalysisResult r = Analysis::analyze(data); // the latest run
    QCOMPARE(r.selectedRun, 1);
    QCOMPARE(describe(r), QStringList { u"high_cpu 20 21 2 90 @restart"_qs });
    const QJsonObject o = AnalysisJson::toJson(r);
    QCOMPARE(o[u"summary"].toObject()[u"markers"].toInt(), 1);
    const QJsonArray markers = o[u"markers"].toArray();
    QCOMPARE(markers.size(), 2);
    QCOMPARE(markers[0].toObject()[u"event"].toString(), u"own"_qs);
    QVERIFY(!markers[0].toObject().contains(u"outside_selection"));
    QCOMPARE(markers[1].toObject()[u"event"].toString(), u"restart"_qs);
    QCOMPARE(markers[1].toObject()[u"outside_selection"].toBool(), true);
    QCOMPARE(o[u"issues"].toArray()[0].toObject()[u"marker"].toInt(), 1);

    // The whole file: both markers are its own, in time order.
    const QJsonObject all = AnalysisJson::toJson(Analysis::analyze(data, {}, RunSelection::all()));
    QCOMPARE(all[u"markers"].toArray().size(), 2);
    QCOMPARE(all[u"markers"].toArray()[0].toObject()[u"event"].toString(), u"restart"_qs);
    for (const QJsonValue &i : all[u"issues"].toArray()) {
        if (i.toObject()[u"kind"].toString() == u"high_cpu"_qs)
            QCOMPARE(i.toObject()[u"marker"].toInt(), 0);
    }
}

void TestAnalysis::jsonWallClock()
{
    // No offsets at all: times print as written, without an offset; nothing measured is null.
    const LogData data = load("timestamp,m1_cpu_percent,m1_memory_percent,event,notes\n"
                              "2026-11-22 14:30:00,,50,,\n2026-11-22 14:30:05.5,,60,,\n");
    const QJsonObject o = AnalysisJson::toJson(Analysis::analyze(data));
    QCOMPARE(o[u"summary"].toObject()[u"start"].toString(), u"2026-11-22T14:30:00.000"_qs);
    QCOMPARE(o[u"summary"].toObject()[u"duration_s"].toDouble(), 5.5);
    const QJsonObject m1 = o[u"machines"].toObject()[u"m1"].toObject();
    QVERIFY(m1[u"cpu"].toObject()[u"avg"].isNull());
    QVERIFY(m1[u"requests_total"].isNull());
    QVERIFY(m1[u"uptime_percent"].isNull());
    QCOMPARE(m1[u"memory"].toObject()[u"avg"].toDouble(), 55.0);
}

void TestAnalysis::emptyLogs()
{
    // A header alone: analysed, nothing in it.
    const AnalysisResult r = Analysis::analyze(load(kHeader));
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.runs.isEmpty());
    QVERIFY(!r.start);
    QCOMPARE(r.machines.size(), 1);
    QCOMPARE(r.machines[0].samples, 0);
    const QJsonObject o = AnalysisJson::toJson(r);
    QVERIFY(o[u"summary"].toObject()[u"start"].isNull());
    QVERIFY(o[u"summary"].toObject()[u"duration_s"].isNull());
    QVERIFY(!Analysis::analyze(load(kHeader), {}, RunSelection::run(1)).error.isEmpty());

    // Markers alone: the summary spans them.
    const AnalysisResult m = Analysis::analyze(load(makeLog({ u"1|,,,,,,a,"_qs, u"3|,,,,,,b,"_qs })));
    QCOMPARE(m.markers.size(), 2);
    QCOMPARE(*m.durationMs(), 2000);
}

void TestAnalysis::report()
{
    const LogData data = load(makeLog({ u"0|90,50,1,5,1,10,Qwen crashed,"_qs, u"1|95,52,0,,,12,,"_qs }));
    AnalysisResult r = Analysis::analyze(data);
    r.file = u"some.csv"_qs;
    const QString text = AnalysisReport::text(r);
    QVERIFY2(text.contains(u"Log: some.csv"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"Run 1 of 1 (the latest)"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"92.5"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"high_cpu"_qs) && text.contains(u"server_down"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"Qwen crashed (line 2)"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"no warnings"_qs), qPrintable(text));
    // Times on the log's clock, named once; no ISO 8601 in the text (the JSON keeps it).
    QCOMPARE(text.count(u"UTC+01:00"_qs), 1);
    // The summary's start and end with their date, the issues and markers (within a day) without.
    QVERIFY2(text.contains(u"2026-11-22 14:30:00"_qs), qPrintable(text));
    QCOMPARE(text.count(u"2026-11-22"_qs), 2);
    QVERIFY2(text.contains(u"  14:30:00  14:30:01"_qs), qPrintable(text));
    QVERIFY2(!text.contains(u"T14:"_qs), qPrintable(text));
    QCOMPARE(AnalysisReport::duration(45'000), u"45 s"_qs);
    QCOMPARE(AnalysisReport::duration(1'500), u"1.5 s"_qs);
    QCOMPARE(AnalysisReport::duration(725'000), u"12 min 05 s"_qs);
    QCOMPARE(AnalysisReport::duration(3 * 3600'000 + 4 * 60'000), u"3 h 04 min"_qs);
    QCOMPARE(AnalysisReport::duration(3600'000 + 5 * 60'000), u"1 h 05 min"_qs);
}

// A log over midnight (of its own clock): every time in the text report carries its date.
void TestAnalysis::reportOverMidnightDatesItsTimes()
{
    // kT0 is 14:30 at +01:00: 9.5 h later it is 00:00 on the 23rd there.
    const double toMidnight = 9.5 * 3600;
    const AnalysisResult r = Analysis::analyze(load(makeLog({ QString::number(toMidnight - 2) + u"|90,50,1,5,1,10,,"_qs,
        QString::number(toMidnight + 2) + u"|95,52,1,5,1,12,late,"_qs })));
    const QString text = AnalysisReport::text(r);
    QVERIFY2(text.contains(u"2026-11-22 23:59:58"_qs), qPrintable(text));
    QVERIFY2(text.contains(u"2026-11-23 00:00:02"_qs), qPrintable(text));
    QCOMPARE(text.count(u"UTC+01:00"_qs), 1);
}

void TestAnalysis::hostileFixturesAnalyse_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("snapshots");
    QTest::addColumn<int>("warnings");
    // The readable files of tests/fixtures/logs: the analysis takes what the reader kept.
    QTest::addRow("header_only") << u"header_only.csv"_qs << 0 << 0;
    QTest::addRow("bad_numbers") << u"bad_numbers.csv"_qs << -1 << 5;
    QTest::addRow("out_of_range") << u"out_of_range.csv"_qs << -1 << 4;
    QTest::addRow("time_backwards") << u"time_backwards.csv"_qs << 4 << -1;
    QTest::addRow("duplicate_columns") << u"duplicate_columns.csv"_qs << -1 << -1;
    QTest::addRow("unterminated_quote") << u"unterminated_quote.csv"_qs << -1 << -1;
    QTest::addRow("nul_bytes") << u"nul_bytes.csv"_qs << -1 << -1;
    QTest::addRow("cut_last_line") << u"cut_last_line.csv"_qs << -1 << -1;
    QTest::addRow("crlf_bom") << u"crlf_bom.csv"_qs << -1 << 0;
}

void TestAnalysis::hostileFixturesAnalyse()
{
    QFETCH(QString, file);
    QFETCH(int, snapshots);
    QFETCH(int, warnings);
    const LogReadResult read = LogReader::read(TestUtil::fixturePath("logs/") + file);
    QVERIFY2(read.data, qPrintable(read.error));
    const AnalysisResult r = Analysis::analyze(*read.data, {}, RunSelection::all());
    QVERIFY(r.error.isEmpty());
    if (snapshots >= 0)
        QCOMPARE(int(r.snapshots), snapshots);
    QCOMPARE(r.snapshots, read.data->snapshotCount());
    if (warnings >= 0)
        QCOMPARE(int(r.warnings.size()), warnings);
    const QJsonObject o = AnalysisJson::toJson(r);
    QCOMPARE(o[u"warnings"].toArray().size(), r.warnings.size());
    QCOMPARE(o[u"summary"].toObject()[u"snapshots"].toInt(), int(r.snapshots));
    QVERIFY(!AnalysisReport::text(r).isEmpty());
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
