#pragma once

#include "machinemonitor.h"
#include "markerstore.h"
#include "sessionlog.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

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
    const SessionLog &log() const { return *m_log; }
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

    // Stores a marker; it is written to the log at once.
    int addMarker(qint64 timeMs, const QString &label, const QString &notes, const QString &machine = {});

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
    void writeRow(const QByteArray &row);
    void writeSidecar();
    enum class Problem { Log, Sidecar };
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
    std::unique_ptr<SessionLog> m_log;
    QString m_logDir;
    QString m_previousCsv;       // the file this log continues, after a change of machines
    QString m_continuedIn;       // the file this log goes on in, while it is being closed
    QJsonArray m_loggedMachines; // the machines of the log's columns, for its sidecar
    bool m_machinesPending = false;
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
