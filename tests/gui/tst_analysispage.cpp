// The Analysis tab driven with QTest, offscreen: a real log file read in the worker, the issues table
// under QAbstractItemModelTester, a row click zooming the charts, thresholds and runs re-analysing,
// the reader's errors in the tab, and stale loads dropped.
#include "analysispage.h"
#include "analysisreportwriter.h"
#include "chartcanvas.h"
#include "chartchecks.h"
#include "issuetablemodel.h"
#include "logchart.h"
#include "logfoldermodel.h"
#include "markerlabelitem.h"
#include "viewclock.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QPainter>
#include <QPalette>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>
#include <QWheelEvent>

namespace {
// 2026-11-22T14:30:00.000+01:00.
constexpr qint64 kT0 = 1795354200000;

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Two runs of m1 and m2, a row every second:
//   run 1: 0–99 s, m1 CPU 95 % from 40 s to 49 s (high_cpu, 10 samples), a marker "batch" at 41 s;
//   run 2: 1000–1099 s (after a 901 s gap), m2's server down from 1050 s to 1059 s.
QByteArray twoRuns()
{
    QByteArray out = "timestamp,m1_cpu_percent,m1_server_up,m2_cpu_percent,m2_server_up,event,notes\n";
    auto time = [](int s) -> QByteArray {
        const int m = 30 + s / 60;
        return QByteArray("2026-11-22T") + QByteArray::number(14 + m / 60) + ':'
            + QByteArray::number(m % 60).rightJustified(2, '0') + ':'
            + QByteArray::number(s % 60).rightJustified(2, '0') + ".000+01:00";
    };
    for (int s : { 0, 1000 }) {
        for (int i = s; i < s + 100; ++i) {
            const bool high = i >= 40 && i < 50;
            const bool down = i >= 1050 && i < 1060;
            out += time(i) + ',' + (high ? "95" : "20") + ",1,10," + (down ? "0" : "1")
                + (i == 41 ? ",batch,\n" : ",,\n");
        }
    }
    return out;
}

// Whether a row of the picture has 20 pixels or more in a row in the markers' (light) color.
bool hasMarkerBox(const QImage &image)
{
    const QColor marker(0xd9, 0x4f, 0x00);
    for (int y = 0; y < image.height(); ++y) {
        int run = 0;
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            const bool near = std::abs(c.red() - marker.red()) < 40 && std::abs(c.green() - marker.green()) < 40
                && std::abs(c.blue() - marker.blue()) < 40;
            run = near ? run + 1 : 0;
            if (run >= 20)
                return true;
        }
    }
    return false;
}

QString fixture(const char *name)
{
    return QStringLiteral(PERFDASH_FIXTURES_DIR "/logs/") + QLatin1String(name);
}
} // namespace

class TestAnalysisPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensALogAndShowsTheLatestRun();
    void clickingAnIssueZoomsTheCharts();
    void timeZoneSettingMovesAxisAndTablesTogether_data();
    void timeZoneSettingMovesAxisAndTablesTogether();
    void runSelectorAndThresholdsReanalyse();
    void readerErrorsShowInTheTab_data();
    void readerErrorsShowInTheTab();
    void damagedLogOpensAndSaysWhatWasSkipped();
    void markersTableShowsTheNotes();
    void aNewerLoadWins();
    void logFolderListsAtOnceThenSummarises();
    void logFolderListsTimingLogsToo();
    void exportsAReport();
    void wheelZoomsAndTheScrollBarPans();
    void chartsOfOneMachine();
    void exportsAChart();
    void shadesMergeWithinAPixel();
    void markerLabelsKeepToTheirLane_data();
    void markerLabelsKeepToTheirLane();
    void aCountOfMarkersNamesThemOnHoverAndOpensOnAClick();
    void noDiagonalLinesOrSolidBandsWhileALogOpens();
    void chartsFollowTheApplicationPalette();
    void axisTitlesAreNeverCutShort_data();
    void axisTitlesAreNeverCutShort();

private:
    bool openAndWait(const QString &path);

    QTemporaryDir m_dir;
    QString m_log;
    QString m_markedLog; // 51 markers over 100 minutes
    AnalysisPage *m_page = nullptr;
};

void TestAnalysisPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_log = m_dir.filePath(QStringLiteral("two_runs.csv"));
    QVERIFY(writeFile(m_log, twoRuns()));
    m_markedLog = m_dir.filePath(QStringLiteral("marked_day.csv"));
    QVERIFY(writeFile(m_markedLog, ChartChecks::markedDay(3000, 51)));
}

void TestAnalysisPage::init()
{
    m_page = new AnalysisPage;
    m_page->resize(1100, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestAnalysisPage::cleanup()
{
    delete m_page;
    m_page = nullptr;
}

bool TestAnalysisPage::openAndWait(const QString &path)
{
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    m_page->openFile(path);
    return shown.wait(20'000) && !m_page->isLoading();
}

void TestAnalysisPage::opensALogAndShowsTheLatestRun()
{
    // Nothing to show all of before a log is open.
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("showAllButton"))->isEnabled());
    QVERIFY(openAndWait(m_log));
    QVERIFY(m_page->findChild<QPushButton *>(QStringLiteral("showAllButton"))->isEnabled());
    QVERIFY2(m_page->errorText().isEmpty(), qPrintable(m_page->errorText()));
    const AnalysisResult *r = m_page->result();
    QVERIFY(r);
    QCOMPARE(r->runs.size(), 2);
    QCOMPARE(r->selectedRun, 1);
    QCOMPARE(r->snapshots, 100);
    QCOMPARE(m_page->charts().size(), 3); // CPU, memory, generation

    QAbstractItemModelTester tester(m_page->issuesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    IssueTableModel *model = m_page->issuesModel();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, IssueTableModel::MachineColumn).data().toString(), QStringLiteral("m2"));
    QCOMPARE(model->index(0, IssueTableModel::KindColumn).data().toString(), QStringLiteral("Server down"));
    // The clock of the log (+01:00), without the date of a run within a day; the full time in the
    // tooltip.
    QCOMPARE(model->index(0, IssueTableModel::StartColumn).data().toString(), QStringLiteral("14:47:30"));
    QCOMPARE(model->index(0, IssueTableModel::StartColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("2026-11-22T14:47:30.000+01:00"));
    QCOMPARE(model->index(0, IssueTableModel::DurationColumn).data().toString(), QStringLiteral("9 s"));

    // The charts show the whole run, with a margin of 1/50 of it each side (99 s → 1.98 s).
    LogChart *cpu = m_page->charts().first();
    QCOMPARE(cpu->rangeStartMs(), kT0 + 1000'000 - 1980);
    QCOMPARE(cpu->rangeEndMs(), kT0 + 1099'000 + 1980);
    QVERIFY(cpu->pointCount(0) > 0);
    QVERIFY(cpu->pointCount(0) <= 2 * 1100);
}

void TestAnalysisPage::clickingAnIssueZoomsTheCharts()
{
    QVERIFY(openAndWait(m_log));
    // The whole file: run 1's high_cpu (40–49 s, marker "batch" at 41 s), the 901 s no_data gap of each
    // machine, run 2's server_down.
    m_page->setRunSelection(RunSelection::all());
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    QVERIFY(shown.wait(20'000));
    QAbstractItemModelTester tester(m_page->issuesModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_page->issuesModel()->rowCount(), 4);
    QCOMPARE(m_page->issuesModel()->index(0, IssueTableModel::MarkerColumn).data().toString(), QStringLiteral("batch"));

    QTableView *view = m_page->issuesView();
    const QRect cell = view->visualRect(m_page->issuesModel()->index(0, IssueTableModel::KindColumn));
    QVERIFY(!cell.isEmpty());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());

    // high_cpu 40 s – 49 s is 9 s long: a margin of max(9 s / 4, 30 s) = 30 s each side.
    for (LogChart *chart : m_page->charts()) {
        QCOMPARE(chart->rangeStartMs(), kT0 + 40'000 - 30'000);
        QCOMPARE(chart->rangeEndMs(), kT0 + 49'000 + 30'000);
    }
    QVERIFY(m_page->charts().first()->visibleMarkerLabels().contains(QStringLiteral("batch")));
    // The axis reads the log's own clock (+01:00), as the Issues table does: the issue starts at
    // 14:30:40+01:00, so the axis runs 14:30:10 – 14:31:19, whatever this computer's time zone.
    const QString tableStart = m_page->issuesModel()->index(0, IssueTableModel::StartColumn).data().toString();
    QVERIFY2(tableStart.contains(QStringLiteral("14:30:40")), qPrintable(tableStart));
    const QStringList labels = m_page->charts().first()->timeLabels();
    QVERIFY(!labels.isEmpty());
    for (const QString &label : labels)
        QVERIFY2(
            label >= QStringLiteral("14:30:10") && label <= QStringLiteral("14:31:19"), qPrintable(labels.join(u' ')));

    // m1's gap row: 99 s → 1000 s, 901 s long: a margin of 225.25 s → 225,250 ms.
    const QRect gap = view->visualRect(m_page->issuesModel()->index(1, IssueTableModel::KindColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, gap.center());
    QCOMPARE(m_page->charts().first()->rangeStartMs(), kT0 + 99'000 - 225'250);
    QCOMPARE(m_page->charts().first()->rangeEndMs(), kT0 + 1000'000 + 225'250);
}

void TestAnalysisPage::timeZoneSettingMovesAxisAndTablesTogether_data()
{
    QTest::addColumn<int>("zone");
    QTest::addColumn<QString>("issueStart"); // run 1's high_cpu, at 14:30:40+01:00
    QTest::addColumn<QString>("zoneSuffix");
    QTest::addRow("the log's own") << int(ViewClock::LogZone) << QStringLiteral("14:30:40") << QStringLiteral("+01:00");
    // This computer's time zone is set to UTC+05:30 below: 4 h 30 min ahead of the log.
    QTest::addRow("this computer") << int(ViewClock::LocalZone) << QStringLiteral("19:00:40")
                                   << QStringLiteral("+05:30");
}

// View → Time zone: one clock for the axis, the Issues and Markers tables and their tooltips. A
// clicked issue's start in the table is inside the axis's labels in either clock.
void TestAnalysisPage::timeZoneSettingMovesAxisAndTablesTogether()
{
    QFETCH(int, zone);
    QFETCH(QString, issueStart);
    QFETCH(QString, zoneSuffix);
    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", "XST-5:30"); // POSIX: UTC+05:30, no summer time
    auto restore = qScopeGuard([&] {
        if (oldTz.isNull())
            qunsetenv("TZ");
        else
            qputenv("TZ", oldTz);
    });
    QCOMPARE(QDateTime::fromMSecsSinceEpoch(kT0).offsetFromUtc(), 5 * 3600 + 1800);
    QVERIFY(openAndWait(m_log));
    m_page->setRunSelection(RunSelection::all());
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    QVERIFY(shown.wait(20'000));
    m_page->setTimeZone(ViewClock::Zone(zone));
    QCOMPARE(m_page->clock().zone(), ViewClock::Zone(zone));

    QTableView *view = m_page->issuesView();
    const QModelIndex start = m_page->issuesModel()->index(0, IssueTableModel::StartColumn);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(start).center());
    QCOMPARE(start.data().toString(), issueStart);
    QVERIFY2(start.data(Qt::ToolTipRole).toString().endsWith(zoneSuffix),
        qPrintable(start.data(Qt::ToolTipRole).toString()));
    // The zoom is the issue ± 30 s: every label lies within 30 s of the issue, on the same clock.
    const QTime issue = QTime::fromString(issueStart, QStringLiteral("HH:mm:ss"));
    const QStringList labels = m_page->charts().last()->timeLabels();
    QVERIFY(!labels.isEmpty());
    for (const QString &label : labels) {
        const QTime t = QTime::fromString(label, QStringLiteral("HH:mm:ss"));
        QVERIFY2(t.isValid() && std::abs(issue.secsTo(t)) <= 40, qPrintable(issueStart + u' ' + labels.join(u' ')));
    }
    // The marker "batch" at 41 s, a second after the issue's start, on the same clock.
    auto *markers = m_page->findChild<QTableWidget *>(QStringLiteral("analysisMarkers"));
    QVERIFY(markers && markers->rowCount() >= 1);
    QCOMPARE(markers->item(0, 0)->text(), issue.addSecs(1).toString(QStringLiteral("HH:mm:ss")));
    QVERIFY(markers->item(0, 0)->toolTip().endsWith(zoneSuffix));
    // The report reads the same clock, and names it.
    const QString report = AnalysisReportWriter::html(*m_page->result(), m_page->charts(), false);
    QVERIFY2(report.contains(issueStart), qPrintable(issueStart));
    QVERIFY(report.contains(QStringLiteral("UTC") + zoneSuffix));
}

void TestAnalysisPage::runSelectorAndThresholdsReanalyse()
{
    QVERIFY(openAndWait(m_log));
    auto *runs = m_page->findChild<QComboBox *>(QStringLiteral("runSelector"));
    QVERIFY(runs);
    QCOMPARE(runs->count(), 4); // latest, whole file, run 1, run 2
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    runs->setCurrentIndex(2);
    emit runs->activated(2); // what a person's pick sends
    QVERIFY(shown.wait(20'000));
    QCOMPARE(m_page->result()->selectedRun, 0);
    QCOMPARE(m_page->issuesModel()->rowCount(), 1);
    QCOMPARE(
        m_page->issuesModel()->index(0, IssueTableModel::KindColumn).data().toString(), QStringLiteral("High CPU"));

    // CPU above 15 %: m1's 20 % and 95 % are all high now, one period over the whole run (and m2's 10 % not).
    QSignalSpy saved(m_page, &AnalysisPage::thresholdsChanged);
    auto *cpu = m_page->findChild<QDoubleSpinBox *>(QStringLiteral("cpuThreshold"));
    cpu->setValue(15);
    QVERIFY(shown.wait(20'000));
    QCOMPARE(saved.size(), 1);
    QCOMPARE(m_page->thresholds().cpuPercent, 15.0);
    QCOMPARE(m_page->issuesModel()->rowCount(), 1);
    QCOMPARE(m_page->issuesModel()->index(0, IssueTableModel::DurationColumn).data().toString(),
        QStringLiteral("1 min 39 s"));
}

void TestAnalysisPage::readerErrorsShowInTheTab_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::addRow("gzip") << fixture("gzip_named.csv") << QStringLiteral("gzip");
    QTest::addRow("empty") << fixture("empty.csv") << QStringLiteral("empty");
    QTest::addRow("binary") << fixture("binary_garbage.csv") << QStringLiteral("binary");
    QTest::addRow("UTF-16") << fixture("utf16.csv") << QStringLiteral("UTF-16");
    QTest::addRow("no timestamp") << fixture("no_timestamp.csv") << QStringLiteral("timestamp");
    QTest::addRow("missing") << QStringLiteral("/nonexistent/log.csv") << QStringLiteral("no such file");
    QTest::addRow("a directory") << QStringLiteral("@dir") << QStringLiteral("folder");
}

void TestAnalysisPage::readerErrorsShowInTheTab()
{
    QFETCH(QString, file);
    QFETCH(QString, message);
    if (file == QLatin1String("@dir"))
        file = m_dir.path();
    QVERIFY(openAndWait(m_log)); // a good log first: the error replaces it
    QVERIFY(m_page->result());
    QVERIFY(openAndWait(file));
    QVERIFY2(m_page->errorText().contains(message), qPrintable(m_page->errorText()));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("analysisError"))->isVisible());
    QVERIFY(!m_page->result());
    QCOMPARE(m_page->issuesModel()->rowCount(), 0);
}

// After a power cut a log ends in NULs and may hold a torn row: it opens with every intact row,
// and the top of the tab says in one line what was skipped and where.
void TestAnalysisPage::damagedLogOpensAndSaysWhatWasSkipped()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArrayLiteral("timestamp,m1_cpu_percent,m1_memory_percent,event,notes\n"
                              "2026-11-22T14:30:00.000+01:00,10,50,,\n"
                              "2026-11-22T14:30:01.000+01:00,2\x00"
                              "0,50,,\n"
                              "2026-11-22T14:30:02.000+01:00,30,50,,\n"
                              "2026-11-22T14:30:03.000+01:00,40,50,,\n"));
    f.write(QByteArray(512, '\0'));
    f.close();
    QVERIFY(openAndWait(path));
    QVERIFY(m_page->result());
    QCOMPARE(m_page->result()->rows, 3);
    QVERIFY2(m_page->errorText().contains(QStringLiteral("2 damaged record(s) skipped (lines 3, 6)")),
        qPrintable(m_page->errorText()));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("analysisError"))->isVisible());
}

// Marker notes appeared nowhere in the Analysis tab: the Markers tab lists each marker of the run
// with its notes, and a click zooms to it.
void TestAnalysisPage::markersTableShowsTheNotes()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.csv"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("timestamp,m1_cpu_percent,event,notes\n"
            "2026-11-22T14:30:00.000+01:00,10,,\n"
            "2026-11-22T14:30:01.000+01:00,20,Qwen crashed,\"during cell 14, \"\"again\"\"\nsecond line\"\n"
            "2026-11-22T14:30:02.000+01:00,30,,\n");
    f.close();
    QVERIFY(openAndWait(path));
    const AnalysisResult *r = m_page->result();
    QVERIFY(r);
    QCOMPARE(r->markers.size(), 1);
    QCOMPARE(r->markers[0].notes, QStringLiteral("during cell 14, \"again\"\nsecond line"));
    auto *table = m_page->findChild<QTableWidget *>(QStringLiteral("analysisMarkers"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), r->markers.size());
    for (int i = 0; i < table->rowCount(); ++i) {
        QCOMPARE(table->item(i, 1)->text(), r->markers[i].event);
        QCOMPARE(table->item(i, 2)->text(), r->markers[i].notes);
    }
}

void TestAnalysisPage::aNewerLoadWins()
{
    // A second file asked for before the first is read: only the second is shown.
    QByteArray small = "timestamp,solo_cpu_percent,event,notes\n2026-11-22T09:00:00.000+01:00,12,,\n";
    const QString other = m_dir.filePath(QStringLiteral("small.csv"));
    QVERIFY(writeFile(other, small));
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    m_page->openFile(m_log);
    m_page->openFile(other);
    QVERIFY(shown.wait(20'000));
    QTest::qWait(200); // anything late from the first load would arrive now
    QCOMPARE(shown.size(), 1);
    QVERIFY(m_page->result());
    QCOMPARE(m_page->result()->machineIds, QStringList { QStringLiteral("solo") });
    QCOMPARE(m_page->path(), other);
}

void TestAnalysisPage::logFolderListsAtOnceThenSummarises()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(writeFile(folder.filePath(QStringLiteral("performance_log_20261121_090000.csv")), twoRuns()));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("performance_log_20261122_090000.csv")),
        "timestamp,solo_cpu_percent,event,notes\n2026-11-22T09:00:00.000+01:00,12,,\n"));
    QFile gzip(fixture("gzip_named.csv"));
    QVERIFY(gzip.copy(folder.filePath(QStringLiteral("performance_log_20261120_090000.csv"))));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("notes.csv")), "not a log of ours\n"));

    LogFolderModel *model = m_page->folderModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy complete(model, &LogFolderModel::summariesComplete);
    m_page->setLogFolder(folder.path());
    // The names at once, newest first; the summaries after.
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, LogFolderModel::FileColumn).data().toString(),
        QStringLiteral("performance_log_20261122_090000.csv"));
    QCOMPARE(model->index(2, LogFolderModel::FileColumn).data().toString(),
        QStringLiteral("performance_log_20261120_090000.csv"));
    QVERIFY(complete.wait(20'000));
    QVERIFY(model->isComplete());

    // Short on the log's own clock, in full in the tooltip.
    QCOMPARE(model->index(0, LogFolderModel::StartColumn).data().toString(), QStringLiteral("11-22 09:00:00"));
    QCOMPARE(model->index(0, LogFolderModel::StartColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("2026-11-22T09:00:00.000+01:00"));
    QCOMPARE(model->index(0, LogFolderModel::MachinesColumn).data().toString(), QStringLiteral("solo"));
    QCOMPARE(model->index(0, LogFolderModel::IssuesColumn).data().toInt(), 0);
    // The two runs: 0 s to 1099 s, m1 and m2, 4 issues over the whole file (see clickingAnIssueZoomsTheCharts).
    QCOMPARE(model->index(1, LogFolderModel::DurationColumn).data().toString(), QStringLiteral("18 min 19 s"));
    QCOMPARE(model->index(1, LogFolderModel::MachinesColumn).data().toString(), QStringLiteral("m1, m2"));
    QCOMPARE(model->index(1, LogFolderModel::IssuesColumn).data().toInt(), 4);
    QCOMPARE(model->index(2, LogFolderModel::StartColumn).data().toString(), QStringLiteral("cannot be read"));
    QVERIFY(model->index(2, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("gzip")));

    // A click on a row opens that log.
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    const QRect row = m_page->folderView()->visualRect(model->index(1, LogFolderModel::FileColumn));
    QTest::mouseClick(m_page->folderView()->viewport(), Qt::LeftButton, {}, row.center());
    QVERIFY(shown.wait(20'000));
    QCOMPARE(m_page->path(), folder.filePath(QStringLiteral("performance_log_20261121_090000.csv")));
    QCOMPARE(m_page->result()->runs.size(), 2);

    // A tab not shown yet lists nothing until it is.
    AnalysisPage hidden;
    hidden.setLogFolder(folder.path());
    QCOMPARE(hidden.folderModel()->rowCount(), 0);
    hidden.show();
    QCOMPARE(hidden.folderModel()->rowCount(), 3);
}

// Issue 14: the folder list listed only session logs. Timing logs are found by their content (a
// name tells nothing: calls.txt), listed after the session logs with their kind, and a click asks
// for the Timings tab; a rotated backup beside its log and files of no timing shape are not listed.
void TestAnalysisPage::logFolderListsTimingLogsToo()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QVERIFY(writeFile(folder.filePath(QStringLiteral("performance_log_20261122_090000.csv")),
        "timestamp,solo_cpu_percent,event,notes\n2026-11-22T09:00:00.000+01:00,12,,\n"));
    // 2026-11-22T14:30:00Z and on: three calls over 12.5 s, one of them failed.
    const QByteArray calls = "[2026-11-22 14:30:02,000] INFO EXECUTION_TIME: {\"function\": \"load_model\", "
                             "\"execution_time\": 2.0, \"timestamp\": 1795357802.0}\n"
                             "plain message\n"
                             "{\"function\": \"generate\", \"execution_time\": 0.5, \"timestamp\": 1795357810.0}\n"
                             "{\"function\": \"generate\", \"execution_time\": 0.5, \"timestamp\": 1795357812.5, "
                             "\"error\": \"CUDA out of memory\"}\n";
    QVERIFY(writeFile(folder.filePath(QStringLiteral("calls.txt")), calls));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("timing.log")),
        "{\"function\": \"step\", \"execution_time\": 1.0, \"timestamp\": 1795357900.0}\n"));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("timing.log.1")),
        "{\"function\": \"step\", \"execution_time\": 1.0, \"timestamp\": 1795357800.0}\n"));
    QVERIFY(writeFile(folder.filePath(QStringLiteral("notes.txt")), "not a log of ours\n"));
    // calls.txt the newest: the timing logs are listed newest first.
    QFile timingLog(folder.filePath(QStringLiteral("timing.log")));
    QVERIFY(timingLog.open(QIODevice::ReadWrite));
    QVERIFY(timingLog.setFileTime(QDateTime::currentDateTime().addSecs(-60), QFileDevice::FileModificationTime));
    timingLog.close();

    LogFolderModel *model = m_page->folderModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy complete(model, &LogFolderModel::summariesComplete);
    m_page->setLogFolder(folder.path());
    QCOMPARE(model->rowCount(), 1); // the session log at once, the timing logs when looked at
    QVERIFY(!model->isComplete());
    QVERIFY(complete.wait(20'000));
    QVERIFY(model->isComplete());
    QCOMPARE(model->rowCount(), 3);
    const auto cell = [&](int row, int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(cell(0, LogFolderModel::KindColumn), QStringLiteral("session"));
    QCOMPARE(cell(1, LogFolderModel::FileColumn), QStringLiteral("calls.txt"));
    QCOMPARE(cell(1, LogFolderModel::KindColumn), QStringLiteral("timing"));
    QCOMPARE(model->index(1, LogFolderModel::KindColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("A timing log: JSON lines"));
    QCOMPARE(cell(2, LogFolderModel::FileColumn), QStringLiteral("timing.log"));
    QVERIFY(!model->isTimingLogAt(0));
    QVERIFY(model->isTimingLogAt(1));
    QVERIFY(model->isTimingLogAt(2));
    // The calls' span, from the first start (14:30:00) to the last end (14:30:12.5), on this computer's clock.
    QCOMPARE(model->index(1, LogFolderModel::StartColumn).data(Qt::ToolTipRole).toString(),
        ViewClock(ViewClock::LocalZone, 0, true).iso(1795357800000));
    QCOMPARE(cell(1, LogFolderModel::DurationColumn), QStringLiteral("12.5 s"));
    const QString tip = model->index(1, LogFolderModel::FileColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("3 call(s) of 2 function(s), 1 error(s)")), qPrintable(tip));
    // timing.log is read with its backup timing.log.1: 100 s apart.
    QCOMPARE(cell(2, LogFolderModel::DurationColumn), QStringLiteral("1 min 41 s"));

    // A click on a timing log asks for the Timings tab; the Analysis tab keeps its log.
    QSignalSpy timing(m_page, &AnalysisPage::timingLogRequested);
    QSignalSpy shown(m_page, &AnalysisPage::analysisShown);
    const QRect row = m_page->folderView()->visualRect(model->index(1, LogFolderModel::FileColumn));
    QTest::mouseClick(m_page->folderView()->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(timing.size(), 1);
    QCOMPARE(timing.first().first().toString(), folder.filePath(QStringLiteral("calls.txt")));
    QTest::qWait(100);
    QCOMPARE(shown.size(), 0);
}

void TestAnalysisPage::exportsAReport()
{
    QVERIFY(openAndWait(m_log));
    const QString html = m_dir.filePath(QStringLiteral("report.html"));
    QVERIFY2(m_page->exportReport(html), qPrintable(m_page->errorText()));
    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(h.readAll());
    QVERIFY(text.contains(QStringLiteral("Analysis of two_runs.csv")));
    QVERIFY(text.contains(QStringLiteral("run 2 of 2")));
    QVERIFY(text.contains(QStringLiteral("<td>Server down</td>")));
    QCOMPARE(text.count(QStringLiteral("data:image/png;base64,")), 3); // the three charts

    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    QVERIFY2(m_page->exportReport(pdf), qPrintable(m_page->errorText()));
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    QVERIFY(p.read(5) == "%PDF-");
    QVERIFY(p.size() > 10'000); // the charts are in it

    QVERIFY(!m_page->exportReport(QStringLiteral("/nonexistent/dir/report.html")));
    QVERIFY2(m_page->errorText().contains(QStringLiteral("Cannot write the report")), qPrintable(m_page->errorText()));
}

void TestAnalysisPage::wheelZoomsAndTheScrollBarPans()
{
    QVERIFY(openAndWait(m_log));
    LogChart *cpu = m_page->charts().first();
    const qint64 width = cpu->rangeEndMs() - cpu->rangeStartMs();
    auto *canvas = cpu->findChild<QAbstractScrollArea *>();
    QVERIFY(canvas);
    QTRY_VERIFY(canvas->viewport()->height() > 100); // laid out
    const QPoint centre = canvas->viewport()->rect().center();
    QWheelEvent wheel(QPointF(centre), QPointF(canvas->viewport()->mapToGlobal(centre)), QPoint(), QPoint(0, 120),
        Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas->viewport(), &wheel);
    // One notch in: four fifths of the width, on every chart.
    const qint64 zoomed = cpu->rangeEndMs() - cpu->rangeStartMs();
    QVERIFY2(qAbs(zoomed - width * 4 / 5) <= 2, qPrintable(QString::number(zoomed)));
    for (LogChart *chart : m_page->charts()) {
        QCOMPARE(chart->rangeStartMs(), cpu->rangeStartMs());
        QCOMPARE(chart->rangeEndMs(), cpu->rangeEndMs());
    }

    // The scroll bar counts seconds: ten steps right move every chart 10 s later, same width.
    auto *scroll = m_page->findChild<QScrollBar *>(QStringLiteral("timeScroll"));
    QVERIFY(scroll && scroll->isEnabled());
    const qint64 before = cpu->rangeStartMs();
    scroll->setValue(scroll->value() + 10);
    QVERIFY2(qAbs(cpu->rangeStartMs() - (before + 10'000)) < 1000,
        qPrintable(QString::number(cpu->rangeStartMs() - before)));
    QCOMPARE(cpu->rangeEndMs() - cpu->rangeStartMs(), zoomed);
    QCOMPARE(m_page->charts().last()->rangeStartMs(), cpu->rangeStartMs());
}

void TestAnalysisPage::chartsOfOneMachine()
{
    QVERIFY(openAndWait(m_log));
    QCOMPARE(m_page->charts().first()->lineNames(), (QStringList { QStringLiteral("m1"), QStringLiteral("m2") }));
    m_page->zoomToIssue(0);
    const qint64 start = m_page->charts().first()->rangeStartMs();
    auto *filter = m_page->findChild<QComboBox *>(QStringLiteral("machineFilter"));
    QVERIFY(filter);
    QCOMPARE(filter->count(), 3); // all, m1, m2
    filter->setCurrentIndex(2);
    emit filter->activated(2);
    // The charts of m2 alone, at the same range.
    QCOMPARE(m_page->charts().size(), 3);
    QCOMPARE(m_page->charts().first()->lineNames(), QStringList { QStringLiteral("m2") });
    QCOMPARE(
        m_page->charts().last()->lineNames(), (QStringList { QStringLiteral("m2"), QStringLiteral("m2 requests") }));
    QCOMPARE(m_page->charts().first()->rangeStartMs(), start);
}

void TestAnalysisPage::exportsAChart()
{
    QVERIFY(openAndWait(m_log));
    LogChart *cpu = m_page->charts().first();
    const QString png = m_dir.filePath(QStringLiteral("cpu.png"));
    QVERIFY2(m_page->exportChart(cpu, png, QSize(1920, 1080)), qPrintable(m_page->errorText()));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1920, 1080));
    const QString svg = m_dir.filePath(QStringLiteral("cpu.svg"));
    QVERIFY2(m_page->exportChart(cpu, svg, QSize(800, 300)), qPrintable(m_page->errorText()));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("<svg"));
    QVERIFY(!m_page->exportChart(cpu, QStringLiteral("/nonexistent/dir/cpu.png"), QSize(800, 300)));
    QVERIFY2(m_page->errorText().contains(QStringLiteral("/nonexistent/dir/cpu.png")), qPrintable(m_page->errorText()));
}

void TestAnalysisPage::shadesMergeWithinAPixel()
{
    const QColor red(220, 40, 40, 55);
    const QColor grey(120, 120, 120, 45);
    // Red 0–10 and 15–20 (5 ms apart, under the 10 ms pixel: one band 0–20), red 40–50 (20 ms after: its
    // own), grey 12–13 between them (another color: kept), red 200–210 outside [0, 100]: dropped.
    const QList<LogChartShade> merged = LogChart::mergeShades(
        { { 0, 10, red }, { 12, 13, grey }, { 15, 20, red }, { 40, 50, red }, { 200, 210, red } }, 0, 100, 10);
    QCOMPARE(merged.size(), 3);
    QCOMPARE(merged[0].startMs, 0);
    QCOMPARE(merged[0].endMs, 20);
    QCOMPARE(merged[1].color, grey);
    QCOMPARE(merged[2].startMs, 40);
    QCOMPARE(merged[2].endMs, 50);

    // 40,000 one-second issues a second apart over a day at 1,000 px: a single band.
    QList<LogChartShade> many;
    for (int i = 0; i < 40'000; ++i)
        many.append({ qint64(i) * 2000, qint64(i) * 2000 + 1000, red });
    QCOMPARE(LogChart::mergeShades(many, 0, 86'400'000, 86'400).size(), 1);
}

// Issue 13, item 2: on a real log the marker labels stacked in rows over the data, spilled under the
// time axis over its labels and into the next chart. Now they keep to a lane above the plot, at the
// sizes the tab has on a laptop's screen and a desktop's, and zoomed in.
void TestAnalysisPage::markerLabelsKeepToTheirLane_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<qint64>("zoomMs"); // 0: the whole run
    QTest::addRow("laptop") << QSize(1100, 520) << qint64(0);
    QTest::addRow("desktop") << QSize(1400, 780) << qint64(0);
    QTest::addRow("desktop, 10 minutes") << QSize(1400, 780) << qint64(600'000);
}

void TestAnalysisPage::markerLabelsKeepToTheirLane()
{
    QFETCH(QSize, size);
    QFETCH(qint64, zoomMs);
    m_page->resize(size);
    QVERIFY(openAndWait(m_markedLog));
    QCOMPARE(m_page->result()->markers.size(), 51);
    if (zoomMs > 0)
        m_page->showRange(m_page->result()->start->ms + 1000'000, m_page->result()->start->ms + 1000'000 + zoomMs);
    QCoreApplication::processEvents();
    // The stacked charts share the first one's lane; each has the markers' lines.
    const QList<LogChart *> charts = m_page->charts();
    for (LogChart *chart : charts) {
        const int inLane = chart == charts.first() ? int(chart->visibleMarkerLabels().size()) : 0;
        const QString problem = ChartChecks::laneProblem(chart->canvas(), inLane);
        QVERIFY2(problem.isEmpty(), qPrintable(chart->title() + QStringLiteral(": ") + problem));
        QCOMPARE(chart->visibleMarkerLabels(), charts.first()->visibleMarkerLabels());
    }
    QVERIFY(!charts.first()->canvas()->markerLabelItems().isEmpty());
    // One lane for all: the plots line up, so each marker's line runs on under its label.
    const QRectF top = charts.first()->canvas()->chart()->plotArea();
    for (LogChart *chart : charts) {
        const QRectF plot = chart->canvas()->chart()->plotArea();
        QVERIFY2(qAbs(plot.left() - top.left()) <= 1 && qAbs(plot.right() - top.right()) <= 1,
            qPrintable(QStringLiteral("%1: plot %2–%3, the first one's %4–%5")
                           .arg(chart->title())
                           .arg(plot.left())
                           .arg(plot.right())
                           .arg(top.left())
                           .arg(top.right())));
    }
    if (zoomMs == 0)
        QCOMPARE(m_page->charts().first()->visibleMarkerLabels().size(), 51);

    // A picture of a chart below the first stands alone: it has the lane (a count box is a long
    // run of the marker color along a row; the lines are one pixel wide), the window does not.
    QImage picture(1200, 400, QImage::Format_ARGB32);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    charts[1]->render(&painter, picture.size());
    painter.end();
    QVERIFY(hasMarkerBox(picture));
    QVERIFY(!hasMarkerBox(charts[1]->grab().toImage()));
}

// Labels too close together are one box that counts them; its tooltip names each with its notes, a
// click zooms in to them, and zoomed in far enough each has its label whole.
void TestAnalysisPage::aCountOfMarkersNamesThemOnHoverAndOpensOnAClick()
{
    m_page->resize(1100, 520);
    QVERIFY(openAndWait(m_markedLog));
    LogChart *cpu = m_page->charts().first();
    ChartCanvas *canvas = cpu->canvas();
    // The boxes go left to right: the first one counts markers 1, 2, … in time order.
    MarkerLabelItem *first = canvas->markerLabelItems().value(0);
    QVERIFY(first && first->markerCount() > 1);
    QCOMPARE(first->text(), QStringLiteral("%1 markers").arg(first->markerCount()));
    for (int n = 1; n <= std::min(first->markerCount(), 12); ++n) {
        QVERIFY2(first->toolTip().contains(QStringLiteral("Marker number %1<").arg(n)), qPrintable(first->toolTip()));
        QVERIFY2(first->toolTip().contains(QStringLiteral("notes of marker %1<").arg(n)), qPrintable(first->toolTip()));
    }

    const qint64 width = cpu->rangeEndMs() - cpu->rangeStartMs();
    const int count = first->markerCount();
    const qint64 firstMs = first->firstMs();
    const qint64 lastMs = first->lastMs();
    QTest::mouseClick(
        canvas->viewport(), Qt::LeftButton, {}, canvas->mapFromScene(first->sceneBoundingRect().center()));
    QVERIFY(cpu->rangeEndMs() - cpu->rangeStartMs() < width / 2);
    QVERIFY(cpu->rangeStartMs() < firstMs && cpu->rangeEndMs() > lastMs);
    QVERIFY(canvas->markerLabelItems().size() > 1);
    QVERIFY(canvas->markerLabelItems().first()->markerCount() < count);

    // Markers 2 and 3, 6 s apart (08:04:20, 08:04:26), on a 30 s range: their labels whole.
    const qint64 t0 = m_page->result()->start->ms;
    m_page->showRange(t0 + 255'000, t0 + 285'000);
    QStringList whole;
    for (MarkerLabelItem *item : canvas->markerLabelItems()) {
        if (item->markerCount() == 1 && item->text() == item->fullText())
            whole << item->text();
    }
    QCOMPARE(whole, (QStringList { QStringLiteral("Marker number 2"), QStringLiteral("Marker number 3") }));
    QVERIFY(ChartChecks::laneProblem(canvas, 2).isEmpty());
}

// Issue 13, item 11: for a moment after a log opened the charts showed diagonal lines and solid red
// blocks: they were drawn before they had their size, the data decimated to a plot a pixel wide and
// every issue merged into one band across it. Now a chart draws once it is laid out.
void TestAnalysisPage::noDiagonalLinesOrSolidBandsWhileALogOpens()
{
    QList<qsizetype> drawn;
    QList<int> widths;
    connect(m_page, &AnalysisPage::analysisShown, this, [&] {
        for (LogChart *chart : m_page->charts()) {
            drawn << chart->pointCount(0);
            widths << chart->canvas()->plotWidth();
        }
    });
    QVERIFY(openAndWait(m_log));
    disconnect(m_page, &AnalysisPage::analysisShown, this, nullptr);
    QCOMPARE(drawn.size(), 3);
    for (int width : std::as_const(widths))
        QVERIFY2(width > 500, qPrintable(QString::number(width)));
    // The 100 CPU samples of the run, each in a pixel column of its own: not the 2 of a diagonal.
    QCOMPARE(drawn.first(), 100);

    // A chart not laid out draws nothing at all, and draws its data once it has its size.
    LogChart hidden(QStringLiteral("CPU"), QStringLiteral("%"), nullptr,
        { { 0, Metric::CpuPercent, QStringLiteral("m1"), Qt::blue } });
    hidden.showRange(kT0, kT0 + 100'000);
    QCOMPARE(hidden.pointCount(0), 0);
    QVERIFY(!hidden.canvas()->isLaidOut());
}

// Issue 13, item 9: with a dark palette the menus went dark but every chart stayed white. The
// charts take the application's palette, and follow it when it changes.
void TestAnalysisPage::chartsFollowTheApplicationPalette()
{
    QVERIFY(openAndWait(m_markedLog));
    const QPalette light = QApplication::palette();
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    for (const QPalette &palette : { dark, light }) {
        QApplication::setPalette(palette);
        QCoreApplication::processEvents();
        const QColor base = palette.color(QPalette::Base);
        const QColor text = palette.color(QPalette::Text);
        for (LogChart *chart : m_page->charts()) {
            QChart *c = chart->canvas()->chart();
            QCOMPARE(c->backgroundBrush().color(), base);
            QCOMPARE(chart->canvas()->backgroundBrush().color(), base);
            QCOMPARE(c->legend()->labelColor(), text);
            for (QAbstractAxis *axis : c->axes()) {
                QCOMPARE(axis->labelsBrush().color(), text);
                QCOMPARE(axis->titleBrush().color(), text);
            }
        }
    }
}

// Issue 13, item 9: the axis titles read "token…" and "requ…". At the sizes the tab has on a
// 1280×720 and a 1600×1000 screen no title is cut short: one too long for the plot's height goes
// into the chart's header whole.
void TestAnalysisPage::axisTitlesAreNeverCutShort_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("1280x720") << QSize(1100, 500);
    QTest::addRow("1600x1000") << QSize(1400, 780);
}

void TestAnalysisPage::axisTitlesAreNeverCutShort()
{
    QFETCH(QSize, size);
    m_page->resize(size);
    QVERIFY(openAndWait(m_markedLog));
    QCoreApplication::processEvents();
    for (LogChart *chart : m_page->charts()) {
        const QString problem = ChartChecks::axisTitleProblem(chart->canvas());
        QVERIFY2(problem.isEmpty(), qPrintable(chart->title() + QStringLiteral(": ") + problem));
    }
}

QTEST_MAIN(TestAnalysisPage)
#include "tst_analysispage.moc"
