#include "markeritem.h"

#include <QChart>
#include <QPainter>

MarkerItem::MarkerItem(QChart *chart, int markerId, qint64 timeMs, QString label, QString notes)
    : QGraphicsItem(chart)
    , m_chart(chart)
    , m_markerId(markerId)
    , m_timeMs(timeMs)
    , m_label(std::move(label))
    , m_notes(std::move(notes))
    , m_color(0xd9, 0x4f, 0x00)
{
    setZValue(20);
    updateGeometry();
}

void MarkerItem::setText(const QString &label, const QString &notes)
{
    m_label = label;
    m_notes = notes;
}

void MarkerItem::setColor(const QColor &color)
{
    m_color = color;
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

QRectF MarkerItem::boundingRect() const
{
    return { m_x - 1, m_plot.top(), 2, m_plot.height() };
}

void MarkerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem * /*option*/, QWidget * /*widget*/)
{
    painter->save();
    QPen pen(m_color, 1, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawLine(QPointF(m_x, m_plot.top()), QPointF(m_x, m_plot.bottom()));
    painter->restore();
}
