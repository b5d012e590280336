#pragma once

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPointF>

#include <optional>

class MarkerItem;
class MarkerStore;
struct Marker;
class QCategoryAxis;
class QGraphicsRectItem;
class QLineSeries;
class QValueAxis;

// The Qt Charts part of a TimeChart: a chart with a wall-clock axis, line series fed with one
// replace() per refresh, and the marker items. Everything Qt Charts-specific stays in here.
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
    // Shades these time ranges (ms since epoch) across the plot, e.g. when a server was down; in
    // colors[i] when given (a translucent color), else in red.
    void setShadedRanges(const QList<QPair<qint64, qint64>> &ranges, const QList<QColor> &colors = {});
    void setMarkers(const MarkerStore *markers);
    void relayoutMarkers();
    QStringList visibleMarkerLabels() const;

    void renderTo(QPainter *painter, QSize size);
    QPoint positionOf(qint64 timeMs) const;
    int plotWidth() const;
    // The moment under a point of the view, when the point is inside the plot area.
    bool timeAt(const QPoint &pos, qint64 *timeMs) const;

signals:
    void hovered(qint64 timeMs, const QPoint &globalPos);
    void clicked(qint64 timeMs);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void addMarkerItem(const Marker &marker);
    void removeMarkerItem(int markerId);
    void relayoutShades();
    QLineSeries *newSegment(const QString &name, const QColor &color, bool rightAxis);
    QList<QLineSeries *> allSeries() const;

    QChart *m_chart;
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
    const MarkerStore *m_markers = nullptr;
    QPoint m_pressPos;
    bool m_pressed = false;
    bool m_rendering = false; // in renderTo(): the ticks of a picture
};
