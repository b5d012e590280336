#include "prometheushistory.h"

#include "fleetquery.h"
#include "promapi.h"
#include "prometheusclient.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

qint64 PrometheusHistory::clampStep(qint64 fromMs, qint64 toMs, qint64 stepMs, qint64 scrapeIntervalMs)
{
    qint64 step = stepMs > 0 ? stepMs : std::max<qint64>(scrapeIntervalMs, 1000);
    const qint64 span = std::max<qint64>(toMs - fromMs, 0);
    step = std::max(step, (span + kMaxPoints - 1) / kMaxPoints);
    return std::max<qint64>(step, 1);
}

qint64 PrometheusHistory::stepForWidth(qint64 fromMs, qint64 toMs, int pixelWidth, qint64 scrapeIntervalMs)
{
    const qint64 perPixel = std::max<qint64>(toMs - fromMs, 0) / std::max(pixelWidth, 1);
    const qint64 step = std::max<qint64>(perPixel, std::max<qint64>(scrapeIntervalMs, 1000));
    return clampStep(fromMs, toMs, (step + 999) / 1000 * 1000, scrapeIntervalMs);
}

void PrometheusHistory::fetch(PrometheusClient *client, FleetIds *ids, const QString &selector, qint64 fromMs,
    qint64 toMs, qint64 stepMs, qint64 scrapeIntervalMs, const Callback &done)
{
    const qint64 step = clampStep(fromMs, toMs, stepMs, scrapeIntervalMs);
    const QString promql = FleetQuery::build(selector, FleetQuery::rateWindowMs(scrapeIntervalMs, step));
    client->queryRange(promql, fromMs, toMs, step, [ids, step, done](const PromApiAnswer &answer) {
        Result r;
        r.stepMs = step;
        r.warnings = answer.warnings;
        if (!answer.ok)
            r.error = answer.errorText();
        else
            r.frames = FleetAssembly::assemble(answer, *ids);
        done(r);
    });
}

void PrometheusHistory::fillWindow(PrometheusClient *client, FleetIds *ids, const QString &selector, qint64 fromMs,
    qint64 toMs, int pixelWidth, qint64 scrapeIntervalMs, const Callback &done)
{
    fetch(client, ids, selector, fromMs, toMs, stepForWidth(fromMs, toMs, pixelWidth, scrapeIntervalMs),
        scrapeIntervalMs, done);
}

LogData PrometheusHistory::toLogData(const FleetFrames &frames)
{
    LogData data;
    data.hasUtcOffsets = true;
    const size_t machineCount = size_t(frames.machines.size());
    std::vector<size_t> kept; // the times at which some machine has a value
    for (size_t t = 0; t < frames.timesMs.size(); ++t) {
        bool any = false;
        for (size_t m = 0; m < machineCount && !any; ++m)
            any = !frames.samples[m][t].isEmpty();
        if (any)
            kept.push_back(t);
    }
    for (size_t t : kept) {
        data.timeMs.push_back(frames.timesMs[t]);
        data.offsetSeconds.push_back(QDateTime::fromMSecsSinceEpoch(frames.timesMs[t]).offsetFromUtc());
        data.line.push_back(int(data.line.size()) + 2); // as if written below a header line
    }
    for (size_t m = 0; m < machineCount; ++m) {
        data.machines << frames.machines[int(m)].id;
        std::array<int, kMetricCount> index;
        index.fill(-1);
        for (Metric metric : kAllMetrics) {
            std::vector<double> column;
            column.reserve(kept.size());
            bool measured = false;
            for (size_t t : kept) {
                column.push_back(frames.samples[m][t].value(metric));
                measured = measured || !std::isnan(column.back());
            }
            const bool core = std::find(kCoreMetrics.begin(), kCoreMetrics.end(), metric) != kCoreMetrics.end();
            if (!core && !measured)
                continue;
            index[size_t(metricIndex(metric))] = int(data.columns.size());
            data.columns.push_back(std::move(column));
        }
        data.columnIndex.push_back(index);
    }
    data.rows = qint64(kept.size());
    return data;
}

bool PrometheusHistory::parseTime(const QString &text, qint64 nowMs, qint64 *ms)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("now")) {
        *ms = nowMs;
        return true;
    }
    if (t.startsWith(u'-')) {
        const qint64 ago = PromApi::parseDurationMs(QStringView(t).mid(1));
        *ms = nowMs - ago;
        return ago > 0;
    }
    bool isNumber = false;
    const double epoch = t.toDouble(&isNumber);
    if (isNumber) {
        *ms = qint64(epoch * 1000.0);
        return epoch > 0 && epoch < 1e11;
    }
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(t, Qt::ISODate);
    *ms = dt.toMSecsSinceEpoch();
    return dt.isValid();
}
