#pragma once

#include "clicktracker.h"

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPointF>

#include <optional>

class MarkerItem;
class MarkerLabelItem;
class MarkerStore;
struct Marker;
class QCategoryAxis;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;

// A time chart drawn by Qt Charts: the Analysis tab's charts (LogChart), and the pictures of the
// Live charts (TimeChart::render(); on screen those are a StripCanvas). A wall-clock axis, line
// series fed with one replace() per refresh, and the marker items. Everything Qt
// Charts-specific stays in here.
// From top to bottom: a header row (the title, then the legend), the marker lane (the markers'
// labels, only when there are markers), the plot with the markers' lines, the time axis. The
// colors follow the widget's palette, light or dark.
class ChartCanvas : public QChartView
{
    Q_OBJECT
public:
    explicit ChartCanvas(const QString &title, const QString &unit, QWidget *parent = nullptr);

    int addLine(const QString &name, const QColor &color, bool rightAxis = false);
    // Points in time order; a new stretch of line starts at each index in breaks (a gap).
    void setPoints(int line, const QList<QPointF> &points, const QList<qsizetype> &breaks = {});
    qsizetype pointCount(int line) const;
    void setTimeRange(qint64 startMs, qint64 endMs);
    // The clock of the time axis: a UTC offset in seconds (a log's own), or none for this
    // computer's time zone (the default).
    void setTimeOffset(std::optional<int> offsetSeconds);
    std::optional<int> timeOffset() const { return m_offset; }
    // The time axis' labels, left to right.
    QStringList timeLabels() const;
    void setValueRange(double min, double max);
    void setRightValueRange(double min, double max);
    void setRightAxisTitle(const QString &title);
    // The clock labels under the plot; charts stacked on one time range may show them only once.
    // Pictures always have them.
    void setTimeLabelsVisible(bool visible);
    // The marker lane (the lines stay); charts stacked on one time range may show it only once.
    // Pictures always have it.
    void setMarkerLaneVisible(bool visible);
    // Room the axes take beside the plot, left and right, without the padding below: stacked
    // charts pad theirs to the widest so their plots (and marker lines) line up.
    QPair<qreal, qreal> axisInsets() const;
    void setPlotPadding(qreal left, qreal right);
    // Shades these time ranges (ms since epoch) across the plot, e.g. when a server was down; in
    // colors[i] when given (a translucent color), else in red.
    void setShadedRanges(const QList<QPair<qint64, qint64>> &ranges, const QList<QColor> &colors = {});
    void setMarkers(const MarkerStore *markers);
    void relayoutMarkers();
    QStringList visibleMarkerLabels() const;
    // The boxes of the marker lane (labels, or counts of markers too close to label each).
    QList<MarkerLabelItem *> markerLabelItems() const { return m_labelItems; }
    // The header's title: the chart's, with any axis title too long for the plot's height.
    QString headerText() const;
    // Whether the chart has its size on screen (or for a picture): before that, points decimated to
    // its width would be wrong.
    bool isLaidOut() const;

    void renderTo(QPainter *painter, QSize size);
    QPoint positionOf(qint64 timeMs) const;
    int plotWidth() const;
    // The moment under a point of the view, when the point is inside the plot area.
    bool timeAt(const QPoint &pos, qint64 *timeMs) const;

signals:
    void hovered(qint64 timeMs, const QPoint &globalPos);
    void clicked(qint64 timeMs);
    // A box of the marker lane was clicked: the moments of its first and last marker.
    void markerLabelClicked(qint64 firstMs, qint64 lastMs);
    // The plot area changed width (points decimated for the old width need redoing) or moved.
    void plotWidthChanged();

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void addMarkerItem(const Marker &marker);
    void removeMarkerItem(int markerId);
    void relayoutShades();
    void applyPalette();
    // The space above the plot: the header row, and the lane when there are markers.
    void updateMargins();
    void layoutHeader();
    // As many value ticks as the plot's height has room for, and each axis title where it fits
    // whole: one that would be cut short goes into the header, after the title.
    void fitAxes();
    void layoutLabels();
    QString labelToolTip(const QList<MarkerItem *> &markers) const;
    MarkerLabelItem *labelAt(const QPoint &pos) const;
    QLineSeries *newSegment(const QString &name, const QColor &color, bool rightAxis);
    QList<QLineSeries *> allSeries() const;

    QChart *m_chart;
    QGraphicsSimpleTextItem *m_title;
    QString m_titleText;
    bool m_timeLabels = true;
    bool m_lane = true;
    qreal m_padLeft = 0;
    qreal m_padRight = 0;
    QCategoryAxis *m_timeAxis;
    std::optional<int> m_offset;
    QList<qint64> m_tickTimes; // of the labels on the axis now
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    QValueAxis *m_valueAxis;
    QValueAxis *m_rightAxis = nullptr;
    QList<QPair<qint64, qint64>> m_shaded;
    QList<QGraphicsRectItem *> m_shadeItems;
    QList<QLineSeries *> m_lines;           // the first stretch of each line, with its legend entry
    QList<QList<QLineSeries *>> m_segments; // the stretches after gaps
    QHash<int, MarkerItem *> m_markerItems;
    QList<MarkerLabelItem *> m_labelItems;
    const MarkerStore *m_markers = nullptr;
    qreal m_plotWidth = 0;
    qreal m_plotLeft = 0;
    int m_headerHeight = 0;
    int m_laneHeight = 0;
    ClickTracker m_click;
    bool m_rendering = false; // in renderTo(): the ticks of a picture
};
