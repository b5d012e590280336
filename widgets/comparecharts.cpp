#include "comparecharts.h"

#include "chartscale.h"
#include "charttheme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

CompareCharts::CompareCharts(const QStringList &categories, QWidget *parent)
    : QSplitter(Qt::Vertical, parent)
{
    m_bars = new QChart;
    m_bars->setTitle(tr("Side by side"));
    m_barsView = new QChartView(m_bars, this);
    m_barsView->setRenderHint(QPainter::Antialiasing);
    m_overlay = new QChart;
    m_overlay->setTitle(tr("Overlaid from a common start"));
    m_overlayView = new QChartView(m_overlay, this);
    m_overlayView->setRenderHint(QPainter::Antialiasing);
    // The axes are made once; each rebuild attaches new series to them.
    m_categories = new QBarCategoryAxis;
    m_categories->append(categories);
    m_barAxis = new QValueAxis;
    m_bars->addAxis(m_categories, Qt::AlignBottom);
    m_bars->addAxis(m_barAxis, Qt::AlignLeft);
    m_elapsed = new QCategoryAxis;
    m_elapsed->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_elapsed->setTitleText(tr("time from the start"));
    m_overlayAxis = new QValueAxis;
    m_overlay->addAxis(m_elapsed, Qt::AlignBottom);
    m_overlay->addAxis(m_overlayAxis, Qt::AlignLeft);
    addWidget(m_barsView);
    addWidget(m_overlayView);
    // As many elapsed labels as the plot's width has room for.
    connect(m_overlay, &QChart::plotAreaChanged, this, &CompareCharts::updateElapsedAxis);
    applyPalette();
}

void CompareCharts::setBars(const QList<BarSet> &sets)
{
    m_bars->removeAllSeries();
    auto *bars = new QBarSeries;
    double top = 0;
    for (const BarSet &s : sets) {
        auto *set = new QBarSet(s.label);
        set->setColor(s.color);
        for (double v : s.values) {
            *set << (std::isnan(v) ? 0.0 : v);
            top = std::max(top, std::isnan(v) ? 0.0 : v);
        }
        bars->append(set);
    }
    m_bars->addSeries(bars);
    bars->attachAxis(m_categories);
    bars->attachAxis(m_barAxis);
    // Most bars are percentages: the axis ends at 100 unless a value (tokens/s) goes past it.
    m_barAxis->setRange(0, top <= 100 ? 100 : ChartScale::niceCeiling(top));
}

void CompareCharts::setOverlay(const QString &valueTitle, const QList<Line> &lines, bool percent)
{
    m_overlay->removeAllSeries();
    m_overlayAxis->setTitleText(valueTitle);
    double maxX = 1;
    double maxY = 0;
    for (const Line &l : lines) {
        auto *line = new QLineSeries;
        line->setName(l.name);
        line->setColor(l.color);
        for (const QPointF &p : l.points) {
            maxX = std::max(maxX, p.x());
            maxY = std::max(maxY, p.y());
        }
        line->replace(l.points);
        m_overlay->addSeries(line);
        line->attachAxis(m_elapsed);
        line->attachAxis(m_overlayAxis);
    }
    m_maxSeconds = maxX;
    updateElapsedAxis();
    m_overlayAxis->setRange(0, percent ? 100 : ChartScale::niceCeiling(std::max(maxY * 1.15, 10.0)));
}

int CompareCharts::overlayPlotWidth() const
{
    return int(m_overlay->plotArea().width());
}

void CompareCharts::updateElapsedAxis()
{
    // One label per ~90 pixels of plot, so that they never collide.
    const int maxTicks = std::clamp(overlayPlotWidth() / 90 + 1, 2, 12);
    const QList<ElapsedTick> ticks = elapsedTicks(m_maxSeconds, maxTicks);
    QStringList labels;
    for (const ElapsedTick &t : ticks)
        labels << t.label;
    m_elapsed->setRange(0, m_maxSeconds);
    // Made again only when they change: new labels move the plot area, which calls this again.
    if (labels == m_elapsed->categoriesLabels())
        return;
    for (const QString &label : m_elapsed->categoriesLabels())
        m_elapsed->remove(label);
    m_elapsed->setStartValue(-1e-3); // the first tick, at 0, is a category's end
    for (const ElapsedTick &t : ticks)
        m_elapsed->append(t.label, t.seconds);
}

QList<CompareCharts::ElapsedTick> CompareCharts::elapsedTicks(double maxSeconds, int maxTicks)
{
    static const double steps[]
        = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400 };
    maxTicks = std::max(maxTicks, 2);
    maxSeconds = std::max(maxSeconds, 0.0);
    double step = 0;
    for (double s : steps) {
        if (std::floor(maxSeconds / s) + 1 <= maxTicks) {
            step = s;
            break;
        }
    }
    if (step == 0) // more than maxTicks days: whole days
        step = 86400 * std::ceil(maxSeconds / 86400 / (maxTicks - 1));
    QList<ElapsedTick> ticks;
    for (int i = 0; i * step <= maxSeconds; ++i)
        ticks.append({ i * step, formatElapsed(i * step, step < 60) });
    return ticks;
}

QString CompareCharts::formatElapsed(double seconds, bool withSeconds)
{
    const qint64 total = qint64(std::llround(seconds));
    const qint64 hours = total / 3600;
    const int minutes = int(total / 60 % 60);
    QString text = QString::number(hours) + u':' + QStringLiteral("%1").arg(minutes, 2, 10, QLatin1Char('0'));
    if (withSeconds)
        text += u':' + QStringLiteral("%1").arg(int(total % 60), 2, 10, QLatin1Char('0'));
    return text;
}

QList<QList<double>> CompareCharts::shownBars() const
{
    QList<QList<double>> out;
    for (QAbstractSeries *series : m_bars->series()) {
        for (QBarSet *set : static_cast<QBarSeries *>(series)->barSets()) {
            QList<double> values;
            for (int i = 0; i < set->count(); ++i)
                values << set->at(i);
            out << values;
        }
    }
    return out;
}

QList<QList<QPointF>> CompareCharts::shownOverlay() const
{
    QList<QList<QPointF>> out;
    for (QAbstractSeries *series : m_overlay->series())
        out << static_cast<QLineSeries *>(series)->points();
    return out;
}

double CompareCharts::barAxisMax() const
{
    return m_barAxis->max();
}

double CompareCharts::overlayAxisMax() const
{
    return m_overlayAxis->max();
}

QStringList CompareCharts::elapsedLabels() const
{
    return m_elapsed->categoriesLabels();
}

void CompareCharts::changeEvent(QEvent *event)
{
    QSplitter::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void CompareCharts::applyPalette()
{
    for (QChartView *view : { m_barsView, m_overlayView }) {
        ChartTheme::apply(view->chart(), palette());
        view->setBackgroundBrush(palette().color(QPalette::Base));
    }
}
