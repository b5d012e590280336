#pragma once

#include "metric.h"
#include "timechart.h" // complete for the signals' QList<TimeChart *>

#include <QList>
#include <QWidget>

class FleetTableModel;
class MachineMonitor;
class MachinePanel;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QScrollArea;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTableView;
class QTimer;
class Session;
class SparklineDelegate;

// A fleet of hundreds of machines on one page (issue 15): a combined chart of the top N machines by
// a metric, the sortable table of every machine with a sparkline in each value cell, and, for the
// row clicked, that machine's own charts (its MachinePanel) below. Only the top N and the one
// machine have charts: the table's cells read the histories as they are painted. The top N are
// chosen again at most every few seconds, and the chart made anew only when they change.
class FleetView : public QWidget
{
    Q_OBJECT
public:
    FleetView(Session *session, QWidget *parent = nullptr);
    ~FleetView() override;

    // The charts it shows now (the top N, the clicked machine's), for the window to refresh and
    // configure like its other charts.
    QList<TimeChart *> charts() const;
    QTableView *table() const { return m_table; }
    SparklineDelegate *sparklines() const { return m_sparklines; }
    // The machines on the top chart, in rank order.
    QList<MachineMonitor *> topMachines() const { return m_top; }
    // The machine whose charts are shown, or null.
    MachineMonitor *shownMachine() const;
    void setTopCount(int n);
    void setTopMetric(Metric metric);
    // Shows a machine's charts below the table (a click on its row does it).
    void showMachine(MachineMonitor *machine);

signals:
    // Charts made since (a new top N, a machine clicked): the window sets their range and pause.
    void chartsAdded(const QList<TimeChart *> &charts);
    // Marker and export requests from any of its charts.
    void chartClicked(qint64 timeMs);
    void exportRequested(TimeChart *chart);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void createControls();
    void onFrame();
    void updateTop(bool force);
    void rebuildTopChart();
    void onMachineAboutToBeRemoved(MachineMonitor *machine);
    void adoptChart(TimeChart *chart);

    Session *m_session;
    FleetTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    SparklineDelegate *m_sparklines;
    QTableView *m_table;
    QTimer *m_topTimer;
    QSpinBox *m_topCount;
    QComboBox *m_topMetric;
    QLineEdit *m_filter;
    QLabel *m_summary;
    QSplitter *m_splitter;
    QWidget *m_topHolder;
    TimeChart *m_topChart = nullptr;
    QScrollArea *m_detail;
    MachinePanel *m_panel = nullptr;
    QList<MachineMonitor *> m_top;
    qint64 m_topChosenMs = 0;
    bool m_topStale = false; // hidden when the top N were to be chosen
};
