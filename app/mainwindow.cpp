#include "mainwindow.h"

#include "analysispage.h"
#include "appsettings.h"
#include "chartexporter.h"
#include "comparepage.h"
#include "errorbanner.h"
#include "exportdialog.h"
#include "helpdialog.h"
#include "httpapidialog.h"
#include "livepage.h"
#include "machinesdialog.h"
#include "markerdialog.h"
#include "markerspanel.h"
#include "markerundo.h"
#include "prometheusfleets.h"
#include "session.h"
#include "textline.h"
#include "theme.h"
#include "timechart.h"
#include "timingspage.h"
#include "units.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace {
const QList<qint64> kWindows = { 60'000, 5 * 60'000, 15 * 60'000, 3'600'000, 6 * 3'600'000, 24 * 3'600'000 };
}

MainWindow::MainWindow(Session *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setWindowTitle(tr("perfdash"));
    setWindowIcon(QIcon(QStringLiteral(":/perfdash.svg")));

    // Central: an inline banner for problems, then one panel per machine.
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    m_banner = ErrorBanner::create(QStringLiteral("errorBanner"), central);
    layout->addWidget(m_banner);

    m_live = new LivePage(session, central);
    connect(m_live, &LivePage::chartClicked, this, &MainWindow::addMarkerAt);
    connect(m_live, &LivePage::exportRequested, this, &MainWindow::exportChart);
    connect(m_live, &LivePage::chartsAdded, this, &MainWindow::configureCharts);
    connect(session, &Session::logContinued, this, [this](const QString &, const QString &csvPath) {
        statusBar()->showMessage(tr("Machines changed: recording continues in %1").arg(csvPath), 30000);
        updateStatus();
    });
    layout->addWidget(m_live, 1);
    // Two tabs: the live dashboard, and the analysis of past logs.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(central, tr("Live"));
    m_analysis = new AnalysisPage(m_tabs);
    m_analysis->setThresholds(AppSettings::analysisThresholds());
    connect(m_analysis, &AnalysisPage::thresholdsChanged, this, &AppSettings::setAnalysisThresholds);
    connect(m_analysis, &AnalysisPage::fileLoaded, this, &AppSettings::addRecentLog);
    connect(m_analysis, &AnalysisPage::timingLogRequested, this, [this](const QString &path) { openLog(path); });
    setAcceptDrops(true); // a log dropped anywhere on the window opens in the Analysis or Timings tab
    m_tabs->addTab(m_analysis, tr("Analysis"));
    m_timings = new TimingsPage(m_tabs);
    m_timings->setObjectName(QStringLiteral("timingsPage"));
    connect(m_timings, &TimingsPage::fileLoaded, this, &AppSettings::addRecentLog);
    m_tabs->addTab(m_timings, tr("Timings"));
    auto *compare = new ComparePage(m_tabs);
    compare->setObjectName(QStringLiteral("comparePage"));
    m_tabs->addTab(compare, tr("Compare"));
    // Every machine in one sortable table with sparklines; with a fleet, the Live tab shows it.
    const int fleetTab = m_tabs->addTab(m_live->fleetPage(), tr("Fleet"));
    auto showFleetTab = [this, fleetTab](bool fleet) { m_tabs->setTabVisible(fleetTab, !fleet); };
    showFleetTab(m_live->isFleet());
    connect(m_live, &LivePage::fleetChanged, this, showFleetTab);
    setCentralWidget(m_tabs);

    createMarkersDock();

    // Where the session records, and beside it the row count, which changes every frame: only the
    // few glyphs of the count are drawn again each second, not the log's whole path.
    m_status = new TextLine(this);
    statusBar()->addWidget(m_status, 1);
    m_rows = new TextLine(this);
    m_rows->setObjectName(QStringLiteral("rowCount"));
    m_rows->setWidthInCharacters(14);
    m_rows->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    statusBar()->addPermanentWidget(m_rows);

    createActions();
    createToolBar();
    createMenus();
    m_markersDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    menuBar()->actions().at(1)->menu()->addAction(m_markersDock->toggleViewAction());

    connect(session, &Session::frameCompleted, this, [this] {
        for (TimeChart *chart : charts())
            chart->scheduleRefresh();
        updateStatus();
    });
    connect(session, &Session::errorChanged, this, &MainWindow::showError);
    auto setInterval = [this](double seconds) {
        for (TimeChart *chart : charts())
            chart->setSampleInterval(seconds);
    };
    setInterval(session->intervalSeconds());
    connect(session, &Session::intervalChanged, this, setInterval);
    restoreSettings();
    updateStatus();
}

// The markers of the session being recorded, docked at the right of the Live tab.
void MainWindow::createMarkersDock()
{
    m_markers = new MarkersPanel(m_session->markers(), this);
    auto *dock = new QDockWidget(tr("Markers"), this);
    dock->setObjectName(QStringLiteral("markersDock"));
    dock->setWidget(m_markers);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    m_markersDock = dock;
    // The markers panel is about the session being recorded: the Analysis and Compare tabs get the
    // whole width, and the panel comes back with the Live tab.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        const bool live = index == 0;
        if (!live && m_markersDock->isVisible()) {
            m_markersHiddenForTab = true;
            m_markersDock->hide();
        } else if (live && m_markersHiddenForTab) {
            m_markersHiddenForTab = false;
            m_markersDock->show();
        }
    });
    connect(m_markers, &MarkersPanel::presetClicked, this,
        [this](const QString &label) { m_session->addMarker(QDateTime::currentMSecsSinceEpoch(), label, {}); });
    connect(m_markers, &MarkersPanel::addRequested, this, [this] { addMarkerAt(QDateTime::currentMSecsSinceEpoch()); });
    connect(m_markers, &MarkersPanel::editRequested, this, &MainWindow::editMarker);
    connect(m_markers, &MarkersPanel::presetsChanged, this,
        [](const QStringList &presets) { AppSettings::setPresets(presets); });
}

void MainWindow::raiseWindow()
{
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    show();
    raise();
    activateWindow();
}

QList<TimeChart *> MainWindow::charts() const
{
    return m_live->charts();
}

void MainWindow::configureCharts(const QList<TimeChart *> &charts)
{
    if (!m_window)
        return; // the constructor sets up the first charts
    for (TimeChart *chart : charts) {
        chart->setSampleInterval(m_session->intervalSeconds());
        chart->setWindowMs(m_window->currentData().toLongLong());
        chart->setPaused(m_pause->isChecked());
        chart->scheduleRefresh();
    }
}

void MainWindow::createActions()
{
    m_addMarker = new QAction(QIcon::fromTheme(QStringLiteral("bookmark-new")), tr("Add &marker"), this);
    m_addMarker->setShortcut(QKeySequence(Qt::Key_M));
    m_addMarker->setToolTip(tr("Mark this moment (M)"));
    connect(m_addMarker, &QAction::triggered, this, [this] { addMarkerAt(QDateTime::currentMSecsSinceEpoch()); });

    m_pause = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause"), this);
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::Key_Space));
    m_pause->setToolTip(tr("Freeze the charts (Space); recording goes on"));
    connect(m_pause, &QAction::toggled, this, &MainWindow::setPaused);

    m_export = new QAction(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("&Export chart…"), this);
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_export, &QAction::triggered, this, [this] { exportChart(nullptr); });

    m_openFolder = new QAction(tr("Open &log folder"), this);
    connect(m_openFolder, &QAction::triggered, this, [this] {
        const QString path = m_session->log().csvPath();
        if (!path.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });

    m_openLog = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open log…"), this);
    m_openLog->setShortcut(QKeySequence::Open);
    m_openLog->setToolTip(tr("Analyse a past session log, or a timing log of an instrumented program"));
    connect(m_openLog, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a log"), QString(), tr("Logs (*.csv *.log *.jsonl *.json *.txt);;All files (*)"));
        if (!path.isEmpty())
            openLog(path);
    });

    m_machines = new QAction(QIcon::fromTheme(QStringLiteral("network-server")), tr("&Machines…"), this);
    m_machines->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_machines->setToolTip(tr("Add, edit and remove the machines and model servers to watch"));
    connect(m_machines, &QAction::triggered, this, &MainWindow::editMachines);

    m_httpApi = new QAction(tr("&HTTP API…"), this);
    m_httpApi->setToolTip(tr("Serve the live numbers and take markers over HTTP"));
    connect(m_httpApi, &QAction::triggered, this, &MainWindow::editHttpApi);

    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    m_about = new QAction(tr("&About perfdash"), this);
    connect(m_about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About perfdash"),
            tr("<b>perfdash %1</b><p>Watches the machines doing a heavy job, marks what "
               "happens, and records it all to CSV.</p>")
                .arg(QStringLiteral(PERFDASH_VERSION)));
    });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_addMarker);
    bar->addAction(m_pause);
    bar->addSeparator();

    bar->addWidget(new QLabel(tr(" Window: "), bar));
    m_window = new QComboBox(bar);
    m_window->setObjectName(QStringLiteral("timeWindow"));
    for (qint64 ms : kWindows)
        m_window->addItem(Units::formatSpan(ms), ms);
    connect(m_window, &QComboBox::currentIndexChanged, this, &MainWindow::applyWindow);
    bar->addWidget(m_window);

    bar->addWidget(new QLabel(tr("  Interval: "), bar));
    m_interval = new QDoubleSpinBox(bar);
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setRange(Session::kMinInterval, Session::kMaxInterval);
    m_interval->setDecimals(1);
    m_interval->setSingleStep(0.1);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(m_session->intervalSeconds());
    m_interval->setKeyboardTracking(false);
    connect(m_interval, &QDoubleSpinBox::valueChanged, this, [this](double s) {
        m_session->setIntervalSeconds(s);
        AppSettings::setInterval(s);
    });
    bar->addWidget(m_interval);
    bar->addSeparator();
    bar->addAction(m_export);
    bar->addAction(m_machines);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openLog);
    m_recentLogs = file->addMenu(tr("Open &recent log"));
    connect(m_recentLogs, &QMenu::aboutToShow, this, [this] {
        m_recentLogs->clear();
        const QStringList logs = AppSettings::recentLogs();
        for (const QString &path : logs)
            m_recentLogs->addAction(QFileInfo(path).fileName(), this, [this, path] { openLog(path); })
                ->setToolTip(path);
        if (logs.isEmpty())
            m_recentLogs->addAction(tr("(none yet)"))->setEnabled(false);
    });
    file->addAction(m_machines);
    file->addAction(m_httpApi);
    file->addSeparator();
    file->addAction(m_export);
    file->addAction(m_openFolder);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_pause);
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    auto *themes = new QActionGroup(theme);
    const Theme::Choice current = Theme::fromName(AppSettings::theme());
    for (const auto &[choice, text] : { std::pair { Theme::Choice::System, tr("&System") },
             std::pair { Theme::Choice::Light, tr("&Light") }, std::pair { Theme::Choice::Dark, tr("&Dark") } }) {
        QAction *action = theme->addAction(text);
        action->setCheckable(true);
        action->setChecked(choice == current);
        action->setData(Theme::name(choice));
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [choice = choice] {
            AppSettings::setTheme(Theme::name(choice));
            Theme::apply(choice);
        });
    }
    createTimeZoneMenu(view);
    QMenu *markers = menuBar()->addMenu(tr("&Markers"));
    markers->addAction(m_addMarker);
    createUndoActions(markers);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    auto *manual = help->addAction(tr("perfdash &help"), this, [this] { HelpDialog::showManual(this); });
    manual->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QList<QAction *> actions;
        for (QAction *menu : menuBar()->actions()) {
            if (menu->menu())
                actions += menu->menu()->actions();
        }
        HelpDialog::showShortcuts(this, actions);
    });
    help->addSeparator();
    help->addAction(m_about);
}

void MainWindow::createUndoActions(QMenu *markers)
{
    markers->addSeparator();
    // Undo and redo of every marker change, the panel's Delete included (Ctrl+Z, Ctrl+Shift+Z).
    auto *undo = new MarkerUndo(m_session->markers(), this);
    QAction *undoAction = undo->stack()->createUndoAction(markers, tr("&Undo"));
    undoAction->setObjectName(QStringLiteral("undoMarkerChange"));
    undoAction->setShortcut(QKeySequence::Undo);
    QAction *redoAction = undo->stack()->createRedoAction(markers, tr("&Redo"));
    redoAction->setObjectName(QStringLiteral("redoMarkerChange"));
    redoAction->setShortcut(QKeySequence::Redo);
    markers->addAction(undoAction);
    markers->addAction(redoAction);
}

void MainWindow::createTimeZoneMenu(QMenu *view)
{
    // One clock for the Analysis tab's axis, tables, tooltips and reports.
    QMenu *zone = view->addMenu(tr("Time &zone"));
    zone->setObjectName(QStringLiteral("timeZoneMenu"));
    auto *zones = new QActionGroup(zone);
    const bool local = AppSettings::timeZone() == QLatin1String("local");
    m_analysis->setTimeZone(local ? ViewClock::LocalZone : ViewClock::LogZone);
    for (const auto &[choice, text] : { std::pair { ViewClock::LogZone, tr("The &log's own") },
             std::pair { ViewClock::LocalZone, tr("This &computer") } }) {
        QAction *action = zone->addAction(text);
        action->setCheckable(true);
        action->setChecked((choice == ViewClock::LocalZone) == local);
        zones->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = choice] {
            AppSettings::setTimeZone(choice == ViewClock::LocalZone ? QStringLiteral("local") : QStringLiteral("log"));
            m_analysis->setTimeZone(choice);
        });
    }
}

QStringList MainWindow::markerLabels() const
{
    // The presets, then the labels already used in this session, the latest first.
    QStringList labels = AppSettings::presets();
    const QList<Marker> &markers = m_session->markers()->markers();
    for (auto it = markers.crbegin(); it != markers.crend(); ++it) {
        if (!labels.contains(it->label))
            labels << it->label;
    }
    return labels;
}

int MainWindow::addMarkerAt(qint64 timeMs)
{
    MarkerDialog dialog(timeMs, markerLabels(), this);
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    return m_session->addMarker(timeMs, dialog.label(), dialog.notes());
}

void MainWindow::editMarker(int id)
{
    const Marker *marker = m_session->markers()->find(id);
    if (!marker)
        return;
    MarkerDialog dialog(marker->timeMs, markerLabels(), this);
    dialog.setWindowTitle(tr("Edit marker"));
    dialog.setLabel(marker->label);
    dialog.setNotes(marker->notes);
    if (dialog.exec() == QDialog::Accepted)
        m_session->markers()->update(id, dialog.label(), dialog.notes());
}

void MainWindow::editHttpApi()
{
    HttpApiDialog dialog(
        AppSettings::httpEnabled(), AppSettings::httpBind(), AppSettings::httpToken(), m_httpStatus, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings::setHttp(dialog.isApiEnabled(), dialog.bind(), dialog.token());
    emit httpSettingsChanged();
}

void MainWindow::editMachines()
{
    const QList<PrometheusServerConfig> servers = m_fleets ? m_fleets->servers() : QList<PrometheusServerConfig>();
    MachinesDialog dialog(m_configured, this);
    dialog.setPrometheusServers(servers);
    if (dialog.exec() != QDialog::Accepted
        || (dialog.machines() == m_configured && dialog.prometheusServers() == servers))
        return;
    applyMachines(dialog.machines(), dialog.prometheusServers());
}

void MainWindow::applyMachines(const QList<MachineConfig> &machines)
{
    applyMachines(machines, m_fleets ? m_fleets->servers() : QList<PrometheusServerConfig>());
}

void MainWindow::applyMachines(const QList<MachineConfig> &machines, const QList<PrometheusServerConfig> &servers)
{
    AppSettings::setMachines(machines, servers);
    if (m_fleets) {
        const QStringList problems = m_fleets->apply(servers);
        if (!problems.isEmpty())
            showWarning(problems.join(u'\n'));
    }
    const QList<MachineConfig> before = m_configured;
    m_configured = machines;
    updateMachines(*m_session, before, machines, m_remote);
}

void MainWindow::exportChart(TimeChart *chart)
{
    // The dialog writes the picture on Save, and stays open with the reason when it cannot.
    ExportDialog dialog(charts(), chart, AppSettings::exportDirectory(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings::setExportDirectory(QFileInfo(dialog.path()).absolutePath());
    statusBar()->showMessage(tr("Saved %1").arg(dialog.path()), 8000);
}

void MainWindow::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    m_pause->setIcon(
        QIcon::fromTheme(paused ? QStringLiteral("media-playback-start") : QStringLiteral("media-playback-pause")));
    for (TimeChart *chart : charts())
        chart->setPaused(paused);
    updateStatus();
}

void MainWindow::applyWindow()
{
    const qint64 ms = m_window->currentData().toLongLong();
    for (TimeChart *chart : charts())
        chart->setWindowMs(ms);
    AppSettings::setWindowMs(ms);
}

void MainWindow::showError(const QString &error)
{
    m_error = error;
    const QString text = QStringList { m_error, m_warning }.join(u'\n').trimmed();
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void MainWindow::showWarning(const QString &warning)
{
    m_warning = warning;
    showError(m_error);
}

void MainWindow::updateStatus()
{
    const LogStatus &log = m_session->log();
    // Called every frame: the text is made again only when what it says changes.
    const QString where = log.isOpen() ? log.csvPath() : QString();
    const bool paused = m_pause && m_pause->isChecked();
    if (where != m_statusPath || paused != m_statusPaused || m_status->text().isEmpty()) {
        m_statusPath = where;
        m_statusPaused = paused;
        QString text = log.isOpen() ? tr("Recording to %1").arg(where) : tr("Not recording");
        if (paused)
            text = tr("Charts paused (recording goes on) — ") + text;
        m_status->setText(text);
    }
    const qint64 rows = log.rowsWritten();
    if (rows != m_rowsShown || !log.isOpen()) {
        m_rowsShown = rows;
        m_rows->setText(log.isOpen() ? tr("%n rows", nullptr, int(rows)) : QString());
    }
}

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(AppSettings::geometry())) {
        // The first start: 1440 × 900 where the screen has room, else 90 % of what it has (a
        // 1280 × 720 laptop), centred.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900);
        const QSize size(std::min(1440, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10));
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(AppSettings::windowState());
    // The Analysis tab's splitters as the person left them, saved again as they move.
    m_analysis->restoreSplitterState(AppSettings::analysisLayout());
    connect(m_analysis, &AnalysisPage::splitterMoved, this,
        [this] { AppSettings::setAnalysisLayout(m_analysis->splitterState()); });
    m_markers->setPresets(AppSettings::presets());
    const int i = int(kWindows.indexOf(AppSettings::windowMs()));
    m_window->setCurrentIndex(i < 0 ? 0 : i);
    applyWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    AppSettings::setGeometry(saveGeometry());
    m_tabs->setCurrentIndex(0); // the markers panel as the person left it on the Live tab
    AppSettings::setWindowState(saveState());
    m_session->stop();
    event->accept();
}

void MainWindow::openLog(const QString &path, const QString &sessionLog)
{
    // By content, not name: a timing log goes to the Timings tab, anything else is a session log.
    if (TimingsLoader::isTimingLog(path)) {
        m_tabs->setCurrentWidget(m_timings);
        m_timings->openFile(path, sessionLog);
        return;
    }
    m_tabs->setCurrentWidget(m_analysis);
    m_analysis->openFile(path);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    // A timing log dropped with a session log: the machines' charts over its calls.
    const QString first = urls.first().toLocalFile();
    const QString second = urls.size() > 1 ? urls[1].toLocalFile() : QString();
    if (!second.isEmpty() && TimingsLoader::isTimingLog(second) && !TimingsLoader::isTimingLog(first))
        openLog(second, first);
    else
        openLog(first, second);
}
