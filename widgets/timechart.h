#pragma once

#include "chartscale.h"
#include "chartseries.h"

#include <QList>
#include <QWidget>

class StripCanvas;
class MarkerStore;
class QPainter;
class QTimer;

// A live time chart: some series of machine histories against wall-clock time, the session's
// markers as labelled vertical lines, a value on hover, and a click to mark a moment. It shows the
// last `window` of time up to now, unless paused. Redraws are coalesced: scheduleRefresh() as often
// as you like, the chart redraws at most every 40 ms, with at most two points per pixel column.
// On screen it is a StripCanvas (QPainter); render() draws a picture with a ChartCanvas (Qt Charts)
// made for it, as finished as the Analysis tab's charts.
class TimeChart : public QWidget
{
    Q_OBJECT
public:
    explicit TimeChart(const QString &title, const QString &unit, QWidget *parent = nullptr);
    ~TimeChart() override;

    QString title() const { return m_title; }
    void addSeries(const ChartSeries &series);
    void setMarkers(const MarkerStore *markers);
    // The value axis: a fixed range (percent charts), or from 0 to the data's maximum when max <= min.
    void setValueRange(double min, double max);
    void setRightAxisTitle(const QString &title);
    // The sampling interval: longer stretches without a sample are drawn as gaps.
    void setSampleInterval(double seconds);
    // Shades the stretches where this history's server_up is 0.
    void setDowntimeSource(const History *history);

    void setWindowMs(qint64 ms);
    qint64 windowMs() const { return m_windowMs; }
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // The visible time range (ms since epoch).
    qint64 rangeStartMs() const;
    qint64 rangeEndMs() const { return m_endMs; }
    // Fixes the range shown (used by the paused view and by tests); refresh() then keeps it.
    void showRange(qint64 startMs, qint64 endMs);

    void scheduleRefresh();
    // Decimates the visible part of every series and pushes it to the chart, now.
    void refresh();
    // Points currently handed to the chart for series i (for benchmarks and tests).
    qsizetype pointCount(int series) const;

    // Draws the chart with axes, legend and markers into a size x size picture.
    void render(QPainter *painter, QSize size);
    // The point in widget coordinates of a moment at the bottom of the plot area (tests click it).
    QPoint positionOf(qint64 timeMs) const;
    // The labels of the markers drawn in the visible range.
    QStringList visibleMarkerLabels() const;
    // The tooltip over the plot at a moment: that sample's time and each line's value, or nothing
    // when no sample is that close.
    QString hoverText(qint64 timeMs) const;
    // What is on screen (tests look into it).
    StripCanvas *canvas() const { return m_canvas; }

signals:
    // The person clicked the plot at this moment.
    void clicked(qint64 timeMs);
    void exportRequested(TimeChart *chart);
    // A box of the marker lane was clicked: the moments of its first and last marker.
    void markerLabelClicked(qint64 firstMs, qint64 lastMs);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onHover(qint64 timeMs, const QPoint &globalPos);
    bool isOnScreen() const;

    QString m_title;
    QString m_unit;
    QList<ChartSeries> m_series;
    StripCanvas *m_canvas = nullptr;
    const MarkerStore *m_markers = nullptr;
    QString m_rightTitle;
    // What the last refresh handed to the canvas, for pictures (render()).
    QList<ChartScale::Line> m_lines;
    QList<QPair<qint64, qint64>> m_shaded;
    double m_valueMin = 0;
    double m_valueMax = 10;
    QTimer *m_refreshTimer = nullptr;
    bool m_stale = false; // data came while it could not be seen
    qint64 m_windowMs = 60'000;
    qint64 m_endMs = 0;
    bool m_paused = false;
    bool m_fixedRange = false;
    bool m_autoRange = true;
    qint64 m_gapMs = 3250;
    const History *m_downtime = nullptr;
};
