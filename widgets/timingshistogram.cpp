#include "timingshistogram.h"

#include "timingstablemodel.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

TimingsHistogram::TimingsHistogram(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(200, 120);
}

void TimingsHistogram::setDurations(const QString &function, std::vector<double> seconds)
{
    m_function = function;
    m_values = std::move(seconds);
    bin();
}

void TimingsHistogram::setLogScale(bool log)
{
    m_log = log;
    bin();
}

void TimingsHistogram::bin()
{
    m_counts.assign(kBins, 0);
    m_edges.clear();
    std::vector<double> v;
    v.reserve(m_values.size());
    for (double d : m_values) {
        if (std::isfinite(d) && d >= 0 && (!m_log || d > 0))
            v.push_back(d);
    }
    if (!v.empty()) {
        const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
        double lo = m_log ? std::log10(*mn) : *mn;
        double hi = m_log ? std::log10(*mx) : *mx;
        if (hi <= lo)
            hi = lo + (m_log ? 0.1 : std::max(1e-6, std::abs(lo) * 0.1));
        for (int i = 0; i <= kBins; ++i) {
            const double e = lo + (hi - lo) * i / kBins;
            m_edges.push_back(m_log ? std::pow(10.0, e) : e);
        }
        for (double d : v) {
            const double x = m_log ? std::log10(d) : d;
            m_counts[size_t(std::clamp(int((x - lo) / (hi - lo) * kBins), 0, kBins - 1))]++;
        }
    }
    update();
}

void TimingsHistogram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintAll(p, size());
}

void TimingsHistogram::render(QPainter *painter, QSize size)
{
    painter->save();
    painter->fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
    paintAll(*painter, size);
    painter->restore();
}

void TimingsHistogram::paintAll(QPainter &p, QSize size)
{
    const QRect plot(48, 22, size.width() - 60, size.height() - 44);
    p.fillRect(plot, palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Text));
    const QString title = m_function.isEmpty()
        ? tr("Durations: select a function")
        : tr("Durations of %1 (%2)").arg(m_function, m_log ? tr("log scale") : tr("linear"));
    p.drawText(QRect(0, 0, size.width(), 20), Qt::AlignCenter, title);
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(plot.adjusted(0, 0, -1, -1));
    if (m_edges.empty())
        return;
    const qsizetype peak = std::max<qsizetype>(1, *std::max_element(m_counts.begin(), m_counts.end()));
    const double w = double(plot.width()) / kBins;
    const QColor bar = palette().color(QPalette::Highlight);
    for (int i = 0; i < kBins; ++i) {
        const double h = double(m_counts[size_t(i)]) / double(peak) * (plot.height() - 2);
        p.fillRect(QRectF(plot.left() + i * w + 1, plot.bottom() - h, std::max(1.0, w - 2), h), bar);
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(0, plot.top() - 6, plot.left() - 4, 14), Qt::AlignRight, QString::number(peak));
    p.drawText(QRect(0, plot.bottom() - 8, plot.left() - 4, 14), Qt::AlignRight, QStringLiteral("0"));
    const QRect axis(plot.left(), plot.bottom() + 2, plot.width(), 18);
    p.drawText(axis, Qt::AlignLeft, TimingsTableModel::formatSeconds(m_edges.front()));
    p.drawText(axis, Qt::AlignHCenter, TimingsTableModel::formatSeconds(m_edges[kBins / 2]));
    p.drawText(axis, Qt::AlignRight, TimingsTableModel::formatSeconds(m_edges.back()));
}
