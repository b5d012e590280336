#include "timingspage.h"

#include "analysischarts.h"
#include "logchart.h"
#include "logreader.h"
#include "timingserrors.h"
#include "timingsexport.h"
#include "timingsfollow.h"
#include "timingshistogram.h"
#include "timingsjob.h"
#include "timingsrunselector.h"
#include "timingstablemodel.h"
#include "timingstierchart.h"
#include "timingstimeline.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

TimingsPage::TimingsPage(QWidget *parent)
    : QWidget(parent)
    , m_following(new TimingsFollow(this))
    , m_model(new TimingsTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createToolbar());
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fdd; color: #600; padding: 4px; }"));
    m_banner->hide();
    layout->addWidget(m_banner);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TimingsTableModel::kSortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("timingsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TimingsTableModel::Total, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            selectFunction(current.isValid() ? current.data(TimingsTableModel::kFunctionRole).toInt() : -1);
        });

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_table);
    top->addWidget(createSide());
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);

    m_chartArea = new QWidget(this);
    m_chartArea->installEventFilter(this);
    m_alignTimer = new QTimer(this);
    m_alignTimer->setSingleShot(true);
    m_alignTimer->setInterval(30);
    connect(m_alignTimer, &QTimer::timeout, this, &TimingsPage::alignTimeline);
    m_chartLayout = new QVBoxLayout(m_chartArea);
    m_chartLayout->setContentsMargins(0, 0, 0, 0);
    m_chartLayout->setSpacing(0);
    m_timeline = new TimingsTimeline(m_chartArea);
    m_timeline->setObjectName(QStringLiteral("timingsTimeline"));
    m_chartLayout->addWidget(m_timeline, 4);
    connect(m_timeline, &TimingsTimeline::rangeChanged, this, [this](qint64 s, qint64 e) {
        m_userRange = true;
        showRange(s, e);
    });
    connect(m_timeline, &TimingsTimeline::functionClicked, this, &TimingsPage::selectFunction);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    // The charts and the timeline scroll when the window is too short for them (a 1280×720 screen).
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_chartArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    split->addWidget(scroll);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    scroll->setMinimumHeight(160);
    split->setSizes({ 300, 500 });
    layout->addWidget(split, 1);

    connect(m_following, &TimingsFollow::newCalls, this, &TimingsPage::onNewCalls);
    connect(m_following, &TimingsFollow::failed, this, [this](const QString &error) {
        m_following->stop();
        m_follow->setToolTip(tr("Not followed: %1").arg(error));
    });
}

TimingsPage::~TimingsPage() = default;

QWidget *TimingsPage::createToolbar()
{
    // Two rows, so the tab leaves the window narrow enough for a laptop: the file and the run, then
    // the summary, the time range, following and exporting.
    auto *bar = new QWidget(this);
    auto *rows = new QVBoxLayout(bar);
    rows->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    auto *second = new QHBoxLayout;
    rows->addLayout(row);
    rows->addLayout(second);
    auto *open = new QPushButton(tr("Open timing log…"), bar);
    connect(open, &QPushButton::clicked, this, &TimingsPage::chooseFile);
    row->addWidget(open);
    m_file = new QLabel(tr("No timing log open. Open one, or drop it here."), bar);
    m_file->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long path does not widen the window
    row->addWidget(m_file, 1);
    m_runs = new TimingsRunSelector(bar);
    connect(m_runs, &TimingsRunSelector::selectionChanged, this, &TimingsPage::setSelection);
    row->addWidget(m_runs->runBox());
    m_summary = new QLabel(bar);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    second->addWidget(m_summary, 1);
    second->addWidget(m_runs->fromEdit());
    second->addWidget(m_runs->toEdit());
    m_follow = new QCheckBox(tr("Follow"), bar);
    m_follow->setObjectName(QStringLiteral("followLog"));
    m_follow->setToolTip(tr("Read the calls appended to the log as it grows"));
    m_follow->setChecked(true);
    connect(m_follow, &QCheckBox::toggled, this, &TimingsPage::setFollowing);
    second->addWidget(m_follow);
    auto *exportButton = new QToolButton(bar);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    createExportMenu(exportButton);
    second->addWidget(exportButton);
    return bar;
}

QWidget *TimingsPage::createSide()
{
    m_side = new QTabWidget(this);
    m_details = new QTextBrowser(m_side);
    m_side->addTab(m_details, tr("Details"));
    auto *histogramPane = new QWidget(m_side);
    auto *hl = new QVBoxLayout(histogramPane);
    m_histogram = new TimingsHistogram(histogramPane);
    m_logScale = new QCheckBox(tr("Log scale"), histogramPane);
    connect(m_logScale, &QCheckBox::toggled, m_histogram, &TimingsHistogram::setLogScale);
    hl->addWidget(m_histogram, 1);
    hl->addWidget(m_logScale);
    m_side->addTab(histogramPane, tr("Histogram"));
    m_errors = new TimingsErrorsPanel(m_side);
    m_side->addTab(m_errors, tr("Errors"));
    m_tiers = new TimingsTierChart(m_side);
    m_side->addTab(m_tiers, tr("Tiers"));
    return m_side;
}

void TimingsPage::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a timing log"),
        QFileInfo(m_view.path).absolutePath(), tr("Timing logs (*.log *.jsonl *.json *.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void TimingsPage::openFile(const QString &path, const QString &sessionLog)
{
    const int generation = ++m_generation;
    m_loading = true;
    m_following->stop();
    m_file->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    const QStringList dirs = m_logDirs;
    const TimingSelection selection = m_selection;
    TimingsJob::run(
        this, [path, sessionLog, dirs, selection] { return TimingsLoader::load(path, sessionLog, dirs, selection); },
        [this, generation](TimingsView view) {
            if (generation != m_generation)
                return; // a newer load was asked for
            m_loading = false;
            if (!view.data) {
                showError(view.error);
                return;
            }
            emit fileLoaded(view.path);
            showView(std::move(view), true);
            // Only one JSON-lines file grows as a program runs: a folder or a finished shape has
            // nothing to follow.
            m_follow->setEnabled(m_view.followable);
            m_follow->setToolTip(m_view.followable ? tr("Read the calls appended to the log as it grows")
                                                   : tr("Only a single JSON-lines log can be followed as it grows"));
            setFollowing(m_follow->isChecked());
        });
}

QString TimingsPage::errorText() const
{
    return m_banner->isVisible() ? m_banner->text() : QString();
}

void TimingsPage::showError(const QString &error)
{
    m_banner->setText(error);
    m_banner->setVisible(!error.isEmpty());
    m_file->setText(QDir::toNativeSeparators(m_view.path));
    emit viewShown();
}

void TimingsPage::showView(TimingsView view, bool newFile)
{
    const QString selected = m_function >= 0 && m_view.data ? m_view.data->functions.value(m_function) : QString();
    m_view = std::move(view);
    m_banner->setVisible(!m_view.summary.error.isEmpty());
    m_banner->setText(m_view.summary.error);
    QString file = QDir::toNativeSeparators(m_view.path);
    if (!m_view.sessionLogPath.isEmpty())
        file += tr("  ·  machines: %1").arg(QFileInfo(m_view.sessionLogPath).fileName());
    m_file->setText(file);
    const TimingSummary &s = m_view.summary;
    m_summary->setText(tr("%n call(s), %1 function(s), %2 run(s); %3 error(s)", nullptr, int(s.calls))
                           .arg(s.functions.size())
                           .arg(s.runs.size())
                           .arg(s.errors.size()));
    m_model->setSummary(s);
    m_timeline->setData(m_view.data, m_view.lanes);
    m_errors->setErrors(s.errors);
    m_tiers->setTiers(m_view.tiers);
    if (newFile && !m_view.tiers.isEmpty())
        m_side->setCurrentWidget(m_tiers); // per-request logs: the tiers are the point
    m_runs->setRuns(m_view.summary, m_selection);
    if (newFile || m_chartLog != m_view.sessionLog)
        rebuildMachineCharts();
    if (newFile || !m_userRange) {
        m_userRange = false;
        const double end = s.end > s.start ? s.end : s.start + 1;
        showRange(qint64(s.start * 1000), qint64(std::ceil(end * 1000)));
    }
    m_function = m_view.data->functions.indexOf(selected);
    if (m_function < 0 && !s.functions.isEmpty())
        m_function = s.functions.first().function;
    selectFunction(m_function);
    emit viewShown();
}

void TimingsPage::rebuildMachineCharts()
{
    qDeleteAll(m_charts);
    m_charts.clear();
    m_chartLog = m_view.sessionLog;
    if (m_chartLog) {
        int at = 0;
        for (LogChart *chart : AnalysisCharts::create(m_chartLog, -1, m_chartArea)) {
            chart->setObjectName(QStringLiteral("timingsMachineChart"));
            m_chartLayout->insertWidget(at++, chart, 3);
            m_charts.append(chart);
            chart->setTimeLabelsVisible(false);
            chart->setMinimumHeight(70);          // the timeline below gets the room it needs
            chart->setGapMs(m_view.sessionGapMs); // without it every sample was a gap: no line drawn
            chart->show();
            connect(chart, &LogChart::zoomRequested, this, [this](qint64 s, qint64 e) {
                m_userRange = true;
                showRange(s, e);
            });
            connect(chart, &LogChart::plotChanged, this, [this] {
                LogChart::alignPlots(m_charts, TimingsTimeline::kLaneNamesWidth);
                m_alignTimer->start(); // once the charts have laid their plots out again
            });
            connect(chart, &LogChart::exportRequested, this, [this](LogChart *c) {
                exportPicture(c->title(), c->size(), [c](QPainter *p, QSize sz) { c->render(p, sz); });
            });
        }
        m_timeline->setTimeOffset(m_charts.isEmpty() ? std::optional<int>() : m_charts.first()->timeOffset());
    } else {
        m_timeline->setTimeOffset(std::nullopt);
        m_timeline->setPlotInsets(-1, -1);
    }
}

// The timeline's plot under the charts' plots: the same left and right edges, so one moment is at
// one x on all of them.
void TimingsPage::alignTimeline()
{
    if (m_charts.isEmpty())
        return;
    // Once more now that the charts have laid themselves out: an axis that changed its width after
    // the last alignment (its ticks or title fitted to the new height) would leave its plot out of line.
    LogChart::alignPlots(m_charts, TimingsTimeline::kLaneNamesWidth);
    LogChart *chart = m_charts.first();
    if (chart->rangeEndMs() <= chart->rangeStartMs())
        return;
    const auto [leftInChart, rightInChart] = chart->plotEdges();
    const int left = chart->mapTo(m_chartArea, QPoint(leftInChart, 0)).x();
    const int right = chart->mapTo(m_chartArea, QPoint(rightInChart, 0)).x();
    m_timeline->setPlotInsets(left - m_timeline->x(), m_timeline->x() + m_timeline->width() - right);
}

void TimingsPage::showRange(qint64 startMs, qint64 endMs)
{
    m_startMs = startMs;
    m_endMs = std::max(endMs, startMs + 1);
    m_timeline->setRange(m_startMs, m_endMs);
    for (LogChart *chart : std::as_const(m_charts))
        chart->showRange(m_startMs, m_endMs);
    alignTimeline();
}

void TimingsPage::setSelection(const TimingSelection &selection)
{
    m_selection = selection;
    if (!m_view.data)
        return;
    const int generation = ++m_generation;
    m_userRange = false;
    TimingsJob::run(
        this, [view = m_view, selection] { return TimingsLoader::reselect(view, selection); },
        [this, generation](TimingsView view) {
            if (generation == m_generation)
                showView(std::move(view), false);
        });
}

void TimingsPage::selectFunction(int function)
{
    m_function = function;
    m_timeline->setSelectedFunction(function);
    const QModelIndexList rows
        = m_proxy->match(m_proxy->index(0, 0), TimingsTableModel::kFunctionRole, function, 1, Qt::MatchExactly);
    if (!rows.isEmpty() && m_table->currentIndex().row() != rows.first().row()) {
        const QSignalBlocker block(m_table->selectionModel());
        m_table->setCurrentIndex(rows.first());
    }
    updateFunctionViews();
    shadeMachineCharts();
}

void TimingsPage::updateFunctionViews()
{
    const std::vector<qsizetype> calls = TimingsLoader::selectedCalls(m_view, m_function);
    std::vector<double> durations;
    durations.reserve(calls.size());
    for (qsizetype c : calls)
        durations.push_back(m_view.data->duration[size_t(c)]);
    const QString name = m_view.data && m_function >= 0 ? m_view.data->functions.value(m_function) : QString();
    m_histogram->setDurations(name, std::move(durations));
    const auto it = std::find_if(m_view.summary.functions.begin(), m_view.summary.functions.end(),
        [this](const FunctionStats &f) { return f.function == m_function; });
    if (it == m_view.summary.functions.end()) {
        m_details->clear();
        return;
    }
    m_details->setHtml(TimingsTableModel::detailsHtml(*it));
}

// The selected function's calls shaded on the machine charts: the calls one pixel apart or less (of
// a 2000-pixel chart) merged into one band, so a function of 100,000 calls is a few hundred bands.
void TimingsPage::shadeMachineCharts()
{
    if (m_charts.isEmpty())
        return;
    QList<LogChartShade> shades;
    for (qsizetype c : TimingsLoader::selectedCalls(m_view, m_function)) {
        const qint64 start = std::llround(m_view.data->start[size_t(c)] * 1000);
        shades.append(
            { start, std::max(start + 1, std::llround(m_view.data->end(c) * 1000)), QColor(31, 119, 180, 60) });
    }
    std::sort(shades.begin(), shades.end(),
        [](const LogChartShade &a, const LogChartShade &b) { return a.startMs < b.startMs; });
    const qint64 from = qint64(m_view.summary.start * 1000);
    const qint64 to = qint64(std::ceil(m_view.summary.end * 1000)) + 1;
    shades = LogChart::mergeShades(shades, from, to, std::max<qint64>(1, (to - from) / 2000));
    for (LogChart *chart : std::as_const(m_charts))
        chart->setShades(shades);
}

bool TimingsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_chartArea && event->type() == QEvent::Resize)
        m_alignTimer->start();
    return QWidget::eventFilter(watched, event);
}

void TimingsPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

// A timing log dropped alone, or with a session log (its machines' charts over the calls).
void TimingsPage::dropEvent(QDropEvent *event)
{
    QString timing, session;
    for (const QUrl &url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (!path.isEmpty() && timing.isEmpty() && TimingsLoader::isTimingLog(path))
            timing = path;
        else if (!path.isEmpty())
            session = path;
    }
    if (timing.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(timing, session);
}

void TimingsPage::setFollowing(bool follow)
{
    const QSignalBlocker block(m_follow);
    m_follow->setChecked(follow);
    if (follow && m_view.followable)
        m_following->follow(m_view.path, kFollowMs, m_view.followFrom);
    else
        m_following->stop();
}

// New calls of the followed file: appended (or, without a read to go on from and after truncation, all of them)
// in a worker, the statistics of the selection made again; the range follows unless zoomed.
void TimingsPage::onNewCalls(const TimingData &calls, bool restarted)
{
    if (!m_view.data || m_loading)
        return;
    const int generation = ++m_generation;
    TimingsJob::run(
        this,
        [view = m_view, calls, restarted, selection = m_selection] {
            return TimingsLoader::append(view, calls, restarted, selection);
        },
        [this, generation](TimingsView view) {
            if (generation == m_generation)
                showView(std::move(view), false);
        });
}
