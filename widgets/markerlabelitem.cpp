#include "markerlabelitem.h"

#include <QPainter>

MarkerLabelItem::MarkerLabelItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    setZValue(20);
}

void MarkerLabelItem::setBox(const QRectF &rect, const QString &text, const QString &fullText)
{
    if (rect == m_rect && text == m_text && fullText == m_fullText)
        return;
    prepareGeometryChange();
    m_rect = rect;
    m_text = text;
    m_fullText = fullText;
    update();
}

void MarkerLabelItem::setMarkers(int count, qint64 firstMs, qint64 lastMs)
{
    m_count = count;
    m_firstMs = firstMs;
    m_lastMs = lastMs;
}

void MarkerLabelItem::setColors(const QColor &background, const QColor &foreground)
{
    m_background = background;
    m_foreground = foreground;
    update();
}

QRectF MarkerLabelItem::boundingRect() const
{
    return m_rect;
}

void MarkerLabelItem::paint(QPainter *painter, const QStyleOptionGraphicsItem * /*option*/, QWidget * /*widget*/)
{
    painter->save();
    // A merged box is filled with the marker color, a label only outlined: the counts stand out.
    const bool merged = m_count > 1;
    painter->setPen(QPen(m_foreground, 1));
    painter->setBrush(merged ? m_foreground : m_background);
    painter->drawRect(m_rect.adjusted(0.5, 0.5, -0.5, -0.5));
    painter->setPen(merged ? m_background : m_foreground);
    painter->drawText(m_rect, Qt::AlignCenter, m_text);
    painter->restore();
}
