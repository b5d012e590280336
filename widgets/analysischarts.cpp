#include "analysischarts.h"

#include "analysis.h"
#include "logchart.h"
#include "logreader.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QInputDialog>

#include <algorithm>
#include <cmath>

namespace AnalysisCharts {

namespace {
const QList<QColor> kMachineColors = { QColor(0x1f, 0x77, 0xb4), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
    QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf) };

QString tr(const char *text)
{
    return QCoreApplication::translate("AnalysisCharts", text);
}
} // namespace

QList<LogChart *> create(const std::shared_ptr<const LogData> &data, int machine, QWidget *parent)
{
    const QStringList &machines = data->machines;
    // A machine whose column is absent or never measured (this computer has no model server, a
    // server-only machine no CPU) gets no line: its legend entry would only be noise.
    auto measured = [&](int m, Metric metric) {
        const std::vector<double> *values = data->series(m, metric);
        return values && std::any_of(values->begin(), values->end(), [](double v) { return !std::isnan(v); });
    };
    auto lines = [&](Metric metric, const QString &suffix, bool right, int lighter) {
        QList<LogChartLine> all;
        QList<LogChartLine> out;
        for (int m = 0; m < machines.size(); ++m) {
            if (machine >= 0 && m != machine)
                continue;
            const LogChartLine line { m, metric, machines[m] + suffix,
                kMachineColors[m % kMachineColors.size()].lighter(lighter), right };
            all.append(line);
            if (measured(m, metric))
                out.append(line);
        }
        return out.isEmpty() ? all : out; // nothing measured at all: the empty lines keep the chart's axes
    };
    auto *cpu = new LogChart(tr("CPU"), tr("%"), data, lines(Metric::CpuPercent, {}, false, 100), parent);
    cpu->setValueRange(0, 100);
    auto *memory = new LogChart(tr("Memory"), tr("%"), data, lines(Metric::MemoryPercent, {}, false, 100), parent);
    memory->setValueRange(0, 100);
    auto *tokens = new LogChart(tr("Generation"), tr("tokens/s"), data,
        lines(Metric::TokensPerSecond, {}, false, 100) + lines(Metric::ActiveRequests, tr(" requests"), true, 150),
        parent);
    tokens->setRightAxisTitle(tr("requests in flight"));
    return { cpu, memory, tokens };
}

bool askExport(LogChart *chart, const QString &baseName, QWidget *parent, QString *path, QSize *size)
{
    const QString onScreen = tr("On screen (%1×%2)").arg(chart->width()).arg(chart->height());
    const QStringList sizes
        = { onScreen, QStringLiteral("1920×1080"), QStringLiteral("3840×2160"), QStringLiteral("1200×400") };
    bool ok = false;
    const QString chosen
        = QInputDialog::getItem(parent, tr("Export a chart"), tr("Picture size:"), sizes, 0, false, &ok);
    if (!ok)
        return false;
    *path = QFileDialog::getSaveFileName(parent, tr("Export a chart"),
        baseName + u'_' + chart->title().toLower() + QStringLiteral(".png"), tr("PNG (*.png);;SVG (*.svg)"));
    if (path->isEmpty())
        return false;
    *size = chart->size();
    if (chosen != onScreen) {
        const QStringList wh = chosen.split(u'×');
        *size = QSize(wh[0].toInt(), wh[1].toInt());
    }
    return true;
}

QColor shadeColor(IssueKind kind)
{
    switch (kind) {
    case IssueKind::HighCpu:
        return QColor(255, 140, 0, 55);
    case IssueKind::ServerDown:
        return QColor(220, 40, 40, 55);
    case IssueKind::LowPerformance:
        return QColor(150, 80, 200, 50);
    case IssueKind::NoData:
        return QColor(120, 120, 120, 45);
    }
    return {};
}

ChartExporter::Caption caption(const LogChart *chart, const AnalysisResult &result)
{
    ChartExporter::Caption out;
    QStringList names;
    const QList<int> machines = chart->machines();
    for (int m : machines)
        names << result.machineIds.value(m);
    out.title = names.isEmpty() ? chart->title() : tr("%1 — %2").arg(chart->title(), names.join(QStringLiteral(", ")));
    out.range = ChartExporter::rangeText(chart->rangeStartMs(), chart->rangeEndMs(), chart->timeOffset());
    QList<IssueKind> kinds;
    for (const IssuePeriod &i : result.issues) {
        if (machines.contains(i.machine) && i.end.ms >= chart->rangeStartMs() && i.start.ms <= chart->rangeEndMs()
            && !kinds.contains(i.kind))
            kinds.append(i.kind);
    }
    std::sort(kinds.begin(), kinds.end());
    for (IssueKind kind : std::as_const(kinds))
        out.shades.append({ Analysis::kindLabel(kind), shadeColor(kind) });
    return out;
}

} // namespace AnalysisCharts
