#include "chartcanvas.h"

#include "charttheme.h"
#include "markeritem.h"
#include "markerlabelitem.h"
#include "markerlane.h"
#include "markerstore.h"
#include "timeticks.h"

#include <QCategoryAxis>
#include <QDateTime>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSignalBlocker>
#include <QTimeZone>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <tuple>

namespace {
// The axis, tick and grid lines in 1 px cosmetic pens: Qt draws those on its fast line path. The
// theme's pens went through the path stroker and took a third of the live window's CPU, though
// nothing but the lines' ends moved (bench/window_vs_btop).
void makeAxisPensCosmetic(QAbstractAxis *axis)
{
    const auto cosmetic = [](QPen pen) {
        pen.setWidth(0);
        pen.setCosmetic(true);
        return pen;
    };
    axis->setLinePen(cosmetic(axis->linePen()));
    axis->setGridLinePen(cosmetic(axis->gridLinePen()));
    axis->setMinorGridLinePen(cosmetic(axis->minorGridLinePen()));
}
} // namespace

ChartCanvas::ChartCanvas(const QString &title, const QString &unit, QWidget *parent)
    // Handing the chart to the constructor: setChart() would release (and leak) a default chart.
    : QChartView(new QChart, parent)
    , m_chart(chart())
    , m_title(new QGraphicsSimpleTextItem(title, m_chart))
    , m_titleText(title)
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    setMouseTracking(true);
    setFrameShape(QFrame::NoFrame);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    // The title and the legend share the header row, laid out here (layoutHeader()): Qt Charts would
    // give each a row of its own, and put the lane's space (the chart's margin) above both.
    QFont bold = font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->legend()->detachFromChart();
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setBackgroundRoundness(0);

    // Labels at round times on the view's clock (TimeTicks), each at its own value.
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_valueAxis->setTitleText(unit);
    m_valueAxis->setTitleFont(font()); // the theme's bold title is cut short on a low chart
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_valueAxis->setTickCount(6);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    makeAxisPensCosmetic(m_timeAxis);
    makeAxisPensCosmetic(m_valueAxis);
    // The scene's items move on every refresh: an index of them costs more than it saves.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);

    connect(m_chart, &QChart::plotAreaChanged, this, &ChartCanvas::relayoutMarkers);
    updateMargins();
    applyPalette();
}

int ChartCanvas::addLine(const QString &name, const QColor &color, bool rightAxis)
{
    if (rightAxis && !m_rightAxis) {
        m_rightAxis = new QValueAxis;
        m_rightAxis->setLabelFormat(QStringLiteral("%.0f"));
        m_rightAxis->setTickCount(6);
        m_rightAxis->setGridLineVisible(false);
        makeAxisPensCosmetic(m_rightAxis);
        m_rightAxis->setTitleFont(font());
        m_chart->addAxis(m_rightAxis, Qt::AlignRight);
        applyPalette();
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
    QList<TimeTicks::Tick> ticks = TimeTicks::compute(startMs, endMs, maxTicks, m_offset);
    // A label centred on a tick at the very end would be cut by the chart's edge ("00:29:4"):
    // such a tick waits until the window has slid past it by half a label.
    if (endMs > startMs && plotWidth() > 0) {
        const QFontMetrics metrics(m_timeAxis->labelsFont());
        const double pxPerMs = double(plotWidth()) / double(endMs - startMs);
        ticks.removeIf([&](const TimeTicks::Tick &t) {
            return double(endMs - t.ms) * pxPerMs
                < metrics.horizontalAdvance(t.label) / 2.0 - m_chart->margins().right();
        });
    }
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
    if (m_markers) {
        for (const Marker &m : m_markers->markers())
            addMarkerItem(m);
        connect(m_markers, &MarkerStore::added, this, [this](const Marker &m) {
            addMarkerItem(m);
            updateMargins();
            relayoutMarkers();
        });
        connect(m_markers, &MarkerStore::removed, this, [this](const Marker &m) {
            removeMarkerItem(m.id);
            updateMargins();
            relayoutMarkers();
        });
        connect(m_markers, &MarkerStore::changed, this, [this](const Marker &m) {
            if (MarkerItem *item = m_markerItems.value(m.id))
                item->setText(m.label, m.notes);
            relayoutMarkers();
        });
    }
    updateMargins();
    relayoutMarkers();
}

void ChartCanvas::addMarkerItem(const Marker &marker)
{
    removeMarkerItem(marker.id);
    auto *item = new MarkerItem(m_chart, marker.id, marker.timeMs, marker.label, marker.notes);
    item->setColor(ChartTheme::markerColor(palette()));
    m_markerItems.insert(marker.id, item);
}

void ChartCanvas::removeMarkerItem(int markerId)
{
    delete m_markerItems.take(markerId);
}

void ChartCanvas::updateMargins()
{
    const QFontMetrics fm(font());
    // One line of the title's or the legend's text, whichever is taller, and a little air.
    m_headerHeight = std::max(QFontMetrics(m_title->font()).height(), fm.height()) + 4;
    m_laneHeight = m_lane && !m_markerItems.isEmpty() ? fm.height() + 6 : 0;
    const QMargins margins(6 + qRound(m_padLeft), m_headerHeight + m_laneHeight + 2, 10 + qRound(m_padRight), 4);
    if (m_chart->margins() != margins)
        m_chart->setMargins(margins);
}

void ChartCanvas::layoutHeader()
{
    const QRectF r = m_chart->rect();
    const QRectF title = m_title->boundingRect();
    m_title->setPos(r.left() + 8, r.top() + 1 + (m_headerHeight - title.height()) / 2);
    // In a picture the caption has the title (ChartExporter): the legend takes its place.
    const qreal left = m_title->isVisible() ? m_title->pos().x() + title.width() + 16 : r.left() + 8;
    // The legend pads its entries: a little higher, they line up with the title.
    m_chart->legend()->setGeometry(
        QRectF(left, r.top() - 2, std::max<qreal>(0, r.right() - 10 - left), m_headerHeight + 3));
    m_chart->legend()->update();
}

void ChartCanvas::fitAxes()
{
    const qreal height = m_chart->plotArea().height();
    const qreal labelHeight = QFontMetricsF(m_valueAxis->labelsFont()).height();
    // Counts that split 0–100 and the 1-2-5 maxima of the automatic ranges at round values.
    int ticks = 2;
    for (int count : { 3, 5, 6 }) {
        if (height >= (count - 1) * labelHeight * 1.5)
            ticks = count;
    }
    QStringList moved;
    for (QValueAxis *axis : { m_valueAxis, m_rightAxis }) {
        if (!axis)
            continue;
        if (axis->tickCount() != ticks)
            axis->setTickCount(ticks);
        const QString text = axis->titleText();
        const bool fits = text.isEmpty() || QFontMetricsF(axis->titleFont()).horizontalAdvance(text) + 8 <= height;
        if (axis->isTitleVisible() != fits)
            axis->setTitleVisible(fits);
        if (!fits)
            moved << (axis == m_rightAxis ? tr("right: %1").arg(text) : text);
    }
    const QString title
        = moved.isEmpty() ? m_titleText : m_titleText + QStringLiteral(" — ") + moved.join(QStringLiteral(", "));
    if (m_title->text() != title)
        m_title->setText(title);
}

QString ChartCanvas::headerText() const
{
    return m_title->text();
}

void ChartCanvas::setTimeLabelsVisible(bool visible)
{
    m_timeLabels = visible;
    m_timeAxis->setLabelsVisible(visible);
}

QPair<qreal, qreal> ChartCanvas::axisInsets() const
{
    // Qt Charts lays the chart out again later (a posted event): read after a change of the padding,
    // its plot would still have the old one, and aligned charts would pad each other back and forth
    // for ever, the GUI thread doing nothing else (the Timings tab with a day's session log).
    if (QGraphicsLayout *layout = m_chart->layout(); layout && !layout->isActivated())
        layout->activate();
    const QRectF plot = m_chart->plotArea();
    const QMargins margins = m_chart->margins();
    return { plot.left() - margins.left(), m_chart->rect().right() - plot.right() - margins.right() };
}

void ChartCanvas::setPlotPadding(qreal left, qreal right)
{
    if (qRound(left) == qRound(m_padLeft) && qRound(right) == qRound(m_padRight))
        return;
    m_padLeft = left;
    m_padRight = right;
    updateMargins();
}

void ChartCanvas::setMarkerLaneVisible(bool visible)
{
    m_lane = visible;
    updateMargins();
    relayoutMarkers();
}

void ChartCanvas::relayoutMarkers()
{
    relayoutShades();
    for (MarkerItem *item : std::as_const(m_markerItems))
        item->updateGeometry();
    fitAxes();
    layoutHeader();
    layoutLabels();
    const QRectF plot = m_chart->plotArea();
    if (plot.width() != m_plotWidth || plot.left() != m_plotLeft) {
        m_plotWidth = plot.width();
        m_plotLeft = plot.left();
        emit plotWidthChanged();
    }
}

void ChartCanvas::layoutLabels()
{
    QList<MarkerItem *> visible;
    for (MarkerItem *item : std::as_const(m_markerItems)) {
        if (item->isVisible())
            visible.append(item);
    }
    std::sort(visible.begin(), visible.end(), [](const MarkerItem *a, const MarkerItem *b) {
        return a->timeMs() != b->timeMs() ? a->timeMs() < b->timeMs() : a->markerId() < b->markerId();
    });
    QList<qreal> xs;
    QStringList labels;
    for (const MarkerItem *item : std::as_const(visible)) {
        xs.append(item->x());
        labels.append(item->label());
    }
    const QFontMetricsF fm(font());
    const MarkerLane lane([&fm](const QString &text) { return fm.horizontalAdvance(text); },
        [](int n) { return tr("%n markers", nullptr, n); });
    const QRectF plot = m_chart->plotArea();
    const QList<MarkerLane::Box> boxes
        = m_laneHeight > 0 ? lane.layout(xs, labels, plot.left(), plot.right()) : QList<MarkerLane::Box>();
    while (m_labelItems.size() > boxes.size())
        delete m_labelItems.takeLast();
    while (m_labelItems.size() < boxes.size())
        m_labelItems.append(new MarkerLabelItem(m_chart));
    const QColor base = palette().color(QPalette::Base);
    const QColor marker = ChartTheme::markerColor(palette());
    for (qsizetype k = 0; k < boxes.size(); ++k) {
        const MarkerLane::Box &box = boxes[k];
        // The lane ends two pixels above the plot: a box never touches the data.
        const QRectF rect(box.left, plot.top() - m_laneHeight, box.width, m_laneHeight - 2);
        const QString shown
            = box.count > 1 ? box.text : fm.elidedText(box.text, Qt::ElideRight, box.width - 2 * MarkerLane::kPadding);
        const QList<MarkerItem *> markers = visible.mid(box.first, box.count);
        MarkerLabelItem *item = m_labelItems[k];
        item->setBox(rect, shown, box.text);
        item->setMarkers(box.count, markers.first()->timeMs(), markers.last()->timeMs());
        item->setToolTip(labelToolTip(markers));
        item->setColors(base, marker);
    }
}

QString ChartCanvas::labelToolTip(const QList<MarkerItem *> &markers) const
{
    QList<Marker> values;
    for (const MarkerItem *m : markers)
        values.append(Marker { m->markerId(), m->timeMs(), m->label(), m->notes(), {}, {} });
    QList<const Marker *> pointers;
    for (const Marker &m : std::as_const(values))
        pointers.append(&m);
    return MarkerLane::toolTip(pointers, m_offset);
}

MarkerLabelItem *ChartCanvas::labelAt(const QPoint &pos) const
{
    for (QGraphicsItem *item : items(pos)) {
        if (item->type() == MarkerLabelItem::Type)
            return static_cast<MarkerLabelItem *>(item);
    }
    return nullptr;
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

bool ChartCanvas::isLaidOut() const
{
    // A chart never shown keeps the size Qt gives a new widget, and its plot is a few pixels wide.
    return m_chart->plotArea().width() >= 20 && m_chart->plotArea().height() >= 10;
}

void ChartCanvas::applyPalette()
{
    const QPalette p = palette();
    ChartTheme::apply(m_chart, p);
    // Around the chart, inside the view.
    setBackgroundBrush(p.color(QPalette::Base));
    m_title->setBrush(p.color(QPalette::Text));
    const QColor marker = ChartTheme::markerColor(p);
    for (MarkerItem *item : std::as_const(m_markerItems))
        item->setColor(marker);
    for (MarkerLabelItem *item : std::as_const(m_labelItems))
        item->setColors(p.color(QPalette::Base), marker);
}

void ChartCanvas::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    // The plot area now, not when Qt Charts' layout request comes round: a refresh straight after
    // this decimates to the new width (isLaidOut()).
    m_chart->layout()->activate();
}

void ChartCanvas::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    } else if (event->type() == QEvent::FontChange) {
        updateMargins();
        relayoutMarkers();
    }
}

void ChartCanvas::renderTo(QPainter *painter, QSize size)
{
    // Lay the chart out at the picture's size, draw it, and put it back: no event is processed in
    // between, so the window never shows the other size. The picture gets the time ticks of its
    // own width, and lines that scale with the painter (an export scales it up; the on-screen
    // 1 px cosmetic pens would stay 1 px). The picture's caption says the title (ChartExporter).
    // A picture stands alone: with its marker lane and clock, without the padding that lines it up
    // with the charts beside it, and without telling them its size (plotWidthChanged()).
    const QSignalBlocker quiet(this);
    const QRectF original = m_chart->geometry();
    const bool lane = m_lane;
    const QPair<qreal, qreal> padding { m_padLeft, m_padRight };
    m_lane = true;
    m_padLeft = m_padRight = 0;
    m_title->setVisible(false);
    updateMargins();
    m_timeAxis->setLabelsVisible(true);
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
    m_title->setVisible(true);
    m_timeAxis->setLabelsVisible(m_timeLabels);
    m_lane = lane;
    std::tie(m_padLeft, m_padRight) = padding;
    updateMargins();
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
    if (const MarkerLabelItem *label = labelAt(event->pos())) {
        QToolTip::showText(event->globalPosition().toPoint() + QPoint(12, 12), label->toolTip(), this);
    } else if (timeAt(event->pos(), &t)) {
        emit hovered(t, event->globalPosition().toPoint());
    } else {
        QToolTip::hideText();
    }
    QChartView::mouseMoveEvent(event);
}

void ChartCanvas::mousePressEvent(QMouseEvent *event)
{
    m_click.press(event);
    QChartView::mousePressEvent(event);
}

void ChartCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    qint64 t = 0;
    const bool isClick = m_click.release(event);
    const MarkerLabelItem *label = isClick ? labelAt(event->pos()) : nullptr;
    if (label) {
        emit markerLabelClicked(label->firstMs(), label->lastMs());
    } else if (isClick && timeAt(event->pos(), &t)) {
        emit clicked(t);
    }
    QChartView::mouseReleaseEvent(event);
}

void ChartCanvas::leaveEvent(QEvent *event)
{
    QToolTip::hideText();
    QChartView::leaveEvent(event);
}
