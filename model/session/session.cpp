#include "session.h"

#include "logging.h"
#include "logtime.h"

#include <QDateTime>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

Session::Session(QObject *parent)
    : QObject(parent)
{
    m_samplingThread.setObjectName(QStringLiteral("perfdash sampling"));
    m_samplingThread.start();
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(int(m_interval * 1000));
    connect(&m_timer, &QTimer::timeout, this, &Session::tick);
    m_machinesTimer.setSingleShot(true);
    m_machinesTimer.setInterval(0);
    connect(&m_machinesTimer, &QTimer::timeout, this, &Session::applyMachineChanges);
    connect(&m_markers, &MarkerStore::added, this, [this](const Marker &m, int, bool restored) {
        if (restored)
            recordMarkerChange(m, QStringLiteral("restore"));
        else
            onMarkerAdded(m);
    });
    connect(&m_markers, &MarkerStore::changed, this,
        [this](const Marker &m) { recordMarkerChange(m, QStringLiteral("edit")); });
    connect(&m_markers, &MarkerStore::removed, this,
        [this](const Marker &m) { recordMarkerChange(m, QStringLiteral("delete")); });
}

Session::~Session()
{
    stop();
    m_writer.sync();
    qDeleteAll(m_machines); // their samplers are deleted in the sampling thread
    m_machines.clear();
    m_samplingThread.quit();
    m_samplingThread.wait();
}

MachineMonitor *Session::addMachine(const MachineInfo &info, const QJsonObject &description)
{
    auto *machine = new MachineMonitor(info, &m_samplingThread);
    machine->setHistorySpan(m_interval, m_historySeconds);
    connect(machine, &MachineMonitor::sampleReady, this,
        [this, machine](quint64 tick, const Sample &s) { onMachineSample(machine, tick, s); });
    m_machines.append(machine);
    m_descriptions.append(description);
    qCDebug(lcSession).noquote() << "machine added:" << info.id;
    emit machineAdded(machine);
    m_machinesPending = true;
    m_machinesTimer.start();
    emit machinesChanged();
    return machine;
}

void Session::removeMachine(MachineMonitor *machine)
{
    const qsizetype i = m_machines.indexOf(machine);
    if (i < 0)
        return;
    qCDebug(lcSession).noquote() << "machine removed:" << machine->info().id;
    emit machineAboutToBeRemoved(machine);
    m_machines.removeAt(i);
    m_descriptions.removeAt(i);
    // The frame in progress does not wait for it; what it answered already stays in the row.
    if (m_frame.open && m_frame.waiting.remove(machine) && m_frame.waiting.isEmpty() && m_frame.answers > 0)
        completeFrame();
    delete machine; // its sampler and sources are deleted in the sampling thread
    m_machinesPending = true;
    m_machinesTimer.start();
    emit machinesChanged();
}

void Session::moveMachine(MachineMonitor *machine, int index)
{
    const qsizetype from = m_machines.indexOf(machine);
    const qsizetype to = std::clamp<qsizetype>(index, 0, m_machines.size() - 1);
    if (from < 0 || from == to)
        return;
    m_machines.move(from, to);
    m_descriptions.move(from, to);
    m_machinesPending = true;
    m_machinesTimer.start();
    emit machinesChanged();
}

LogLayout Session::layoutForMachines() const
{
    QStringList ids;
    QSet<QString> withGpu;
    for (const MachineMonitor *m : std::as_const(m_machines)) {
        ids << m->info().id;
        if (m->info().hasGpuAndTemperature)
            withGpu.insert(m->info().id);
    }
    return LogLayout::forMachines(ids, withGpu);
}

bool Session::start(const QString &logDir, QString *error)
{
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    m_logDir.clear();
    m_previousCsv.clear();
    m_machinesPending = false;
    m_loggedMachines = machinesJson();
    if (!logDir.isEmpty()) {
        bool created = false;
        QString sidecarError;
        const LogLayout layout = layoutForMachines();
        QJsonObject started = sidecar(QString(), false);
        // The log and its sidecar exist when start() returns; every later write is the writer's.
        m_writer.run([&](std::unique_ptr<SessionLog> &log) {
            log = std::make_unique<SessionLog>();
            // Other writers (perfdash mark, log --single) hold the log's lock for one row: a short wait.
            log->setLockWaitMs(100);
            created = log->create(logDir, m_startMs, layout, error);
            if (created) {
                started.insert(QStringLiteral("csv"), QFileInfo(log->csvPath()).fileName());
                log->writeSidecar(started, &sidecarError);
            }
        });
        if (!created)
            return false;
        setProblem(Problem::Sidecar, sidecarError);
        m_logDir = logDir;
    }
    m_running = true;
    qCDebug(lcSession).noquote() << "started with" << m_machines.size() << "machine(s), logging to"
                                 << (log().isOpen() ? log().csvPath() : QStringLiteral("nothing"));
    m_timer.start();
    return true;
}

void Session::stop()
{
    if (!m_running)
        return;
    m_running = false;
    qCDebug(lcSession) << "stopped";
    m_timer.stop();
    m_machinesTimer.stop();
    if (m_frame.open && m_frame.answers > 0)
        completeFrame();
    m_frame.open = false;
    if (!log().isOpen())
        return;
    const QJsonObject ended = sidecar(QFileInfo(log().csvPath()).fileName(), true);
    QString error;
    int unwritten = 0;
    QString sidecarError;
    m_writer.run([&](std::unique_ptr<SessionLog> &log) {
        if (!log->flush(&error))
            unwritten = log->unwrittenMarkers();
        log->writeSidecar(ended, &sidecarError);
        log->close();
    });
    if (unwritten > 0) {
        setProblem(Problem::Log,
            tr("%n marker(s) could not be written to the log before it closed: %1", nullptr, unwritten).arg(error));
    }
    setProblem(Problem::Sidecar, sidecarError);
}

void Session::setIntervalSeconds(double seconds)
{
    seconds = std::clamp(seconds, kMinInterval, kMaxInterval);
    if (std::abs(seconds - m_interval) < 1e-9)
        return;
    m_interval = seconds;
    m_timer.setInterval(int(std::lround(seconds * 1000)));
    for (MachineMonitor *m : std::as_const(m_machines))
        m->setHistorySpan(seconds, m_historySeconds);
    if (log().isOpen())
        writeSidecar();
    emit intervalChanged(seconds);
}

void Session::setHistorySeconds(double seconds)
{
    m_historySeconds = std::max(seconds, 1.0);
    for (MachineMonitor *m : std::as_const(m_machines))
        m->setHistorySpan(m_interval, m_historySeconds);
}

void Session::tick()
{
    // A machine still silent from the last tick does not hold the others back.
    if (m_frame.open)
        completeFrame();
    // A new log that could not be created for changed machines is tried again.
    if (m_machinesPending)
        applyMachineChanges();
    // Markers that could not be written wait for the log to take them, frame or no frame.
    if (log().isOpen() && log().unwrittenMarkers() > 0) {
        postLog(Problem::Log, [](SessionLog &log) {
            QString error;
            return log.flush(&error) ? QString() : error;
        });
    }
    m_frame = Frame();
    m_frame.tick = ++m_tick;
    m_frame.timeMs = QDateTime::currentMSecsSinceEpoch();
    m_frame.open = true;
    // Each machine answers before the next tick, with whatever its sources measured by then.
    const int deadline = std::max(50, int(m_interval * 800));
    for (MachineMonitor *m : std::as_const(m_machines)) {
        m_frame.waiting.insert(m);
        m->requestSample(m_frame.tick, m_frame.timeMs, deadline);
    }
}

void Session::onMachineSample(MachineMonitor *machine, quint64 tick, const Sample &sample)
{
    if (!m_frame.open || tick != m_frame.tick || !m_frame.waiting.remove(machine))
        return; // too late for its row, or added after the frame began
    ++m_frame.answers;
    if (!sample.isEmpty())
        m_frame.samples.insert(machine->info().id, sample);
    if (m_frame.waiting.isEmpty())
        completeFrame();
}

void Session::applyMachineChanges()
{
    m_machinesTimer.stop();
    if (m_continuing)
        return; // the next tick looks again
    if (!m_running || !log().isOpen() || !m_machinesPending) {
        m_machinesPending = false;
        return;
    }
    const LogLayout layout = layoutForMachines();
    if (layout.header() == log().layout().header()) {
        m_machinesPending = false;
        m_loggedMachines = machinesJson(); // their names and descriptions may have changed
        writeSidecar();
        return;
    }
    continueInNewLog(layout);
}

// The columns of a CSV cannot change after its header: recording goes on in a new file, created
// on the writer's thread. Until it can be created, the rows keep the columns the file has.
void Session::continueInNewLog(const LogLayout &layout)
{
    m_continuing = true;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QString dir = m_logDir;
    // The previous file's sidecar ends there; the new file holds every marker of the session as
    // it reads now, so it has the whole story alone.
    QJsonObject ending = sidecar(QFileInfo(log().csvPath()).fileName(), true);
    const QList<Marker> markers = m_markers.markers();
    struct Outcome
    {
        QString previous, next, error;
        bool created = false;
    };
    auto outcome = std::make_shared<Outcome>();
    m_writer.post(
        [dir, nowMs, layout, ending, markers, outcome](std::unique_ptr<SessionLog> &log) mutable {
            auto next = std::make_unique<SessionLog>();
            next->setLockWaitMs(100);
            if (!next->create(dir, nowMs, layout, &outcome->error))
                return;
            outcome->created = true;
            outcome->previous = log->csvPath();
            QString error;
            log->flush(&error); // a marker that cannot be written there now is in the new file
            ending.insert(QStringLiteral("continued_in"), QFileInfo(next->csvPath()).fileName());
            log->writeSidecar(ending, &error);
            log->close();
            log = std::move(next);
            outcome->error.clear();
            for (Marker marker : markers) {
                marker.recordedLabel = marker.label;
                if (!log->writeMarker(log->layout().markerRow(marker), &error))
                    outcome->error = error;
            }
            outcome->next = log->csvPath();
        },
        [this, nowMs, outcome] {
            m_continuing = false;
            if (!outcome->created) {
                setProblem(Problem::Log,
                    tr("The machines changed, but no log can be created for their columns, so recording goes on "
                       "in %1 with the columns it has: %2")
                        .arg(log().csvPath(), outcome->error));
                return;
            }
            onLogContinued(nowMs, outcome->previous, outcome->next);
            setProblem(Problem::Log, outcome->error);
        });
}

void Session::onLogContinued(qint64 startMs, const QString &previous, const QString &next)
{
    m_continuing = false;
    m_machinesPending = false;
    m_startMs = startMs;
    m_previousCsv = QFileInfo(previous).fileName();
    m_loggedMachines = machinesJson();
    // The new file's sidecar journal starts from the markers as they read now.
    m_markerChanges = QJsonArray();
    m_markers.rebaseRecordedLabels();
    setProblem(Problem::Log, QString());
    writeSidecar();
    // A change of machines made while the file was being created is looked at on the next tick.
    m_machinesPending = layoutForMachines().header() != log().layout().header();
    emit logContinued(previous, next);
}

void Session::completeFrame()
{
    m_frame.open = false;
    if (log().isOpen() && !m_frame.samples.isEmpty()) {
        postLog(Problem::Log, [timeMs = m_frame.timeMs, samples = m_frame.samples](SessionLog &log) {
            QString error;
            return log.write(log.layout().row(timeMs, samples), &error) ? QString() : error;
        });
    }
    emit frameCompleted(m_frame.timeMs);
}

void Session::postLog(Problem which, std::function<QString(SessionLog &log)> job)
{
    auto error = std::make_shared<std::optional<QString>>();
    m_writer.post(
        [error, job = std::move(job)](std::unique_ptr<SessionLog> &log) {
            if (log->isOpen())
                *error = job(*log);
        },
        [this, which, error] {
            if (*error)
                setProblem(which, **error);
        });
}

void Session::whenLogged(QObject *context, std::function<void()> then)
{
    m_writer.whenWritten(context, std::move(then));
}

void Session::setProblem(Problem which, const QString &error)
{
    (which == Problem::Log ? m_logError : m_sidecarError) = error;
    QStringList problems;
    for (const QString &p : { m_logError, m_sidecarError }) {
        if (!p.isEmpty())
            problems << p;
    }
    const QString combined = problems.join(u'\n');
    if (combined == m_error)
        return;
    m_error = combined;
    emit errorChanged(combined);
}

int Session::addMarker(qint64 timeMs, const QString &label, const QString &notes, const QString &machine)
{
    Marker marker;
    marker.timeMs = timeMs;
    marker.label = label;
    marker.notes = notes;
    marker.machine = machine;
    return m_markers.add(marker);
}

void Session::onMarkerAdded(const Marker &marker)
{
    if (!log().isOpen())
        return;
    postLog(Problem::Log, [marker](SessionLog &log) {
        QString error;
        return log.writeMarker(log.layout().markerRow(marker), &error) ? QString() : error;
    });
}

void Session::recordMarkerChange(const Marker &marker, const QString &action)
{
    QJsonObject change {
        { QStringLiteral("time"), LogTime::format(marker.timeMs) },
        { QStringLiteral("event"), marker.recordedLabel },
        { QStringLiteral("action"), action },
        { QStringLiteral("at"), LogTime::format(QDateTime::currentMSecsSinceEpoch()) },
    };
    // An edit, and a restore (an undone delete: the marker is back as it read when deleted).
    if (action != QLatin1String("delete")) {
        change.insert(QStringLiteral("new_event"), marker.label);
        change.insert(QStringLiteral("new_notes"), marker.notes);
    }
    m_markerChanges.append(change);
    if (log().isOpen())
        writeSidecar();
}

QJsonArray Session::machinesJson() const
{
    QJsonArray machines;
    for (int i = 0; i < m_machines.size(); ++i) {
        QJsonObject o = m_descriptions[i];
        o.insert(QStringLiteral("id"), m_machines[i]->info().id);
        o.insert(QStringLiteral("name"), m_machines[i]->info().name);
        machines.append(o);
    }
    return machines;
}

QJsonObject Session::sidecar(const QString &csvName, bool ended, const QString &continuedIn) const
{
    QJsonObject sidecar {
        { QStringLiteral("format"), QStringLiteral("perfdash-session") },
        { QStringLiteral("version"), 1 },
        { QStringLiteral("application"), QStringLiteral("perfdash " PERFDASH_VERSION) },
        { QStringLiteral("csv"), csvName },
        { QStringLiteral("started"), LogTime::format(m_startMs) },
        { QStringLiteral("ended"),
            ended ? QJsonValue(LogTime::format(QDateTime::currentMSecsSinceEpoch())) : QJsonValue() },
        { QStringLiteral("interval_s"), m_interval },
        { QStringLiteral("machines"), m_loggedMachines },
        { QStringLiteral("marker_changes"), m_markerChanges },
    };
    // A change of machines in the middle of a session links its log files.
    if (!m_previousCsv.isEmpty())
        sidecar.insert(QStringLiteral("continues"), m_previousCsv);
    if (!continuedIn.isEmpty())
        sidecar.insert(QStringLiteral("continued_in"), continuedIn);
    return sidecar;
}

void Session::writeSidecar()
{
    postLog(Problem::Sidecar, [object = sidecar(QString(), !m_running)](SessionLog &log) mutable {
        object.insert(QStringLiteral("csv"), QFileInfo(log.csvPath()).fileName());
        QString error;
        return log.writeSidecar(object, &error) ? QString() : error;
    });
}
