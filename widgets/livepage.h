#pragma once

#include "timechart.h" // complete for the signals' QList<TimeChart *>

#include <QHash>
#include <QList>
#include <QWidget>

class ConnectionPrompt;
class FleetView;
class MachineMonitor;
class MachinePanel;
class QStackedWidget;
class QVBoxLayout;
class Session;

// The Live tab: a panel per machine with their charts, and the CPU of all on one chart above them.
// A fleet (more than FleetThreshold machines, e.g. a Prometheus server's targets) gets no panel
// each: the tab shows the fleet view instead (the top N chart, the table with sparklines, the
// charts of the machine clicked). Otherwise the fleet view is the page fleetPage(), which the
// window shows as a tab of its own and hides while the Live tab shows the fleet.
class LivePage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int FleetThreshold = 12;

    LivePage(Session *session, QWidget *parent = nullptr);

    QList<TimeChart *> charts() const;
    const QList<MachinePanel *> &panels() const { return m_panels; }
    FleetView *fleetView() const { return m_fleet; }
    QWidget *fleetPage() const { return m_fleetPage; }
    bool isFleet() const { return m_isFleet; }

signals:
    // Charts made since (new machines, a new comparison, the fleet view's): the window sets their
    // range, interval and pause.
    void chartsAdded(const QList<TimeChart *> &charts);
    void chartClicked(qint64 timeMs);
    void exportRequested(TimeChart *chart);
    void fleetChanged(bool fleet);

private:
    void sync();
    void onMachineAboutToBeRemoved(MachineMonitor *machine);
    void clearPanels();
    void adoptChart(TimeChart *chart);

    Session *m_session;
    QStackedWidget *m_stack;
    QWidget *m_pages;
    QVBoxLayout *m_pagesLayout;
    FleetView *m_fleet;
    QWidget *m_fleetPage;
    QList<MachinePanel *> m_panels;
    QHash<MachineMonitor *, ConnectionPrompt *> m_prompts; // one per machine, asking in the window
    TimeChart *m_comparison = nullptr;                     // every machine's CPU on one chart; null with one machine
    bool m_isFleet = false;
};
