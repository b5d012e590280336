#include "logchart.h"

#include "chartcanvas.h"
#include "chartscale.h"
#include "decimator.h"
#include "logreader.h"

#include <QContextMenuEvent>
#include <QHash>
#include <QMenu>
#include <QTimer>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>

LogChart::LogChart(const QString &title, const QString &unit, std::shared_ptr<const LogData> data,
    const QList<LogChartLine> &lines, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_data(std::move(data))
    , m_lines(lines)
    , m_canvas(new ChartCanvas(title, unit, this))
    , m_refreshTimer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas);
    setMinimumHeight(110);
    for (const LogChartLine &line : m_lines)
        m_canvas->addLine(line.name, line.color, line.rightAxis);
    m_canvas->setValueRange(0, 10);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(40);
    connect(m_refreshTimer, &QTimer::timeout, this, &LogChart::refresh);
    connect(m_canvas, &ChartCanvas::plotWidthChanged, this, &LogChart::scheduleRefresh);
    connect(m_canvas, &ChartCanvas::plotWidthChanged, this, &LogChart::plotChanged);
    // A click on a marker label (or a count of markers) zooms in around its markers.
    connect(m_canvas, &ChartCanvas::markerLabelClicked, this, [this](qint64 first, qint64 last) {
        const qint64 half = std::max<qint64>((last - first) * 3 / 2, 15'000); // three times as wide
        const qint64 centre = first + (last - first) / 2;
        emit zoomRequested(centre - half, centre + half);
    });
    m_canvas->viewport()->installEventFilter(this);
    m_end = m_data ? m_data->snapshotCount() : 0;
    // One clock per view: the log's own UTC offset (its first row's) until the page sets the
    // view's clock (View → Time zone), as the Issues table and the report print times. A log
    // written without offsets is shown as written.
    if (m_data)
        setClock(ViewClock(ViewClock::LogZone, m_data->offsetSeconds.empty() ? 0 : m_data->offsetSeconds.front(),
            m_data->hasUtcOffsets));
}

void LogChart::setClock(const ViewClock &clock)
{
    m_clock = clock;
    m_canvas->setTimeOffset(clock.axisOffset());
}

LogChart::~LogChart() = default;

QPair<int, int> LogChart::plotEdges() const
{
    const QWidget *viewport = m_canvas->viewport();
    return { viewport->mapTo(this, m_canvas->positionOf(m_startMs)).x(),
        viewport->mapTo(this, m_canvas->positionOf(m_endMs)).x() };
}

QStringList LogChart::timeLabels() const
{
    return m_canvas->timeLabels();
}

void LogChart::setRows(qsizetype begin, qsizetype end)
{
    m_begin = begin;
    m_end = end;
    scheduleRefresh();
}

void LogChart::setValueRange(double min, double max)
{
    m_autoRange = max <= min;
    if (!m_autoRange)
        m_canvas->setValueRange(min, max);
}

void LogChart::setRightAxisTitle(const QString &title)
{
    m_canvas->setRightAxisTitle(title);
}

void LogChart::setTimeLabelsVisible(bool visible)
{
    m_canvas->setTimeLabelsVisible(visible);
}

void LogChart::setMarkerLaneVisible(bool visible)
{
    m_canvas->setMarkerLaneVisible(visible);
}

void LogChart::alignPlots(const QList<LogChart *> &charts, qreal minLeft)
{
    qreal left = minLeft;
    qreal right = 0;
    for (const LogChart *chart : charts) {
        const QPair<qreal, qreal> insets = chart->m_canvas->axisInsets();
        left = std::max(left, insets.first);
        right = std::max(right, insets.second);
    }
    for (LogChart *chart : charts) {
        const QPair<qreal, qreal> insets = chart->m_canvas->axisInsets();
        chart->m_canvas->setPlotPadding(left - insets.first, right - insets.second);
    }
}

void LogChart::setGapMs(qint64 ms)
{
    m_gapMs = ms;
    scheduleRefresh();
}

void LogChart::setShades(const QList<LogChartShade> &shades)
{
    m_shades = shades;
    scheduleRefresh();
}

void LogChart::setMarkers(const MarkerStore *markers)
{
    m_canvas->setMarkers(markers);
}

void LogChart::showRange(qint64 startMs, qint64 endMs)
{
    m_startMs = startMs;
    m_endMs = std::max(endMs, startMs + 1);
    refresh();
}

void LogChart::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void LogChart::refresh()
{
    m_refreshTimer->stop();
    if (!m_canvas->isLaidOut()) {
        // Decimated to a plot a few pixels wide, a day of data is a diagonal line and every issue
        // one solid band: draw nothing until the chart has its size (plotWidthChanged()).
        for (int i = 0; i < m_lines.size(); ++i)
            m_canvas->setPoints(i, {});
        m_canvas->setShadedRanges({});
        return;
    }
    const int columns = m_canvas->plotWidth();
    QList<ChartScale::Line> lines(m_lines.size());
    const std::vector<qint64> *times = m_data ? &m_data->timeMs : nullptr;
    qsizetype first = m_begin;
    if (times && m_begin < m_end) {
        const auto from = times->begin() + m_begin;
        first = std::max<qsizetype>(
            m_begin, (std::lower_bound(from, times->begin() + m_end, m_startMs) - times->begin()) - 1);
    }
    for (int i = 0; i < m_lines.size(); ++i) {
        const std::vector<double> *column = m_data ? m_data->series(m_lines[i].machine, m_lines[i].metric) : nullptr;
        if (column) {
            lines[i].points = Decimator::minMax(
                first, m_end, [times](qsizetype j) { return (*times)[size_t(j)]; },
                [column](qsizetype j) { return (*column)[size_t(j)]; }, m_startMs, m_endMs, columns, m_gapMs,
                &lines[i].breaks);
        }
        lines[i].rightAxis = m_lines[i].rightAxis;
    }
    const qint64 msPerPixel = std::max<qint64>(1, (m_endMs - m_startMs) / std::max(1, columns));
    ChartScale::push(m_canvas, lines, m_autoRange, m_startMs, m_endMs, [this, msPerPixel] {
        QList<QPair<qint64, qint64>> ranges;
        QList<QColor> colors;
        for (const LogChartShade &shade : mergeShades(m_shades, m_startMs, m_endMs, msPerPixel)) {
            ranges.append({ shade.startMs, shade.endMs });
            colors.append(shade.color);
        }
        m_canvas->setShadedRanges(ranges, colors);
    });
}

QList<LogChartShade> LogChart::mergeShades(const QList<LogChartShade> &shades, qint64 fromMs, qint64 toMs, qint64 gapMs)
{
    QList<LogChartShade> out;
    QHash<QRgb, int> last; // color → index of its last band in out
    for (const LogChartShade &s : shades) {
        if (s.endMs < fromMs || s.startMs > toMs)
            continue;
        const auto previous = last.constFind(s.color.rgba());
        if (previous != last.cend() && s.startMs <= out[*previous].endMs + gapMs) {
            out[*previous].endMs = std::max(out[*previous].endMs, s.endMs);
            continue;
        }
        last.insert(s.color.rgba(), int(out.size()));
        out.append(s);
    }
    return out;
}

QStringList LogChart::lineNames() const
{
    QStringList names;
    for (const LogChartLine &line : m_lines)
        names << line.name;
    return names;
}

QList<int> LogChart::machines() const
{
    QList<int> out;
    for (const LogChartLine &line : m_lines) {
        if (!out.contains(line.machine))
            out.append(line.machine);
    }
    return out;
}

std::optional<int> LogChart::timeOffset() const
{
    return m_canvas->timeOffset();
}

qsizetype LogChart::pointCount(int line) const
{
    return m_canvas->pointCount(line);
}

QStringList LogChart::visibleMarkerLabels() const
{
    return m_canvas->visibleMarkerLabels();
}

void LogChart::render(QPainter *painter, QSize size)
{
    m_canvas->renderTo(painter, size);
}

void LogChart::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *exportImage = menu.addAction(tr("Export as image…"));
    if (menu.exec(event->globalPos()) == exportImage)
        emit exportRequested(this);
}

void LogChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleRefresh();
}

bool LogChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_canvas->viewport() || event->type() != QEvent::Wheel)
        return QWidget::eventFilter(watched, event);
    auto *wheel = static_cast<QWheelEvent *>(event);
    qint64 at = 0;
    const int delta = wheel->angleDelta().y();
    if (delta == 0 || !m_canvas->timeAt(wheel->position().toPoint(), &at))
        return true;
    // Each notch: a fifth closer in, or a quarter further out, keeping the moment under the mouse.
    const double factor = delta > 0 ? 0.8 : 1.25;
    const double start = double(at) - double(at - m_startMs) * factor;
    const double end = double(at) + double(m_endMs - at) * factor;
    if (end - start >= 1000) // no closer than a second
        emit zoomRequested(qint64(start), qint64(end));
    return true;
}
