#include "comparepage.h"

#include "analysis.h"
#include "charttheme.h"
#include "decimator.h"
#include "errorbanner.h"
#include "logreader.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <limits>

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Loaded
{
    QString path;
    QString error;
    std::shared_ptr<const LogData> data;
    AnalysisResult result;
};

const QList<QColor> kColors
    = { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
          QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f) };

double orNaN(const std::optional<double> &v)
{
    return v ? *v : kNaN;
}

} // namespace

ComparePage::ComparePage(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *bar = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add logs…"), this);
    add->setObjectName(QStringLiteral("addLogsButton"));
    add->setToolTip(tr("Each machine of each log (its latest run) is compared"));
    connect(add, &QPushButton::clicked, this, &ComparePage::chooseLogs);
    bar->addWidget(add);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    connect(clearButton, &QPushButton::clicked, this, &ComparePage::clear);
    bar->addWidget(clearButton);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Overlay:"), this));
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("overlayMetric"));
    m_metric->addItem(tr("CPU %"), metricIndex(Metric::CpuPercent));
    m_metric->addItem(tr("Memory %"), metricIndex(Metric::MemoryPercent));
    m_metric->addItem(tr("Tokens/s"), metricIndex(Metric::TokensPerSecond));
    connect(m_metric, &QComboBox::currentIndexChanged, this, &ComparePage::rebuildCharts);
    bar->addWidget(m_metric);
    layout->addLayout(bar);

    m_banner = ErrorBanner::create(QStringLiteral("compareError"), this);
    layout->addWidget(m_banner);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_bars = new QChart;
    m_bars->setTitle(tr("Side by side"));
    m_barsView = new QChartView(m_bars, splitter);
    m_barsView->setRenderHint(QPainter::Antialiasing);
    m_overlay = new QChart;
    m_overlay->setTitle(tr("Overlaid from a common start"));
    m_overlayView = new QChartView(m_overlay, splitter);
    m_overlayView->setRenderHint(QPainter::Antialiasing);
    // The axes are made once; each rebuild attaches new series to them.
    m_categories = new QBarCategoryAxis;
    m_categories->append(
        { tr("CPU avg %"), tr("CPU max %"), tr("Memory max %"), tr("Tokens/s avg"), tr("Server uptime %") });
    m_barAxis = new QValueAxis;
    m_bars->addAxis(m_categories, Qt::AlignBottom);
    m_bars->addAxis(m_barAxis, Qt::AlignLeft);
    m_seconds = new QValueAxis;
    m_seconds->setTitleText(tr("seconds from the start"));
    m_overlayAxis = new QValueAxis;
    m_overlay->addAxis(m_seconds, Qt::AlignBottom);
    m_overlay->addAxis(m_overlayAxis, Qt::AlignLeft);
    splitter->addWidget(m_barsView);
    splitter->addWidget(m_overlayView);
    applyPalette();
    m_charts = splitter;
    layout->addWidget(splitter, 1);
    // Empty, the charts would be meaningless axes: a hint stands in their place.
    m_hint = new QLabel(tr("Add two logs or more (Add logs…) to compare them: each machine of each log, its latest "
                           "run, side by side in bars and overlaid from a common start."),
        this);
    m_hint->setObjectName(QStringLiteral("compareHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint, 1);
    rebuildCharts();
}

ComparePage::~ComparePage() = default;

void ComparePage::chooseLogs()
{
    const QStringList paths
        = QFileDialog::getOpenFileNames(this, tr("Logs to compare"), {}, tr("Session logs (*.csv);;All files (*)"));
    for (const QString &path : paths)
        addLog(path);
}

void ComparePage::addLog(const QString &path)
{
    ++m_pending;
    auto load = QtConcurrent::run([path] {
        Loaded out;
        out.path = path;
        LogReadResult read = LogReader::read(path);
        if (!read.data) {
            out.error = read.error;
            return out;
        }
        auto data = std::make_shared<const LogData>(std::move(*read.data));
        out.result = Analysis::analyze(*data);
        out.data = std::move(data);
        return out;
    });
    // Logs load side by side: each is wanted until the next clear().
    m_jobs.watch(m_jobs.token(), std::move(load), [this](Loaded loaded) {
        --m_pending;
        if (!loaded.data) {
            m_errors << loaded.error;
        } else {
            const QString file = QFileInfo(loaded.path).fileName();
            for (int m = 0; m < loaded.result.machines.size(); ++m) {
                if (loaded.result.machines[m].samples == 0)
                    continue;
                m_entries.append(Entry { QStringLiteral("%1 (%2)").arg(loaded.result.machines[m].id, file),
                    loaded.result.machines[m], loaded.data, m, loaded.result.rowBegin, loaded.result.rowEnd });
            }
        }
        m_banner->setText(m_errors.join(u'\n'));
        m_banner->setVisible(!m_errors.isEmpty());
        rebuildCharts();
        emit entriesChanged();
    });
}

void ComparePage::clear()
{
    m_jobs.invalidate(); // logs still loading are not wanted any more
    m_pending = 0;
    m_entries.clear();
    m_errors.clear();
    m_banner->hide();
    rebuildCharts();
    emit entriesChanged();
}

QString ComparePage::errorText() const
{
    return m_errors.join(u'\n');
}

QList<double> ComparePage::barValues(const MachineStatistics &s)
{
    return { orNaN(s.cpuAvg), orNaN(s.cpuMax), orNaN(s.memoryMax), orNaN(s.tokensAvg), orNaN(s.uptimePercent) };
}

QList<QPointF> ComparePage::overlayPoints(const Entry &e, Metric metric, int columns)
{
    const std::vector<double> *column = e.data->series(e.machine, metric);
    if (!column || e.rowBegin >= e.rowEnd)
        return {};
    const std::vector<qint64> &times = e.data->timeMs;
    // From the entry's first sample with a value.
    qsizetype first = e.rowBegin;
    while (first < e.rowEnd && std::isnan((*column)[size_t(first)]))
        ++first;
    if (first == e.rowEnd)
        return {};
    const qint64 t0 = times[size_t(first)];
    QList<QPointF> points = Decimator::minMax(
        first, e.rowEnd, [&times](qsizetype i) { return times[size_t(i)]; },
        [column](qsizetype i) { return (*column)[size_t(i)]; }, t0, std::max(times[size_t(e.rowEnd - 1)], t0 + 1),
        columns);
    for (QPointF &p : points)
        p.setX((p.x() - double(t0)) / 1000.0);
    return points;
}

Metric ComparePage::overlayMetric() const
{
    return kAllMetrics[size_t(m_metric->currentData().toInt())];
}

void ComparePage::setOverlayMetric(Metric metric)
{
    m_metric->setCurrentIndex(m_metric->findData(metricIndex(metric)));
}

void ComparePage::rebuildCharts()
{
    m_charts->setVisible(!m_entries.isEmpty());
    m_hint->setVisible(m_entries.isEmpty());
    m_bars->removeAllSeries();
    auto *bars = new QBarSeries;
    double top = 10;
    for (int i = 0; i < m_entries.size(); ++i) {
        auto *set = new QBarSet(m_entries[i].label);
        set->setColor(kColors[i % kColors.size()]);
        for (double v : barValues(m_entries[i].statistics)) {
            *set << (std::isnan(v) ? 0.0 : v);
            top = std::max(top, std::isnan(v) ? 0.0 : v);
        }
        bars->append(set);
    }
    m_bars->addSeries(bars);
    bars->attachAxis(m_categories);
    bars->attachAxis(m_barAxis);
    m_barAxis->setRange(0, top * 1.1);

    m_overlay->removeAllSeries();
    m_overlayAxis->setTitleText(m_metric->currentText());
    double maxX = 1;
    double maxY = 10;
    const int columns = std::max(100, int(m_overlay->plotArea().width()));
    for (int i = 0; i < m_entries.size(); ++i) {
        auto *line = new QLineSeries;
        line->setName(m_entries[i].label);
        line->setColor(kColors[i % kColors.size()]);
        const QList<QPointF> points = overlayPoints(m_entries[i], overlayMetric(), columns);
        for (const QPointF &p : points) {
            maxX = std::max(maxX, p.x());
            maxY = std::max(maxY, p.y());
        }
        line->replace(points);
        m_overlay->addSeries(line);
        line->attachAxis(m_seconds);
        line->attachAxis(m_overlayAxis);
    }
    m_seconds->setRange(0, maxX);
    m_overlayAxis->setRange(0, overlayMetric() == Metric::TokensPerSecond ? maxY * 1.1 : 100);
}

QList<QList<double>> ComparePage::shownBars() const
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

QList<QList<QPointF>> ComparePage::shownOverlay() const
{
    QList<QList<QPointF>> out;
    for (QAbstractSeries *series : m_overlay->series())
        out << static_cast<QLineSeries *>(series)->points();
    return out;
}

void ComparePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ComparePage::applyPalette()
{
    for (QChartView *view : { m_barsView, m_overlayView }) {
        ChartTheme::apply(view->chart(), palette());
        view->setBackgroundBrush(palette().color(QPalette::Base));
    }
}
