#include "textline.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

TextLine::TextLine(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void TextLine::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    elide();
    update();
}

void TextLine::setColor(const QColor &color)
{
    if (color == m_color)
        return;
    m_color = color;
    update();
}

void TextLine::setWidthInCharacters(int characters)
{
    m_characters = characters;
    updateGeometry();
}

QSize TextLine::sizeHint() const
{
    // A width for about 60 characters: the layout gives it what the row has left.
    const QFontMetrics fm(font());
    return { fm.averageCharWidth() * m_characters, fm.height() + 2 };
}

QSize TextLine::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return { fm.averageCharWidth() * 8, fm.height() + 2 };
}

void TextLine::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(m_color.isValid()
            ? m_color
            : palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    painter.drawText(rect(), int(Qt::AlignLeft | Qt::AlignVCenter) | int(Qt::TextSingleLine), m_shown);
}

void TextLine::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elide();
}

void TextLine::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        updateGeometry();
        elide();
    }
}

void TextLine::elide()
{
    // Measured once per change of text, width or font, not on every paint.
    const bool wasElided = m_shown != m_text;
    m_shown = fontMetrics().elidedText(m_text, Qt::ElideRight, width());
    const bool elided = m_shown != m_text;
    if (elided || wasElided)
        setToolTip(elided ? m_text : QString());
}
