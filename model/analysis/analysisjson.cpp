#include "analysisjson.h"

#include "analysis.h"
#include "logreader.h"

#include <QJsonArray>

#include <algorithm>

namespace AnalysisJson {

namespace {

QJsonValue number(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue time(const AnalysisResult &r, const std::optional<LogInstant> &t)
{
    return t ? QJsonValue(Analysis::formatTime(*t, r.hasUtcOffsets)) : QJsonValue(QJsonValue::Null);
}

QJsonObject marker(const AnalysisResult &r, const LogMarkerRow &m)
{
    return QJsonObject {
        { QStringLiteral("time"), Analysis::formatTime({ m.timeMs, m.offsetSeconds }, r.hasUtcOffsets) },
        { QStringLiteral("event"), m.event },
        { QStringLiteral("notes"), m.notes },
        { QStringLiteral("line"), m.line },
    };
}

QJsonObject summaryJson(const AnalysisResult &r)
{
    const std::optional<qint64> duration = r.durationMs();
    QJsonObject summary {
        { QStringLiteral("start"), time(r, r.start) },
        { QStringLiteral("end"), time(r, r.end) },
        { QStringLiteral("duration_s"), duration ? QJsonValue(double(*duration) / 1000.0) : QJsonValue() },
        { QStringLiteral("snapshots"), double(r.snapshots) },
        { QStringLiteral("markers"), double(r.markers.size()) },
        { QStringLiteral("rows"), double(r.rows) },
        { QStringLiteral("runs"), double(r.runs.size()) },
        { QStringLiteral("run"),
            r.selectedRun >= 0 ? QJsonValue(r.selectedRun + 1) : QJsonValue(QStringLiteral("all")) },
    };
    if (!r.file.isEmpty())
        summary.insert(QStringLiteral("file"), r.file);
    if (!r.error.isEmpty())
        summary.insert(QStringLiteral("error"), r.error);
    return summary;
}

QJsonObject machinesJson(const AnalysisResult &r)
{
    QJsonObject machines;
    for (const MachineStatistics &s : r.machines) {
        machines.insert(s.id,
            QJsonObject {
                { QStringLiteral("samples"), double(s.samples) },
                { QStringLiteral("cpu"),
                    QJsonObject { { QStringLiteral("avg"), number(s.cpuAvg) },
                        { QStringLiteral("max"), number(s.cpuMax) }, { QStringLiteral("min"), number(s.cpuMin) } } },
                { QStringLiteral("memory"),
                    QJsonObject { { QStringLiteral("avg"), number(s.memoryAvg) },
                        { QStringLiteral("max"), number(s.memoryMax) } } },
                { QStringLiteral("tokens_per_second"),
                    QJsonObject { { QStringLiteral("avg"), number(s.tokensAvg) },
                        { QStringLiteral("max"), number(s.tokensMax) } } },
                { QStringLiteral("requests_total"),
                    s.requestsProcessed ? QJsonValue(double(*s.requestsProcessed)) : QJsonValue() },
                { QStringLiteral("uptime_percent"), number(s.uptimePercent) },
            });
    }
    return machines;
}

// The issues, each naming its nearest marker by its index in `markers`, which this fills.
QJsonArray issuesJson(const AnalysisResult &r, QJsonArray &markers)
{
    // Markers are written once; an issue names its nearest marker by its index in `markers` (a
    // label may be tens of KB and shared by hundreds of issues). An issue's marker may lie outside
    // the selected run (markers belong to the run they follow, the nearest may be the one before
    // the run started): it is listed after the run's own, flagged.
    for (const LogMarkerRow &m : r.markers)
        markers.append(marker(r, m));
    QList<LogMarkerRow> outside;
    auto indexOf = [&r, &outside, &markers](const LogMarkerRow &m) {
        const auto same = [&m](const LogMarkerRow &o) {
            return o.line == m.line && o.timeMs == m.timeMs && o.event == m.event && o.notes == m.notes;
        };
        // Both lists are in time order.
        const auto from = std::lower_bound(r.markers.cbegin(), r.markers.cend(), m.timeMs,
            [](const LogMarkerRow &o, qint64 t) { return o.timeMs < t; });
        for (auto it = from; it != r.markers.cend() && it->timeMs == m.timeMs; ++it) {
            if (same(*it))
                return qsizetype(it - r.markers.cbegin());
        }
        for (qsizetype k = 0; k < outside.size(); ++k) {
            if (same(outside[k]))
                return r.markers.size() + k;
        }
        outside.append(m);
        QJsonObject o = marker(r, m);
        o.insert(QStringLiteral("outside_selection"), true);
        markers.append(o);
        return r.markers.size() + outside.size() - 1;
    };

    QJsonArray issues;
    for (const IssuePeriod &i : r.issues) {
        issues.append(QJsonObject {
            { QStringLiteral("machine"), r.machineIds.value(i.machine) },
            { QStringLiteral("kind"), Analysis::kindName(i.kind) },
            { QStringLiteral("start"), Analysis::formatTime(i.start, r.hasUtcOffsets) },
            { QStringLiteral("end"), Analysis::formatTime(i.end, r.hasUtcOffsets) },
            { QStringLiteral("duration_s"), double(i.durationMs()) / 1000.0 },
            { QStringLiteral("samples"), double(i.samples) },
            { QStringLiteral("peak"), number(i.peak) },
            { QStringLiteral("marker"), i.marker ? QJsonValue(double(indexOf(*i.marker))) : QJsonValue() },
        });
    }
    return issues;
}

QJsonArray warningsJson(const AnalysisResult &r)
{
    QJsonArray warnings;
    for (const LogWarning &w : r.warnings) {
        warnings.append(QJsonObject {
            { QStringLiteral("kind"), Analysis::warningKindName(w.kind) },
            { QStringLiteral("line"), w.line },
            { QStringLiteral("last_line"), w.lastLine ? QJsonValue(w.lastLine) : QJsonValue() },
            { QStringLiteral("message"), w.message },
        });
    }
    return warnings;
}

} // namespace

QJsonObject toJson(const AnalysisResult &r)
{
    QJsonArray markers;
    const QJsonArray issues = issuesJson(r, markers);
    const QJsonObject thresholds {
        { QStringLiteral("cpu_percent"), r.thresholds.cpuPercent },
        { QStringLiteral("low_tokens_per_second"), r.thresholds.lowTokensPerSecond },
        { QStringLiteral("gap_factor"), r.thresholds.gapFactor },
    };
    return QJsonObject {
        { QStringLiteral("summary"), summaryJson(r) },
        { QStringLiteral("thresholds"), thresholds },
        { QStringLiteral("machines"), machinesJson(r) },
        { QStringLiteral("issues"), issues },
        { QStringLiteral("markers"), markers },
        { QStringLiteral("warnings"), warningsJson(r) },
    };
}

QJsonObject analyzeFile(const QString &path, const AnalysisThresholds &thresholds)
{
    const LogReadResult read = LogReader::read(path);
    if (!read.data)
        return { { QStringLiteral("error"), read.error } };
    AnalysisResult result = Analysis::analyze(*read.data, thresholds, RunSelection::all());
    result.file = path;
    return toJson(result);
}

} // namespace AnalysisJson
