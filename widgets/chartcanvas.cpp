#include "chartcanvas.h"

#include "markeritem.h"
#include "markerstore.h"
#include "timeticks.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

ChartCanvas::ChartCanvas(const QString &title, const QString &unit, QWidget *parent)
    // Handing the chart to the constructor: setChart() would release (and leak) a default chart.
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    m_chart->setTitle(title);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setMargins(QMargins(6, 4, 10, 4));
    m_chart->setBackgroundRoundness(0);

    // Labels at round times on the view's clock (TimeTicks), each at its own value.
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_valueAxis->setTitleText(unit);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_valueAxis->setTickCount(6);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    connect(m_chart, &QChart::plotAreaChanged, this, &ChartCanvas::relayoutMarkers);
}

int ChartCanvas::addLine(const QString &name, const QColor &color, bool rightAxis)
{
    if (rightAxis && !m_rightAxis) {
        m_rightAxis = new QValueAxis;
        m_rightAxis->setLabelFormat(QStringLiteral("%.0f"));
        m_rightAxis->setTickCount(6);
        m_rightAxis->setGridLineVisible(false);
        m_chart->addAxis(m_rightAxis, Qt::AlignRight);
    }
    m_lines.append(newSegment(name, color, rightAxis));
    m_segments.append(QList<QLineSeries *>());
    return int(m_lines.size() - 1);
}

QLineSeries *ChartCanvas::newSegment(const QString &name, const QColor &color, bool rightAxis)
{
    auto *line = new QLineSeries;
    line->setName(name);
    // A 1 px cosmetic pen keeps Qt on its fast line path: a 24 h chart repaints about 4× faster
    // than with a wider pen (bench_charts).
    QPen pen(color, 1.0);
    pen.setCosmetic(true);
    line->setPen(pen);
    // The dot a lone sample is drawn as (setPoints()).
    line->setBrush(color);
    line->setMarkerSize(6);
    // Qt Charts' OpenGL mode crashes under the offscreen platform and draws nothing under Xvfb's
    // software GL: plain raster drawing of at most two points per pixel is fast enough.
    line->setUseOpenGL(false);
    m_chart->addSeries(line);
    line->attachAxis(m_timeAxis);
    line->attachAxis(rightAxis ? m_rightAxis : m_valueAxis);
    return line;
}

void ChartCanvas::setPoints(int line, const QList<QPointF> &points, const QList<qsizetype> &breaks)
{
    // Qt Charts cannot leave a hole in one series: each stretch of data after a gap is a series of
    // its own, with the first one's pen and no legend entry. Past kMaxSegments stretches the rest
    // share the last one.
    constexpr qsizetype kMaxSegments = 48;
    QList<qsizetype> starts { 0 };
    for (qsizetype b : breaks) {
        if (starts.size() < kMaxSegments)
            starts.append(b);
    }
    QLineSeries *first = m_lines[line];
    QList<QLineSeries *> &extra = m_segments[line];
    while (extra.size() < starts.size() - 1) {
        const bool right = first->attachedAxes().contains(m_rightAxis) && m_rightAxis;
        QLineSeries *segment = newSegment(first->name(), first->pen().color(), right);
        for (QLegendMarker *marker : m_chart->legend()->markers(segment))
            marker->setVisible(false);
        extra.append(segment);
    }
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const qsizetype from = starts[i];
        const qsizetype to = i + 1 < starts.size() ? starts[i + 1] : points.size();
        QLineSeries *series = i == 0 ? first : extra[i - 1];
        series->replace(points.mid(from, to - from));
        // A line of one point draws nothing: a lone sample (the first one, or one between two
        // gaps) is drawn as a dot.
        const bool lone = to - from == 1;
        if (series->pointsVisible() != lone)
            series->setPointsVisible(lone);
    }
    for (qsizetype i = starts.size() - 1; i < extra.size(); ++i) {
        if (extra[i]->count() > 0)
            extra[i]->clear();
    }
}

qsizetype ChartCanvas::pointCount(int line) const
{
    qsizetype n = m_lines[line]->count();
    for (const QLineSeries *segment : m_segments[line])
        n += segment->count();
    return n;
}

void ChartCanvas::setTimeRange(qint64 startMs, qint64 endMs)
{
    m_startMs = startMs;
    m_endMs = endMs;
    m_timeAxis->setRange(double(startMs), double(endMs));
    // One label per ~110 pixels, so the clock labels never collide or get cut. The categories are
    // made again only when the ticks change, not each time the live window slides.
    // A picture (renderTo) is read, not hovered: a label every ~80 pixels, up to 12.
    const int maxTicks
        = m_rendering ? std::clamp(plotWidth() / 80 + 1, 2, 12) : std::clamp(plotWidth() / 110 + 1, 2, 9);
    const QList<TimeTicks::Tick> ticks = TimeTicks::compute(startMs, endMs, maxTicks, m_offset);
    QList<qint64> times;
    for (const TimeTicks::Tick &t : ticks)
        times.append(t.ms);
    if (times != m_tickTimes) {
        m_tickTimes = times;
        for (const QString &label : m_timeAxis->categoriesLabels())
            m_timeAxis->remove(label);
        m_timeAxis->setStartValue(ticks.isEmpty() ? double(startMs) : double(ticks.first().ms) - 1);
        for (const TimeTicks::Tick &t : ticks)
            m_timeAxis->append(t.label, double(t.ms));
    }
    relayoutMarkers();
}

void ChartCanvas::setTimeOffset(std::optional<int> offsetSeconds)
{
    if (m_offset == offsetSeconds)
        return;
    m_offset = offsetSeconds;
    m_tickTimes.clear();
    if (m_endMs > m_startMs)
        setTimeRange(m_startMs, m_endMs);
}

QStringList ChartCanvas::timeLabels() const
{
    return m_timeAxis->categoriesLabels();
}

void ChartCanvas::setValueRange(double min, double max)
{
    m_valueAxis->setRange(min, max);
    relayoutMarkers();
}

void ChartCanvas::setRightValueRange(double min, double max)
{
    if (m_rightAxis)
        m_rightAxis->setRange(min, max);
}

void ChartCanvas::setRightAxisTitle(const QString &title)
{
    if (m_rightAxis)
        m_rightAxis->setTitleText(title);
}

void ChartCanvas::setShadedRanges(const QList<QPair<qint64, qint64>> &ranges, const QList<QColor> &colors)
{
    m_shaded = ranges;
    while (m_shadeItems.size() > m_shaded.size())
        delete m_shadeItems.takeLast();
    while (m_shadeItems.size() < m_shaded.size()) {
        auto *item = new QGraphicsRectItem(m_chart);
        item->setPen(Qt::NoPen);
        item->setBrush(QColor(220, 40, 40, 45));
        item->setZValue(-1); // under the lines
        m_shadeItems.append(item);
    }
    for (int i = 0; i < m_shadeItems.size(); ++i)
        m_shadeItems[i]->setBrush(i < colors.size() ? colors[i] : QColor(220, 40, 40, 45));
    relayoutShades();
}

void ChartCanvas::relayoutShades()
{
    if (m_lines.isEmpty())
        return;
    const QRectF plot = m_chart->plotArea();
    for (int i = 0; i < m_shaded.size(); ++i) {
        const qreal x1 = m_chart->mapToPosition(QPointF(double(m_shaded[i].first), 0), m_lines.first()).x();
        const qreal x2 = m_chart->mapToPosition(QPointF(double(m_shaded[i].second), 0), m_lines.first()).x();
        const QRectF r = QRectF(QPointF(std::max(x1, plot.left()), plot.top()),
            QPointF(std::min(std::max(x2, x1 + 2), plot.right()), plot.bottom()));
        m_shadeItems[i]->setRect(r);
        m_shadeItems[i]->setVisible(r.width() > 0);
    }
}

void ChartCanvas::setMarkers(const MarkerStore *markers)
{
    for (MarkerItem *item : std::as_const(m_markerItems))
        delete item;
    m_markerItems.clear();
    if (m_markers)
        disconnect(m_markers, nullptr, this, nullptr);
    m_markers = markers;
    if (!m_markers)
        return;
    for (const Marker &m : m_markers->markers())
        addMarkerItem(m);
    connect(m_markers, &MarkerStore::added, this, [this](const Marker &m) { addMarkerItem(m); });
    connect(m_markers, &MarkerStore::removed, this, [this](const Marker &m) { removeMarkerItem(m.id); });
    connect(m_markers, &MarkerStore::changed, this, [this](const Marker &m) {
        if (MarkerItem *item = m_markerItems.value(m.id))
            item->setLabel(m.label);
    });
}

void ChartCanvas::addMarkerItem(const Marker &marker)
{
    removeMarkerItem(marker.id);
    m_markerItems.insert(marker.id, new MarkerItem(m_chart, marker.id, marker.timeMs, marker.label));
}

void ChartCanvas::removeMarkerItem(int markerId)
{
    delete m_markerItems.take(markerId);
}

void ChartCanvas::relayoutMarkers()
{
    relayoutShades();
    QList<MarkerItem *> visible;
    for (MarkerItem *item : std::as_const(m_markerItems)) {
        item->updateGeometry();
        if (item->isVisible())
            visible.append(item);
    }
    // Stack labels that would overlap: each takes the first row where it clears the others.
    std::sort(visible.begin(), visible.end(), [](const MarkerItem *a, const MarkerItem *b) { return a->x() < b->x(); });
    QList<QList<QRectF>> rows;
    for (MarkerItem *item : std::as_const(visible)) {
        int row = 0;
        for (;; ++row) {
            if (row == rows.size())
                rows.append(QList<QRectF>());
            const QRectF box = item->labelRect(row);
            const bool clear = std::none_of(
                rows[row].cbegin(), rows[row].cend(), [&box](const QRectF &other) { return other.intersects(box); });
            if (clear || row >= 8) {
                rows[row].append(box);
                break;
            }
        }
        item->setLabelRow(row);
    }
}

QStringList ChartCanvas::visibleMarkerLabels() const
{
    QStringList labels;
    for (const MarkerItem *item : m_markerItems) {
        if (item->isVisible())
            labels << item->label();
    }
    labels.sort();
    return labels;
}

void ChartCanvas::renderTo(QPainter *painter, QSize size)
{
    // Lay the chart out at the picture's size, draw it, and put it back: no event is processed in
    // between, so the window never shows the other size. The picture gets the time ticks of its
    // own width, and lines that scale with the painter (an export scales it up; the on-screen
    // 1 px cosmetic pens would stay 1 px). The picture's caption says the title (ChartExporter).
    const QRectF original = m_chart->geometry();
    const QString title = m_chart->title();
    m_chart->setTitle(QString());
    QList<QPen> pens;
    for (QLineSeries *line : allSeries()) {
        pens.append(line->pen());
        QPen wide = line->pen();
        wide.setCosmetic(false);
        wide.setWidthF(1.0);
        line->setPen(wide);
    }
    m_chart->resize(size);
    m_chart->layout()->activate();
    m_rendering = true;
    setTimeRange(m_startMs, m_endMs);
    m_chart->layout()->invalidate(); // the new ticks' labels, now rather than on the next event
    m_chart->layout()->activate();
    scene()->render(painter, QRectF(QPointF(0, 0), size), QRectF(QPointF(0, 0), size));
    const QList<QLineSeries *> series = allSeries();
    for (int i = 0; i < series.size(); ++i)
        series[i]->setPen(pens[i]);
    m_rendering = false;
    m_chart->setTitle(title);
    m_chart->setGeometry(original);
    m_chart->layout()->activate();
    setTimeRange(m_startMs, m_endMs);
    m_chart->layout()->invalidate();
    m_chart->layout()->activate();
}

QList<QLineSeries *> ChartCanvas::allSeries() const
{
    QList<QLineSeries *> all = m_lines;
    for (const QList<QLineSeries *> &segments : m_segments)
        all += segments;
    return all;
}

QPoint ChartCanvas::positionOf(qint64 timeMs) const
{
    if (m_lines.isEmpty())
        return {};
    const QPointF inChart = m_chart->mapToPosition(QPointF(double(timeMs), m_valueAxis->min()), m_lines.first());
    return mapFromScene(m_chart->mapToScene(inChart - QPointF(0, 4)));
}

int ChartCanvas::plotWidth() const
{
    return qMax(1, int(m_chart->plotArea().width()));
}

bool ChartCanvas::timeAt(const QPoint &pos, qint64 *timeMs) const
{
    if (m_lines.isEmpty())
        return false;
    const QPointF inChart = m_chart->mapFromScene(mapToScene(pos));
    if (!m_chart->plotArea().contains(inChart))
        return false;
    *timeMs = qint64(m_chart->mapToValue(inChart, m_lines.first()).x());
    return true;
}

void ChartCanvas::mouseMoveEvent(QMouseEvent *event)
{
    qint64 t = 0;
    if (timeAt(event->pos(), &t))
        emit hovered(t, event->globalPosition().toPoint());
    else
        QToolTip::hideText();
    QChartView::mouseMoveEvent(event);
}

void ChartCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressPos = event->pos();
        m_pressed = true;
    }
    QChartView::mousePressEvent(event);
}

void ChartCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    qint64 t = 0;
    const bool isClick
        = m_pressed && event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() < 6;
    m_pressed = false;
    if (isClick && timeAt(event->pos(), &t))
        emit clicked(t);
    QChartView::mouseReleaseEvent(event);
}

void ChartCanvas::leaveEvent(QEvent *event)
{
    QToolTip::hideText();
    QChartView::leaveEvent(event);
}
