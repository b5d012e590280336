// TimingStats: percentiles as numpy's default (linear between closest ranks), per-function
// statistics, runs and selections, on calls made here; each answer is worked out in a comment.
#include "timingstats.h"

#include <QTest>

namespace {
// One call per (function, start, duration, ok).
struct Call
{
    const char *function;
    double start;
    double duration;
    bool ok = true;
};

TimingData make(const QList<Call> &calls)
{
    TimingData d;
    TimingBuilder b(d);
    const int file = b.file(QStringLiteral("made.log"));
    int line = 1;
    for (const Call &c : calls)
        b.addCall(b.function(QByteArrayView(c.function)), c.start, c.duration, c.ok, file, line++);
    return d;
}
} // namespace

class TestTimingStats : public QObject
{
    Q_OBJECT
private slots:
    void percentile_data();
    void percentile();
    void perFunction();
    void oneCall();
    void manyCalls();
    void attributes();
    void runsSplitAtLargeGaps();
    void runGapFollowsSpacing();
    void runGapNearTheMinimum();
    void selections();
    void nothingToSelect();
    void errorWrittenAfterARunsLastCallIsThatRuns();
};

void TestTimingStats::percentile_data()
{
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    // [1, 2, 3]: median at position 1 → 2; p95 at 1.9 → 2 + 0.9 × 1.
    QTest::addRow("odd median") << std::vector<double> { 3, 1, 2 } << 0.5 << 2.0;
    QTest::addRow("odd p95") << std::vector<double> { 3, 1, 2 } << 0.95 << 2.9;
    // [1, 2, 3, 4]: median at 1.5 → 2.5; p95 at 2.85 → 3.85; p25 at 0.75 → 1.75.
    QTest::addRow("even median") << std::vector<double> { 4, 1, 3, 2 } << 0.5 << 2.5;
    QTest::addRow("even p95") << std::vector<double> { 4, 1, 3, 2 } << 0.95 << 3.85;
    QTest::addRow("even p25") << std::vector<double> { 4, 1, 3, 2 } << 0.25 << 1.75;
    // [1, 5, 5, 5]: median at 1.5 between two 5s → 5; p95 → 5; p25 at 0.75 → 1 + 0.75 × 4 = 4.
    QTest::addRow("ties median") << std::vector<double> { 5, 5, 1, 5 } << 0.5 << 5.0;
    QTest::addRow("ties p25") << std::vector<double> { 5, 5, 1, 5 } << 0.25 << 4.0;
    QTest::addRow("one value") << std::vector<double> { 7 } << 0.95 << 7.0;
    QTest::addRow("q 0 is the min") << std::vector<double> { 9, 2, 4 } << 0.0 << 2.0;
    QTest::addRow("q 1 is the max") << std::vector<double> { 9, 2, 4 } << 1.0 << 9.0;
}

void TestTimingStats::percentile()
{
    QFETCH(std::vector<double>, values);
    QFETCH(double, q);
    QFETCH(double, expected);
    QCOMPARE(TimingStats::percentile(values, q), expected);
}

// a: 1, 2, 3, 4 s (the 4 s call failed); b: 12 s. Total 22: b first, share 12/22.
void TestTimingStats::perFunction()
{
    const TimingData d
        = make({ { "a", 1000, 1 }, { "b", 1001, 12 }, { "a", 1002, 3 }, { "a", 1003, 2 }, { "a", 1004, 4, false } });
    const TimingSummary s = TimingStats::summarize(d, TimingSelection::all());
    QVERIFY(s.error.isEmpty());
    QCOMPARE(s.calls, 5);
    QCOMPARE(s.total, 22.0);
    QCOMPARE(s.functions.size(), 2);
    const FunctionStats &b = s.functions[0];
    const FunctionStats &a = s.functions[1];
    QCOMPARE(b.name, QStringLiteral("b"));
    QCOMPARE(b.share, 12.0 / 22.0);
    QCOMPARE(a.count, 4);
    QCOMPARE(a.total, 10.0);
    QCOMPARE(a.mean, 2.5);
    QCOMPARE(a.median, 2.5);
    QCOMPARE(a.p95, 3.85);
    QCOMPARE(a.min, 1.0);
    QCOMPARE(a.max, 4.0);
    QCOMPARE(a.errors, 1);
    QCOMPARE(a.successRate, 0.75);
    QCOMPARE(a.share, 10.0 / 22.0);
    QVERIFY(std::isnan(a.memoryDelta));
}

void TestTimingStats::oneCall()
{
    const TimingSummary s = TimingStats::summarize(make({ { "only", 50, 0.25 } }));
    QCOMPARE(s.runs.size(), 1);
    QCOMPARE(s.run, 1);
    QCOMPARE(s.start, 50.0);
    QCOMPARE(s.end, 50.25);
    const FunctionStats &f = s.functions.value(0);
    QCOMPARE(f.count, 1);
    QCOMPARE(f.median, 0.25);
    QCOMPARE(f.p95, 0.25);
    QCOMPARE(f.share, 1.0);
}

// n on two of a's three calls: 1 and 3 → mean 2, max 3; memory_delta_mb on b: -2, 6 → 2.
// Past 65,536 calls the functions are described on two threads: the same figures. f: durations
// 0 … 29,999 ms, g: twice those, h: 1 s each (by total: g, f, h); median of 0 … 29,999 = 14,999.5.
void TestTimingStats::manyCalls()
{
    QList<Call> calls;
    for (int i = 0; i < 30000; ++i) {
        calls.append({ "f", double(i), i / 1000.0 });
        calls.append({ "g", double(i), i / 500.0 });
        calls.append({ "h", double(i), 1.0 });
    }
    const TimingSummary s = TimingStats::summarize(make(calls), TimingSelection::all());
    QCOMPARE(s.calls, 90000);
    QCOMPARE(s.functions.size(), 3);
    QCOMPARE(s.functions[0].name, QStringLiteral("g"));
    QCOMPARE(s.functions[0].median, 29.999);
    QCOMPARE(s.functions[1].name, QStringLiteral("f"));
    QCOMPARE(s.functions[1].median, 14.9995);
    QCOMPARE(s.functions[1].count, 30000);
    QCOMPARE(s.functions[1].max, 29.999);
    QCOMPARE(s.functions[1].p95, 28.49905); // position 29,999 × 0.95 = 28,499.05
    QCOMPARE(s.functions[2].name, QStringLiteral("h"));
    QCOMPARE(s.functions[2].median, 1.0);
}

void TestTimingStats::attributes()
{
    TimingData d = make({ { "a", 0, 1 }, { "a", 1, 1 }, { "a", 2, 1 }, { "b", 3, 1 }, { "b", 4, 1 } });
    TimingBuilder b(d);
    const int n = b.numericColumn("n");
    b.setNumber(n, 0, 1);
    b.setNumber(n, 2, 3);
    const int mem = b.numericColumn("memory_delta_mb");
    b.setNumber(mem, 3, -2);
    b.setNumber(mem, 4, 6);
    const TimingSummary s = TimingStats::summarize(d, TimingSelection::all());
    const FunctionStats &a = s.functions[0].name == QLatin1String("a") ? s.functions[0] : s.functions[1];
    const FunctionStats &bs = s.functions[0].name == QLatin1String("a") ? s.functions[1] : s.functions[0];
    QCOMPARE(a.attributes.size(), 1);
    QCOMPARE(a.attributes[0].name, QStringLiteral("n"));
    QCOMPARE(a.attributes[0].count, 2);
    QCOMPARE(a.attributes[0].mean, 2.0);
    QCOMPARE(a.attributes[0].max, 3.0);
    QCOMPARE(bs.memoryDelta, 2.0);
}

// Starts 1000–1003 (0.5 s each), then 2000, 2001: median spacing 1 s → the gap is max(10 × 1, 60) = 60 s;
// 1003.5 → 2000 is idle for 996.5 s: two runs.
void TestTimingStats::runsSplitAtLargeGaps()
{
    const TimingData d = make({ { "f", 1000, 0.5 }, { "f", 1001, 0.5 }, { "f", 1002, 0.5 }, { "f", 1003, 0.5 },
        { "f", 2000, 0.5 }, { "f", 2001, 0.5 } });
    const QList<TimingRun> runs = TimingStats::runs(d);
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs[0].start, 1000.0);
    QCOMPARE(runs[0].end, 1003.5);
    QCOMPARE(runs[0].calls, 4);
    QCOMPARE(runs[1].start, 2000.0);
    QCOMPARE(runs[1].calls, 2);
}

// A call every 10 s: the gap is max(10 × 10, 60) = 100 s. Idle 90 s: same run; idle 150 s: a new one.
// Out-of-order starts are sorted first; a long call covers the idle time after it.
void TestTimingStats::runGapFollowsSpacing()
{
    QList<Call> calls;
    for (int i = 0; i < 10; ++i)
        calls.append({ "f", 10.0 * i, 0 });
    calls.append({ "f", 90 + 90, 0 });    // 90 s after the call at 90
    calls.append({ "f", 180 + 150, 0 });  // 150 s later: run 2
    calls.append({ "g", 330 + 10, 500 }); // long: ends at 840
    calls.append({ "f", 800, 0 });        // within the long call
    calls.append({ "f", 840 + 101, 0 });  // 101 s after it ended: run 3
    std::reverse(calls.begin(), calls.end());
    const QList<TimingRun> runs = TimingStats::runs(make(calls));
    QCOMPARE(runs.size(), 3);
    QCOMPARE(runs[0].calls, 11);
    QCOMPARE(runs[1].calls, 3);
    QCOMPARE(runs[1].end, 840.0);
    QCOMPARE(runs[2].start, 941.0);
}

// The threshold is 60 s while the median gap is under 6 s (counted, not selected): gaps 5 5 5 7 70,
// median 5: 60 s, the 70 s gap splits. Gaps 5 8 8 8 70, median 8: 80 s, it does not.
void TestTimingStats::runGapNearTheMinimum()
{
    const auto runsOf = [](const QList<double> &gaps) {
        QList<Call> calls { { "f", 0, 0 } };
        for (const double gap : gaps)
            calls.append({ "f", calls.last().start + gap, 0 });
        return TimingStats::runs(make(calls)).size();
    };
    QCOMPARE(runsOf({ 5, 5, 5, 7, 70 }), 2);
    QCOMPARE(runsOf({ 5, 8, 8, 8, 70 }), 1);
    QCOMPARE(runsOf({ 5, 7, 70 }), 1);    // median 7: 70 s
    QCOMPARE(runsOf({ 5, 5, 7, 70 }), 2); // median 6: 60 s
}

void TestTimingStats::selections()
{
    const TimingData d = make({ { "f", 1000, 0.5 }, { "f", 1001, 0.5 }, { "g", 1002, 0.5 }, { "f", 1003, 0.5 },
        { "f", 2000, 0.5 }, { "g", 2001, 0.5 } });
    TimingSummary s = TimingStats::summarize(d); // the latest run
    QCOMPARE(s.run, 2);
    QCOMPARE(s.calls, 2);
    s = TimingStats::summarize(d, TimingSelection::number(1));
    QCOMPARE(s.calls, 4);
    QCOMPARE(s.functions[0].name, QStringLiteral("f"));
    QCOMPARE(s.functions[0].count, 3);
    s = TimingStats::summarize(d, TimingSelection::all());
    QCOMPARE(s.run, 0);
    QCOMPARE(s.calls, 6);
    QCOMPARE(s.end, 2001.5);
    s = TimingStats::summarize(d, TimingSelection::range(1000.5, 1002)); // starts 1001 and 1002
    QCOMPARE(s.calls, 2);
    QCOMPARE(s.functions.size(), 2);
}

void TestTimingStats::nothingToSelect()
{
    QVERIFY(!TimingStats::summarize(TimingData {}).error.isEmpty());
    const TimingData d = make({ { "f", 1, 1 } });
    QVERIFY(TimingStats::summarize(d, TimingSelection::number(2)).error.contains(QLatin1String("no run 2")));
    QVERIFY(!TimingStats::summarize(d, TimingSelection::range(5, 6)).error.isEmpty());
}

// An error record joined to no call (shape A's JSON-lines error records have no duration) written
// after the last call of a run — the crash that ended it — was in no selection, not even "all".
void TestTimingStats::errorWrittenAfterARunsLastCallIsThatRuns()
{
    // Run 1: calls 0–1 s, 2–3 s, 4–5 s, 6–7 s; run 2, after a gap far over 60 s (10 × the median
    // spacing of 1 s is less): 1000–1001 s, 1002–1003 s.
    TimingData d
        = make({ { "a", 0, 1 }, { "a", 2, 1 }, { "a", 4, 1 }, { "a", 6, 1 }, { "a", 1000, 1 }, { "a", 1002, 1 } });
    QCOMPARE(TimingStats::runs(d).size(), 2);
    const auto error = [](double time, const char *message) {
        TimingError e;
        e.function = QStringLiteral("a");
        e.time = time;
        e.message = QLatin1String(message);
        return e;
    };
    d.errors = { error(-5, "before the first call"), error(10, "after run 1"), error(1000, "at run 2's start"),
        error(5000, "after run 2"), error(std::nan(""), "no time") };
    const auto messages = [&](const TimingSelection &selection) {
        QStringList out;
        for (const TimingError &e : TimingStats::summarize(d, selection).errors)
            out << e.message;
        return out;
    };
    QCOMPARE(messages(TimingSelection::number(1)),
        (QStringList {
            QStringLiteral("before the first call"), QStringLiteral("after run 1"), QStringLiteral("no time") }));
    QCOMPARE(messages(TimingSelection::latest()),
        (QStringList { QStringLiteral("at run 2's start"), QStringLiteral("after run 2"), QStringLiteral("no time") }));
    QCOMPARE(messages(TimingSelection::all()).size(), 5);
    // A time range is the range: only the one within it.
    QCOMPARE(messages(TimingSelection::range(5, 20)),
        (QStringList { QStringLiteral("after run 1"), QStringLiteral("no time") }));
}

QTEST_GUILESS_MAIN(TestTimingStats)
#include "tst_timingstats.moc"
