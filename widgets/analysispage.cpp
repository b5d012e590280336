#include "analysispage.h"

#include "analysis.h"
#include "analysischarts.h"
#include "analysisjson.h"
#include "analysisreport.h"
#include "analysisreportwriter.h"
#include "chartexporter.h"
#include "errorbanner.h"
#include "issuetablemodel.h"
#include "logchart.h"
#include "logfoldermodel.h"
#include "logfolderpanel.h"
#include "logreader.h"
#include "markerstore.h"
#include "outputfile.h"
#include "statisticstable.h"
#include "units.h"

#include <QComboBox>
#include <QDataStream>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace {

struct LoadedLog
{
    std::shared_ptr<const LogData> data;
    QString error;
    bool cancelled = false;
};

QDoubleSpinBox *spinBox(
    const QString &name, double min, double max, double value, const QString &suffix, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setDecimals(1);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false); // re-analyse once the value is typed, not per keystroke
    return box;
}

} // namespace

AnalysisPage::AnalysisPage(QWidget *parent)
    : QWidget(parent)
    , m_progressValue(std::make_shared<std::atomic_int>(0))
    , m_markers(new MarkerStore(this))
    , m_issues(new IssueTableModel(this))

{
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    // Made in the order of the tab's focus chain: the tool bar, the progress row, the banner, the
    // charts, the tables, the log folder.
    QToolBar *bar = buildToolBar();
    addExportButtons(bar);
    layout->addWidget(bar);
    layout->addLayout(buildProgressRow());
    m_banner = ErrorBanner::create(QStringLiteral("analysisError"), this);
    layout->addWidget(m_banner);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->addWidget(buildChartArea(splitter));
    splitter->addWidget(buildTables(splitter));
    layout->addWidget(buildFolderPane(splitter), 1);
    setUpSplitters();
    connectControls();
    setLoading(false);
    fillRunSelector();
}

QToolBar *AnalysisPage::buildToolBar()
{
    // A tool bar: what does not fit a narrow window goes into its » menu instead of widening the
    // window past the screen.
    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("analysisBar"));
    auto *open = new QPushButton(tr("Open log…"), this);
    open->setObjectName(QStringLiteral("openLogButton"));
    connect(open, &QPushButton::clicked, this, &AnalysisPage::chooseFile);
    bar->addWidget(open);
    m_file = new QLabel(tr("No log open. Open one, or drop a CSV log here."), this);
    m_file->setObjectName(QStringLiteral("analysisFile"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long name gives way to the controls, so the window still fits a laptop's screen.
    m_file->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_file->setMinimumWidth(80);
    bar->addWidget(m_file);
    m_run = new QComboBox(this);
    m_run->setObjectName(QStringLiteral("runSelector"));
    m_run->setToolTip(tr("The log is cut into runs where the logger stopped; analyse one run or the whole file"));
    bar->addWidget(m_run);
    m_machineFilter = new QComboBox(this);
    m_machineFilter->setObjectName(QStringLiteral("machineFilter"));
    m_machineFilter->setToolTip(tr("The charts of all machines together, or of one"));
    m_machineFilter->addItem(tr("All machines"), -1);
    connect(m_machineFilter, &QComboBox::activated, this, [this] {
        if (m_result)
            showResult(AnalysisResult(*m_result));
    });
    bar->addWidget(m_machineFilter);
    m_cpu = spinBox(QStringLiteral("cpuThreshold"), 0, 100, m_thresholds.cpuPercent, tr(" % CPU"), this);
    m_cpu->setToolTip(tr("High CPU: above this"));
    m_lowTps = spinBox(QStringLiteral("lowTpsThreshold"), 0, 1e6, m_thresholds.lowTokensPerSecond, tr(" tok/s"), this);
    m_lowTps->setToolTip(tr("Low performance: below this many tokens/s while busy"));
    m_gap = spinBox(QStringLiteral("gapFactor"), 1.5, 1000, m_thresholds.gapFactor, tr(" × interval"), this);
    m_gap->setToolTip(tr("No data (and a new run): samples further apart than this times the median interval"));
    bar->addWidget(m_cpu);
    bar->addWidget(m_lowTps);
    bar->addWidget(m_gap);
    return bar;
}

void AnalysisPage::addExportButtons(QToolBar *bar)
{
    m_showAllButton = new QPushButton(tr("Show all"), this);
    m_showAllButton->setObjectName(QStringLiteral("showAllButton"));
    m_showAllButton->setEnabled(false); // nothing to show before a log is open
    connect(m_showAllButton, &QPushButton::clicked, this, &AnalysisPage::showAll);
    bar->addWidget(m_showAllButton);
    m_exportButton = new QPushButton(tr("Export JSON…"), this);
    m_exportButton->setEnabled(false);
    connect(m_exportButton, &QPushButton::clicked, this, &AnalysisPage::exportJson);
    bar->addWidget(m_exportButton);
    m_reportButton = new QPushButton(tr("Export report…"), this);
    m_reportButton->setObjectName(QStringLiteral("exportReportButton"));
    m_reportButton->setToolTip(tr("The summary, the tables and the charts as one HTML file or a PDF"));
    m_reportButton->setEnabled(false);
    connect(m_reportButton, &QPushButton::clicked, this, [this] {
        QString suggested = m_path;
        if (suggested.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
            suggested.chop(4);
        const QString path = QFileDialog::getSaveFileName(this, tr("Export a report"),
            suggested + QStringLiteral("_report.html"), tr("HTML with the charts (*.html);;PDF (*.pdf)"));
        if (!path.isEmpty())
            exportReport(path);
    });
    bar->addWidget(m_reportButton);
}

QHBoxLayout *AnalysisPage::buildProgressRow()
{
    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 100);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelLoadButton"));
    connect(m_cancelButton, &QPushButton::clicked, this, &AnalysisPage::cancelLoading);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelButton);
    m_progressTimer = new QTimer(this);
    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, [this] { m_progress->setValue(m_progressValue->load()); });
    return progressRow;
}

QWidget *AnalysisPage::buildChartArea(QSplitter *splitter)
{
    m_chartArea = new QWidget(splitter);
    m_chartLayout = new QVBoxLayout(m_chartArea);
    m_chartLayout->setContentsMargins(0, 0, 0, 0);
    m_chartLayout->setSpacing(2);
    m_chartArea->setMinimumHeight(240); // room for the charts before the first log
    m_scroll = new QScrollBar(Qt::Horizontal, m_chartArea);
    m_scroll->setObjectName(QStringLiteral("timeScroll"));
    m_scroll->setToolTip(tr("Scroll through the run; the mouse wheel over a chart zooms"));
    m_scroll->setEnabled(false);
    m_chartLayout->addWidget(m_scroll);
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int seconds) {
        if (!m_result || !m_result->start || m_charts.isEmpty())
            return;
        const qint64 width = m_charts.first()->rangeEndMs() - m_charts.first()->rangeStartMs();
        const qint64 start = m_result->start->ms + qint64(seconds) * 1000;
        showRange(start, start + width);
    });
    return m_chartArea;
}

QTabWidget *AnalysisPage::buildTables(QSplitter *splitter)
{
    auto *tabs = new QTabWidget(splitter);
    tabs->setMinimumHeight(80); // a few rows: the charts keep the rest of a laptop's screen
    m_issuesView = new QTableView(tabs);
    m_issuesView->setObjectName(QStringLiteral("issuesView"));
    m_issuesView->setModel(m_issues);
    m_issuesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_issuesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_issuesView->horizontalHeader()->setStretchLastSection(true);
    m_issuesView->horizontalHeader()->setResizeContentsPrecision(200); // a day of issues sizes fast
    m_issuesView->verticalHeader()->hide();
    connect(m_issuesView, &QTableView::clicked, this, [this](const QModelIndex &index) { zoomToIssue(index.row()); });
    connect(m_issuesView, &QTableView::activated, this, [this](const QModelIndex &index) { zoomToIssue(index.row()); });
    tabs->addTab(m_issuesView, tr("Issues"));

    auto *stats = new QWidget(tabs);
    auto *statsLayout = new QVBoxLayout(stats);
    m_summary = new QLabel(stats);
    m_summary->setObjectName(QStringLiteral("analysisSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true); // one long line would set the window's minimum width
    statsLayout->addWidget(m_summary);
    m_statistics = new StatisticsTable(stats);
    statsLayout->addWidget(m_statistics, 1);
    tabs->addTab(stats, tr("Summary and statistics"));

    tabs->addTab(buildMarkersTable(tabs), tr("Markers"));
    m_warnings = new QListWidget(tabs);
    m_warnings->setObjectName(QStringLiteral("readerWarnings"));
    tabs->addTab(m_warnings, tr("Reader warnings"));
    return tabs;
}

QTableWidget *AnalysisPage::buildMarkersTable(QTabWidget *tabs)
{
    // The markers of the run with their notes; a click zooms to the moment.
    m_markersTable = new QTableWidget(0, 3, tabs);
    m_markersTable->setObjectName(QStringLiteral("analysisMarkers"));
    m_markersTable->setHorizontalHeaderLabels({ tr("Time"), tr("Marker"), tr("Notes") });
    m_markersTable->verticalHeader()->hide();
    m_markersTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_markersTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_markersTable->setWordWrap(true);
    m_markersTable->horizontalHeader()->setStretchLastSection(true);
    connect(m_markersTable, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (!m_result || row < 0 || row >= m_result->markers.size())
            return;
        const qint64 t = m_result->markers[row].timeMs;
        showRange(t - 60'000, t + 60'000);
    });
    return m_markersTable;
}

QSplitter *AnalysisPage::buildFolderPane(QSplitter *splitter)
{
    // Left: the logs of the log folder, newest first, summarised in the background.
    auto *outer = new QSplitter(Qt::Horizontal, this);
    m_outer = outer;
    m_folderPanel = new LogFolderPanel(outer);
    connect(m_folderPanel, &LogFolderPanel::openRequested, this, &AnalysisPage::openFile);
    connect(m_folderPanel, &LogFolderPanel::timingLogRequested, this, &AnalysisPage::timingLogRequested);
    outer->addWidget(m_folderPanel);
    outer->addWidget(splitter);
    outer->setStretchFactor(0, 1);
    outer->setStretchFactor(1, 4);
    outer->setChildrenCollapsible(true);
    return outer;
}

void AnalysisPage::connectControls()
{
    auto changed = [this] {
        AnalysisThresholds t;
        t.cpuPercent = m_cpu->value();
        t.lowTokensPerSecond = m_lowTps->value();
        t.gapFactor = m_gap->value();
        if (t == m_thresholds)
            return;
        m_thresholds = t;
        emit thresholdsChanged(t);
        reanalyse();
    };
    connect(m_cpu, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_lowTps, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_gap, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_run, &QComboBox::activated, this, [this](int index) {
        const int value = m_run->itemData(index).toInt(); // 0 latest, -1 all, k run k
        setRunSelection(value == 0 ? RunSelection::latest()
                : value < 0        ? RunSelection::all()
                                   : RunSelection::run(value));
    });
}

AnalysisPage::~AnalysisPage()
{
    // A load still running finishes on its own (it holds nothing of ours) and its result is dropped.
    if (m_cancel)
        m_cancel->store(true);
}

void AnalysisPage::setLogFolder(const QString &dir)
{
    // Summarising a folder of big logs is real work: only once the tab is looked at.
    m_pendingFolder = dir;
    if (isVisible())
        showEvent(nullptr);
}

void AnalysisPage::showEvent(QShowEvent *event)
{
    if (event)
        QWidget::showEvent(event);
    if (m_pendingFolder.isEmpty())
        return;
    m_folderPanel->setFolder(m_pendingFolder, m_thresholds);
    m_pendingFolder.clear();
}

LogFolderModel *AnalysisPage::folderModel() const
{
    return m_folderPanel->model();
}

QTableView *AnalysisPage::folderView() const
{
    return m_folderPanel->view();
}

void AnalysisPage::chooseFile()
{
    const QString dir = m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath();
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open a session log"), dir, tr("Session logs (*.csv);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void AnalysisPage::openFile(const QString &path)
{
    if (m_cancel)
        m_cancel->store(true);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    const quint64 token = m_loadJobs.startJob(); // a load still running is stale now
    m_analysisJobs.invalidate();                 // and so is an analysis of the previous log
    m_path = path;
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(QDir::toNativeSeparators(path));
    m_file->setToolTip(path);
    m_banner->hide();
    m_progressValue->store(0);
    setLoading(true);

    auto progress = m_progressValue;
    auto load = QtConcurrent::run([path, cancel, progress] {
        LogReadResult read = LogReader::read(path, cancel.get(), [progress](int percent) { progress->store(percent); });
        LoadedLog out;
        out.cancelled = read.cancelled;
        out.error = read.error;
        if (read.data)
            out.data = std::make_shared<const LogData>(std::move(*read.data));
        return out;
    });
    m_loadJobs.watch(token, std::move(load), [this](LoadedLog loaded) {
        setLoading(false);
        if (loaded.cancelled) {
            showError(tr("Loading was cancelled."));
            return;
        }
        if (!loaded.data) {
            showError(loaded.error);
            return;
        }
        m_data = std::move(loaded.data);
        m_machineFilter->clear();
        m_machineFilter->addItem(tr("All machines"), -1);
        for (int m = 0; m < m_data->machines.size(); ++m)
            m_machineFilter->addItem(m_data->machines[m], m);
        emit fileLoaded(m_path);
        m_selection = RunSelection::latest();
        m_shownRun = -2;
        reanalyse();
    });
}

void AnalysisPage::cancelLoading()
{
    if (m_cancel)
        m_cancel->store(true);
}

QString AnalysisPage::errorText() const
{
    return m_banner->isHidden() ? QString() : m_banner->text();
}

void AnalysisPage::setThresholds(const AnalysisThresholds &thresholds)
{
    m_cpu->setValue(thresholds.cpuPercent);
    m_lowTps->setValue(thresholds.lowTokensPerSecond);
    m_gap->setValue(thresholds.gapFactor);
}

void AnalysisPage::setRunSelection(RunSelection selection)
{
    m_selection = selection;
    reanalyse();
}

void AnalysisPage::reanalyse()
{
    if (!m_data)
        return;
    const quint64 token = m_analysisJobs.startJob();
    auto analysis = QtConcurrent::run([data = m_data, t = m_thresholds, s = m_selection, path = m_path] {
        AnalysisResult r = Analysis::analyze(*data, t, s);
        r.file = path;
        return r;
    });
    m_analysisJobs.watch(token, std::move(analysis), [this](AnalysisResult result) { showResult(std::move(result)); });
}

void AnalysisPage::showResult(AnalysisResult result)
{
    if (!result.error.isEmpty()) {
        // The run asked for is gone (a new gap factor cut fewer runs): show the latest instead.
        if (m_selection.kind == RunSelection::Number) {
            m_selection = RunSelection::latest();
            reanalyse();
            return;
        }
        showError(result.error);
        return;
    }
    m_banner->hide();
    m_result = std::move(result);
    const AnalysisResult &r = *m_result;
    bool rebuilt = false;
    if (m_chartData != m_data || m_chartMachine != m_machineFilter->currentData().toInt()) {
        rebuildCharts();
        rebuilt = true;
    }

    showOnCharts(r, rebuilt);
    m_shownRun = r.selectedRun;

    m_issues->setResult(r, clock());
    applyClock();
    m_warnings->clear();
    for (const LogWarning &w : r.warnings)
        m_warnings->addItem(w.message);
    // A damaged log (a power cut, a bad write) opens with every intact row; the top says what was
    // skipped.
    if (const QString damage = AnalysisReport::damageSummary(r); !damage.isEmpty()) {
        m_banner->setText(damage);
        m_banner->show();
    }
    m_exportButton->setEnabled(true);
    m_reportButton->setEnabled(true);
    m_showAllButton->setEnabled(true);
    emit analysisShown();
}

void AnalysisPage::showOnCharts(const AnalysisResult &r, bool rebuilt)
{
    QList<LogChartShade> shades;
    for (const IssuePeriod &i : r.issues) {
        if (m_chartMachine < 0 || i.machine == m_chartMachine)
            shades.append({ i.start.ms, i.end.ms, AnalysisCharts::shadeColor(i.kind) });
    }
    qint64 median = 0;
    for (const MachineStatistics &s : r.machines)
        median = std::max(median, s.medianIntervalMs);
    // The charts let go of the old markers before they are deleted.
    MarkerStore *old = m_markers;
    m_markers = new MarkerStore(this);
    for (const LogMarkerRow &m : r.markers) {
        Marker marker;
        marker.timeMs = m.timeMs;
        marker.label = m.event.isEmpty() ? m.notes.simplified().left(30) : m.event;
        marker.notes = m.notes;
        m_markers->add(marker);
    }
    for (LogChart *chart : std::as_const(m_charts)) {
        chart->setRows(r.rowBegin, r.rowEnd);
        chart->setGapMs(qint64(r.thresholds.gapFactor * double(median)));
        chart->setShades(shades);
        chart->setMarkers(m_markers);
    }
    delete old;
    if (m_shownRun != r.selectedRun)
        showAll();
    else if (rebuilt)
        showRange(m_rangeStartMs, m_rangeEndMs); // the same run through another machine's charts
    else
        for (LogChart *chart : std::as_const(m_charts))
            chart->refresh();
}

void AnalysisPage::setTimeZone(ViewClock::Zone zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    m_folderPanel->model()->setTimeZone(zone);
    if (m_result)
        applyClock();
}

ViewClock AnalysisPage::clock() const
{
    const bool offsets = m_result ? m_result->hasUtcOffsets : (m_data && m_data->hasUtcOffsets);
    const int first = m_data && !m_data->offsetSeconds.empty() ? m_data->offsetSeconds.front() : 0;
    return ViewClock(m_zone, first, offsets);
}

void AnalysisPage::applyClock()
{
    const ViewClock c = clock();
    for (LogChart *chart : std::as_const(m_charts))
        chart->setClock(c); // relabels the axis
    m_issues->setClock(c);
    m_issuesView->resizeColumnsToContents();
    fillRunSelector();
    fillStatistics();
    fillMarkersTable();
}

void AnalysisPage::fillMarkersTable()
{
    const AnalysisResult &r = *m_result;
    const ViewClock c = clock();
    m_markersTable->setRowCount(int(r.markers.size()));
    const bool spansDays = r.start && r.end && c.spansDays(r.start->ms, r.end->ms);
    for (int i = 0; i < r.markers.size(); ++i) {
        const LogMarkerRow &m = r.markers[i];
        const QString iso = c.iso(m.timeMs);
        auto *time = new QTableWidgetItem(Units::formatClock(iso, spansDays));
        time->setToolTip(iso);
        m_markersTable->setItem(i, 0, time);
        m_markersTable->setItem(i, 1, new QTableWidgetItem(m.event));
        m_markersTable->setItem(i, 2, new QTableWidgetItem(m.notes));
    }
    m_markersTable->resizeColumnToContents(0);
    m_markersTable->resizeRowsToContents();
}

void AnalysisPage::showError(const QString &error)
{
    m_result.reset();
    m_banner->setText(error);
    m_banner->show();
    m_issues->clear();
    m_exportButton->setEnabled(false);
    m_reportButton->setEnabled(false);
    m_showAllButton->setEnabled(false);
    emit analysisShown();
}

void AnalysisPage::rebuildCharts()
{
    qDeleteAll(m_charts);
    m_charts.clear();
    m_chartData = m_data;
    m_chartMachine = m_machineFilter->currentData().toInt();
    int at = 0;
    for (LogChart *chart : AnalysisCharts::create(m_data, m_chartMachine, m_chartArea)) {
        chart->setObjectName(QStringLiteral("logChart"));
        m_chartLayout->insertWidget(at++, chart, 1);
        m_charts.append(chart);
        chart->show(); // now, not at the next turn of the event loop (below)
        connect(chart, &LogChart::zoomRequested, this, &AnalysisPage::showRange);
        connect(chart, &LogChart::exportRequested, this, &AnalysisPage::chooseChartExport);
        connect(chart, &LogChart::plotChanged, this, [this] { LogChart::alignPlots(m_charts); });
    }
    // The charts share one time range: the marker labels above the first one and the clock under
    // the last one only, so the plots get the height (every chart has its markers' lines).
    // Those two are a little taller, for plots of one height.
    for (qsizetype i = 0; i < m_charts.size(); ++i) {
        const bool first = i == 0;
        const bool last = i + 1 == m_charts.size();
        m_charts[i]->setMarkerLaneVisible(first);
        m_charts[i]->setTimeLabelsVisible(last);
        m_chartLayout->setStretchFactor(m_charts[i], first || last ? 6 : 5);
    }
    // The first time, unless the person's sizes were restored: the charts take most of the height,
    // the tables the rest (a few rows at the least).
    // Across, the log list takes a quarter and the charts the rest: its columns' widths would
    // otherwise give it half of a 1280 px screen.
    if (!m_splitterSized) {
        const int total = std::max(m_splitter->height(), 400);
        m_splitter->setSizes({ total * 17 / 20, total - total * 17 / 20 });
        const int across = std::max(m_outer->width(), 800);
        m_outer->setSizes({ across / 4, across - across / 4 });
        m_splitterSized = true;
    }
    // Laid out now, not at the next turn of the event loop: drawn before they have their size,
    // the charts would show a day of data as a diagonal line and every issue as one solid band.
    m_chartLayout->activate();
}

void AnalysisPage::setUpSplitters()
{
    // The charts get the height a window gives more; the tables can be folded away (dragged down).
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setCollapsible(0, false);
    m_splitter->setCollapsible(1, true);
    for (QSplitter *moved : { m_splitter, m_outer }) {
        connect(moved, &QSplitter::splitterMoved, this, [this] {
            m_splitterSized = true;
            emit splitterMoved();
        });
    }
}

QByteArray AnalysisPage::splitterState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_splitter->saveState() << m_outer->saveState();
    return state;
}

bool AnalysisPage::restoreSplitterState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray charts;
    QByteArray outer;
    in >> charts >> outer;
    if (in.status() != QDataStream::Ok || !m_splitter->restoreState(charts))
        return false;
    m_outer->restoreState(outer);
    m_splitterSized = true;
    return true;
}

void AnalysisPage::fillRunSelector()
{
    m_run->clear();
    m_run->addItem(tr("Latest run"), 0);
    m_run->addItem(tr("Whole file"), -1);
    if (m_result) {
        for (int i = 0; i < m_result->runs.size(); ++i) {
            const AnalysisRun &run = m_result->runs[i];
            const QString start = clock().iso(run.startMs);
            m_run->addItem(
                tr("Run %1: %2, %3").arg(i + 1).arg(start, AnalysisReport::duration(run.endMs - run.startMs)), i + 1);
        }
    }
    const int wanted = m_selection.kind == RunSelection::Latest ? 0
        : m_selection.kind == RunSelection::All                 ? -1
                                                                : m_selection.number;
    m_run->setCurrentIndex(std::max(0, m_run->findData(wanted)));
}

void AnalysisPage::fillStatistics()
{
    const AnalysisResult &r = *m_result;
    const std::optional<qint64> length = r.durationMs();
    m_summary->setText(
        tr("Start %1 · End %2 · Duration %3 · %4 snapshots · %5 markers · %6 issues · %7 reader warnings")
            .arg(r.start ? clock().iso(r.start->ms) : QStringLiteral("-"),
                r.end ? clock().iso(r.end->ms) : QStringLiteral("-"),
                length ? AnalysisReport::duration(*length) : QStringLiteral("-"))
            .arg(r.snapshots)
            .arg(r.markers.size())
            .arg(r.issues.size())
            .arg(r.warnings.size()));
    m_statistics->setResult(r);
}

QPair<qint64, qint64> AnalysisPage::zoomRange(const IssuePeriod &issue)
{
    const qint64 margin = std::max<qint64>(issue.durationMs() / 4, 30'000);
    return { issue.start.ms - margin, issue.end.ms + margin };
}

void AnalysisPage::zoomToIssue(int row)
{
    const IssuePeriod *issue = m_issues->issue(row);
    if (!issue)
        return;
    const QPair<qint64, qint64> range = zoomRange(*issue);
    showRange(range.first, range.second);
}

void AnalysisPage::showAll()
{
    if (!m_result || !m_result->start)
        return;
    const qint64 start = m_result->start->ms;
    const qint64 end = std::max(m_result->end->ms, start + 1000);
    const qint64 margin = (end - start) / 50;
    showRange(start - margin, end + margin);
}

void AnalysisPage::showRange(qint64 startMs, qint64 endMs)
{
    if (!m_result || !m_result->start)
        return;
    // The wheel zooms out no further than twice the selection (and two minutes).
    const qint64 first = m_result->start->ms;
    const qint64 last = std::max(m_result->end->ms, first + 1000);
    const qint64 width = std::min(endMs - startMs, 2 * (last - first) + 120'000);
    endMs = startMs + width;
    m_rangeStartMs = startMs;
    m_rangeEndMs = endMs;
    for (LogChart *chart : std::as_const(m_charts))
        chart->showRange(startMs, endMs);
    // The scroll bar counts seconds from the selection's start; it reaches a little past each end.
    const qint64 margin = std::max<qint64>((last - first) / 50, 1000);
    const qint64 from = std::min(first - margin, startMs);
    const qint64 to = std::max(last + margin - width, startMs);
    const QSignalBlocker blocker(m_scroll);
    m_scroll->setRange(int((from - first) / 1000), int((to - first) / 1000));
    m_scroll->setPageStep(int(std::max<qint64>(1, width / 1000)));
    m_scroll->setSingleStep(int(std::max<qint64>(1, width / 10'000)));
    m_scroll->setValue(int((startMs - first) / 1000));
    m_scroll->setEnabled(m_scroll->maximum() > m_scroll->minimum());
}

void AnalysisPage::exportJson()
{
    if (!m_result)
        return;
    QString suggested = m_path;
    if (suggested.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        suggested.chop(4);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the analysis"), suggested + QStringLiteral("_analysis.json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!OutputFile::write(path, QJsonDocument(AnalysisJson::toJson(*m_result)).toJson(), &error)) {
        m_banner->setText(tr("Cannot write %1: %2").arg(path, error));
        m_banner->show();
    }
}

void AnalysisPage::chooseChartExport(LogChart *chart)
{
    QString base = m_path;
    if (base.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        base.chop(4);
    QString path;
    QSize size;
    if (AnalysisCharts::askExport(chart, base, this, &path, &size))
        exportChart(chart, path, size);
}

bool AnalysisPage::exportChart(LogChart *chart, const QString &path, QSize size)
{
    QString error;
    const ChartExporter::Caption caption
        = m_result ? AnalysisCharts::caption(chart, *m_result) : ChartExporter::Caption { chart->title(), {}, {} };
    if (!ChartExporter::exportPicture(
            [chart](QPainter *painter, QSize s) { chart->render(painter, s); }, caption, path, size, &error)) {
        m_banner->setText(error);
        m_banner->show();
        return false;
    }
    return true;
}

bool AnalysisPage::exportReport(const QString &path)
{
    if (!m_result)
        return false;
    for (LogChart *chart : std::as_const(m_charts))
        chart->refresh();
    QString error;
    if (!AnalysisReportWriter::write(*m_result, m_charts, path, &error)) {
        m_banner->setText(tr("Cannot write the report %1: %2").arg(path, error));
        m_banner->show();
        return false;
    }
    return true;
}

void AnalysisPage::setLoading(bool loading)
{
    m_loading = loading;
    m_progress->setVisible(loading);
    m_cancelButton->setVisible(loading);
    if (loading)
        m_progressTimer->start();
    else
        m_progressTimer->stop();
}

void AnalysisPage::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void AnalysisPage::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.first().toLocalFile());
}
