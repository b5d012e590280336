#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QString>

// A box in a chart's marker lane, above the plot: one marker's label, or the count of markers too
// close to label each ("3 markers"). Its tooltip names every marker in it with its notes. Its
// rectangle is all it draws: tests check that no two boxes and no box and the plot overlap.
class MarkerLabelItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 21 };

    explicit MarkerLabelItem(QGraphicsItem *parent);

    int type() const override { return Type; }
    // The box in the parent's coordinates, the text shown (elided to fit) and the full text.
    void setBox(const QRectF &rect, const QString &text, const QString &fullText);
    QString text() const { return m_text; }
    QString fullText() const { return m_fullText; }
    int markerCount() const { return m_count; }
    // The moments of its first and last marker (a click zooms to them).
    void setMarkers(int count, qint64 firstMs, qint64 lastMs);
    qint64 firstMs() const { return m_firstMs; }
    qint64 lastMs() const { return m_lastMs; }
    void setColors(const QColor &background, const QColor &foreground);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QRectF m_rect;
    QString m_text;
    QString m_fullText;
    int m_count = 1;
    qint64 m_firstMs = 0;
    qint64 m_lastMs = 0;
    QColor m_background = Qt::white;
    QColor m_foreground = Qt::black;
};
