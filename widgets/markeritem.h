#pragma once

#include <QGraphicsItem>
#include <QString>

class QChart;

// A marker on a chart: a vertical line across the plot area at the marked moment, with its label
// at the top. Placed by the chart's own mapping, so it follows zooms, scrolls and resizes.
class MarkerItem : public QGraphicsItem
{
public:
    MarkerItem(QChart *chart, int markerId, qint64 timeMs, const QString &label);

    int markerId() const { return m_markerId; }
    QString label() const { return m_label; }
    void setLabel(const QString &label);
    // Recomputes the position from the chart's current plot area and axis range.
    void updateGeometry();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QChart *m_chart;
    int m_markerId;
    qint64 m_timeMs;
    QString m_label;
    QRectF m_plot;
    qreal m_x = 0;
};
