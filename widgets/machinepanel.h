#pragma once

#include <QList>
#include <QWidget>

class MachineMonitor;
class MarkerStore;
class QLabel;
class TimeChart;
struct Sample;

// One machine on the dashboard: its name and state, the latest values, and its live charts.
class MachinePanel : public QWidget
{
    Q_OBJECT
public:
    MachinePanel(MachineMonitor *machine, const MarkerStore *markers, QWidget *parent = nullptr);

    MachineMonitor *machine() const { return m_machine; }
    const QList<TimeChart *> &charts() const { return m_charts; }

private:
    void onSample(const Sample &sample);
    void onError(const QString &error);

    MachineMonitor *m_machine;
    QList<TimeChart *> m_charts;
    QLabel *m_values;
    QLabel *m_state;
};
