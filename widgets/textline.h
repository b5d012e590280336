#pragma once

#include <QColor>
#include <QStaticText>
#include <QString>
#include <QWidget>

// One line of text that changes often (a machine's latest values, the status bar's row count):
// setText() only repaints it. A QLabel asks its layout to be done again on every change of its
// text, and the window would lay out its panels once a second (bench/window_vs_btop). Elided at
// the right when it does not fit; the whole text is its tooltip then.
class TextLine : public QWidget
{
    Q_OBJECT
public:
    explicit TextLine(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    // The colour of the text; an invalid colour (the default) is the palette's window text.
    void setColor(const QColor &color);
    QColor color() const { return m_color; }
    // The width it asks for, in average characters (60 unless set).
    void setWidthInCharacters(int characters);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void elide();

    QString m_text;
    QColor m_color;
    int m_characters = 60;
    QStaticText m_shown; // m_text as it fits the width, laid out
};
