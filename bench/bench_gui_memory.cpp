// The dashboard's memory with a day of history at 1 s: a Session with one machine, 86,400 samples
// delivered through MachineMonitor::deliver(), then the real MainWindow shown (offscreen) on the
// 24 h view. Reports VmRSS at each step and the peak (VmHWM). Target: RSS < 150 MB.

#include "benchutil.h"
#include "mainwindow.h"
#include "session.h"
#include "synthetic.h"
#include "timechart.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>

namespace {
constexpr qint64 kDayMs = 24 * 3'600'000;
constexpr int kSamples = 86'400;

void reportRss(const char *name)
{
    Bench::report(name, Bench::mib(Bench::statusKiB("VmRSS")), "MB VmRSS");
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The window reads and writes its settings under perfdash/perfdash: keep them in a scratch
    // directory, never the person's own, and open it on the 24 h view.
    QTemporaryDir config;
    if (!config.isValid()) {
        std::fprintf(stderr, "bench_gui_memory: cannot make a temporary directory\n");
        return 1;
    }
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));

    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("perfdash"));
    QSettings(QStringLiteral("perfdash"), QStringLiteral("perfdash")).setValue(QStringLiteral("view/windowMs"), kDayMs);
    std::printf("bench_gui_memory: %d samples at 1 s through MachineMonitor::deliver(), MainWindow on %s\n", kSamples,
        qPrintable(QGuiApplication::platformName()));
    reportRss("QApplication up");

    Session session;
    MachineMonitor *machine = session.addMachine({ QStringLiteral("local"), QStringLiteral("This computer") });
    reportRss("empty session, one machine");

    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    SyntheticMachine synthetic(1);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kSamples; ++i)
        machine->deliver(quint64(i + 1), synthetic.next(end - qint64(kSamples - 1 - i) * 1000));
    const double feedMs = double(timer.nsecsElapsed()) / 1e6;
    const qint64 baselineKiB = Bench::statusKiB("VmRSS");
    Bench::report("baseline: 24 h of history, no window", Bench::mib(baselineKiB), "MB VmRSS");
    Bench::note(QStringLiteral("history: %1 samples kept, ring of %2 x %3 bytes = %4 MB; fed in %5 ms")
                    .arg(machine->history().size())
                    .arg(machine->history().capacity())
                    .arg(sizeof(Sample))
                    .arg(QString::fromLatin1(
                        Bench::figure(Bench::mib(machine->history().capacity() * qint64(sizeof(Sample)) / 1024))))
                    .arg(QString::fromLatin1(Bench::figure(feedMs))));

    timer.restart();
    MainWindow window(&session);
    window.show();
    QApplication::processEvents();
    for (TimeChart *chart : window.charts())
        chart->refresh();
    window.repaint(); // paints every chart with its day of points, now
    QApplication::processEvents();
    const double showMs = double(timer.nsecsElapsed()) / 1e6;

    QStringList charts;
    for (TimeChart *chart : window.charts()) {
        charts << QStringLiteral("%1: %2 points over %3 h")
                      .arg(chart->title())
                      .arg(chart->pointCount(0))
                      .arg(double(chart->windowMs()) / 3'600'000.0);
    }
    const qint64 rssKiB = Bench::statusKiB("VmRSS");
    const qint64 peakKiB = Bench::statusKiB("VmHWM");
    const double rss = Bench::mib(rssKiB);
    Bench::report("window shown, charts drawn", rss, "MB VmRSS", "< 150 MB", rss < 150);
    Bench::report("peak (VmHWM)", Bench::mib(peakKiB), "MB", "< 150 MB", Bench::mib(peakKiB) < 150);
    Bench::note(QStringLiteral("the window adds %1 MB to the baseline; built, shown and drawn in %2 ms")
                    .arg(QString::fromLatin1(Bench::figure(Bench::mib(rssKiB - baselineKiB))),
                        QString::fromLatin1(Bench::figure(showMs))));
    Bench::note(QStringLiteral("window %1x%2; %3")
                    .arg(window.width())
                    .arg(window.height())
                    .arg(charts.join(QStringLiteral("; "))));
    return 0;
}
