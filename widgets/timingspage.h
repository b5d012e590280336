#pragma once

#include "chartexporter.h"
#include "timingsloader.h"

#include <QWidget>

#include <memory>

class LogChart;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class QTextBrowser;
class QTimer;
class QToolButton;
class QVBoxLayout;
class TimingsErrorsPanel;
class TimingsFollow;
class TimingsHistogram;
class TimingsTableModel;
class TimingsTierChart;
class TimingsTimeline;
class TimingsRunSelector;

// The Timings tab (PRODUCT.md F8): a timing log read in a worker (newer loads drop older results),
// its functions in a sortable table (the top ten by total highlighted) with the selected function's
// attributes, histogram and errors beside it, and the call timeline below — under the machines'
// charts on one time axis when a session log covers the same time, the selected function's calls
// shaded on them. A JSON-lines log is followed while it grows. (Exporting: timingspageexport.cpp.)
class TimingsPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kFollowMs = 500;

    explicit TimingsPage(QWidget *parent = nullptr);
    ~TimingsPage() override;

    // Reads a timing log (file or directory); sessionLog: a session log opened with it (else one
    // that overlaps it is looked for in its folder and the log folders).
    void openFile(const QString &path, const QString &sessionLog = {});
    // Folders whose session logs may cover a timing log's time (the session's log directory).
    void setLogFolders(const QStringList &dirs) { m_logDirs = dirs; }
    void chooseFile();
    bool isLoading() const { return m_loading; }
    QString path() const { return m_view.path; }
    QString errorText() const;
    const TimingsView &view() const { return m_view; }
    void setSelection(const TimingSelection &selection);
    void selectFunction(int function);
    int selectedFunction() const { return m_function; }
    // Shows this range (ms since the epoch) on the timeline and the machine charts.
    void showRange(qint64 startMs, qint64 endMs);
    void setFollowing(bool follow);

    QTableView *tableView() const { return m_table; }
    QSortFilterProxyModel *tableProxy() const { return m_proxy; }
    TimingsTableModel *tableModel() const { return m_model; }
    TimingsTimeline *timeline() const { return m_timeline; }
    TimingsHistogram *histogram() const { return m_histogram; }
    TimingsErrorsPanel *errorsPanel() const { return m_errors; }
    TimingsTierChart *tierChart() const { return m_tiers; }
    QList<LogChart *> machineCharts() const { return m_charts; }

    // Written in a worker: exportFinished() follows (a failure also shows in the banner).
    void exportStatisticsCsv(const QString &path);
    void exportStatisticsJson(const QString &path);
    void exportTrace(const QString &path);

signals:
    // A load, a new selection or new calls of a followed file are shown (or the error is).
    void viewShown();
    void fileLoaded(const QString &path);
    // An export was written (error empty) or not.
    void exportFinished(const QString &path, const QString &error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *createToolbar();
    QWidget *createSide();
    void createExportMenu(QToolButton *button);
    void showView(TimingsView view, bool newFile);
    void showError(const QString &error);
    void rebuildMachineCharts();
    void alignTimeline();
    void updateFunctionViews();
    void shadeMachineCharts();
    void onNewCalls(const TimingData &calls, bool restarted);
    void exportPicture(const QString &title, QSize onScreen, const ChartExporter::Renderer &render);
    void reportExport(bool ok, const QString &error);
    void writeInWorker(const QString &path, const std::function<QByteArray()> &make);

    TimingsView m_view;
    TimingSelection m_selection;
    QStringList m_logDirs;
    int m_generation = 0;
    bool m_loading = false;
    bool m_userRange = false; // the person zoomed or panned: new calls keep the range
    int m_function = -1;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    std::shared_ptr<const LogData> m_chartLog; // the session log the charts were built for

    QLabel *m_file = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_summary = nullptr;
    TimingsRunSelector *m_runs = nullptr;
    QCheckBox *m_follow = nullptr;
    QCheckBox *m_logScale = nullptr;
    TimingsFollow *m_following = nullptr;
    TimingsTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QTabWidget *m_side = nullptr;
    QTextBrowser *m_details = nullptr;
    TimingsHistogram *m_histogram = nullptr;
    TimingsErrorsPanel *m_errors = nullptr;
    TimingsTierChart *m_tiers = nullptr;
    QWidget *m_chartArea = nullptr;
    QTimer *m_alignTimer = nullptr;
    QVBoxLayout *m_chartLayout = nullptr;
    QList<LogChart *> m_charts;
    TimingsTimeline *m_timeline = nullptr;
};
