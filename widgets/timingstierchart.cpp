#include "timingstierchart.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
QColor tierColor(int i)
{
    static const QColor colors[] = { QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
        QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194) };
    return colors[i % 6];
}
} // namespace

TimingsTierChart::TimingsTierChart(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(300, 160);
}

void TimingsTierChart::setTiers(const QList<TierSummary> &tiers)
{
    m_tiers = tiers;
    update();
}

QList<TimingsTierChart::Panel> TimingsTierChart::panels() const
{
    Panel memory { tr("Peak memory (MB)"), {}, {}, std::nan(""), QStringLiteral("%1") };
    Panel rtf { tr("Real-time factor"), {}, {}, 1.0, QStringLiteral("%1") };
    Panel tps { tr("Tokens/s"), {}, {}, std::nan(""), QStringLiteral("%1") };
    Panel success { tr("Success rate (%)"), {}, {}, std::nan(""), QStringLiteral("%1") };
    Panel requests { tr("Requests"), {}, {}, std::nan(""), QStringLiteral("%1") };
    for (const TierSummary &t : m_tiers) {
        memory.values.append(t.peakMemoryMean);
        memory.errors.append(t.peakMemorySd);
        rtf.values.append(t.rtfMean);
        tps.values.append(t.tokensPerSecondMean);
        success.values.append(t.successRate * 100);
        requests.values.append(double(t.requests));
        for (Panel *p : { &rtf, &tps, &success, &requests })
            p->errors.append(std::nan(""));
    }
    return { memory, rtf, tps, success, requests };
}

void TimingsTierChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintAll(p, size());
}

void TimingsTierChart::render(QPainter *painter, QSize size)
{
    painter->save();
    painter->fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
    paintAll(*painter, size);
    painter->restore();
}

void TimingsTierChart::paintAll(QPainter &p, QSize size)
{
    p.setPen(palette().color(QPalette::Text));
    if (m_tiers.isEmpty()) {
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter,
            tr("No hardware tiers: per-request logs (synthesis_<tier>_*.csv) have them"));
        return;
    }
    // The legend: one colour per tier.
    int x = 8;
    for (int i = 0; i < m_tiers.size(); ++i) {
        p.fillRect(QRect(x, 6, 12, 12), tierColor(i));
        p.drawText(QPoint(x + 16, 17), m_tiers[i].tier);
        x += 28 + p.fontMetrics().horizontalAdvance(m_tiers[i].tier);
    }
    const QList<Panel> all = panels();
    const int w = size.width() / int(all.size());
    for (int i = 0; i < all.size(); ++i)
        paintPanel(p, all[i], QRect(i * w, 24, w, size.height() - 24));
}

void TimingsTierChart::paintPanel(QPainter &p, const Panel &panel, const QRect &rect)
{
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(rect.left(), rect.top(), rect.width(), 18), Qt::AlignCenter, panel.title);
    const QRect plot = rect.adjusted(10, 22, -10, -18);
    double top = std::isfinite(panel.line) ? panel.line * 1.2 : 0;
    for (int i = 0; i < panel.values.size(); ++i) {
        const double e = std::isfinite(panel.errors[i]) ? panel.errors[i] : 0;
        if (std::isfinite(panel.values[i]))
            top = std::max(top, panel.values[i] + e);
    }
    if (top <= 0)
        top = 1;
    top *= 1.1;
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    const double bw = double(plot.width()) / std::max<qsizetype>(1, panel.values.size());
    auto y = [&](double v) { return plot.bottom() - v / top * plot.height(); };
    for (int i = 0; i < panel.values.size(); ++i) {
        const double v = panel.values[i];
        const QRectF bar(plot.left() + i * bw + bw * 0.15, y(std::isfinite(v) ? v : 0), bw * 0.7,
            std::isfinite(v) ? plot.bottom() - y(v) : 0);
        p.fillRect(bar, tierColor(i));
        if (std::isfinite(panel.errors[i]) && std::isfinite(v)) {
            p.setPen(palette().color(QPalette::Text));
            const double cx = bar.center().x();
            p.drawLine(QPointF(cx, y(v - panel.errors[i])), QPointF(cx, y(v + panel.errors[i])));
        }
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(bar.left() - 10, plot.bottom() + 2, bar.width() + 20, 16), Qt::AlignCenter,
            std::isfinite(v) ? QString::number(v, 'g', 3) : QStringLiteral("–"));
    }
    if (std::isfinite(panel.line)) {
        p.setPen(QPen(QColor(214, 39, 40), 1, Qt::DashLine));
        p.drawLine(QPointF(plot.left(), y(panel.line)), QPointF(plot.right(), y(panel.line)));
    }
}
