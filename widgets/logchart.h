#pragma once

#include "metric.h"
#include "viewclock.h"

#include <QColor>
#include <QList>
#include <QWidget>

#include <memory>
#include <optional>

class ChartCanvas;
class MarkerStore;
class QPainter;
class QTimer;
struct LogData;

// One line of a LogChart: a metric column of one machine of a loaded log.
struct LogChartLine
{
    int machine = 0;
    Metric metric = Metric::CpuPercent;
    QString name;
    QColor color;
    bool rightAxis = false;
};

// A time band shaded across a LogChart, e.g. an issue period.
struct LogChartShade
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    QColor color;
};

// A chart of a loaded session log (the Analysis tab): columns of LogData decimated to at most two
// points per pixel column over the visible range, shaded bands, markers as labelled lines. The range
// is set by showRange() (an issue row zooms to its period) and kept until the next call.
class LogChart : public QWidget
{
    Q_OBJECT
public:
    LogChart(const QString &title, const QString &unit, std::shared_ptr<const LogData> data,
        const QList<LogChartLine> &lines, QWidget *parent = nullptr);
    ~LogChart() override;

    QString title() const { return m_title; }
    QStringList lineNames() const;
    // The machines drawn (indices into LogData::machines, in line order, each once).
    QList<int> machines() const;
    // The clock of the time axis: the log's own UTC offset (its first row's) unless set otherwise;
    // its offset, or none for this computer's time zone.
    const ViewClock &clock() const { return m_clock; }
    void setClock(const ViewClock &clock);
    std::optional<int> timeOffset() const;
    // The snapshot rows [begin, end) drawn (the selected run).
    void setRows(qsizetype begin, qsizetype end);
    // A fixed value range (percent charts), or from 0 to the data's maximum when max <= min.
    void setValueRange(double min, double max);
    void setRightAxisTitle(const QString &title);
    // The clock labels under the plot (charts stacked on one range show them once); pictures always
    // have them.
    void setTimeLabelsVisible(bool visible);
    // The lane of marker labels above the plot (the lines stay); pictures always have it.
    void setMarkerLaneVisible(bool visible);
    // Lines up the plots of charts stacked on one time range: each pads its axes to the widest, and
    // to minLeft at least (room for the lane names of a timeline below them).
    static void alignPlots(const QList<LogChart *> &charts, qreal minLeft = 0);
    // Longer stretches without a sample are drawn as gaps.
    void setGapMs(qint64 ms);
    qint64 gapMs() const { return m_gapMs; }
    void setShades(const QList<LogChartShade> &shades);
    QList<LogChartShade> shades() const { return m_shades; }
    // Where the plot begins and ends, in this widget's x: a view below it can line up with it.
    QPair<int, int> plotEdges() const;
    void setMarkers(const MarkerStore *markers);

    void showRange(qint64 startMs, qint64 endMs);
    qint64 rangeStartMs() const { return m_startMs; }
    qint64 rangeEndMs() const { return m_endMs; }

    // The bands inside [fromMs, toMs], those of one color less than gapMs apart drawn as one (so a
    // day of short issues is a few hundred items, not tens of thousands). Bands in start order.
    static QList<LogChartShade> mergeShades(
        const QList<LogChartShade> &shades, qint64 fromMs, qint64 toMs, qint64 gapMs);

    void scheduleRefresh();
    // The time axis' labels, on the log's own clock.
    QStringList timeLabels() const;
    void refresh();
    qsizetype pointCount(int line) const;
    QStringList visibleMarkerLabels() const;
    ChartCanvas *canvas() const { return m_canvas; }
    void render(QPainter *painter, QSize size);

signals:
    // The plot area moved or changed width (alignPlots() again).
    void plotChanged();
    // The wheel over the plot asked to zoom in or out around a moment: the new range.
    void zoomRequested(qint64 startMs, qint64 endMs);
    void exportRequested(LogChart *chart);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString m_title;
    std::shared_ptr<const LogData> m_data;
    QList<LogChartLine> m_lines;
    ChartCanvas *m_canvas = nullptr;
    QTimer *m_refreshTimer = nullptr;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
    qint64 m_startMs = 0;
    qint64 m_endMs = 1;
    qint64 m_gapMs = 0;
    bool m_autoRange = true;
    QList<LogChartShade> m_shades;
    ViewClock m_clock;
};
