#include "comparepage.h"

#include "analysis.h"
#include "comparecharts.h"
#include "decimator.h"
#include "errorbanner.h"
#include "logreader.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
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

    m_charts = new CompareCharts(
        { tr("CPU avg %"), tr("CPU max %"), tr("Memory max %"), tr("Tokens/s avg"), tr("Server uptime %") }, this);
    layout->addWidget(m_charts, 1);
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
    QList<CompareCharts::BarSet> bars;
    QList<CompareCharts::Line> lines;
    const Metric metric = overlayMetric();
    const int columns = std::max(100, m_charts->overlayPlotWidth());
    for (int i = 0; i < m_entries.size(); ++i) {
        const QColor color = kColors[i % kColors.size()];
        bars.append({ m_entries[i].label, color, barValues(m_entries[i].statistics) });
        lines.append({ m_entries[i].label, color, overlayPoints(m_entries[i], metric, columns) });
    }
    m_charts->setBars(bars);
    m_charts->setOverlay(m_metric->currentText(), lines, metric != Metric::TokensPerSecond);
}

QList<QList<double>> ComparePage::shownBars() const
{
    return m_charts->shownBars();
}

QList<QList<QPointF>> ComparePage::shownOverlay() const
{
    return m_charts->shownOverlay();
}
