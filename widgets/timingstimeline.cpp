#include "timingstimeline.h"

#include "timeticks.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {
constexpr int kAxisHeight = 22;
constexpr int kDefaultRight = 12;
constexpr int kMaxLaneHeight = 26;

QColor callColor(const QPalette &palette)
{
    return palette.color(QPalette::Highlight);
}

const QColor kErrorColor(214, 39, 40);
} // namespace

TimingsTimeline::TimingsTimeline(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

TimingLanes TimingsTimeline::buildLanes(const TimingData &data)
{
    TimingLanes lanes;
    lanes.calls.resize(size_t(data.functions.size()));
    lanes.maxDuration.assign(size_t(data.functions.size()), 0.0);
    lanes.start = data.size() ? data.start[0] : 0;
    lanes.end = lanes.start;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const size_t f = size_t(data.function[size_t(i)]);
        lanes.calls[f].push_back(std::uint32_t(i));
        lanes.maxDuration[f] = std::max(lanes.maxDuration[f], data.duration[size_t(i)]);
        lanes.start = std::min(lanes.start, data.start[size_t(i)]);
        lanes.end = std::max(lanes.end, data.end(i));
    }
    for (auto &calls : lanes.calls) {
        std::stable_sort(calls.begin(), calls.end(),
            [&data](std::uint32_t a, std::uint32_t b) { return data.start[a] < data.start[b]; });
    }
    return lanes;
}

void TimingsTimeline::setData(std::shared_ptr<const TimingData> data, std::shared_ptr<const TimingLanes> lanes)
{
    m_data = std::move(data);
    m_lanes = std::move(lanes);
    // Room for the lane names: at least 14 pixels a lane, up to 16 lanes (more get thinner).
    const int shown = m_data ? std::min<int>(16, int(m_data->functions.size())) : 1;
    setMinimumHeight(std::max(80, shown * 14 + kAxisHeight));
    if (m_selected >= (m_data ? int(m_data->functions.size()) : 0))
        m_selected = -1;
    update();
}

void TimingsTimeline::setRange(qint64 startMs, qint64 endMs)
{
    if (endMs <= startMs)
        endMs = startMs + 1;
    if (startMs == m_startMs && endMs == m_endMs)
        return;
    m_startMs = startMs;
    m_endMs = endMs;
    update();
}

void TimingsTimeline::setTimeOffset(std::optional<int> offsetSeconds)
{
    m_offset = offsetSeconds;
    update();
}

void TimingsTimeline::setPlotInsets(int left, int right)
{
    m_left = left;
    m_right = right;
    update();
}

int TimingsTimeline::plotLeft() const
{
    return m_left >= 0 ? m_left : kLaneNamesWidth;
}

int TimingsTimeline::plotRight() const
{
    return m_right >= 0 ? m_right : kDefaultRight;
}

void TimingsTimeline::setSelectedFunction(int function)
{
    m_selected = function;
    update();
}

QSize TimingsTimeline::sizeHint() const
{
    const int lanes = m_data ? int(m_data->functions.size()) : 4;
    return { 800, std::min(lanes, 16) * 20 + kAxisHeight + 4 };
}

QSize TimingsTimeline::minimumSizeHint() const
{
    return { 300, 80 };
}

int TimingsTimeline::laneHeight(QSize size) const
{
    const int lanes = m_data ? std::max<int>(1, int(m_data->functions.size())) : 1;
    return std::clamp((size.height() - kAxisHeight) / lanes, 3, kMaxLaneHeight);
}

int TimingsTimeline::laneAt(int y) const
{
    if (!m_data)
        return -1;
    const int lane = y / laneHeight(size());
    return lane < m_data->functions.size() ? lane : -1;
}

double TimingsTimeline::secondsToX(double seconds, int width) const
{
    const double plot = std::max(1, width - plotLeft() - plotRight());
    return plotLeft() + (seconds * 1000.0 - double(m_startMs)) / double(m_endMs - m_startMs) * plot;
}

double TimingsTimeline::xToSeconds(double x, int width) const
{
    const double plot = std::max(1, width - plotLeft() - plotRight());
    return (double(m_startMs) + (x - plotLeft()) / plot * double(m_endMs - m_startMs)) / 1000.0;
}

size_t TimingsTimeline::firstInView(int lane) const
{
    const auto &calls = m_lanes->calls[size_t(lane)];
    const double from = double(m_startMs) / 1000.0 - m_lanes->maxDuration[size_t(lane)];
    const auto it = std::lower_bound(
        calls.begin(), calls.end(), from, [this](std::uint32_t call, double t) { return m_data->start[call] < t; });
    return size_t(it - calls.begin());
}

void TimingsTimeline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintAll(p, size());
}

void TimingsTimeline::render(QPainter *painter, QSize size)
{
    painter->save();
    painter->fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
    paintAll(*painter, size);
    painter->restore();
}

void TimingsTimeline::paintAll(QPainter &p, QSize size)
{
    m_rectCount = 0;
    p.fillRect(QRect(plotLeft(), 0, size.width() - plotLeft() - plotRight(), size.height() - kAxisHeight),
        palette().color(QPalette::Base));
    if (m_data && m_lanes && m_lanes->calls.size() == size_t(m_data->functions.size())) {
        const int h = laneHeight(size);
        for (int lane = 0; lane < m_data->functions.size(); ++lane)
            paintLane(p, lane, QRect(0, lane * h, size.width(), h));
    }
    paintAxis(p, size);
}

void TimingsTimeline::paintLane(QPainter &p, int lane, const QRect &rect)
{
    const QRect plot(plotLeft(), rect.top(), rect.width() - plotLeft() - plotRight(), rect.height());
    if (lane == m_selected)
        p.fillRect(
            QRect(0, rect.top(), rect.width(), rect.height()), palette().color(QPalette::AlternateBase).darker(110));
    if (rect.height() >= 9) {
        QFont f = p.font();
        f.setPixelSize(std::min(12, rect.height() - 2));
        p.setFont(f);
        p.setPen(palette().color(QPalette::Text));
        const QString name = fontMetrics().elidedText(m_data->functions[lane], Qt::ElideMiddle, plotLeft() - 8);
        p.drawText(QRect(4, rect.top(), plotLeft() - 8, rect.height()), Qt::AlignVCenter | Qt::AlignLeft, name);
    }
    const auto &calls = m_lanes->calls[size_t(lane)];
    const size_t first = firstInView(lane);
    const double endS = double(m_endMs) / 1000.0;
    size_t inView = 0;
    for (size_t k = first; k < calls.size() && m_data->start[calls[k]] <= endS; ++k)
        ++inView;
    p.save();
    p.setClipRect(plot);
    if (inView * 2 < size_t(std::max(1, plot.width()))) {
        const QRect box = plot.adjusted(0, 2, 0, -2);
        for (size_t k = first; k < first + inView; ++k) {
            const std::uint32_t c = calls[k];
            const double x0 = secondsToX(m_data->start[c], rect.width());
            const double x1 = std::max(x0 + 1, secondsToX(m_data->end(c), rect.width()));
            p.fillRect(
                QRectF(x0, box.top(), x1 - x0, box.height()), m_data->ok[c] ? callColor(palette()) : kErrorColor);
            ++m_rectCount;
        }
    } else {
        paintCoverage(p, calls, first, plot.adjusted(0, 2, 0, -2));
    }
    p.restore();
}

// Marks the pixel columns any call covers, and those a failed call covers, with difference arrays
// (a long call costs no more than a short one), then draws each run of marked columns as one rect.
void TimingsTimeline::paintCoverage(
    QPainter &p, const std::vector<std::uint32_t> &calls, size_t first, const QRect &box)
{
    const int width = box.width();
    std::vector<int> any(size_t(width) + 1, 0), failed(size_t(width) + 1, 0);
    const double endS = double(m_endMs) / 1000.0;
    const int full = box.right() + plotRight() + 1;
    for (size_t k = first; k < calls.size() && m_data->start[calls[k]] <= endS; ++k) {
        const std::uint32_t c = calls[k];
        const double x0 = secondsToX(m_data->start[c], full) - box.left();
        const double x1 = secondsToX(m_data->end(c), full) - box.left();
        if (x1 < 0 || x0 >= width)
            continue;
        const int a = std::clamp(int(std::floor(x0)), 0, width - 1);
        const int b = std::clamp(int(std::ceil(x1)), a + 1, width);
        ++any[size_t(a)];
        --any[size_t(b)];
        if (!m_data->ok[c]) {
            ++failed[size_t(a)];
            --failed[size_t(b)];
        }
    }
    for (const auto &[columns, color] :
        { std::pair { &any, callColor(palette()) }, std::pair { &failed, kErrorColor } }) {
        int running = 0, runStart = -1;
        for (int x = 0; x <= width; ++x) {
            running += x < width ? (*columns)[size_t(x)] : 0;
            const bool on = x < width && running > 0;
            if (on && runStart < 0)
                runStart = x;
            if (!on && runStart >= 0) {
                p.fillRect(QRect(box.left() + runStart, box.top(), x - runStart, box.height()), color);
                ++m_rectCount;
                runStart = -1;
            }
        }
    }
}

void TimingsTimeline::paintAxis(QPainter &p, QSize size)
{
    const int y = size.height() - kAxisHeight;
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(plotLeft(), y, size.width() - plotRight(), y);
    const int plotWidth = size.width() - plotLeft() - plotRight();
    const auto ticks = TimeTicks::compute(m_startMs, m_endMs, std::max(2, plotWidth / 90), m_offset);
    QFont f = p.font();
    f.setPixelSize(11);
    p.setFont(f);
    for (const TimeTicks::Tick &tick : ticks) {
        const double x = plotLeft() + double(tick.ms - m_startMs) / double(m_endMs - m_startMs) * plotWidth;
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(QPointF(x, 0), QPointF(x, y + 3));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(x - 45, y + 3, 90, kAxisHeight - 3), Qt::AlignHCenter | Qt::AlignTop, tick.label);
    }
}

qsizetype TimingsTimeline::callAt(const QPoint &pos) const
{
    const int lane = laneAt(pos.y());
    if (lane < 0 || !m_lanes || pos.x() < plotLeft() || pos.x() > width() - plotRight())
        return -1;
    const double t = xToSeconds(pos.x(), width());
    const double slack = 3 * double(m_endMs - m_startMs) / 1000.0 / std::max(1, width() - plotLeft() - plotRight());
    const auto &calls = m_lanes->calls[size_t(lane)];
    qsizetype best = -1;
    for (size_t k = firstInView(lane); k < calls.size() && m_data->start[calls[k]] <= t + slack; ++k) {
        if (m_data->end(calls[k]) >= t - slack)
            best = calls[k]; // the latest starting of those under the mouse
    }
    return best;
}

QString TimingsTimeline::callText(qsizetype call) const
{
    if (!m_data || call < 0 || call >= m_data->size())
        return {};
    const size_t c = size_t(call);
    QString text = QStringLiteral("<b>%1</b><br>%2<br>")
                       .arg(m_data->functionName(call).toHtmlEscaped(),
                           TimeTicks::format(
                               qint64(m_data->start[c] * 1000), m_offset, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    text += tr("Duration: %1 s").arg(m_data->duration[c], 0, 'g', 4);
    if (!m_data->ok[c])
        text += QStringLiteral("<br><span style='color:#d62728'>%1</span>").arg(tr("Failed"));
    for (const NumericColumn &col : m_data->numeric) {
        const auto it = std::lower_bound(col.rows.begin(), col.rows.end(), std::uint32_t(call));
        if (it != col.rows.end() && *it == std::uint32_t(call))
            text += QStringLiteral("<br>%1: %2")
                        .arg(col.name.toHtmlEscaped())
                        .arg(col.values[size_t(it - col.rows.begin())], 0, 'g', 6);
    }
    for (const TextColumn &col : m_data->text) {
        const auto it = std::lower_bound(col.rows.begin(), col.rows.end(), std::uint32_t(call));
        if (it != col.rows.end() && *it == std::uint32_t(call))
            text += QStringLiteral("<br>%1: %2")
                        .arg(col.name.toHtmlEscaped(),
                            col.values.value(col.valueIndex[size_t(it - col.rows.begin())]).toHtmlEscaped());
    }
    return text;
}

void TimingsTimeline::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0 || event->position().x() < plotLeft())
        return;
    const double at = xToSeconds(event->position().x(), width()) * 1000.0;
    const double factor = delta > 0 ? 0.8 : 1.25;
    const double start = at - (at - double(m_startMs)) * factor;
    const double end = at + (double(m_endMs) - at) * factor;
    if (end - start >= 1) {
        setRange(qint64(start), qint64(end));
        emit rangeChanged(m_startMs, m_endMs);
    }
    event->accept();
}

void TimingsTimeline::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    m_pressStartMs = m_startMs;
    m_dragging = event->button() == Qt::LeftButton;
}

void TimingsTimeline::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging && (event->buttons() & Qt::LeftButton)) {
        const double plot = std::max(1, width() - plotLeft() - plotRight());
        const qint64 shift = qint64(double(event->pos().x() - m_pressPos.x()) / plot * double(m_endMs - m_startMs));
        const qint64 span = m_endMs - m_startMs;
        setRange(m_pressStartMs - shift, m_pressStartMs - shift + span);
        emit rangeChanged(m_startMs, m_endMs);
        return;
    }
    const qsizetype call = callAt(event->pos());
    if (call >= 0)
        QToolTip::showText(event->globalPosition().toPoint(), callText(call), this);
    else
        QToolTip::hideText();
}

void TimingsTimeline::mouseReleaseEvent(QMouseEvent *event)
{
    m_dragging = false;
    if ((event->pos() - m_pressPos).manhattanLength() < 4) {
        const int lane = laneAt(event->pos().y());
        if (lane >= 0)
            emit functionClicked(lane);
    }
}
