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
#include <QThread>
#include <QTimer>

// A recording session: the monitored machines, one frame timer that samples them together, the
// markers, and the log they are all written to. Used alike by the window and the headless logger.
class Session : public QObject
{
    Q_OBJECT
public:
    static constexpr double kMinInterval = 0.1;
    static constexpr double kMaxInterval = 60.0;

    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    // Adds a machine before start(); the session owns it.
    MachineMonitor *addMachine(const MachineInfo &info, const QJsonObject &description = {});
    const QList<MachineMonitor *> &machines() const { return m_machines; }
    MarkerStore *markers() { return &m_markers; }
    const MarkerStore *markers() const { return &m_markers; }
    const SessionLog &log() const { return m_log; }
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

private:
    struct Frame
    {
        quint64 tick = 0;
        qint64 timeMs = 0;
        QHash<QString, Sample> samples;
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
    void onMarkerAdded(const Marker &marker);
    void recordMarkerChange(const Marker &marker, const QString &action);

    QThread m_samplingThread;
    QTimer m_timer;
    QList<MachineMonitor *> m_machines;
    QList<QJsonObject> m_descriptions;
    MarkerStore m_markers;
    SessionLog m_log;
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
