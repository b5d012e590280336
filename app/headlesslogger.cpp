#include "headlesslogger.h"

#include "appsettings.h"
#include "commandline.h"
#include "controlserver.h"
#include "httpapi.h"
#include "localsource.h"
#include "logdirectory.h"
#include "machinedescription.h"
#include "machineselection.h"
#include "machinesetup.h"
#include "prometheusfleet.h"
#include "session.h"
#include "sessionlog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSet>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {
int g_signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

void printLine(FILE *stream, const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stream);
    std::fflush(stream);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("HeadlessLogger", text);
}

// Ctrl-C and SIGTERM only write a byte to a socket; the event loop stops the session between rows,
// so the row being written is always finished.
bool installStopSignals(QObject *context, const std::function<void()> &stop)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, stop] {
        char c = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &c, 1);
        notifier->setEnabled(false);
        stop();
    });
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    return true;
}
// Says on stderr what a machine's sources report: errors, connection and server state changes.
void watchMachine(MachineMonitor *machine, const std::shared_ptr<QSet<QString>> &prometheusIds)
{
    const QString id = machine->info().id;
    QObject::connect(machine, &MachineMonitor::errorChanged, [id](const QString &error) {
        if (!error.isEmpty())
            printLine(stderr, QStringLiteral("perfdash: %1: %2").arg(id, error));
    });
    QObject::connect(
        machine, &MachineMonitor::connectionStateChanged, [id, prometheusIds](const ConnectionState &state) {
            // Every sample updates the latency, every second the countdown, and every retry connects
            // again: say only what changed.
            static QHash<QString, ConnectionState> said;
            if (!state.isNewsAfter(said.value(id)))
                return;
            said[id] = state;
            const QString via = prometheusIds->contains(id) ? QStringLiteral("Prometheus") : QStringLiteral("SSH");
            printLine(stderr, QStringLiteral("perfdash: %1: %2 %3").arg(id, via, state.text()));
        });
    QObject::connect(machine, &MachineMonitor::serverStateChanged, [id](const ServerState &state) {
        static const char *const names[] = { "unknown", "up", "loading", "down" };
        printLine(stderr,
            QStringLiteral("perfdash: %1: server %2 (%3)").arg(id, QLatin1String(names[state.status]), state.detail));
    });
}

// Starts a fleet per Prometheus server and waits (a few seconds at most) for each one's first
// answer, so the log starts with their machines' columns. A server that does not answer yet is
// said and polled on: its machines join when it answers (in a new log file).
bool startFleets(Session &session, const QList<PrometheusServerConfig> &servers,
    const std::shared_ptr<QSet<QString>> &prometheusIds, std::vector<std::unique_ptr<PrometheusFleet>> *fleets)
{
    for (const PrometheusServerConfig &server : servers) {
        auto fleet = std::make_unique<PrometheusFleet>(&session, server);
        QObject::connect(fleet.get(), &PrometheusFleet::machineAdded,
            [prometheusIds](const QString &id) { prometheusIds->insert(id); });
        QString error;
        if (!fleet->start(&error)) {
            printLine(stderr, QStringLiteral("perfdash: ") + error);
            return false;
        }
        error = fleet->waitForFirstRefresh(server.timeoutSeconds * 1000 + 2000);
        if (!error.isEmpty())
            printLine(stderr, tr("perfdash: Prometheus %1: %2").arg(server.url, error));
        QStringList found;
        for (const FleetMachine &m : fleet->machines())
            found << (m.name == m.instance ? m.id : QStringLiteral("%1 (%2)").arg(m.id, m.name));
        printLine(stderr,
            QCoreApplication::translate(
                "HeadlessLogger", "perfdash: Prometheus %1: %n machine(s) %2", nullptr, int(found.size()))
                .arg(server.url, found.join(QStringLiteral(", "))));
        QObject::connect(fleet.get(), &PrometheusFleet::errorChanged, [url = server.url](const QString &e) {
            printLine(stderr,
                e.isEmpty() ? tr("perfdash: Prometheus %1 answers again").arg(url)
                            : tr("perfdash: Prometheus %1: %2").arg(url, e));
        });
        fleets->push_back(std::move(fleet));
    }
    return true;
}
} // namespace

int runHeadlessLogger(const CommandLine &options)
{
    const MachineSelection selection
        = MachineSelection::fromCommandLine(options, AppSettings::machines(), AppSettings::prometheusServers());
    for (const QString &warning : selection.warnings)
        printLine(stderr, QStringLiteral("perfdash: warning: ") + warning);
    if (!selection.error.isEmpty()) {
        printLine(stderr, QStringLiteral("perfdash: ") + selection.error);
        return 1;
    }

    Session session;
    session.setHistorySeconds(60); // nothing draws it: keep a minute, not a day
    session.setIntervalSeconds(options.interval > 0 ? options.interval : 1.0);
    RemoteSetup remote;
    remote.newHostKeys = options.acceptNewHostKeys ? SshOptions::NewHostKeys::Accept : SshOptions::NewHostKeys::Refuse;
    addMachines(session, selection.machines, selection.includeThisComputer, remote);

    QObject::connect(&session, &Session::errorChanged, [](const QString &error) {
        if (!error.isEmpty())
            printLine(stderr, QStringLiteral("perfdash: ") + error);
    });
    auto prometheusIds = std::make_shared<QSet<QString>>();
    for (MachineMonitor *machine : session.machines())
        watchMachine(machine, prometheusIds);
    QObject::connect(&session, &Session::machineAdded,
        [prometheusIds](MachineMonitor *machine) { watchMachine(machine, prometheusIds); });
    std::vector<std::unique_ptr<PrometheusFleet>> fleets;
    if (!startFleets(session, selection.prometheus, prometheusIds, &fleets))
        return 1;

    const QString dir = LogDirectory::resolve(options.logDir);
    QString error;
    // `perfdash mark` reaches this session through the control server; one recorder per directory.
    ControlServer control(&session);
    if (!control.listen(dir, &error)) {
        printLine(stderr, QStringLiteral("perfdash: ") + error);
        return 1;
    }
    HttpApi api(&session);
    if (!options.http.isEmpty()) {
        if (!api.start(options.http, options.httpToken, &error)) {
            printLine(stderr, QStringLiteral("perfdash: ") + error);
            return 1;
        }
        printLine(stderr, tr("perfdash: HTTP API on %1").arg(api.url()));
        if (!api.token().isEmpty() && options.httpToken.isEmpty())
            printLine(stderr, tr("perfdash: HTTP API token: %1").arg(api.token()));
    }
    if (!session.start(dir, &error)) {
        printLine(stderr, QStringLiteral("perfdash: ") + error);
        return 1;
    }
    printLine(stderr,
        tr("perfdash: logging to %1 every %2 s (Ctrl-C to stop)")
            .arg(session.log().csvPath())
            .arg(session.intervalSeconds()));

    auto stop = [&session] {
        session.stop();
        QCoreApplication::quit();
    };
    if (!installStopSignals(&session, stop))
        printLine(stderr, tr("perfdash: cannot catch Ctrl-C; stopping it may cut the last row"));
    if (options.duration > 0) {
        // Half an interval of grace, so the sample due at the very end (--duration 3 at 1 s:
        // samples at 1, 2 and 3 s) is taken and written before the logger stops.
        const qint64 graceMs = qint64(session.intervalSeconds() * 500);
        QTimer::singleShot(qint64(options.duration * 1000) + graceMs, Qt::PreciseTimer, &session, stop);
    }

    QCoreApplication::exec();
    printLine(
        stderr, tr("perfdash: wrote %1 rows to %2").arg(session.log().rowsWritten()).arg(session.log().csvPath()));
    return 0;
}

int runSingleSnapshot(const CommandLine &options)
{
    // CPU % needs two readings: the source takes one when it is made, the second after a short wait.
    LocalSource source;
    const double window = options.interval > 0 ? std::min(options.interval, 1.0) : 0.5;
    QThread::msleep(static_cast<unsigned long>(window * 1000));
    QString problem;
    Sample sample = source.measure(&problem);
    if (!problem.isEmpty())
        printLine(stderr, QStringLiteral("perfdash: ") + problem);

    const QString dir = LogDirectory::resolve(options.logDir);
    const QString newest = LogDirectory::newestLog(dir);
    SessionLog log;
    QString error;
    const bool opened = newest.isEmpty()
        ? log.create(dir, sample.timeMs, LogLayout::forMachines({ QStringLiteral("local") }), &error)
        : log.openForAppend(newest, &error);
    if (!opened) {
        printLine(stderr, QStringLiteral("perfdash: ") + error);
        return 1;
    }
    if (!log.tailNote().isEmpty())
        printLine(stderr, QStringLiteral("perfdash: note: ") + log.tailNote());
    const QByteArray row = log.layout().row(
        sample.timeMs, { { QStringLiteral("local"), sample } }, options.event.trimmed(), options.notes);
    if (!log.write(row, &error)) {
        printLine(stderr, QStringLiteral("perfdash: ") + error);
        return 1;
    }
    printLine(stdout, log.csvPath());
    return 0;
}
