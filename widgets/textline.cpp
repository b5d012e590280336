#include "textline.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

TextLine::TextLine(QWidget *parent)
    : QWidget(parent)
{
    m_shown.setTextFormat(Qt::PlainText);
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
    painter.drawStaticText(QPointF(0, (height() - m_shown.size().height()) / 2), m_shown);
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
    // Laid out once per change of text, width or font, not on every paint; measured again only
    // when the whole text does not fit.
    const bool wasElided = m_shown.text() != m_text;
    m_shown.setText(m_text);
    m_shown.prepare(QTransform(), font());
    if (m_shown.size().width() > width()) {
        m_shown.setText(fontMetrics().elidedText(m_text, Qt::ElideRight, width()));
        m_shown.prepare(QTransform(), font());
    }
    const bool elided = m_shown.text() != m_text;
    if (elided || wasElided)
        setToolTip(elided ? m_text : QString());
}
