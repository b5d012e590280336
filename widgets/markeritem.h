#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QString>

class QChart;

// A marker on a chart: a thin vertical line across the plot area at the marked moment. Placed by
// the chart's own mapping, so it follows zooms, scrolls and resizes. Its label is drawn by the
// chart's marker lane above the plot (MarkerLabelItem), never over the data.
class MarkerItem : public QGraphicsItem
{
public:
    MarkerItem(QChart *chart, int markerId, qint64 timeMs, QString label, QString notes);

    int markerId() const { return m_markerId; }
    qint64 timeMs() const { return m_timeMs; }
    QString label() const { return m_label; }
    QString notes() const { return m_notes; }
    void setText(const QString &label, const QString &notes);
    void setColor(const QColor &color);
    // Recomputes the position from the chart's current plot area and axis range.
    void updateGeometry();
    qreal x() const { return m_x; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QChart *m_chart;
    int m_markerId;
    qint64 m_timeMs;
    QString m_label;
    QString m_notes;
    QColor m_color;
    QRectF m_plot;
    qreal m_x = 0;
};
