#include "markeritem.h"

#include <QChart>
#include <QFontMetricsF>
#include <QPainter>
#include <QValueAxis>

namespace {
const QColor kMarkerColor(0xd9, 0x4f, 0x00);
}

MarkerItem::MarkerItem(QChart *chart, int markerId, qint64 timeMs, const QString &label)
    : QGraphicsItem(chart)
    , m_chart(chart)
    , m_markerId(markerId)
    , m_timeMs(timeMs)
    , m_label(label)
{
    setZValue(20);
    updateGeometry();
}

void MarkerItem::setLabel(const QString &label)
{
    m_label = label;
    prepareGeometryChange();
    update();
}

void MarkerItem::updateGeometry()
{
    prepareGeometryChange();
    m_plot = m_chart->plotArea();
    const QList<QAbstractSeries *> series = m_chart->series();
    if (series.isEmpty()) {
        setVisible(false);
        return;
    }
    m_x = m_chart->mapToPosition(QPointF(double(m_timeMs), 0), series.first()).x();
    setVisible(m_x >= m_plot.left() - 0.5 && m_x <= m_plot.right() + 0.5);
    update();
}

QRectF MarkerItem::labelRect(int row) const
{
    const QFontMetricsF fm(m_chart->font());
    QRectF box(m_x + 2, m_plot.top() + 2 + row * (fm.height() + 4), fm.horizontalAdvance(m_label) + 6, fm.height() + 2);
    // Keep the label inside the plot: flip it to the left of the line near the right edge.
    if (box.right() > m_plot.right())
        box.moveRight(m_x - 2);
    return box;
}

void MarkerItem::setLabelRow(int row)
{
    if (row == m_row)
        return;
    prepareGeometryChange();
    m_row = row;
    update();
}

QRectF MarkerItem::boundingRect() const
{
    const QRectF label = m_label.isEmpty() ? QRectF() : labelRect(m_row);
    return QRectF(m_x - 2, m_plot.top(), 4, m_plot.height()).united(label);
}

void MarkerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->save();
    QPen pen(kMarkerColor, 1.5, Qt::DashLine);
    painter->setPen(pen);
    painter->drawLine(QPointF(m_x, m_plot.top()), QPointF(m_x, m_plot.bottom()));
    if (!m_label.isEmpty()) {
        const QRectF box = labelRect(m_row);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 255, 255, 225));
        painter->drawRect(box);
        painter->setPen(kMarkerColor);
        painter->drawText(box, Qt::AlignCenter, m_label);
    }
    painter->restore();
}
