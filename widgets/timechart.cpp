#include "timechart.h"

#include "chartcanvas.h"
#include "chartscale.h"
#include "decimator.h"
#include "history.h"
#include "stripcanvas.h"
#include "units.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QMenu>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {
// The stretches in [from, to] where server_up was 0: from the first such sample to the next sample.
QList<QPair<qint64, qint64>> downRanges(const History &h, qint64 from, qint64 to)
{
    QList<QPair<qint64, qint64>> ranges;
    qsizetype i = std::max<qsizetype>(0, h.lowerBound(from) - 1);
    qint64 downSince = -1;
    for (; i < h.size(); ++i) {
        const Sample &s = h.at(i);
        if (s.timeMs > to)
            break;
        const bool down = s.has(Metric::ServerUp) && s.value(Metric::ServerUp) == 0;
        if (down && downSince < 0)
            downSince = s.timeMs;
        if (!down && downSince >= 0) {
            ranges.append({ downSince, s.timeMs });
            downSince = -1;
        }
    }
    if (downSince >= 0)
        ranges.append({ downSince, h.isEmpty() ? to : std::min(to, h.last().timeMs) });
    return ranges;
}
} // namespace

TimeChart::TimeChart(const QString &title, const QString &unit, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_unit(unit)
    , m_canvas(new StripCanvas(title, unit, this))
    , m_refreshTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas);
    setMinimumHeight(180);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(40);
    connect(m_refreshTimer, &QTimer::timeout, this, &TimeChart::refresh);
    connect(m_canvas, &StripCanvas::plotWidthChanged, this, &TimeChart::scheduleRefresh);
    connect(m_canvas, &StripCanvas::clicked, this, &TimeChart::clicked);
    connect(m_canvas, &StripCanvas::markerLabelClicked, this, &TimeChart::markerLabelClicked);
    connect(m_canvas, &StripCanvas::hovered, this, &TimeChart::onHover);
    m_canvas->installEventFilter(this);
    m_endMs = QDateTime::currentMSecsSinceEpoch();
    m_canvas->setTimeRange(m_endMs - m_windowMs, m_endMs);
    m_canvas->setValueRange(0, 10);
}

TimeChart::~TimeChart() = default;

void TimeChart::addSeries(const ChartSeries &series)
{
    m_series.append(series);
    m_canvas->addLine(series.name, series.color, series.rightAxis);
    scheduleRefresh();
}

void TimeChart::setMarkers(const MarkerStore *markers)
{
    m_markers = markers;
    m_canvas->setMarkers(markers);
}

void TimeChart::setValueRange(double min, double max)
{
    m_autoRange = max <= min;
    if (!m_autoRange) {
        m_valueMin = min;
        m_valueMax = max;
        m_canvas->setValueRange(min, max);
    }
}

void TimeChart::setRightAxisTitle(const QString &title)
{
    m_rightTitle = title;
    m_canvas->setRightAxisTitle(title);
}

void TimeChart::setSampleInterval(double seconds)
{
    // More than three intervals without a sample is a gap in the data, drawn as one.
    m_gapMs = qint64(std::max(seconds, 0.1) * 3000) + 250;
}

void TimeChart::setDowntimeSource(const History *history)
{
    m_downtime = history;
    scheduleRefresh();
}

void TimeChart::setWindowMs(qint64 ms)
{
    m_windowMs = std::max<qint64>(1000, ms);
    m_fixedRange = false;
    refresh();
}

void TimeChart::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused) {
        m_fixedRange = false;
        refresh();
    }
}

qint64 TimeChart::rangeStartMs() const
{
    return m_endMs - m_windowMs;
}

void TimeChart::showRange(qint64 startMs, qint64 endMs)
{
    m_windowMs = std::max<qint64>(1, endMs - startMs);
    m_endMs = endMs;
    m_fixedRange = true;
    refresh();
}

void TimeChart::scheduleRefresh()
{
    if (m_paused || m_refreshTimer->isActive())
        return;
    // A chart nobody can see (another tab, scrolled out, the window minimised) does no work: it
    // catches up when it is shown or painted again.
    if (!isOnScreen()) {
        m_stale = true;
        return;
    }
    m_refreshTimer->start();
}

bool TimeChart::isOnScreen() const
{
    // The canvas covers this widget: it is what can be seen of the chart.
    return isVisible() && !window()->isMinimized() && !m_canvas->visibleRegion().isEmpty();
}

bool TimeChart::eventFilter(QObject *watched, QEvent *event)
{
    // Scrolled back into view: the canvas is painted before any new sample comes.
    if (event->type() == QEvent::Paint && m_stale && !m_paused && !m_refreshTimer->isActive())
        m_refreshTimer->start();
    return QWidget::eventFilter(watched, event);
}

void TimeChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        scheduleRefresh();
}

void TimeChart::refresh()
{
    m_stale = false;
    if (!m_fixedRange && !m_paused)
        m_endMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = rangeStartMs();
    m_lines.resize(m_series.size());
    if (!m_canvas->isLaidOut()) {
        // Not on screen yet: points decimated to a plot a few pixels wide would be a diagonal line.
        // plotWidthChanged() asks again once the chart has its size.
        for (int i = 0; i < m_series.size(); ++i) {
            m_lines[i] = {};
            m_canvas->setPoints(i, {});
        }
        m_canvas->setTimeRange(start, m_endMs);
        return;
    }
    const int columns = m_canvas->plotWidth();
    for (int i = 0; i < m_series.size(); ++i) {
        const History *h = m_series[i].history;
        const Metric metric = m_series[i].metric;
        const qsizetype first = std::max<qsizetype>(0, h->lowerBound(start) - 1);
        ChartScale::Line &line = m_lines[i];
        line.breaks.clear();
        line.points = Decimator::minMax(
            first, h->size(), [h](qsizetype j) { return h->at(j).timeMs; },
            [h, metric](qsizetype j) { return h->at(j).value(metric); }, start, m_endMs, columns, m_gapMs,
            &line.breaks);
        line.rightAxis = m_series[i].rightAxis;
    }
    const ChartScale::Ends ends = ChartScale::upperEnds(m_lines);
    if (m_autoRange) {
        m_valueMin = 0;
        m_valueMax = ends.left;
        m_canvas->setValueRange(0, ends.left);
    }
    m_canvas->setRightValueRange(0, ends.right);
    m_shaded = m_downtime ? downRanges(*m_downtime, start, m_endMs) : QList<QPair<qint64, qint64>>();
    m_canvas->setShadedRanges(m_shaded);
    m_canvas->setTimeRange(start, m_endMs);
    for (int i = 0; i < m_series.size(); ++i)
        m_canvas->setPoints(i, m_lines[i].points, m_lines[i].breaks);
}

qsizetype TimeChart::pointCount(int series) const
{
    return m_canvas->pointCount(series);
}

void TimeChart::render(QPainter *painter, QSize size)
{
    // A picture is drawn by Qt Charts, as the Analysis tab's are (scaled fonts, the marker lane,
    // round ticks for its own width): a canvas made for it, with what the screen shows now.
    ChartCanvas canvas(m_title, m_unit);
    canvas.setAttribute(Qt::WA_DontShowOnScreen);
    canvas.setFont(font());
    canvas.setPalette(palette());
    for (const ChartSeries &s : std::as_const(m_series))
        canvas.addLine(s.name, s.color, s.rightAxis);
    canvas.setRightAxisTitle(m_rightTitle);
    canvas.setMarkers(m_markers);
    canvas.resize(size);
    canvas.setValueRange(m_valueMin, m_valueMax);
    ChartScale::push(
        &canvas, m_lines, m_autoRange, rangeStartMs(), m_endMs, [this, &canvas] { canvas.setShadedRanges(m_shaded); });
    canvas.renderTo(painter, size);
}

QPoint TimeChart::positionOf(qint64 timeMs) const
{
    return m_canvas->mapTo(this, m_canvas->positionOf(timeMs));
}

QStringList TimeChart::visibleMarkerLabels() const
{
    return m_canvas->visibleMarkerLabels();
}

void TimeChart::contextMenuEvent(QContextMenuEvent *event)
{
    const QPoint inCanvas = m_canvas->mapFrom(this, event->pos());
    QMenu menu(this);
    QAction *mark = menu.addAction(tr("Add marker here…"));
    QAction *exportImage = menu.addAction(tr("Export as image…"));
    QAction *chosen = menu.exec(event->globalPos());
    if (chosen == exportImage) {
        emit exportRequested(this);
    } else if (chosen == mark) {
        qint64 t = 0;
        emit clicked(m_canvas->timeAt(inCanvas, &t) ? t : QDateTime::currentMSecsSinceEpoch());
    }
}

void TimeChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleRefresh();
}

QString TimeChart::hoverText(qint64 timeMs) const
{
    QStringList lines;
    qint64 shownTime = -1;
    // A sample further away than a few pixels' worth of time is not "under the mouse".
    const qint64 tolerance = std::max<qint64>(2000, 6 * m_windowMs / std::max(1, m_canvas->plotWidth()));
    for (const ChartSeries &s : m_series) {
        const qsizetype i = s.history->nearest(timeMs);
        if (i < 0)
            continue;
        const Sample &sample = s.history->at(i);
        if (std::abs(sample.timeMs - timeMs) > tolerance || !sample.has(s.metric))
            continue;
        shownTime = sample.timeMs;
        QString text = s.name + QStringLiteral(": ") + Units::formatMetric(s.metric, sample.value(s.metric));
        if (s.metric == Metric::MemoryPercent && sample.has(Metric::MemoryUsedMb))
            text += QStringLiteral(" (") + Units::formatMebibytes(sample.value(Metric::MemoryUsedMb)) + u')';
        lines << text;
    }
    if (lines.isEmpty())
        return {};
    lines.prepend(QDateTime::fromMSecsSinceEpoch(shownTime).toString(QStringLiteral("HH:mm:ss.zzz")));
    return lines.join(u'\n');
}

void TimeChart::onHover(qint64 timeMs, const QPoint &globalPos)
{
    const QString text = hoverText(timeMs);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(globalPos + QPoint(12, 12), text, this);
}
