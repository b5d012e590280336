// StripCanvas' drawing: the cached layer of what does not move, and each paint over it.
#include "marker.h"
#include "stripcanvas.h"

#include <QPainter>

#include <cmath>

void StripCanvas::drawStatic()
{
    const qreal ratio = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * ratio).toSize();
    if (m_static.size() != pixels)
        m_static = QPixmap(pixels);
    m_static.setDevicePixelRatio(ratio);
    m_static.fill(m_colors.base);
    m_staticValid = true;
    QPainter p(&m_static);
    // The header: the title, then the legend, each entry a swatch of its line's color and its name.
    p.setPen(m_colors.text);
    p.setFont(m_bold);
    const QSizeF titleSize = m_titleText.size();
    p.drawStaticText(QPointF(8, 1 + (m_headerHeight - titleSize.height()) / 2), m_titleText);
    p.setFont(font());
    qreal x = 8 + titleSize.width() + 16;
    const qreal swatch = std::round(m_lineHeight * 0.6);
    for (const Line &line : std::as_const(m_lines)) {
        const qreal textTop = 1 + (m_headerHeight - m_lineHeight) / 2.0;
        p.fillRect(QRectF(x, std::round(textTop + (m_lineHeight - swatch) / 2), swatch, swatch), line.color);
        x += swatch + 5;
        p.drawStaticText(QPointF(x, textTop), line.legend);
        x += line.legend.size().width() + 14;
    }
    if (m_plot.width() <= 0 || m_plot.height() <= 0)
        return;
    // The grid at the value ticks and round the plot, the axes with their ticks, labels and titles.
    const int top = m_plot.top();
    const int bottom = plotBottom();
    const int left = m_plot.left();
    const int right = plotRight();
    for (int k = 1; k + 1 < m_left.ticks; ++k) {
        const int y = int(std::lround(top + double(k) * (bottom - top) / (m_left.ticks - 1)));
        p.fillRect(left + 1, y, right - left - 1, 1, m_colors.grid);
    }
    p.fillRect(left, top, right - left + 1, 1, m_colors.grid);
    p.fillRect(right, top, 1, bottom - top, m_colors.grid);
    p.fillRect(left, bottom, right - left + 1, 1, m_colors.axis);
    drawAxis(p, m_left, false);
    if (m_right.present)
        drawAxis(p, m_right, true);
}

void StripCanvas::paintEvent(QPaintEvent * /*event*/)
{
    if (!m_staticValid || m_static.size() != (QSizeF(size()) * devicePixelRatioF()).toSize())
        drawStatic();
    QPainter p(this);
    p.drawPixmap(0, 0, m_static);
    if (m_plot.width() <= 0 || m_plot.height() <= 0)
        return;

    const int top = m_plot.top();
    const int bottom = plotBottom();
    const int left = m_plot.left();
    const int right = plotRight();
    // Down time over the grid, under the lines.
    for (const auto &[from, to] : std::as_const(m_shaded)) {
        const double x1 = std::max<double>(xOf(from), left);
        const double x2 = std::min<double>(std::max(xOf(to), x1 + 2), right);
        if (x2 > x1)
            p.fillRect(QRectF(x1, top + 1, x2 - x1, bottom - top - 1), QColor(220, 40, 40, 45));
    }
    // The clock: a grid line, a tick and a label at each round time. Lines one pixel wide are
    // filled rectangles, which Qt fills as spans (a pen's line is drawn a pixel at a time).
    for (const TimeLabel &t : std::as_const(m_timeLabels)) {
        const int tx = int(std::lround(xOf(t.ms)));
        if (tx > left && tx < right)
            p.fillRect(tx, top + 1, 1, bottom - top - 1, m_colors.grid);
        p.fillRect(tx, bottom + 1, 1, kTick, m_colors.axis);
    }
    for (const TimeLabel &t : std::as_const(m_timeLabels))
        p.drawPixmap(QPoint(int(std::lround(xOf(t.ms) - t.width / 2)), bottom + kTick + 2), t.image);

    drawLines(p);
    drawMarkers(p);
}

void StripCanvas::drawAxis(QPainter &p, const Axis &axis, bool right) const
{
    const int top = m_plot.top();
    const int bottom = plotBottom();
    const int edge = right ? plotRight() : m_plot.left();
    p.fillRect(edge, top, 1, bottom - top + 1, m_colors.axis);
    const int n = std::max(2, axis.ticks);
    for (int k = 0; k < n; ++k) {
        const int y = int(std::lround(bottom - double(k) * (bottom - top) / (n - 1)));
        p.fillRect(right ? edge + 1 : edge - kTick, y, kTick, 1, m_colors.axis);
    }
    p.setPen(m_colors.text);
    for (int k = 0; k < axis.labels.size(); ++k) {
        const QStaticText &label = axis.labels[k];
        const double y = bottom - double(k) * (bottom - top) / (n - 1) - label.size().height() / 2;
        const double lx = right ? edge + kTick + 3 : edge - kTick - 3 - label.size().width();
        p.drawStaticText(QPointF(std::round(lx), std::round(y)), label);
    }
    if (!axis.titleVisible || axis.title.isEmpty())
        return;
    // The title along the axis, reading upwards on both sides (as Qt Charts has it).
    const QSizeF size = axis.titleText.size();
    const double middle = top + (bottom - top) / 2.0;
    p.save();
    p.translate(right ? edge + kTick + 3 + std::ceil(axis.labelWidth) + kTitleGap : kMarginLeft,
        std::round(middle + size.width() / 2));
    p.rotate(-90);
    p.drawStaticText(QPointF(0, 0), axis.titleText);
    p.restore();
}

void StripCanvas::drawLines(QPainter &p)
{
    // 1 px lines without antialiasing, clipped to the plot (the decimated points start with the
    // sample before the window). Antialiased lines cost the same for a minute of samples, but twice
    // as much for a day's 2,400 points a line (bench_charts: 6.1 ms a repaint, 2.8 ms without).
    p.save();
    p.setClipRect(m_plot.adjusted(0, 0, 1, 1));
    for (const Line &line : std::as_const(m_lines)) {
        const qsizetype n = line.points.size();
        if (n == 0)
            continue;
        const Axis &axis = line.rightAxis ? m_right : m_left;
        m_polygon.resize(n);
        const double x0 = m_plot.left();
        const double xScale = double(m_plot.width()) / double(m_endMs - m_startMs);
        const double y0 = plotBottom();
        const double yScale = m_plot.height() / (axis.max > axis.min ? axis.max - axis.min : 1.0);
        for (qsizetype i = 0; i < n; ++i) {
            const QPointF &pt = line.points[i];
            m_polygon[i] = QPointF(x0 + (pt.x() - double(m_startMs)) * xScale, y0 - (pt.y() - axis.min) * yScale);
        }
        p.setPen(QPen(line.color, 0));
        p.setBrush(line.color);
        qsizetype from = 0;
        for (qsizetype b = 0; b <= line.breaks.size(); ++b) {
            const qsizetype to = b < line.breaks.size() ? std::clamp(line.breaks[b], from, n) : n;
            if (to - from == 1) {
                p.setRenderHint(QPainter::Antialiasing, true); // a round dot
                p.drawEllipse(m_polygon[from], kDotRadius, kDotRadius);
                p.setRenderHint(QPainter::Antialiasing, false);
            } else if (to - from > 1) {
                p.drawPolyline(m_polygon.constData() + from, int(to - from));
            }
            from = to;
        }
    }
    p.restore();
}

void StripCanvas::drawMarkers(QPainter &p) const
{
    if (m_visibleMarkers.isEmpty())
        return;
    QPen dashed(m_colors.marker, 0, Qt::DashLine);
    p.setPen(dashed);
    const int top = m_plot.top();
    const int bottom = plotBottom();
    for (const Marker *m : m_visibleMarkers) {
        const int x = int(std::lround(xOf(m->timeMs)));
        p.drawLine(x, top, x, bottom);
    }
    // The lane's boxes: a merged box filled with the marker color, a label only outlined.
    for (const LabelBox &box : m_boxes) {
        const bool merged = box.count > 1;
        p.setPen(m_colors.marker);
        p.setBrush(merged ? m_colors.marker : m_colors.base);
        p.drawRect(box.rect.adjusted(0.5, 0.5, -0.5, -0.5));
        p.setPen(merged ? m_colors.base : m_colors.marker);
        p.drawText(box.rect, Qt::AlignCenter, box.text);
    }
}
