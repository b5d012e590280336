// The Timings tab driven with QTest, offscreen: a timing log read with a session log over the same
// time (both charts on one time range, the selected function's calls shaded on the machine charts),
// the table's sorting and top ten, a growing file followed, and the statistics exported.
#include "chartchecks.h"
#include "chartexporter.h"
#include "logchart.h"
#include "timingspage.h"
#include "timingstablemodel.h"
#include "timingstimeline.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

namespace {
constexpr double kT0 = 1795354200.0; // 2026-11-22T13:30:00Z

bool writeFile(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile f(path);
    return f.open(mode) && f.write(bytes) == bytes.size();
}

// One JSON line per call: function i % functions gets durations that grow with i, so function f's
// total grows with f (function 0 smallest). Calls every 3 s from kT0 + offset.
QByteArray calls(int count, int functions, double offset = 0)
{
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        const int f = i % functions;
        const double duration = 0.1 * (f + 1);
        out += QStringLiteral("{\"function\": \"f%1\", \"execution_time\": %2, \"timestamp\": %3, \"tokens\": %4}\n")
                   .arg(f, 2, 10, QLatin1Char('0'))
                   .arg(duration)
                   .arg(kT0 + offset + i * 3 + duration, 0, 'f', 3)
                   .arg(i)
                   .toUtf8();
    }
    return out;
}

// A session log of one machine, a row every 2 s from kT0 − 60 s to kT0 + 660 s.
QByteArray sessionLog()
{
    QByteArray out = "timestamp,m1_cpu_percent,m1_memory_percent,event,notes\n";
    for (int s = -60; s <= 660; s += 2) {
        out += QDateTime::fromSecsSinceEpoch(qint64(kT0) + s, Qt::UTC)
                   .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz+00:00"))
                   .toUtf8()
            + ",50,40,,\n";
    }
    return out;
}

// How often the charts' plots moved in half a second, once they have had 0.3 s to lay out.
qsizetype plotMoves(const QList<LogChart *> &charts)
{
    QTest::qWait(300);
    std::vector<std::unique_ptr<QSignalSpy>> spies;
    for (LogChart *chart : charts)
        spies.push_back(std::make_unique<QSignalSpy>(chart, &LogChart::plotChanged));
    QTest::qWait(500);
    qsizetype moves = 0;
    for (const auto &spy : spies)
        moves += spy->size();
    return moves;
}

bool waitShown(TimingsPage &page)
{
    QSignalSpy shown(&page, &TimingsPage::viewShown);
    return shown.wait(10000);
}
} // namespace

class TestTimingsPage : public QObject
{
    Q_OBJECT
private slots:
    void machinesOnOneTimeAxis();
    void tableSortsAndHighlightsTopTen();
    void followsAGrowingFile();
    void followOnlyForAJsonLinesFile();
    void machineChartsSettleOnADaysLog();
    void exportsStatistics();
    void timelineDrawsAFixedNumberOfRects();
    void exportsTraceAndPictures();
};

void TestTimingsPage::machinesOnOneTimeAxis()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("performance.log")), calls(200, 3)));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("session.csv")), sessionLog()));
    TimingsPage page;
    page.resize(1200, 900);
    page.show();
    page.setFollowing(false);
    page.openFile(dir.filePath(QStringLiteral("performance.log"))); // the session log found beside it
    QVERIFY(waitShown(page));
    QVERIFY2(page.errorText().isEmpty(), qPrintable(page.errorText()));
    QCOMPARE(page.view().data->size(), 200);
    QVERIFY(page.view().sessionLogPath.endsWith(QStringLiteral("session.csv")));
    const QList<LogChart *> charts = page.machineCharts();
    QVERIFY(!charts.isEmpty());
    // The session log's rows are 2 s apart: a gap is over 3 × 2 s, as in the Analysis tab. (With no
    // gap set, every sample was a gap of its own and the charts drew no line at all.)
    for (LogChart *chart : charts)
        QCOMPARE(chart->gapMs(), 6000);
    // One time axis: the same range on the timeline and every machine chart, at the same x.
    const TimingsTimeline *timeline = page.timeline();
    QVERIFY(std::abs(timeline->rangeStartMs() - qint64(kT0 * 1000)) <= 1); // the first call's start
    for (LogChart *chart : charts) {
        QCOMPARE(chart->rangeStartMs(), timeline->rangeStartMs());
        QCOMPARE(chart->rangeEndMs(), timeline->rangeEndMs());
    }
    QTRY_VERIFY(std::abs(charts.first()->mapTo(&page, QPoint(charts.first()->plotEdges().first, 0)).x()
                    - timeline->mapTo(&page, QPoint(timeline->plotLeft(), 0)).x())
        <= 2);
    // Aligned, the charts settle: no chart's plot keeps moving (padded back and forth for ever, the
    // GUI thread doing nothing else, when the padding was worked out from a stale layout).
    QCOMPARE(plotMoves(charts), 0);
    page.showRange(qint64(kT0 * 1000), qint64(kT0 * 1000) + 60'000);
    QCOMPARE(charts.last()->rangeEndMs(), qint64(kT0 * 1000) + 60'000);
    // Selecting f01 shades its calls (every 9 s, 0.2 s long) on the machine charts, and only them.
    page.selectFunction(page.view().data->functions.indexOf(QStringLiteral("f01")));
    const QList<LogChartShade> shades = charts.first()->shades();
    QVERIFY(!shades.isEmpty());
    const qint64 first = qint64((kT0 + 3) * 1000);
    QVERIFY(std::abs(shades.first().startMs - first) <= 1);
    QVERIFY(std::abs(shades.first().endMs - (first + 200)) <= 1);
    page.selectFunction(page.view().data->functions.indexOf(QStringLiteral("f02")));
    QVERIFY(std::abs(charts.first()->shades().first().startMs - qint64((kT0 + 6) * 1000)) <= 1);
}

void TestTimingsPage::tableSortsAndHighlightsTopTen()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("calls.jsonl")), calls(240, 12)));
    TimingsPage page;
    page.setFollowing(false);
    QAbstractItemModelTester tester(page.tableModel());
    page.openFile(dir.filePath(QStringLiteral("calls.jsonl")));
    QVERIFY(waitShown(page));
    QSortFilterProxyModel *proxy = page.tableProxy();
    QCOMPARE(proxy->rowCount(), 12);
    // By total, largest first: f11 … f00; the first ten highlighted, the last two not.
    QCOMPARE(proxy->index(0, TimingsTableModel::Function).data().toString(), QStringLiteral("f11"));
    for (int row = 0; row < 12; ++row)
        QCOMPARE(proxy->index(row, 0).data(TimingsTableModel::kTopRole).toBool(), row < 10);
    QVERIFY(proxy->index(0, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!proxy->index(11, 0).data(Qt::BackgroundRole).isValid());
    page.tableView()->sortByColumn(TimingsTableModel::Mean, Qt::AscendingOrder);
    QCOMPARE(proxy->index(0, TimingsTableModel::Function).data().toString(), QStringLiteral("f00"));
    QCOMPARE(proxy->index(0, TimingsTableModel::Mean).data().toString(), QStringLiteral("100.0 ms"));
    QVERIFY(!proxy->index(0, 0).data(TimingsTableModel::kTopRole).toBool()); // f00: the smallest total
}

void TestTimingsPage::followsAGrowingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("growing.log"));
    QVERIFY(writeFile(path, calls(10, 2)));
    TimingsPage page;
    page.openFile(path);
    QVERIFY(waitShown(page));
    QTRY_COMPARE(page.view().data->size(), 10);
    // Followed from where the read ended: the first polls find nothing new (they read the whole
    // file again and showed it anew before).
    QVERIFY(page.view().followFrom.valid);
    QCOMPARE(page.view().followFrom.sizeBefore, QFileInfo(path).size());
    QSignalSpy shownAgain(&page, &TimingsPage::viewShown);
    QTest::qWait(3 * TimingsPage::kFollowMs);
    QCOMPARE(shownAgain.size(), 0);
    // Five more calls appended: in the table within a second or so.
    QVERIFY(writeFile(path, calls(5, 2, 30), QIODevice::Append));
    QTRY_COMPARE_WITH_TIMEOUT(page.view().data->size(), 15, 3000);
    qsizetype counted = 0;
    for (int row = 0; row < page.tableModel()->rowCount(); ++row)
        counted += page.tableModel()->stats(row)->count;
    QCOMPARE(counted, 15);
    // Rotated (renamed growing.log.1, a new growing.log begun): the calls so far stay, the new
    // file's follow them (they replaced them all before).
    QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
    QVERIFY(writeFile(path, calls(2, 2, 60)));
    QTRY_COMPARE_WITH_TIMEOUT(page.view().data->size(), 17, 3000);
}

// Follow is offered for one JSON-lines file, not for a folder of logs, where it did nothing.
void TestTimingsPage::followOnlyForAJsonLinesFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    QVERIFY(writeFile(path, calls(10, 2)));
    TimingsPage page;
    auto *follow = page.findChild<QCheckBox *>(QStringLiteral("followLog"));
    QVERIFY(follow);
    page.openFile(dir.path());
    QVERIFY(waitShown(page));
    QVERIFY(!follow->isEnabled());
    page.openFile(path);
    QVERIFY(waitShown(page));
    QVERIFY(follow->isEnabled());
    QVERIFY(follow->isChecked());
}

// Three hours of calls over a day's session log of two machines (20,000 rows): the machine charts
// padded each other back and forth for ever (their padding worked out from a layout not yet redone),
// the GUI thread doing nothing else, and no line was ever drawn. Aligned, they must settle.
void TestTimingsPage::machineChartsSettleOnADaysLog()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(
        dir.filePath(QStringLiteral("performance_log_20261122_080000.csv")), ChartChecks::markedDay(20000, 50)));
    const double t0 = 1795331400.0; // 2026-11-22T07:10:00Z, ten minutes into the session log
    const char *names[] = { "load_model", "generate", "tokenize", "optimize_schedule" };
    const double lengths[] = { 8, 1.5, 0.05, 0.4 };
    QByteArray log;
    double t = t0;
    for (int i = 0; i < 3000; ++i) {
        const int f = (i * 7) % 4;
        const double duration = lengths[f] * (0.5 + (i % 11) / 10.0);
        t += duration + 0.5 + (i % 5) * 0.5;
        log += QStringLiteral("[x] INFO EXECUTION_TIME: {\"function\": \"%1\", \"execution_time\": %2, "
                              "\"timestamp\": %3}\n")
                   .arg(QLatin1String(names[f]))
                   .arg(duration)
                   .arg(t, 0, 'f', 3)
                   .toUtf8();
    }
    QVERIFY(writeFile(dir.filePath(QStringLiteral("performance.log")), log));
    TimingsPage page;
    page.resize(1500, 900);
    page.show();
    page.setFollowing(false);
    page.openFile(dir.filePath(QStringLiteral("performance.log")));
    QVERIFY(waitShown(page));
    const QList<LogChart *> charts = page.machineCharts();
    QCOMPARE(charts.size(), 3);
    QCOMPARE(plotMoves(charts), 0);
    // Settled aligned: every plot's left edge at the timeline's.
    const TimingsTimeline *timeline = page.timeline();
    for (LogChart *chart : charts) {
        QVERIFY(chart->pointCount(0) > 0);
        QTRY_VERIFY(std::abs(chart->mapTo(&page, QPoint(chart->plotEdges().first, 0)).x()
                        - timeline->mapTo(&page, QPoint(timeline->plotLeft(), 0)).x())
            <= 2);
    }
}

void TestTimingsPage::exportsStatistics()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("calls.jsonl")), calls(30, 3)));
    TimingsPage page;
    page.setFollowing(false);
    page.openFile(dir.filePath(QStringLiteral("calls.jsonl")));
    QVERIFY(waitShown(page));
    QSignalSpy done(&page, &TimingsPage::exportFinished);
    page.exportStatisticsCsv(dir.filePath(QStringLiteral("stats.csv")));
    QVERIFY(done.wait(5000));
    QCOMPARE(done.last().at(1).toString(), QString());
    QFile csv(dir.filePath(QStringLiteral("stats.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QVERIFY(lines[0].startsWith("function,count,total_s"));
    QVERIFY(lines[1].startsWith("f02,10,3,")); // 10 calls of 0.3 s, the largest total first
}

// 100,000 calls of two functions in an hour: each lane draws at most two rects per pixel column, and
// zoomed in on a few calls each is its own box, with its attributes under the mouse.
void TestTimingsPage::timelineDrawsAFixedNumberOfRects()
{
    TimingData data;
    TimingBuilder b(data);
    const int file = b.file(QStringLiteral("made.log"));
    const int column = b.numericColumn("tokens");
    for (int i = 0; i < 100'000; ++i) {
        const qsizetype call = b.addCall(
            b.function(QStringView(i % 2 ? u"odd" : u"even")), kT0 + i * 0.036, 0.02, i % 97 != 0, file, i + 1);
        b.setNumber(column, call, i);
    }
    auto shared = std::make_shared<const TimingData>(std::move(data));
    TimingsTimeline timeline;
    timeline.setData(shared, std::make_shared<const TimingLanes>(TimingsTimeline::buildLanes(*shared)));
    timeline.setRange(qint64(kT0 * 1000), qint64(kT0 * 1000) + 3'600'000);
    timeline.resize(800, 200);
    QImage image(800, 200, QImage::Format_ARGB32);
    QPainter painter(&image);
    timeline.render(&painter, image.size());
    const int plot = 800 - timeline.plotLeft() - timeline.plotRight();
    QVERIFY(timeline.lastRectCount() > 0);
    QVERIFY2(timeline.lastRectCount() <= 2 * 2 * plot, qPrintable(QString::number(timeline.lastRectCount())));
    // Zoomed to 1 s: 28 calls, one box each.
    timeline.setRange(qint64(kT0 * 1000), qint64(kT0 * 1000) + 1000);
    timeline.render(&painter, image.size());
    QCOMPARE(timeline.lastRectCount(), 28);
    // The third call (of "even", the first lane) under the mouse: it runs from 0.072 s to 0.092 s.
    const int x = timeline.plotLeft() + int(0.082 * plot);
    const qsizetype call = timeline.callAt(QPoint(x, 5));
    QCOMPARE(call, 2);
    QVERIFY(timeline.callText(call).contains(QStringLiteral("tokens: 2")));
}

// The Chrome trace of a timing log with a session log: the calls as X events, the machine's CPU as
// counters; the timeline and the histogram as PNG and SVG through ChartExporter.
void TestTimingsPage::exportsTraceAndPictures()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("performance.log")), calls(20, 2)));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("session.csv")), sessionLog()));
    TimingsPage page;
    page.resize(1000, 800);
    page.show();
    page.setFollowing(false);
    page.openFile(dir.filePath(QStringLiteral("performance.log")));
    QVERIFY(waitShown(page));
    QSignalSpy done(&page, &TimingsPage::exportFinished);
    page.exportTrace(dir.filePath(QStringLiteral("trace.json")));
    QVERIFY(done.wait(5000));
    QFile f(dir.filePath(QStringLiteral("trace.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray events
        = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("traceEvents")).toArray();
    int x = 0, counters = 0;
    for (const QJsonValue &v : events) {
        const QString ph = v.toObject().value(QStringLiteral("ph")).toString();
        x += ph == u"X";
        counters += ph == u"C" && v.toObject().value(QStringLiteral("name")).toString() == u"m1_cpu_percent";
    }
    QCOMPARE(x, 20);
    QCOMPARE(counters, 361); // a row every 2 s from −60 s to 660 s
    for (const QString &name : { QStringLiteral("timeline.png"), QStringLiteral("timeline.svg") }) {
        QString error;
        TimingsTimeline *timeline = page.timeline();
        QVERIFY2(ChartExporter::exportPicture([timeline](QPainter *p, QSize s) { timeline->render(p, s); },
                     { QStringLiteral("Call timeline"), {}, {} }, dir.filePath(name), QSize(1200, 400), &error),
            qPrintable(error));
        QVERIFY(QFileInfo(dir.filePath(name)).size() > 1000);
    }
    const QImage png(dir.filePath(QStringLiteral("timeline.png")));
    QCOMPARE(png.size(), QSize(1200, 400));
}

QTEST_MAIN(TestTimingsPage)
#include "tst_timingspage.moc"
