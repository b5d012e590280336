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
    qreal x() const { return m_x; }
    // The label's box on the given row (0 = top of the plot); rows keep close labels apart.
    QRectF labelRect(int row) const;
    void setLabelRow(int row);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QChart *m_chart;
    int m_markerId;
    qint64 m_timeMs;
    QString m_label;
    QRectF m_plot;
    qreal m_x = 0;
    int m_row = 0;
};
