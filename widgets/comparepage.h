#pragma once

#include "analysisresult.h"
#include "jobtracker.h"
#include "metric.h"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <memory>

class CompareCharts;
class QComboBox;
class QLabel;

// The Compare tab: logs added (each machine of each log's latest run is one entry, so machines
// within one log compare too), read and analysed in worker threads, shown side by side as bars of
// average and maximum CPU, peak memory, average tokens/s and uptime %, and their time series
// overlaid from a common start. The charts are CompareCharts, the only part of the tab that knows Qt
// Charts.
class ComparePage : public QWidget
{
    Q_OBJECT
public:
    // The bars, in order: CPU avg, CPU max, memory max, tokens/s avg, uptime %.
    static constexpr int kBarCount = 5;

    struct Entry
    {
        QString label; // "machine (file)"
        MachineStatistics statistics;
        std::shared_ptr<const LogData> data;
        int machine = 0;
        qsizetype rowBegin = 0;
        qsizetype rowEnd = 0;
    };

    explicit ComparePage(QWidget *parent = nullptr);
    ~ComparePage() override;

    // Reads the log in the background and adds one entry per machine.
    void addLog(const QString &path);
    void clear();
    const QList<Entry> &entries() const { return m_entries; }
    int pendingLoads() const { return m_pending; }
    QString errorText() const;

    // An entry's bar values (NaN where not measured).
    static QList<double> barValues(const MachineStatistics &s);
    // The overlaid series of an entry: (seconds from its first sample, value), at most two points per
    // column of `columns`.
    static QList<QPointF> overlayPoints(const Entry &entry, Metric metric, int columns);
    Metric overlayMetric() const;
    void setOverlayMetric(Metric metric);
    // What the charts show now (for tests): bar sets and their values, overlay lines and their points.
    QList<QList<double>> shownBars() const;
    QList<QList<QPointF>> shownOverlay() const;
    const CompareCharts *charts() const { return m_charts; }

signals:
    void entriesChanged();

private:
    void chooseLogs();
    void rebuildCharts();

    QList<Entry> m_entries;
    int m_pending = 0;
    JobTracker m_jobs { this }; // the logs loading
    QLabel *m_banner = nullptr;
    QLabel *m_hint = nullptr;
    CompareCharts *m_charts = nullptr;
    QComboBox *m_metric = nullptr;
    QStringList m_errors;
};
