#pragma once

#include <QList>
#include <QWidget>

class MachineMonitor;
class MarkerStore;
class QHBoxLayout;
class QLabel;
class TextLine;
class QPushButton;
class TimeChart;
struct Sample;
struct ConnectionState;
struct ServerState;

// One machine on the dashboard: its name and state, the latest values, and its live charts —
// CPU and memory where they are measured, tokens per second with requests in flight where a model
// server is checked, its downtime shaded; GPU use and memory once the machine reports a GPU.
class MachinePanel : public QWidget
{
    Q_OBJECT
public:
    MachinePanel(MachineMonitor *machine, const MarkerStore *markers, QWidget *parent = nullptr);

    MachineMonitor *machine() const { return m_machine; }
    const QList<TimeChart *> &charts() const { return m_charts; }
    QString serverBadgeText() const;
    // The SSH connection's state and the last sample's latency; empty without SSH.
    QString connectionText() const;

private:
    // The constructor's parts: the row of the name, the server badge, the connection and the values;
    // the machine's charts (in m_charts), by what it measures.
    QHBoxLayout *buildHeader();
    void addCharts();
    void onSample(const Sample &sample);
    void onError(const QString &error);
    void updateErrorVisibility();
    void onServerState(const ServerState &state);
    void onConnectionState(const ConnectionState &state);

    MachineMonitor *m_machine;
    QList<TimeChart *> m_charts;
    TextLine *m_values; // changes every sample: a line that repaints, not a label that re-lays out
    QLabel *m_state;
    QLabel *m_badge = nullptr;
    TextLine *m_connection;
    QPushButton *m_reconnect;        // shown while the SSH connection failed or waits to reconnect
    TimeChart *m_gpuChart = nullptr; // SSH machines: hidden until a GPU value arrives
};
