// The Compare tab, offscreen: real log files read in the worker, one entry per machine, the bars and
// the overlaid series checked against values worked out here.
#include "comparecharts.h"
#include "comparepage.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {
bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}
} // namespace

class TestComparePage : public QObject
{
    Q_OBJECT

private slots:
    void barsAndOverlayOfTwoLogs();
    void elapsedTicks_data();
    void elapsedTicks();
};

void TestComparePage::barsAndOverlayOfTwoLogs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A: m1 at 0, 1, 2 s: cpu 10, 20, 30 (avg 20, max 30); memory 40, 50, 60 (max 60); server_up 1, 1, 0;
    // tokens/s 5, 15, 99 (up only: avg 10); uptime 2 of 3.
    const QString a = dir.filePath(QStringLiteral("a.csv"));
    QVERIFY(writeFile(a,
        "timestamp,m1_cpu_percent,m1_memory_percent,m1_server_up,m1_tokens_per_second,event,notes\n"
        "2026-11-22T10:00:00.000+01:00,10,40,1,5,,\n"
        "2026-11-22T10:00:01.000+01:00,20,50,1,15,,\n"
        "2026-11-22T10:00:02.000+01:00,30,60,0,99,,\n"));
    // B, a day later: m1 cpu 50, 70 at 0 and 4 s; m2 cpu 5 at 4 s only (its series starts there).
    const QString b = dir.filePath(QStringLiteral("b.csv"));
    QVERIFY(writeFile(b,
        "timestamp,m1_cpu_percent,m2_cpu_percent,event,notes\n"
        "2026-11-23T10:00:00.000+01:00,50,,,\n"
        "2026-11-23T10:00:04.000+01:00,70,5,,\n"));

    ComparePage page;
    page.resize(900, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // Empty, it says what to do instead of showing axes of nothing.
    auto *hint = page.findChild<QLabel *>(QStringLiteral("compareHint"));
    QVERIFY(hint && hint->isVisible());
    QSignalSpy changed(&page, &ComparePage::entriesChanged);
    page.addLog(a);
    QVERIFY(changed.wait(20'000));
    page.addLog(b);
    QVERIFY(changed.wait(20'000));
    QCOMPARE(page.pendingLoads(), 0);
    QCOMPARE(page.entries().size(), 3);
    QVERIFY(!hint->isVisible());
    QCOMPARE(page.entries()[0].label, QStringLiteral("m1 (a.csv)"));
    QCOMPARE(page.entries()[2].label, QStringLiteral("m2 (b.csv)"));

    const QList<QList<double>> bars = page.shownBars();
    QCOMPARE(bars.size(), 3);
    QCOMPARE(bars[0].size(), ComparePage::kBarCount);
    QCOMPARE(bars[0][0], 20.0);
    QCOMPARE(bars[0][1], 30.0);
    QCOMPARE(bars[0][2], 60.0);
    QCOMPARE(bars[0][3], 10.0);
    QVERIFY(std::abs(bars[0][4] - 200.0 / 3) < 1e-9);
    QCOMPARE(bars[1][0], 60.0); // B m1: (50 + 70) / 2
    QCOMPARE(bars[1][4], 0.0);  // no server column: not measured, drawn as 0
    QVERIFY(std::isnan(ComparePage::barValues(page.entries()[1].statistics)[4]));

    // Overlaid from a common start: every series begins at 0 s.
    const QList<QList<QPointF>> overlay = page.shownOverlay();
    QCOMPARE(overlay.size(), 3);
    QCOMPARE(overlay[0].first(), QPointF(0, 10));
    QCOMPARE(overlay[0].last(), QPointF(2, 30));
    QCOMPARE(overlay[1].last(), QPointF(4, 70));
    QCOMPARE(overlay[2], QList<QPointF> { QPointF(0, 5) });

    // Issue 13, item 7: percent axes end at 100 (not 10 % above the highest bar), and the elapsed axis
    // reads h:mm(:ss) at round elapsed times, not raw seconds.
    QCOMPARE(page.charts()->barAxisMax(), 100.0);
    QCOMPARE(page.charts()->overlayAxisMax(), 100.0);
    QTRY_COMPARE(page.charts()->elapsedLabels(),
        (QStringList { QStringLiteral("0:00:00"), QStringLiteral("0:00:01"), QStringLiteral("0:00:02"),
            QStringLiteral("0:00:03"), QStringLiteral("0:00:04") }));

    page.setOverlayMetric(Metric::MemoryPercent);
    QCOMPARE(page.shownOverlay()[0].last(), QPointF(2, 60));
    QVERIFY(page.shownOverlay()[1].isEmpty()); // B has no memory column

    // A file that is not a log says so; the others stay.
    page.addLog(dir.filePath(QStringLiteral("missing.csv")));
    QVERIFY(changed.wait(20'000));
    QVERIFY2(page.errorText().contains(QStringLiteral("no such file")), qPrintable(page.errorText()));
    QCOMPARE(page.entries().size(), 3);
    page.clear();
    QVERIFY(page.entries().isEmpty());
    QVERIFY(page.shownBars().isEmpty());
}

void TestComparePage::elapsedTicks_data()
{
    QTest::addColumn<double>("maxSeconds");
    QTest::addColumn<int>("maxTicks");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<double>("lastSeconds");
    // The raw 0, 2668, 5336 of issue 13: quarter hours instead.
    QTest::addRow("an hour and a half") << 5336.0 << 6
                                        << QStringList { QStringLiteral("0:00"), QStringLiteral("0:15"),
                                               QStringLiteral("0:30"), QStringLiteral("0:45"), QStringLiteral("1:00"),
                                               QStringLiteral("1:15") }
                                        << 4500.0;
    QTest::addRow("seconds") << 4.0 << 9
                             << QStringList { QStringLiteral("0:00:00"), QStringLiteral("0:00:01"),
                                    QStringLiteral("0:00:02"), QStringLiteral("0:00:03"), QStringLiteral("0:00:04") }
                             << 4.0;
    QTest::addRow("past a day") << 90000.0 << 6
                                << QStringList { QStringLiteral("0:00"), QStringLiteral("6:00"),
                                       QStringLiteral("12:00"), QStringLiteral("18:00"), QStringLiteral("24:00") }
                                << 86400.0;
    QTest::addRow("days") << 864000.0 << 4
                          << QStringList { QStringLiteral("0:00"), QStringLiteral("96:00"), QStringLiteral("192:00") }
                          << 691200.0;
    QTest::addRow("nothing elapsed") << 0.0 << 5 << QStringList { QStringLiteral("0:00:00") } << 0.0;
}

void TestComparePage::elapsedTicks()
{
    QFETCH(double, maxSeconds);
    QFETCH(int, maxTicks);
    QFETCH(QStringList, labels);
    QFETCH(double, lastSeconds);
    const QList<CompareCharts::ElapsedTick> ticks = CompareCharts::elapsedTicks(maxSeconds, maxTicks);
    QStringList got;
    for (const CompareCharts::ElapsedTick &t : ticks)
        got << t.label;
    QCOMPARE(got, labels);
    QVERIFY(ticks.size() <= std::max(maxTicks, 2));
    QCOMPARE(ticks.last().seconds, lastSeconds);
    QCOMPARE(CompareCharts::formatElapsed(2668, false), QStringLiteral("0:44"));
}

QTEST_MAIN(TestComparePage)
#include "tst_comparepage.moc"
