#include "timechart.h"

#include "chartcanvas.h"
#include "chartscale.h"
#include "decimator.h"
#include "history.h"
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
    , m_canvas(new ChartCanvas(title, unit, this))
    , m_refreshTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas);
    setMinimumHeight(180);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(40);
    connect(m_refreshTimer, &QTimer::timeout, this, &TimeChart::refresh);
    connect(m_canvas, &ChartCanvas::plotWidthChanged, this, &TimeChart::scheduleRefresh);
    connect(m_canvas, &ChartCanvas::clicked, this, &TimeChart::clicked);
    connect(m_canvas, &ChartCanvas::hovered, this, &TimeChart::onHover);
    m_canvas->viewport()->installEventFilter(this);
    m_canvas->setLive(true);
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
    m_canvas->setMarkers(markers);
}

void TimeChart::setValueRange(double min, double max)
{
    m_autoRange = max <= min;
    if (!m_autoRange)
        m_canvas->setValueRange(min, max);
}

void TimeChart::setRightAxisTitle(const QString &title)
{
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
    // The canvas covers this widget: its viewport is what can be seen of the chart.
    return isVisible() && !window()->isMinimized() && !m_canvas->viewport()->visibleRegion().isEmpty();
}

bool TimeChart::eventFilter(QObject *watched, QEvent *event)
{
    // Scrolled back into view: the viewport is painted before any new sample comes.
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
    if (!m_canvas->isLaidOut()) {
        // Not on screen yet: points decimated to a plot a few pixels wide would be a diagonal line.
        // plotWidthChanged() asks again once the chart has its size.
        for (int i = 0; i < m_series.size(); ++i)
            m_canvas->setPoints(i, {});
        m_canvas->setTimeRange(start, m_endMs);
        return;
    }
    const int columns = m_canvas->plotWidth();
    QList<ChartScale::Line> lines(m_series.size());
    for (int i = 0; i < m_series.size(); ++i) {
        const History *h = m_series[i].history;
        const Metric metric = m_series[i].metric;
        const qsizetype first = std::max<qsizetype>(0, h->lowerBound(start) - 1);
        lines[i].points = Decimator::minMax(
            first, h->size(), [h](qsizetype j) { return h->at(j).timeMs; },
            [h, metric](qsizetype j) { return h->at(j).value(metric); }, start, m_endMs, columns, m_gapMs,
            &lines[i].breaks);
        lines[i].rightAxis = m_series[i].rightAxis;
    }
    ChartScale::push(m_canvas, lines, m_autoRange, start, m_endMs, [this, start] {
        if (m_downtime)
            m_canvas->setShadedRanges(downRanges(*m_downtime, start, m_endMs));
    });
}

qsizetype TimeChart::pointCount(int series) const
{
    return m_canvas->pointCount(series);
}

void TimeChart::render(QPainter *painter, QSize size)
{
    m_canvas->renderTo(painter, size);
}

QPoint TimeChart::positionOf(qint64 timeMs) const
{
    return m_canvas->viewport()->mapTo(this, m_canvas->positionOf(timeMs));
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
