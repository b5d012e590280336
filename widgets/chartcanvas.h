#pragma once

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPointF>

class MarkerItem;
class MarkerStore;
struct Marker;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// The Qt Charts part of a TimeChart: a chart with a wall-clock axis, line series fed with one
// replace() per refresh, and the marker items. Everything Qt Charts-specific stays in here.
class ChartCanvas : public QChartView
{
    Q_OBJECT
public:
    explicit ChartCanvas(const QString &title, const QString &unit, QWidget *parent = nullptr);

    int addLine(const QString &name, const QColor &color);
    void setPoints(int line, const QList<QPointF> &points);
    qsizetype pointCount(int line) const;
    void setTimeRange(qint64 startMs, qint64 endMs);
    void setValueRange(double min, double max);
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

    QChart *m_chart;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    QList<QLineSeries *> m_lines;
    QHash<int, MarkerItem *> m_markerItems;
    const MarkerStore *m_markers = nullptr;
    QPoint m_pressPos;
    bool m_pressed = false;
};
