#include "stripcanvas.h"

#include "markerlane.h"
#include "markerstore.h"
#include "timeticks.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

QString valueText(double v, double step)
{
    // Whole numbers where the ticks fall on them (0, 20, 40), else one decimal (0, 2.5, 5).
    const int decimals = std::abs(step - std::round(step)) < 1e-9 ? 0 : 1;
    return QString::number(v, 'f', decimals);
}
} // namespace

StripCanvas::StripCanvas(const QString &title, const QString &unit, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
{
    setMouseTracking(true);
    // Every pixel is painted on each paint: nothing under it needs drawing first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_bold = font();
    m_bold.setBold(true);
    m_left.title = unit;
    m_right.present = false;
    m_right.max = 4;
    applyPalette();
    relayout();
}

int StripCanvas::addLine(const QString &name, const QColor &color, bool rightAxis)
{
    Line line;
    line.name = name;
    line.color = color;
    line.rightAxis = rightAxis;
    line.legend.setText(name);
    line.legend.setTextFormat(Qt::PlainText);
    line.legend.prepare(QTransform(), font());
    m_lines.append(line);
    invalidateStatic(); // the legend
    if (rightAxis && !m_right.present) {
        m_right.present = true;
        m_right.labels.clear();
        relayout();
    }
    update();
    return int(m_lines.size() - 1);
}

void StripCanvas::setPoints(int line, const QList<QPointF> &points, const QList<qsizetype> &breaks)
{
    m_lines[line].points = points;
    m_lines[line].breaks = breaks;
    update();
}

qsizetype StripCanvas::pointCount(int line) const
{
    return m_lines[line].points.size();
}

void StripCanvas::setTimeRange(qint64 startMs, qint64 endMs)
{
    m_startMs = startMs;
    m_endMs = std::max(endMs, startMs + 1);
    updateTimeTicks();
    layoutMarkers();
    update();
}

QStringList StripCanvas::timeLabels() const
{
    QStringList labels;
    for (const TimeLabel &t : m_timeLabels)
        labels << t.text.text();
    return labels;
}

bool StripCanvas::setRange(Axis &axis, double min, double max)
{
    if (min == axis.min && max == axis.max)
        return false;
    axis.min = min;
    axis.max = max;
    axis.labels.clear();
    return true;
}

void StripCanvas::setValueRange(double min, double max)
{
    if (setRange(m_left, min, max))
        relayout();
}

void StripCanvas::setRightValueRange(double min, double max)
{
    if (setRange(m_right, min, max) && m_right.present)
        relayout();
}

void StripCanvas::setRightAxisTitle(const QString &title)
{
    m_right.title = title;
    m_right.labels.clear();
    relayout();
}

void StripCanvas::setShadedRanges(const QList<QPair<qint64, qint64>> &ranges)
{
    if (ranges == m_shaded)
        return;
    m_shaded = ranges;
    update();
}

void StripCanvas::setMarkers(const MarkerStore *markers)
{
    if (m_markers)
        disconnect(m_markers, nullptr, this, nullptr);
    m_markers = markers;
    if (m_markers) {
        // The lane comes and goes with the first and last marker; a label's width may change.
        const auto again = [this] {
            relayout();
            layoutMarkers();
            update();
        };
        connect(m_markers, &MarkerStore::added, this, again);
        connect(m_markers, &MarkerStore::removed, this, again);
        connect(m_markers, &MarkerStore::changed, this, again);
    }
    relayout();
    layoutMarkers();
    update();
}

QStringList StripCanvas::visibleMarkerLabels() const
{
    QStringList labels;
    for (const Marker *m : m_visibleMarkers)
        labels << m->label;
    labels.sort();
    return labels;
}

QRectF StripCanvas::laneRect() const
{
    return m_laneHeight > 0 ? QRectF(m_plot.left(), m_plot.top() - m_laneHeight, m_plot.width(), m_laneHeight - 2)
                            : QRectF();
}

bool StripCanvas::isLaidOut() const
{
    return m_plot.width() >= 20 && m_plot.height() >= 10;
}

int StripCanvas::plotWidth() const
{
    return std::max(1, m_plot.width());
}

double StripCanvas::xOf(qint64 ms) const
{
    return m_plot.left() + double(ms - m_startMs) * m_plot.width() / double(m_endMs - m_startMs);
}

double StripCanvas::yOf(double value, const Axis &axis) const
{
    const double span = axis.max > axis.min ? axis.max - axis.min : 1;
    return plotBottom() - (value - axis.min) * m_plot.height() / span;
}

QPoint StripCanvas::positionOf(qint64 timeMs) const
{
    return { int(std::lround(xOf(timeMs))), plotBottom() - 4 };
}

bool StripCanvas::timeAt(const QPoint &pos, qint64 *timeMs) const
{
    if (m_lines.isEmpty() || !QRectF(m_plot).contains(pos))
        return false;
    *timeMs = m_startMs
        + qint64(
            std::llround(double(pos.x() - m_plot.left()) * double(m_endMs - m_startMs) / std::max(1, m_plot.width())));
    return true;
}

qreal StripCanvas::textWidth(const QString &text)
{
    auto it = m_widths.constFind(text);
    if (it == m_widths.constEnd()) {
        // The clock's labels change all day long: the cache starts again rather than grow.
        if (m_widths.size() >= 512)
            m_widths.clear();
        it = m_widths.insert(text, fontMetrics().horizontalAdvance(text));
    }
    return *it;
}

void StripCanvas::relabel(Axis &axis)
{
    axis.labels.clear();
    axis.labelWidth = 0;
    const double step = (axis.max - axis.min) / std::max(1, axis.ticks - 1);
    for (int k = 0; k < axis.ticks; ++k) {
        QStaticText text(valueText(axis.min + k * step, step));
        text.setTextFormat(Qt::PlainText);
        text.prepare(QTransform(), font());
        axis.labelWidth = std::max(axis.labelWidth, text.size().width());
        axis.labels.append(text);
    }
}

void StripCanvas::relayout()
{
    const QFontMetrics fm(font());
    m_lineHeight = fm.height();
    m_headerHeight = std::max(QFontMetrics(m_bold).height(), m_lineHeight) + 4;
    m_laneHeight = m_markers && !m_markers->markers().isEmpty() ? m_lineHeight + 6 : 0;
    const int top = m_headerHeight + m_laneHeight + 2;
    const int bottom = height() - kMarginBottom - m_lineHeight - kTick - 2;
    const int plotHeight = std::max(0, bottom - top);

    // As many value ticks as the height has room for: counts that split 0–100 and the 1-2-5 maxima
    // of the automatic ranges at round values.
    int ticks = 2;
    for (int count : { 3, 5, 6 }) {
        if (plotHeight >= (count - 1) * m_lineHeight * 1.5)
            ticks = count;
    }
    // Each axis title where it fits whole: one that would be cut short goes into the header.
    QStringList moved;
    for (Axis *axis : { &m_left, &m_right }) {
        if (!axis->present)
            continue;
        if (axis->ticks != ticks || axis->labels.isEmpty()) {
            axis->ticks = ticks;
            relabel(*axis);
        }
        axis->titleVisible = axis->title.isEmpty() || fm.horizontalAdvance(axis->title) + 8 <= plotHeight;
        if (axis->titleText.text() != axis->title) {
            axis->titleText.setText(axis->title);
            axis->titleText.setTextFormat(Qt::PlainText);
            axis->titleText.prepare(QTransform(), font());
        }
        if (!axis->titleVisible)
            moved << (axis == &m_right ? tr("right: %1").arg(axis->title) : axis->title);
    }
    const QString header
        = moved.isEmpty() ? m_title : m_title + QStringLiteral(" — ") + moved.join(QStringLiteral(", "));
    if (header != m_headerText || m_titleText.text().isEmpty()) {
        m_headerText = header;
        m_titleText.setText(header);
        m_titleText.setTextFormat(Qt::PlainText);
        m_titleText.prepare(QTransform(), m_bold);
    }

    const auto axisWidth = [this](const Axis &axis) {
        if (!axis.present)
            return 0;
        return int(std::ceil(axis.labelWidth)) + 3 + kTick
            + (axis.titleVisible && !axis.title.isEmpty() ? m_lineHeight + kTitleGap : 0);
    };
    const int left = kMarginLeft + axisWidth(m_left);
    const int right = width() - kMarginRight - axisWidth(m_right);
    const QRect plot(left, top, std::max(0, right - left), plotHeight);
    invalidateStatic();
    if (plot != m_plot) {
        const bool shifted = plot.width() != m_plot.width() || plot.left() != m_plot.left();
        m_plot = plot;
        updateTimeTicks();
        layoutMarkers();
        if (shifted)
            emit plotWidthChanged();
    }
    update();
}

void StripCanvas::updateTimeTicks()
{
    // One label per ~110 pixels, so the clock labels never collide or get cut; a label that would
    // stick out of the widget at either end waits until the window has slid on.
    const int maxTicks = std::clamp(plotWidth() / 110 + 1, 2, 9);
    QList<TimeTicks::Tick> ticks = TimeTicks::compute(m_startMs, m_endMs, maxTicks, std::nullopt);
    ticks.removeIf([this](const TimeTicks::Tick &t) {
        const double half = textWidth(t.label) / 2;
        const double x = xOf(t.ms);
        return x - half < 0 || x + half > width();
    });
    bool same = ticks.size() == m_timeLabels.size();
    for (qsizetype i = 0; same && i < ticks.size(); ++i)
        same = ticks[i].ms == m_timeLabels[i].ms && ticks[i].label == m_timeLabels[i].text.text();
    if (same)
        return;
    QList<TimeLabel> labels;
    for (const TimeTicks::Tick &t : std::as_const(ticks)) {
        // As the window slides, the labels are mostly those shown before: their pictures are kept.
        const auto old = std::find_if(m_timeLabels.cbegin(), m_timeLabels.cend(),
            [&t](const TimeLabel &l) { return l.ms == t.ms && l.text.text() == t.label; });
        if (old != m_timeLabels.cend() && old->image.devicePixelRatio() == devicePixelRatioF()) {
            labels.append(*old);
            continue;
        }
        TimeLabel label { t.ms, QStaticText(t.label), textWidth(t.label), {} };
        label.text.setTextFormat(Qt::PlainText);
        label.text.prepare(QTransform(), font());
        label.image = labelImage(label.text);
        labels.append(label);
    }
    m_timeLabels = labels;
}

QPixmap StripCanvas::labelImage(const QStaticText &text) const
{
    const qreal ratio = devicePixelRatioF();
    QPixmap image((text.size() * ratio).toSize().expandedTo(QSize(1, 1)));
    image.setDevicePixelRatio(ratio);
    image.fill(m_colors.base); // opaque: copied without blending
    QPainter p(&image);
    p.setPen(m_colors.text);
    p.setFont(font());
    p.drawStaticText(QPointF(0, 0), text);
    return image;
}

void StripCanvas::layoutMarkers()
{
    m_visibleMarkers.clear();
    m_boxes.clear();
    if (!m_markers || m_lines.isEmpty())
        return;
    QList<qreal> xs;
    QStringList labels;
    for (const Marker &m : m_markers->markers()) {
        const double x = xOf(m.timeMs);
        if (x < m_plot.left() - 0.5 || x > plotRight() + 0.5)
            continue;
        m_visibleMarkers.append(&m);
        xs.append(x);
        labels.append(m.label);
    }
    if (m_laneHeight == 0 || xs.isEmpty())
        return;
    // The store keeps its markers in time order: so are the x positions.
    const MarkerLane lane([this](const QString &text) { return textWidth(text); },
        [](int n) { return QCoreApplication::translate("ChartCanvas", "%n markers", nullptr, n); });
    const QList<MarkerLane::Box> boxes = lane.layout(xs, labels, m_plot.left(), plotRight());
    const QFontMetricsF fm(font());
    for (const MarkerLane::Box &box : boxes) {
        LabelBox b;
        // The lane ends two pixels above the plot: a box never touches the data.
        b.rect = QRectF(box.left, m_plot.top() - m_laneHeight, box.width, m_laneHeight - 2);
        b.fullText = box.text;
        b.text
            = box.count > 1 ? box.text : fm.elidedText(box.text, Qt::ElideRight, box.width - 2 * MarkerLane::kPadding);
        b.first = box.first;
        b.count = box.count;
        b.firstMs = m_visibleMarkers[box.first]->timeMs;
        b.lastMs = m_visibleMarkers[box.first + box.count - 1]->timeMs;
        m_boxes.append(b);
    }
}

void StripCanvas::applyPalette()
{
    m_colors = ChartTheme::colors(palette());
    m_timeLabels.clear(); // their pictures are in the old colors
    updateTimeTicks();
    invalidateStatic();
}

void StripCanvas::invalidateStatic()
{
    m_staticValid = false;
    update();
}

const StripCanvas::LabelBox *StripCanvas::boxAt(const QPoint &pos) const
{
    for (const LabelBox &box : m_boxes) {
        if (box.rect.contains(pos))
            return &box;
    }
    return nullptr;
}

void StripCanvas::mouseMoveEvent(QMouseEvent *event)
{
    qint64 t = 0;
    const QPoint global = event->globalPosition().toPoint();
    if (const LabelBox *box = boxAt(event->pos())) {
        QToolTip::showText(global + QPoint(12, 12),
            MarkerLane::toolTip(m_visibleMarkers.mid(box->first, box->count), std::nullopt), this);
    } else if (timeAt(event->pos(), &t)) {
        emit hovered(t, global);
    } else {
        QToolTip::hideText();
    }
    QWidget::mouseMoveEvent(event);
}

void StripCanvas::mousePressEvent(QMouseEvent *event)
{
    m_click.press(event);
    QWidget::mousePressEvent(event);
}

void StripCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    qint64 t = 0;
    const bool isClick = m_click.release(event);
    if (const LabelBox *box = isClick ? boxAt(event->pos()) : nullptr)
        emit markerLabelClicked(box->firstMs, box->lastMs);
    else if (isClick && timeAt(event->pos(), &t))
        emit clicked(t);
    QWidget::mouseReleaseEvent(event);
}

void StripCanvas::leaveEvent(QEvent *event)
{
    QToolTip::hideText();
    QWidget::leaveEvent(event);
}

void StripCanvas::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    } else if (event->type() == QEvent::FontChange) {
        // Every piece of text is laid out again in the new font.
        m_widths.clear();
        m_bold = font();
        m_bold.setBold(true);
        m_titleText = QStaticText();
        for (Line &line : m_lines)
            line.legend.prepare(QTransform(), font());
        for (Axis *axis : { &m_left, &m_right }) {
            axis->labels.clear();
            axis->titleText = QStaticText();
        }
        m_timeLabels.clear();
        relayout();
        updateTimeTicks();
        layoutMarkers();
    }
}

void StripCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}
