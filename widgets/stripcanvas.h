#pragma once

#include "charttheme.h"
#include "clicktracker.h"

#include <QHash>
#include <QList>
#include <QPixmap>
#include <QPointF>
#include <QPolygonF>
#include <QStaticText>
#include <QWidget>

class MarkerStore;
struct Marker;

// The on-screen part of a live TimeChart, drawn with QPainter: it is drawn again every sample, and
// Qt Charts spent most of the window's CPU on it (bench/window_vs_btop). The same picture as a
// ChartCanvas (which still draws the exported pictures): from top to bottom a header row (the
// title, then the legend), the marker lane (the markers' labels, only when there are markers), the
// plot with the markers' dashed lines, the time axis at round times (TimeTicks); the value axis at
// the left, and a second one at the right for lines that ask for it. Text is laid out once
// (QStaticText) and again only when it changes; a paint maps the points and draws.
class StripCanvas : public QWidget
{
    Q_OBJECT
public:
    // A box of the marker lane: a label, or a count of markers too close to label each.
    struct LabelBox
    {
        QRectF rect;
        QString text;     // as shown (elided)
        QString fullText; // the label, or "3 markers"
        int first = 0;    // index of its first marker among the visible ones
        int count = 1;
        qint64 firstMs = 0;
        qint64 lastMs = 0;
    };

    explicit StripCanvas(const QString &title, const QString &unit, QWidget *parent = nullptr);

    int addLine(const QString &name, const QColor &color, bool rightAxis = false);
    // Points (x: ms since epoch) in time order; a new stretch of line starts at each index in
    // breaks (a gap). A stretch of one point is drawn as a dot.
    void setPoints(int line, const QList<QPointF> &points, const QList<qsizetype> &breaks = {});
    qsizetype pointCount(int line) const;
    void setTimeRange(qint64 startMs, qint64 endMs);
    // The time axis' labels, left to right.
    QStringList timeLabels() const;
    void setValueRange(double min, double max);
    void setRightValueRange(double min, double max);
    void setRightAxisTitle(const QString &title);
    // Shades these time ranges (ms since epoch) across the plot in translucent red (a server down).
    void setShadedRanges(const QList<QPair<qint64, qint64>> &ranges);
    void setMarkers(const MarkerStore *markers);
    QStringList visibleMarkerLabels() const;
    QList<LabelBox> markerLabelBoxes() const { return m_boxes; }
    // The plot area, and the lane above it (empty without markers), in widget coordinates.
    QRectF plotRect() const { return m_plot; }
    QRectF laneRect() const;
    // The header's title: the chart's, with any axis title too long for the plot's height.
    QString headerText() const { return m_headerText; }
    const ChartTheme::Colors &colors() const { return m_colors; }
    // Whether the widget has a size to decimate to (a new widget's plot is a few pixels wide).
    bool isLaidOut() const;

    QPoint positionOf(qint64 timeMs) const;
    int plotWidth() const;
    // The moment under a point of the widget, when the point is inside the plot area.
    bool timeAt(const QPoint &pos, qint64 *timeMs) const;

signals:
    void hovered(qint64 timeMs, const QPoint &globalPos);
    void clicked(qint64 timeMs);
    // A box of the marker lane was clicked: the moments of its first and last marker.
    void markerLabelClicked(qint64 firstMs, qint64 lastMs);
    // The plot area changed width (points decimated for the old width need redoing) or moved.
    void plotWidthChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    static constexpr int kTick = 4;         // the length of an axis' tick marks
    static constexpr int kMarginLeft = 6;   // the widget's edge to the left axis' title
    static constexpr int kMarginRight = 10; // the right axis' labels (or the plot) to the widget's edge
    static constexpr int kMarginBottom = 4;
    static constexpr int kTitleGap = 6;    // an axis' title to its labels
    static constexpr qreal kDotRadius = 3; // a lone sample

    struct Line
    {
        QString name;
        QColor color;
        bool rightAxis = false;
        QList<QPointF> points;
        QList<qsizetype> breaks;
        QStaticText legend;
    };
    struct Axis
    {
        double min = 0;
        double max = 10;
        int ticks = 6;
        QString title;
        QStaticText titleText;
        bool titleVisible = true;
        QList<QStaticText> labels; // bottom to top
        qreal labelWidth = 0;
        bool present = true;
    };
    struct TimeLabel
    {
        qint64 ms = 0;
        QStaticText text;
        qreal width = 0;
        // The label drawn once on the chart's background: copied on each paint, not drawn again
        // glyph by glyph (the clock's labels are the only text that moves every second).
        QPixmap image;
    };

    // Everything that depends on the size, the font and the axes' labels: the plot's rectangle,
    // the value ticks, the titles. Cheap when nothing changed.
    void relayout();
    // Sets an axis' ends; whether they changed (its labels are then made again).
    static bool setRange(Axis &axis, double min, double max);
    void relabel(Axis &axis);
    void updateTimeTicks();
    void layoutMarkers();
    void applyPalette();
    // What does not move as time goes by (the background, header, value axes, horizontal grid) is
    // drawn once into m_static and copied on each paint, until something in it changes.
    void invalidateStatic();
    void drawStatic();
    qreal textWidth(const QString &text);
    QPixmap labelImage(const QStaticText &text) const;
    double xOf(qint64 ms) const;
    // One past the plot's last row and column: where the time axis and the right axis are drawn.
    int plotBottom() const { return m_plot.top() + m_plot.height(); }
    int plotRight() const { return m_plot.left() + m_plot.width(); }
    double yOf(double value, const Axis &axis) const;
    void drawAxis(QPainter &p, const Axis &axis, bool right) const;
    void drawLines(QPainter &p);
    void drawMarkers(QPainter &p) const;
    const LabelBox *boxAt(const QPoint &pos) const;

    QString m_title;
    QStaticText m_titleText;
    QString m_headerText;
    QFont m_bold;
    ChartTheme::Colors m_colors;
    QList<Line> m_lines;
    Axis m_left;
    Axis m_right;
    qint64 m_startMs = 0;
    qint64 m_endMs = 1;
    QList<TimeLabel> m_timeLabels;
    QList<QPair<qint64, qint64>> m_shaded;
    const MarkerStore *m_markers = nullptr;
    QList<const Marker *> m_visibleMarkers; // in the plot now, in time order
    QList<LabelBox> m_boxes;
    QHash<QString, qreal> m_widths; // of text in the widget's font
    QRect m_plot;
    int m_headerHeight = 0;
    int m_laneHeight = 0;
    int m_lineHeight = 0; // of the widget's font
    QPolygonF m_polygon;  // the points of a line in pixels, kept between paints
    QPixmap m_static;
    bool m_staticValid = false;
    ClickTracker m_click;
};
