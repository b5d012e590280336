#pragma once

#include "analysisresult.h"
#include "jobtracker.h"
#include "viewclock.h"

#include <QList>
#include <QPair>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class IssueTableModel;
class LogChart;
class LogFolderModel;
class LogFolderPanel;
class StatisticsTable;
class MarkerStore;
class QComboBox;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QTableWidget;
class QProgressBar;
class QPushButton;
class QScrollBar;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QToolBar;
class QVBoxLayout;

// The Analysis tab: a past session log opened (button, File → Open log, drag and drop, the command
// line), read and analysed in worker threads (a newer request drops older results), then shown as
// charts with the issue periods shaded and the markers drawn, an issues table whose rows zoom the
// charts, a summary and per-machine statistics. The reader's errors show inside the tab.
class AnalysisPage : public QWidget
{
    Q_OBJECT
public:
    explicit AnalysisPage(QWidget *parent = nullptr);
    ~AnalysisPage() override;

    // Starts reading the log; earlier loads still running are cancelled and their results dropped.
    void openFile(const QString &path);
    // Lists the logs of this folder (newest first) with their summaries, computed in the background
    // from the first time the tab is shown.
    void setLogFolder(const QString &dir);
    LogFolderModel *folderModel() const;
    QTableView *folderView() const;
    // Asks for a log with a file dialog.
    void chooseFile();
    void cancelLoading();
    bool isLoading() const { return m_loading; }
    QString path() const { return m_path; }
    QString errorText() const;

    AnalysisThresholds thresholds() const { return m_thresholds; }
    void setThresholds(const AnalysisThresholds &thresholds);
    RunSelection runSelection() const { return m_selection; }
    void setRunSelection(RunSelection selection);

    // View → Time zone: the log's own UTC offset (the default) or this computer's time zone, for
    // the axis, the tables, the tooltips and the report alike.
    void setTimeZone(ViewClock::Zone zone);
    ViewClock::Zone timeZone() const { return m_zone; }
    // The clock the view reads times on now.
    ViewClock clock() const;

    // The analysis shown, when there is one.
    const AnalysisResult *result() const { return m_result ? &*m_result : nullptr; }
    QList<LogChart *> charts() const { return m_charts; }
    QTableView *issuesView() const { return m_issuesView; }
    IssueTableModel *issuesModel() const { return m_issues; }
    // Zooms every chart to an issue row's period with a margin.
    void zoomToIssue(int row);
    void showAll();
    // Shows this range on every chart (kept inside the selection) and moves the scroll bar to it.
    void showRange(qint64 startMs, qint64 endMs);
    // Writes the report (HTML with the charts embedded, or PDF by the extension); a failure shows in
    // the tab's banner.
    bool exportReport(const QString &path);
    // Writes one chart as PNG or SVG (by the extension) at this size; a failure shows in the banner.
    bool exportChart(LogChart *chart, const QString &path, QSize size);
    // The range an issue zooms to: its period with a quarter of its length, at least 30 s, each side.
    static QPair<qint64, qint64> zoomRange(const IssuePeriod &issue);
    // The sizes of the charts, tables and log list panes, to be kept between runs (QSettings).
    QByteArray splitterState() const;
    bool restoreSplitterState(const QByteArray &state);

signals:
    // A load or an analysis finished and is shown (or its error is).
    void analysisShown();
    void thresholdsChanged(const AnalysisThresholds &thresholds);
    // A log was read (for the recent-files list).
    void fileLoaded(const QString &path);
    // The person moved a splitter (splitterState() has changed).
    void splitterMoved();
    // A timing log was chosen in the log folder's list: it opens in the Timings tab.
    void timingLogRequested(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // The constructor's parts, each making its widgets (in the tab's focus order) and wiring them.
    QToolBar *buildToolBar();
    void addExportButtons(QToolBar *bar);
    QHBoxLayout *buildProgressRow();
    QWidget *buildChartArea(QSplitter *splitter);
    QTabWidget *buildTables(QSplitter *splitter);
    QTableWidget *buildMarkersTable(QTabWidget *tabs);
    // The log folder's list beside the charts and tables: the page's outer splitter.
    QSplitter *buildFolderPane(QSplitter *splitter);
    void connectControls();
    void reanalyse();
    void showResult(AnalysisResult result);
    // The result's rows, issue shades and markers on the charts, and their range: the run's whole
    // length when it is another run, else the range shown (charts just rebuilt) or a refresh.
    void showOnCharts(const AnalysisResult &r, bool rebuilt);
    void showError(const QString &error);
    void rebuildCharts();
    void setUpSplitters();
    void fillRunSelector();
    void fillStatistics();
    void fillMarkersTable();
    // Puts the view's clock on the charts and the tables.
    void applyClock();
    void exportJson();
    void chooseChartExport(LogChart *chart);
    void setLoading(bool loading);

    QString m_path;
    std::shared_ptr<const LogData> m_data;
    std::shared_ptr<const LogData> m_chartData; // the data the charts were built for
    std::optional<AnalysisResult> m_result;
    AnalysisThresholds m_thresholds;
    RunSelection m_selection;
    int m_shownRun = -2; // the run the charts' range was last reset for
    JobTracker m_loadJobs { this };
    JobTracker m_analysisJobs { this };
    bool m_loading = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<std::atomic_int> m_progressValue;

    QLabel *m_file = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    QComboBox *m_run = nullptr;
    QComboBox *m_machineFilter = nullptr;
    int m_chartMachine = -1; // the machine the charts were built for, -1 all
    qint64 m_rangeStartMs = 0;
    qint64 m_rangeEndMs = 0;
    QDoubleSpinBox *m_cpu = nullptr;
    QDoubleSpinBox *m_lowTps = nullptr;
    QDoubleSpinBox *m_gap = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_showAllButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_reportButton = nullptr;
    QTimer *m_progressTimer = nullptr;
    QSplitter *m_splitter = nullptr; // the charts above, the tables below
    QSplitter *m_outer = nullptr;    // the log folder's list at the left, the rest
    bool m_splitterSized = false;    // by a restored state, the person, or the first charts
    QWidget *m_chartArea = nullptr;
    QVBoxLayout *m_chartLayout = nullptr;
    QList<LogChart *> m_charts;
    QScrollBar *m_scroll = nullptr;
    MarkerStore *m_markers = nullptr;
    IssueTableModel *m_issues = nullptr;
    QTableView *m_issuesView = nullptr;
    StatisticsTable *m_statistics = nullptr;
    QTableWidget *m_markersTable = nullptr;
    QListWidget *m_warnings = nullptr;
    LogFolderPanel *m_folderPanel = nullptr;
    QString m_pendingFolder; // listed when the tab is first shown
    ViewClock::Zone m_zone = ViewClock::LogZone;
};
