// The dashboard as a person uses it: click a chart, fill the marker dialog, find the marker in the
// model, on the chart and in the CSV; edit and delete it; export a chart as a picture.
#include "analysispage.h"
#include "appsettings.h"
#include "chartcanvas.h"
#include "chartchecks.h"
#include "chartexporter.h"
#include "csv.h"
#include "exportdialog.h"
#include "localsource.h"
#include "logchart.h"
#include "logfoldermodel.h"
#include "machinemonitor.h"
#include "machinepanel.h"
#include "mainwindow.h"
#include "markerdialog.h"
#include "markerspanel.h"
#include "session.h"
#include "textline.h"
#include "timechart.h"
#include "timingspage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>

#include <functional>
#include <memory>

namespace {
// Runs `act` on the marker dialog once it is open (it is modal: exec() blocks the caller).
void whenDialogOpens(const std::function<void(MarkerDialog *)> &act, int triesLeft = 250)
{
    QTimer::singleShot(triesLeft == 250 ? 0 : 20, [act, triesLeft] {
        if (auto *dialog = qobject_cast<MarkerDialog *>(QApplication::activeModalWidget()))
            act(dialog);
        else if (triesLeft > 0)
            whenDialogOpens(act, triesLeft - 1);
    });
}

QList<Csv::Record> readCsv(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return Csv::parse(f.readAll());
}

int countPixelsNear(const QImage &image, QColor color, int tolerance)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= tolerance && std::abs(c.green() - color.green()) <= tolerance
                && std::abs(c.blue() - color.blue()) <= tolerance)
                ++n;
        }
    }
    return n;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clickOnChartAddsMarkerEverywhere();
    void gpuChartAppearsWithTheFirstGpuValue();
    void sshLatencyRepaintsWithoutLayingOut();
    void escapeCancelsTheDialog();
    void presetButtonMarksNowInOneClick();
    void editAndDeleteAreRecordedInTheSidecar();
    void undoBringsADeletedMarkerBack();
    void markersTableModelIsSound();
    void pauseFreezesTheChartsButNotTheLog();
    void exportPng_data();
    void exportPng();
    void exportSvg();
    void exportFailureSaysWhy();
    void exportDialogStaysOpenWhenItCannotWrite();
    void markerDialogOffersLabelsUsedInTheSession();
    void firstSampleIsDrawnAsADot();
    void minimumWidthFitsASmallScreenOnEveryTab();
    void firstStartFitsTheScreen();
    void helpMenuListsShortcutsAndOpensTheManual();
    void openLogShowsTheAnalysisTab();
    void openLogShowsTimingLogsInTheTimingsTab();
    void timingLogChosenInTheLogFolderListOpensInTheTimingsTab();
    void analysisChartsGetMostOfTheTabOnALaptopScreen();
    void analysisLabelsAndTitlesOnALaptopScreen();
    void analysisSplittersAreRemembered();
    void logListColumnsShowTheirHeaders_data();
    void logListColumnsShowTheirHeaders();
    void darkThemeReachesTheCharts();
    void liveMarkerLabelsKeepToTheirLane();

private:
    void waitForFrames(int n);

    QTemporaryDir m_config;
    std::unique_ptr<QTemporaryDir> m_logs;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_config.isValid());
    // Keep the person's real settings out of the test.
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
}

void TestMainWindow::init()
{
    m_logs = std::make_unique<QTemporaryDir>();
    m_session = std::make_unique<Session>();
    m_session->setIntervalSeconds(0.1);
    MachineMonitor *local = m_session->addMachine({ QStringLiteral("local"), QStringLiteral("This computer") });
    local->addSource(std::make_unique<LocalSource>());
    m_window = std::make_unique<MainWindow>(m_session.get());
    QString error;
    QVERIFY2(m_session->start(m_logs->path(), &error), qPrintable(error));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    waitForFrames(5);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
    m_logs.reset();
}

void TestMainWindow::waitForFrames(int n)
{
    QSignalSpy frames(m_session.get(), &Session::frameCompleted);
    while (frames.size() < n)
        QVERIFY(frames.wait(3000));
    for (TimeChart *chart : m_window->charts())
        chart->refresh();
}

// A machine watched over SSH gets a GPU chart, hidden until it reports a GPU value: one without a
// GPU never shows an empty chart. The latest GPU use, memory and temperature join the values line.
void TestMainWindow::gpuChartAppearsWithTheFirstGpuValue()
{
    Session session;
    MachineInfo info { QStringLiteral("gpu1"), QStringLiteral("GPU box") };
    info.hasGpuAndTemperature = true;
    MachineMonitor *machine = session.addMachine(info);
    MachineMonitor *plain = session.addMachine({ QStringLiteral("plain"), QStringLiteral("No GPU") });
    MachinePanel panel(machine, session.markers());
    MachinePanel other(plain, session.markers());
    panel.show();
    other.show();
    QVERIFY(!other.findChild<TimeChart *>(QStringLiteral("gpuChart")));
    auto *gpu = panel.findChild<TimeChart *>(QStringLiteral("gpuChart"));
    QVERIFY(gpu);
    QVERIFY(panel.charts().contains(gpu));
    auto *values = panel.findChild<TextLine *>(QStringLiteral("machineValues"));
    QVERIFY(values);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Sample cpuOnly;
    cpuOnly.timeMs = now - 1000;
    cpuOnly.set(Metric::CpuPercent, 12);
    cpuOnly.set(Metric::MemoryPercent, 40);
    machine->deliver(1, cpuOnly);
    QVERIFY(gpu->isHidden());
    QVERIFY(!values->text().contains(QLatin1String("GPU")));

    Sample withGpu = cpuOnly;
    withGpu.timeMs = now;
    withGpu.set(Metric::GpuPercent, 57);
    withGpu.set(Metric::GpuMemoryMb, 2048);
    withGpu.set(Metric::TemperatureC, 61);
    machine->deliver(2, withGpu);
    QVERIFY(gpu->isVisible());
    QVERIFY2(values->text().contains(QLatin1String("GPU 57.0 %")), qPrintable(values->text()));
    QVERIFY2(values->text().contains(QStringLiteral("61.0 °C")), qPrintable(values->text()));
    QVERIFY2(values->text().contains(QLatin1String("GPU memory 2")), qPrintable(values->text()));
}

namespace {
// Counts the layout requests a widget receives.
class LayoutRequests : public QObject
{
public:
    int count = 0;
    bool eventFilter(QObject *, QEvent *event) override
    {
        count += event->type() == QEvent::LayoutRequest ? 1 : 0;
        return false;
    }
};
} // namespace

// Issue 13, item 5: "SSH connected · last sample N ms" changes with every sample. The panel is
// laid out when the line appears, not again for each new latency; a failure shows in red.
void TestMainWindow::sshLatencyRepaintsWithoutLayingOut()
{
    Session session;
    MachineMonitor *machine = session.addMachine({ QStringLiteral("ssh1"), QStringLiteral("SSH box") });
    MachinePanel panel(machine, session.markers());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    ConnectionState state;
    state.kind = ConnectionState::Connected;
    state.latencyMs = 40;
    emit machine->connectionStateChanged(state);
    QCoreApplication::processEvents();
    auto *line = panel.findChild<TextLine *>(QStringLiteral("connectionState"));
    QVERIFY(line);
    QVERIFY(line->isVisible());
    LayoutRequests requests;
    panel.installEventFilter(&requests);
    for (double ms : { 41.0, 180.0, 7.0, 1234.0 }) {
        state.latencyMs = ms;
        emit machine->connectionStateChanged(state);
        QCoreApplication::processEvents();
        QCOMPARE(panel.connectionText(), QStringLiteral("SSH connected · last sample %1 ms").arg(ms));
    }
    QCOMPARE(requests.count, 0);
    QVERIFY(!line->color().isValid());
    state.kind = ConnectionState::Failed;
    state.detail = QStringLiteral("timed out");
    emit machine->connectionStateChanged(state);
    QVERIFY(panel.connectionText().startsWith(QStringLiteral("SSH failed")));
    QCOMPARE(line->color(), QColor(0xb0, 0x00, 0x20));
    panel.removeEventFilter(&requests);
}

void TestMainWindow::clickOnChartAddsMarkerEverywhere()
{
    TimeChart *cpu = m_window->charts().first();
    m_window->setPaused(true); // hold the axis still while we aim
    cpu->refresh();
    const qint64 target = cpu->rangeEndMs() - 20'000;
    const QPoint where = cpu->positionOf(target);
    QVERIFY(cpu->rect().contains(where));

    const QString label = QStringLiteral("Qwen crashed");
    const QString notes = QStringLiteral("During the third notebook, \"cell 14\", 第三本 🚀");
    whenDialogOpens([&](MarkerDialog *dialog) {
        dialog->findChild<QComboBox *>(QStringLiteral("markerLabel"))->setCurrentText(label);
        auto *edit = dialog->findChild<QPlainTextEdit *>(QStringLiteral("markerNotes"));
        edit->setFocus();
        edit->insertPlainText(notes);
        QTest::keyClick(edit, Qt::Key_Return); // Enter saves
    });
    // The canvas inside the chart takes the click.
    QWidget *canvas = cpu->childAt(where);
    QVERIFY(canvas);
    QTest::mouseClick(canvas, Qt::LeftButton, {}, canvas->mapFrom(cpu, where));

    // In the model, at the clicked moment (within a few pixels' worth of time).
    const QList<Marker> markers = m_session->markers()->markers();
    QCOMPARE(markers.size(), 1);
    QCOMPARE(markers.first().label, label);
    QCOMPARE(markers.first().notes, notes);
    const qint64 msPerPixel = cpu->windowMs() / 1000;
    QVERIFY2(std::abs(markers.first().timeMs - target) <= 3 * msPerPixel,
        qPrintable(QStringLiteral("marker at %1, clicked %2").arg(markers.first().timeMs).arg(target)));

    // On every chart, and drawn: the marker's orange shows in the chart's column.
    for (TimeChart *chart : m_window->charts())
        QCOMPARE(chart->visibleMarkerLabels(), QStringList { label });
    // On screen in the marker's column, and in a picture of the chart (drawn by Qt Charts).
    cpu->refresh();
    const QImage shot = cpu->grab().toImage();
    const int x = cpu->positionOf(markers.first().timeMs).x();
    const QImage column = shot.copy(x - 2, 0, 5, shot.height());
    QVERIFY2(countPixelsNear(column, QColor(0xd9, 0x4f, 0x00), 40) > 20, "no marker line drawn at the marker");
    QImage picture(cpu->size(), QImage::Format_ARGB32);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    cpu->render(&painter, cpu->size());
    painter.end();
    const QImage pictureColumn = picture.copy(x - 8, 0, 17, picture.height());
    QVERIFY2(countPixelsNear(pictureColumn, QColor(0xd9, 0x4f, 0x00), 40) > 20, "no marker line in the picture");

    // In the CSV: a marker row with the clicked time, the label and the notes exactly.
    const QList<Csv::Record> rows = readCsv(m_session->log().csvPath());
    QVERIFY(rows.size() > 2);
    const QStringList header = rows.first().fields;
    const int eventCol = int(header.indexOf(QStringLiteral("event")));
    const int notesCol = int(header.indexOf(QStringLiteral("notes")));
    QVERIFY(eventCol > 0 && notesCol > 0);
    int found = 0;
    for (const Csv::Record &r : rows) {
        if (r.fields.value(eventCol) == label) {
            ++found;
            QCOMPARE(r.fields.value(notesCol), notes);
            QCOMPARE(r.fields.size(), header.size());
        }
    }
    QCOMPARE(found, 1);
}

void TestMainWindow::escapeCancelsTheDialog()
{
    whenDialogOpens([](MarkerDialog *dialog) {
        dialog->findChild<QComboBox *>(QStringLiteral("markerLabel"))->setCurrentText(QStringLiteral("never"));
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    // The M key opens the dialog at "now".
    QTest::keyClick(m_window.get(), Qt::Key_M);
    QCOMPARE(m_session->markers()->markers().size(), 0);
}

void TestMainWindow::presetButtonMarksNowInOneClick()
{
    MarkersPanel *panel = m_window->markersPanel();
    panel->setPresets({ QStringLiteral("Started Assignment 3"), QStringLiteral("Batch complete 25/25") });
    QPushButton *button = nullptr;
    for (QPushButton *b : panel->findChildren<QPushButton *>()) {
        if (b->text() == QLatin1String("Batch complete 25/25"))
            button = b;
    }
    QVERIFY(button);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(m_session->markers()->markers().size(), 1);
    QCOMPARE(m_session->markers()->markers().first().label, QStringLiteral("Batch complete 25/25"));
    QVERIFY(m_session->markers()->markers().first().timeMs >= before);
}

void TestMainWindow::editAndDeleteAreRecordedInTheSidecar()
{
    const qint64 t = QDateTime::currentMSecsSinceEpoch() - 1000;
    const int id = m_session->addMarker(t, QStringLiteral("Started batch"), QStringLiteral("first"));
    QTableView *table = m_window->markersPanel()->table();
    QCOMPARE(table->model()->rowCount(), 1);
    // Edit the label in place, as a person would in the table.
    QVERIFY(table->model()->setData(table->model()->index(0, 1), QStringLiteral("Started batch 2")));
    QCOMPARE(m_session->markers()->find(id)->label, QStringLiteral("Started batch 2"));
    m_session->markers()->remove(id);
    QCOMPARE(table->model()->rowCount(), 0);

    m_session->syncLog();
    QFile sidecar(m_session->log().sidecarPath());
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QJsonArray changes
        = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("marker_changes")).toArray();
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes[0].toObject().value(QStringLiteral("action")).toString(), QStringLiteral("edit"));
    QCOMPARE(changes[0].toObject().value(QStringLiteral("event")).toString(), QStringLiteral("Started batch"));
    QCOMPARE(changes[0].toObject().value(QStringLiteral("new_event")).toString(), QStringLiteral("Started batch 2"));
    QCOMPARE(changes[1].toObject().value(QStringLiteral("action")).toString(), QStringLiteral("delete"));

    // The recorded row itself is never rewritten.
    int rows = 0;
    for (const Csv::Record &r : readCsv(m_session->log().csvPath()))
        rows += r.fields.contains(QStringLiteral("Started batch")) ? 1 : 0;
    QCOMPARE(rows, 1);
}

// Delete with the panel's button, then Markers → Undo: the marker is back in the panel and on
// every chart, and the sidecar reads delete then restore (with the marker's text). Redo deletes
// it again; an edit undoes to the text before it.
void TestMainWindow::undoBringsADeletedMarkerBack()
{
    const qint64 t = QDateTime::currentMSecsSinceEpoch() - 1000;
    const int id = m_session->addMarker(t, QStringLiteral("Qwen crashed"), QStringLiteral("OOM"));
    auto *undo = m_window->findChild<QAction *>(QStringLiteral("undoMarkerChange"));
    auto *redo = m_window->findChild<QAction *>(QStringLiteral("redoMarkerChange"));
    QVERIFY(undo && redo);
    QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));
    QTableView *table = m_window->markersPanel()->table();
    table->selectRow(0);
    QPushButton *remove = nullptr;
    for (QPushButton *b : m_window->markersPanel()->findChildren<QPushButton *>())
        remove = b->text() == QLatin1String("Delete") ? b : remove;
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(m_window->charts().first()->visibleMarkerLabels().isEmpty());

    QVERIFY(undo->isEnabled());
    undo->trigger();
    QCOMPARE(table->model()->rowCount(), 1);
    const Marker *back = m_session->markers()->find(id);
    QVERIFY(back);
    QCOMPARE(back->timeMs, t);
    QCOMPARE(back->notes, QStringLiteral("OOM"));
    for (TimeChart *chart : m_window->charts())
        QCOMPARE(chart->visibleMarkerLabels(), QStringList { QStringLiteral("Qwen crashed") });

    redo->trigger();
    QCOMPARE(table->model()->rowCount(), 0);
    undo->trigger();
    m_session->markers()->update(id, QStringLiteral("Qwen crashed (OOM)"), QStringLiteral("OOM"));
    undo->trigger();
    QCOMPARE(m_session->markers()->find(id)->label, QStringLiteral("Qwen crashed"));

    m_session->syncLog();
    QFile sidecar(m_session->log().sidecarPath());
    QVERIFY(sidecar.open(QIODevice::ReadOnly));
    const QJsonArray changes
        = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("marker_changes")).toArray();
    QStringList actions;
    for (const QJsonValue &c : changes)
        actions << c.toObject().value(QStringLiteral("action")).toString();
    const QString d = QStringLiteral("delete"), r = QStringLiteral("restore"), e = QStringLiteral("edit");
    QCOMPARE(actions, (QStringList { d, r, d, r, e, e }));
    const QJsonObject restore = changes[1].toObject();
    QCOMPARE(restore.value(QStringLiteral("event")).toString(), QStringLiteral("Qwen crashed"));
    QCOMPARE(restore.value(QStringLiteral("new_notes")).toString(), QStringLiteral("OOM"));
    QCOMPARE(changes[5].toObject().value(QStringLiteral("new_event")).toString(), QStringLiteral("Qwen crashed"));
}

void TestMainWindow::markersTableModelIsSound()
{
    QAbstractItemModelTester tester(
        m_window->markersPanel()->table()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_session->addMarker(now - 3000, QStringLiteral("b"), {});
    m_session->addMarker(now - 5000, QStringLiteral("a"), {}); // earlier: inserted before
    m_session->addMarker(now - 1000, QStringLiteral("c"), QStringLiteral("x\ny"));
    QAbstractItemModel *model = m_window->markersPanel()->table()->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("a"));
    QCOMPARE(model->index(2, 2).data().toString(), QStringLiteral("x y"));
    m_session->markers()->remove(m_session->markers()->markers()[1].id);
    QCOMPARE(model->rowCount(), 2);
}

void TestMainWindow::pauseFreezesTheChartsButNotTheLog()
{
    TimeChart *cpu = m_window->charts().first();
    m_window->setPaused(true);
    const qint64 end = cpu->rangeEndMs();
    const qint64 rows = m_session->log().rowsWritten();
    waitForFrames(4);
    QCOMPARE(cpu->rangeEndMs(), end);
    QVERIFY(m_session->log().rowsWritten() >= rows + 4);
    m_window->setPaused(false);
    QVERIFY(cpu->rangeEndMs() > end);
}

void TestMainWindow::exportPng_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("1920x1080") << QSize(1920, 1080);
    QTest::addRow("800x300") << QSize(800, 300);
    QTest::addRow("on screen") << QSize();
}

void TestMainWindow::exportPng()
{
    QFETCH(QSize, size);
    TimeChart *chart = m_window->charts().first();
    if (!size.isValid())
        size = chart->size();
    m_session->addMarker(QDateTime::currentMSecsSinceEpoch() - 300, QStringLiteral("Export me"), {});
    waitForFrames(2);
    const QSize onScreen = chart->size();
    const QString path = QDir(m_logs->path()).filePath(QStringLiteral("chart.png"));
    QString error;
    QVERIFY2(ChartExporter::exportChart(chart, path, size, &error), qPrintable(error));
    QCOMPARE(chart->size(), onScreen); // the window is left as it was

    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    // Not blank: axes and text (dark), the CPU line (blue) and the marker (orange) are all there.
    QVERIFY(countPixelsNear(image, QColor(0, 0, 0), 90) > 100);
    QVERIFY(countPixelsNear(image, QColor(0xd9, 0x4f, 0x00), 40) > 20);
}

void TestMainWindow::exportSvg()
{
    const QString path = QDir(m_logs->path()).filePath(QStringLiteral("chart.svg"));
    QString error;
    QVERIFY2(ChartExporter::exportChart(m_window->charts().first(), path, QSize(1200, 500), &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray svg = f.readAll();
    QVERIFY(svg.contains("<svg"));
    QVERIFY(svg.contains("1200"));
}

void TestMainWindow::exportFailureSaysWhy()
{
    QString error;
    const QString path = QDir(m_logs->path()).filePath(QStringLiteral("missing/dir/chart.png"));
    QVERIFY(!ChartExporter::exportChart(m_window->charts().first(), path, QSize(640, 480), &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.size() > path.size() + 10, qPrintable(error)); // the writer's own reason follows
    QVERIFY(!ChartExporter::exportChart(m_window->charts().first(), path, QSize(0, 480), &error));
}

// On a fresh account the default folder (~/Pictures) did not exist: Save said "Cannot open device
// for writing" and the dialog closed. The first folder is now one that exists, and a failure keeps
// the dialog open with the reason and the path to correct.
void TestMainWindow::exportDialogStaysOpenWhenItCannotWrite()
{
    AppSettings::setExportDirectory(QDir(m_logs->path()).filePath(QStringLiteral("gone")));
    const QString start = AppSettings::exportDirectory();
    QVERIFY2(QFileInfo(start).isDir(), qPrintable(start));

    ExportDialog dialog(m_window->charts(), m_window->charts().first(),
        QDir(m_logs->path()).filePath(QStringLiteral("no/such/Pictures")));
    dialog.show();
    QVERIFY(dialog.path().contains(QStringLiteral("no/such/Pictures")));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(!dialog.error().isEmpty(), "no reason shown");
    auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("exportPath"));
    QVERIFY(path && path->isEnabled() && !path->isReadOnly());
    path->setText(QDir(m_logs->path()).filePath(QStringLiteral("fixed.png")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(QFileInfo::exists(QDir(m_logs->path()).filePath(QStringLiteral("fixed.png"))));
}

// One point of a line series draws nothing: the first sample showed as an empty chart.
void TestMainWindow::firstSampleIsDrawnAsADot()
{
    Session session;
    MachineMonitor *machine = session.addMachine({ QStringLiteral("m1"), QStringLiteral("One sample") });
    MachinePanel panel(machine, session.markers());
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TimeChart *cpu = panel.charts().first();
    const QString empty = QDir(m_logs->path()).filePath(QStringLiteral("none.png"));
    const QString one = QDir(m_logs->path()).filePath(QStringLiteral("one.png"));
    QString error;
    // The legend's square has the line's colour too: what counts is the difference.
    QVERIFY2(ChartExporter::exportChart(cpu, empty, QSize(800, 300), &error), qPrintable(error));
    Sample first;
    first.timeMs = QDateTime::currentMSecsSinceEpoch() - 500;
    first.set(Metric::CpuPercent, 50);
    machine->deliver(1, first);
    cpu->refresh();
    QCOMPARE(cpu->pointCount(0), 1);
    QVERIFY2(ChartExporter::exportChart(cpu, one, QSize(800, 300), &error), qPrintable(error));
    const QColor blue(0x1f, 0x77, 0xb4);
    const int before = countPixelsNear(QImage(empty), blue, 30);
    const int after = countPixelsNear(QImage(one), blue, 30);
    QVERIFY2(after > before + 12, qPrintable(QStringLiteral("%1 → %2 pixels").arg(before).arg(after)));
}

// A timing log (by its content, whatever its name) opens in the Timings tab; a session log does not.
void TestMainWindow::openLogShowsTimingLogsInTheTimingsTab()
{
    const QString path = QDir(m_logs->path()).filePath(QStringLiteral("calls.csv")); // a misleading name
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"function\": \"infer\", \"execution_time\": 0.5, \"timestamp\": 1795354200.5}\n"
            "{\"function\": \"load\", \"execution_time\": 1.5, \"timestamp\": 1795354202.0}\n");
    f.close();
    TimingsPage *timings = m_window->timingsPage();
    QVERIFY(timings);
    QSignalSpy shown(timings, &TimingsPage::viewShown);
    m_window->openLog(path);
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("pages"));
    QCOMPARE(tabs->currentWidget(), timings);
    QVERIFY(shown.wait(10'000));
    QVERIFY2(timings->errorText().isEmpty(), qPrintable(timings->errorText()));
    QCOMPARE(timings->view().data->size(), 2);
    m_window->openLog(m_session->log().csvPath());
    QCOMPARE(tabs->currentWidget(), m_window->analysisPage());
}

// Issue 14: a timing log listed in the Analysis tab's folder list opens in the Timings tab, as
// File → Open does.
void TestMainWindow::timingLogChosenInTheLogFolderListOpensInTheTimingsTab()
{
    const QString path = QDir(m_logs->path()).filePath(QStringLiteral("performance.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"function\": \"infer\", \"execution_time\": 0.5, \"timestamp\": 1795354200.5}\n");
    f.close();
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("pages"));
    AnalysisPage *analysis = m_window->analysisPage();
    LogFolderModel *model = analysis->folderModel();
    QSignalSpy complete(model, &LogFolderModel::summariesComplete);
    analysis->setLogFolder(m_logs->path());
    tabs->setCurrentWidget(analysis);
    QVERIFY(complete.wait(20'000));
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r)
        row = model->pathAt(r) == path ? r : row;
    QVERIFY2(row >= 0, "the timing log is listed");
    QVERIFY(model->isTimingLogAt(row));
    TimingsPage *timings = m_window->timingsPage();
    QSignalSpy shown(timings, &TimingsPage::viewShown);
    const QRect rect = analysis->folderView()->visualRect(model->index(row, LogFolderModel::FileColumn));
    QTest::mouseClick(analysis->folderView()->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(tabs->currentWidget(), timings);
    QVERIFY(shown.wait(10'000));
    QCOMPARE(timings->view().path, path);
    QCOMPARE(timings->view().data->size(), 1);
}

// Opening a log in Analysis made the window 1525 wide, and going back to Live 1871 with a minimum
// width of 1871: the Markers panel went off-screen and nothing fitted 1280 × 720. Every tab, with
// a log open, now leaves the window a minimum width a laptop's screen has.
void TestMainWindow::minimumWidthFitsASmallScreenOnEveryTab()
{
    auto *tabs = m_window->findChild<QTabWidget *>();
    QVERIFY(tabs);
    QSignalSpy shown(m_window->analysisPage(), &AnalysisPage::analysisShown);
    m_window->openLog(m_session->log().csvPath());
    QVERIFY(shown.wait(20'000));
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QCoreApplication::processEvents();
        QVERIFY2(m_window->minimumSizeHint().width() <= 1000,
            qPrintable(QStringLiteral("tab %1: %2").arg(i).arg(m_window->minimumSizeHint().width())));
        QVERIFY2(m_window->minimumWidth() <= 1000, qPrintable(QString::number(m_window->minimumWidth())));
    }
}

// The first start opened at 1440 × 900 whatever the screen: it now fits the screen it opens on.
void TestMainWindow::firstStartFitsTheScreen()
{
    AppSettings::setGeometry({});
    MainWindow fresh(m_session.get());
    const QRect available = fresh.screen()->availableGeometry();
    QVERIFY2(fresh.width() <= available.width() && fresh.height() <= available.height(),
        qPrintable(QStringLiteral("%1 × %2 on %3 × %4")
                       .arg(fresh.width())
                       .arg(fresh.height())
                       .arg(available.width())
                       .arg(available.height())));
}

void TestMainWindow::markerDialogOffersLabelsUsedInTheSession()
{
    m_session->addMarker(QDateTime::currentMSecsSinceEpoch() - 2000, QStringLiteral("Qwen crashed"), {});
    m_session->addMarker(QDateTime::currentMSecsSinceEpoch() - 1000, QStringLiteral("Started Assignment 4"), {});
    const QStringList labels = m_window->markerLabels();
    const QStringList presets = AppSettings::presets();
    QCOMPARE(labels.mid(0, presets.size()), presets);
    QVERIFY(labels.contains(QStringLiteral("Started Assignment 4")));
    QCOMPARE(labels.count(QStringLiteral("Qwen crashed")), 1); // a preset used is not offered twice
    if (!presets.contains(QStringLiteral("Started Assignment 4")))
        QCOMPARE(labels.value(presets.size()), QStringLiteral("Started Assignment 4")); // the latest first
}

// The Help menu had only About: a list of the shortcuts, made from the window's own actions, and
// F1 for the manual (the README built into the program).
void TestMainWindow::helpMenuListsShortcutsAndOpensTheManual()
{
    QMenu *help = nullptr;
    for (QAction *a : m_window->menuBar()->actions()) {
        if (a->menu() && a->text().remove(u'&') == QLatin1String("Help"))
            help = a->menu();
    }
    QVERIFY(help);
    QAction *shortcuts = nullptr;
    QAction *manual = nullptr;
    for (QAction *a : help->actions()) {
        if (a->text().contains(QLatin1String("shortcuts")))
            shortcuts = a;
        if (a->shortcut() == QKeySequence(QKeySequence::HelpContents))
            manual = a;
    }
    QVERIFY(shortcuts && manual);
    shortcuts->trigger();
    auto *table = m_window->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QStringList keys;
    for (int r = 0; r < table->rowCount(); ++r)
        keys << table->item(r, 0)->text() + u' ' + table->item(r, 1)->text();
    const QString all = keys.join(u'\n');
    QVERIFY2(all.contains(QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText)), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("Add marker")) || all.contains(QStringLiteral("marker")), qPrintable(all));
    manual->trigger();
    auto *browser = m_window->findChild<QTextBrowser *>(QStringLiteral("manual"));
    QVERIFY(browser);
    QVERIFY(browser->toPlainText().contains(QStringLiteral("perfdash mark")));
    QVERIFY(browser->verticalScrollBar()->value() > 0); // opened at the usage, past the install commands
}

void TestMainWindow::openLogShowsTheAnalysisTab()
{
    // The session's own log, opened from the window: the Analysis tab comes to the front and reads it.
    QVERIFY(m_session->log().csvPath().size() > 0);
    waitForFrames(2);
    AnalysisPage *page = m_window->analysisPage();
    QVERIFY(page);
    auto *markersDock = m_window->findChild<QDockWidget *>(QStringLiteral("markersDock"));
    QVERIFY(markersDock && markersDock->isVisible());
    QSignalSpy shown(page, &AnalysisPage::analysisShown);
    m_window->openLog(m_session->log().csvPath());
    QCOMPARE(m_window->findChild<QTabWidget *>(QStringLiteral("pages"))->currentWidget(), page);
    // The live session's markers panel gives the analysis the window's width, and comes back with
    // the Live tab.
    QVERIFY(!markersDock->isVisible());
    QVERIFY(shown.wait(20'000));
    QVERIFY2(page->errorText().isEmpty(), qPrintable(page->errorText()));
    QVERIFY(page->result());
    QVERIFY(page->result()->snapshots >= 1);
    QCOMPARE(AppSettings::recentLogs().value(0), m_session->log().csvPath());

    // A log dropped on the window (here on the Live tab) opens in the Analysis tab too.
    QTemporaryDir dir;
    const QString dropped = dir.filePath(QStringLiteral("dropped.csv"));
    QFile f(dropped);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("timestamp,dropped_cpu_percent,event,notes\n2026-11-22T09:00:00.000+01:00,12,,\n");
    f.close();
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("pages"));
    tabs->setCurrentIndex(0);
    QVERIFY(markersDock->isVisible());
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(dropped) });
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QCOMPARE(tabs->currentWidget(), page);
    QVERIFY(shown.wait(20'000));
    QCOMPARE(page->result()->machineIds, QStringList { QStringLiteral("dropped") });
    QCOMPARE(AppSettings::recentLogs().value(0), dropped);
}

namespace {
// Opens a day's log with 51 markers in a window of a 1280 × 720 screen's first start (90 % of it).
bool openMarkedLogOnALaptopScreen(MainWindow *window, const QTemporaryDir &dir)
{
    window->resize(1152, 648);
    const QString log = dir.filePath(QStringLiteral("marked.csv"));
    QFile f(log);
    if (!f.open(QIODevice::WriteOnly) || f.write(ChartChecks::markedDay(3000, 51)) <= 0)
        return false;
    f.close();
    QSignalSpy shown(window->analysisPage(), &AnalysisPage::analysisShown);
    window->openLog(log);
    const bool ok = shown.wait(20'000);
    QCoreApplication::processEvents();
    return ok;
}
} // namespace

// Issue 13, item 2: in a 1280 × 720 screen's window the analysis plots were about 65 px tall. The
// charts share one marker lane and one clock, the tables fold to a few rows: the plots get most of
// the tab, each chart whole, and the tab fits the window.
void TestMainWindow::analysisChartsGetMostOfTheTabOnALaptopScreen()
{
    QTemporaryDir dir;
    QVERIFY(openMarkedLogOnALaptopScreen(m_window.get(), dir));
    AnalysisPage *page = m_window->analysisPage();
    QVERIFY2(m_window->height() <= 648 && m_window->minimumSizeHint().height() <= 648,
        qPrintable(QStringLiteral("window %1 px, at least %2 px")
                       .arg(m_window->height())
                       .arg(m_window->minimumSizeHint().height())));
    qreal plots = 0;
    for (LogChart *chart : page->charts()) {
        auto *view = chart->findChild<QChartView *>();
        QVERIFY(view);
        // The whole chart in its view (not cut at the bottom), with a plot to read.
        QVERIFY2(view->chart()->size().height() <= view->viewport()->height() + 1,
            qPrintable(QStringLiteral("%1: chart %2 px in a view of %3 px")
                           .arg(chart->title())
                           .arg(view->chart()->size().height())
                           .arg(view->viewport()->height())));
        // They were about 65 px, under a title row and a legend row each.
        const qreal plot = view->chart()->plotArea().height();
        QVERIFY2(plot >= 72, qPrintable(QStringLiteral("%1: plot %2 px").arg(chart->title()).arg(plot)));
        plots += plot;
    }
    QVERIFY2(
        plots >= page->height() * 0.42, qPrintable(QStringLiteral("plots %1 of %2 px").arg(plots).arg(page->height())));
}

// There, too, the marker labels keep to their lanes and no axis title is cut short.
void TestMainWindow::analysisLabelsAndTitlesOnALaptopScreen()
{
    QTemporaryDir dir;
    QVERIFY(openMarkedLogOnALaptopScreen(m_window.get(), dir));
    const QList<LogChart *> charts = m_window->analysisPage()->charts();
    for (LogChart *chart : charts) {
        // The lane above the first chart is the stacked charts' one.
        const int inLane = chart == charts.first() ? int(chart->visibleMarkerLabels().size()) : 0;
        const QString lane = ChartChecks::laneProblem(chart->canvas(), inLane);
        QVERIFY2(lane.isEmpty(), qPrintable(chart->title() + QStringLiteral(": ") + lane));
        const QString titles = ChartChecks::axisTitleProblem(chart->canvas());
        QVERIFY2(titles.isEmpty(), qPrintable(chart->title() + QStringLiteral(": ") + titles));
    }
}

// The tables below the charts fold away, and the window opens the tab as the person left it.
void TestMainWindow::analysisSplittersAreRemembered()
{
    AnalysisPage *page = m_window->analysisPage();
    m_window->openLog(m_session->log().csvPath());
    QSplitter *split = nullptr;
    for (QSplitter *s : page->findChildren<QSplitter *>()) {
        if (s->orientation() == Qt::Vertical && qobject_cast<QTabWidget *>(s->widget(1)))
            split = s;
    }
    QVERIFY(split);
    QVERIFY(split->isCollapsible(1));
    QVERIFY(!split->isCollapsible(0));
    split->setSizes({ split->height(), 0 }); // folded, as a drag to the bottom leaves it
    emit split->splitterMoved(split->height(), 1);
    QCOMPARE(AppSettings::analysisLayout(), page->splitterState());

    MainWindow again(m_session.get());
    again.resize(1400, 900);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    again.openLog(m_session->log().csvPath());
    QCoreApplication::processEvents();
    QSplitter *restored = nullptr;
    for (QSplitter *s : again.analysisPage()->findChildren<QSplitter *>()) {
        if (s->orientation() == Qt::Vertical && qobject_cast<QTabWidget *>(s->widget(1)))
            restored = s;
    }
    QVERIFY(restored);
    QCOMPARE(restored->sizes().value(1), 0);
    AppSettings::setAnalysisLayout({});
}

void TestMainWindow::logListColumnsShowTheirHeaders_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addRow("1280x720") << QSize(1280, 720);
    QTest::addRow("1600x1000") << QSize(1600, 1000);
}

// Issue 13: the Analysis tab's list of logs showed "Dur" for "Duration". Every column is as wide
// as its header and its cells; only the file name is elided when the list is narrow.
void TestMainWindow::logListColumnsShowTheirHeaders()
{
    QFETCH(QSize, size);
    QTemporaryDir dir;
    for (const char *name : { "performance_log_20261122_143022.csv", "performance_log_20261121_090000.csv" }) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ChartChecks::markedDay(600, 5));
    }
    m_window->resize(size);
    AnalysisPage *page = m_window->analysisPage();
    page->setLogFolder(dir.path());
    m_window->findChild<QTabWidget *>()->setCurrentWidget(page);
    QSignalSpy complete(page->folderModel(), &LogFolderModel::summariesComplete);
    QVERIFY(complete.wait(20'000));
    QCoreApplication::processEvents();
    QTableView *view = page->folderView();
    QHeaderView *header = view->horizontalHeader();
    const QFontMetrics fm(header->font());
    for (int c = 0; c < LogFolderModel::ColumnCount; ++c) {
        const QString title = view->model()->headerData(c, Qt::Horizontal).toString();
        QVERIFY2(header->sectionSize(c) >= fm.horizontalAdvance(title),
            qPrintable(QStringLiteral("%1: %2 px for a title of %3 px")
                           .arg(title)
                           .arg(header->sectionSize(c))
                           .arg(fm.horizontalAdvance(title))));
        if (c == LogFolderModel::FileColumn)
            continue;
        // The other columns are never cut: each cell's text fits.
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QString text = view->model()->index(row, c).data().toString();
            QVERIFY2(header->sectionSize(c) >= view->fontMetrics().horizontalAdvance(text),
                qPrintable(QStringLiteral("%1: %2 px for “%3”").arg(title).arg(header->sectionSize(c)).arg(text)));
        }
    }
    // The file name is elided at the left, keeping its date and time, and keeps room for them.
    QCOMPARE(view->textElideMode(), Qt::ElideLeft);
    QVERIFY(header->sectionSize(LogFolderModel::FileColumn)
        >= view->fontMetrics().horizontalAdvance(QStringLiteral("…1122_143022.csv")));
}

// Issue 13, item 9: with a dark palette the menus went dark and every chart stayed white. View →
// Theme → Dark darkens the charts too, and is remembered.
void TestMainWindow::darkThemeReachesTheCharts()
{
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("themeMenu"));
    QVERIFY(menu);
    QList<QAction *> actions = menu->actions();
    QCOMPARE(actions.size(), 3); // System, Light, Dark
    const QPalette before = QApplication::palette();
    actions[2]->trigger();
    QCOMPARE(AppSettings::theme(), QStringLiteral("dark"));
    const QColor base = QApplication::palette().color(QPalette::Base);
    QVERIFY(base.lightnessF() < 0.3);
    QCoreApplication::processEvents();
    const QColor text = QApplication::palette().color(QPalette::Text);
    for (TimeChart *chart : m_window->charts()) {
        StripCanvas *canvas = chart->canvas();
        QCOMPARE(canvas->colors().base, base);
        QCOMPARE(canvas->colors().text, text);
        // Drawn so: the background at the plot's middle, and text pixels in the header.
        if (!canvas->isVisible())
            continue;
        const QImage shot = canvas->grab().toImage();
        const QRectF plot = canvas->plotRect();
        QCOMPARE(QColor(shot.pixel(int(plot.left()) + 3, int(plot.top()) + 3)), base);
        QVERIFY2(countPixelsNear(shot.copy(0, 0, shot.width(), int(plot.top()) - 2), text, 60) > 10,
            qPrintable(chart->title() + QStringLiteral(": no light text in the header")));
    }
    actions[0]->trigger(); // back to the system's
    QCOMPARE(AppSettings::theme(), QStringLiteral("system"));
    QCOMPARE(QApplication::palette().color(QPalette::Base), before.color(QPalette::Base));
}

// The Live charts keep the same rules: a dozen markers in the last minute, labels in their lane.
void TestMainWindow::liveMarkerLabelsKeepToTheirLane()
{
    m_window->setPaused(true);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int k = 0; k < 12; ++k)
        m_session->addMarker(now - 50'000 + k * (k < 6 ? 800 : 4000), QStringLiteral("Live marker %1").arg(k),
            QStringLiteral("notes %1").arg(k));
    for (TimeChart *chart : m_window->charts()) {
        chart->showRange(now - 60'000, now + 1000);
        QCOMPARE(chart->visibleMarkerLabels().size(), 12);
        const QString lane = ChartChecks::laneProblem(chart->canvas(), 12);
        QVERIFY2(lane.isEmpty(), qPrintable(chart->title() + QStringLiteral(": ") + lane));
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
