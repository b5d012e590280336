#pragma once

#include "logwriter.h"
#include "machinemonitor.h"
#include "markerstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

// A recording session: the monitored machines, one frame timer that samples them together, the
// markers, and the log they are all written to. Used alike by the window and the headless logger.
// Machines can be added, removed and reordered while it runs; the others go on untouched, with
// their history. When that changes the log's columns, recording continues in a new log file.
class Session : public QObject
{
    Q_OBJECT
public:
    static constexpr double kMinInterval = 0.1;
    static constexpr double kMaxInterval = 60.0;

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    // Adds a machine; the session owns it. Added while running, it is sampled from the next frame.
    MachineMonitor *addMachine(const MachineInfo &info, const QJsonObject &description = {});
    // Removes a machine and deletes it, after machineAboutToBeRemoved() (let go of it there).
    void removeMachine(MachineMonitor *machine);
    // Moves a machine to position `index` (the order of the charts and of the log's columns).
    void moveMachine(MachineMonitor *machine, int index);
    const QList<MachineMonitor *> &machines() const { return m_machines; }
    MarkerStore *markers() { return &m_markers; }
    const MarkerStore *markers() const { return &m_markers; }
    // The log as last written (a copy: the writing happens on the log writer's thread).
    const LogStatus &log() const { return m_writer.status(); }
    QThread *samplingThread() { return &m_samplingThread; }

    // Opens a new log in logDir and starts sampling. Without a log (empty logDir) it only samples.
    bool start(const QString &logDir, QString *error);
    // Writes the frame in progress, notes the end in the sidecar and stops sampling.
    void stop();
    bool isRunning() const { return m_running; }

    double intervalSeconds() const { return m_interval; }
    // Clamped to 0.1 .. 60 s.
    void setIntervalSeconds(double seconds);
    // How much history each machine keeps for the charts (default: a day).
    void setHistorySeconds(double seconds);

    // Stores a marker; it is written to the log at once, on the writer's thread.
    int addMarker(qint64 timeMs, const QString &label, const QString &notes, const QString &machine = {});
    // Calls `then` on this thread once everything handed to the log so far is written (or kept in
    // memory because it could not be) and log() says so; not if `context` is gone by then.
    void whenLogged(QObject *context, std::function<void()> then);
    // Waits for the log writer: for the tests, which read the file the session writes.
    void syncLog() { m_writer.sync(); }

    QString lastError() const { return m_error; }

signals:
    // A frame (one row of the log) is complete; the charts redraw on it.
    void frameCompleted(qint64 timeMs);
    // A problem writing the log, or an empty string when writing works again.
    void errorChanged(const QString &error);
    void intervalChanged(double seconds);
    void machineAdded(MachineMonitor *machine);
    // The machine is still whole; it is deleted when this returns.
    void machineAboutToBeRemoved(MachineMonitor *machine);
    // After every addMachine(), removeMachine() and moveMachine().
    void machinesChanged();
    // The machines changed the log's columns: recording went on in a new file (with the session's
    // markers), and the previous one ended. Paths as in log().csvPath().
    void logContinued(const QString &previousCsvPath, const QString &csvPath);

private:
    struct Frame
    {
        quint64 tick = 0;
        qint64 timeMs = 0;
        QHash<QString, Sample> samples;
        QSet<const MachineMonitor *> waiting; // asked for this frame and not answered yet
        int answers = 0;
        bool open = false;
    };

    void tick();
    void onMachineSample(MachineMonitor *machine, quint64 tick, const Sample &sample);
    void completeFrame();
    // The sidecar of the log named csvName (a file name), as the session stands now.
    QJsonObject sidecar(const QString &csvName, bool ended, const QString &continuedIn = {}) const;
    void writeSidecar();
    // Runs `job` on the log's thread; the error it returns (empty: none) becomes the problem `which`.
    enum class Problem { Log, Sidecar };
    void postLog(Problem which, std::function<QString(SessionLog &log)> job);
    void continueInNewLog(const LogLayout &layout);
    void onLogContinued(qint64 startMs, const QString &previous, const QString &next);
    void setProblem(Problem which, const QString &error);
    // A log whose columns no longer fit the machines goes on in a new file; the sidecar follows
    // the machines' names and descriptions.
    void applyMachineChanges();
    LogLayout layoutForMachines() const;
    QJsonArray machinesJson() const;
    void onMarkerAdded(const Marker &marker);
    void recordMarkerChange(const Marker &marker, const QString &action);

    QThread m_samplingThread;
    QTimer m_timer;
    QTimer m_machinesTimer; // applies a batch of machine changes once, on the next turn of the loop
    QList<MachineMonitor *> m_machines;
    QList<QJsonObject> m_descriptions;
    MarkerStore m_markers;
    LogWriter m_writer;
    QString m_logDir;
    QString m_previousCsv;       // the file this log continues, after a change of machines
    QJsonArray m_loggedMachines; // the machines of the log's columns, for its sidecar
    bool m_machinesPending = false;
    bool m_continuing = false; // a new log for changed machines is being created
    QJsonArray m_markerChanges;
    Frame m_frame;
    quint64 m_tick = 0;
    double m_interval = 1.0;
    double m_historySeconds = 86400.0;
    qint64 m_startMs = 0;
    QString m_logError;
    QString m_sidecarError;
    QString m_error;
    bool m_running = false;
};
