#include "analysis.h"

#include "machinescan.h"
#include "parallel.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace Analysis {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Analysis", text);
}

// Fewer cells (snapshots x machines) are scanned on one thread: 50,000 snapshots of two machines,
// or 10 of 10,000 machines, are worth the cores.
constexpr qint64 kCellsWorthAThread = 100000;

} // namespace

double medianInterval(const std::vector<qint64> &times)
{
    IntervalMedian intervals;
    for (size_t i = 1; i < times.size(); ++i)
        intervals.add(times[i] - times[i - 1]);
    return intervals.median();
}

QList<AnalysisRun> splitRuns(const LogData &data, double gapFactor)
{
    QList<AnalysisRun> runs;
    const qsizetype n = data.snapshotCount();
    if (n == 0)
        return runs;
    const double limit = gapFactor * medianInterval(data.timeMs);
    AnalysisRun run { 0, 0, data.timeMs[0], data.timeMs[0] };
    for (qsizetype i = 1; i < n; ++i) {
        const qint64 dt = data.timeMs[size_t(i)] - data.timeMs[size_t(i - 1)];
        if (limit > 0 && double(dt) > limit) {
            run.end = i;
            run.endMs = data.timeMs[size_t(i - 1)];
            runs.append(run);
            run = AnalysisRun { i, i, data.timeMs[size_t(i)], data.timeMs[size_t(i)] };
        }
    }
    run.end = n;
    run.endMs = data.timeMs[size_t(n - 1)];
    runs.append(run);
    return runs;
}

int nearestMarker(const QList<LogMarkerRow> &markers, qint64 ms)
{
    const auto after = std::lower_bound(
        markers.cbegin(), markers.cend(), ms, [](const LogMarkerRow &m, qint64 t) { return m.timeMs < t; });
    int best = -1;
    qint64 bestDistance = kMarkerReachMs + 1;
    if (after != markers.cbegin()) {
        auto before = after - 1;
        // Of markers at the same time, the first one written.
        while (before != markers.cbegin() && (before - 1)->timeMs == before->timeMs)
            --before;
        if (ms - before->timeMs <= kMarkerReachMs) {
            best = int(before - markers.cbegin());
            bestDistance = ms - before->timeMs;
        }
    }
    if (after != markers.cend() && after->timeMs - ms <= kMarkerReachMs && after->timeMs - ms < bestDistance)
        best = int(after - markers.cbegin());
    return best;
}

namespace {

// The rows and markers of the selected run (or of the whole log), and the time they span; false
// (r.error set) when there is no such run.
bool selectRun(AnalysisResult &r, const LogData &data, RunSelection selection)
{
    const qsizetype runCount = r.runs.size();
    if (selection.kind == RunSelection::Number && (selection.number < 1 || selection.number > runCount)) {
        if (runCount == 0)
            r.error = tr("the log has no snapshots, so no run %1").arg(selection.number);
        else if (runCount == 1)
            r.error = tr("the log has one run; there is no run %1").arg(selection.number);
        else
            r.error = tr("the log has %1 runs; there is no run %2").arg(runCount).arg(selection.number);
        return false;
    }
    if (selection.kind == RunSelection::Latest && runCount > 0)
        r.selectedRun = int(runCount - 1);
    else if (selection.kind == RunSelection::Number)
        r.selectedRun = selection.number - 1;

    // Markers belong to the run they follow: run k owns [its start, the next run's start).
    qint64 markerFrom = std::numeric_limits<qint64>::min();
    qint64 markerTo = std::numeric_limits<qint64>::max();
    if (r.selectedRun >= 0) {
        const AnalysisRun &run = r.runs[r.selectedRun];
        r.rowBegin = run.begin;
        r.rowEnd = run.end;
        if (r.selectedRun > 0)
            markerFrom = run.startMs;
        if (r.selectedRun + 1 < runCount)
            markerTo = r.runs[r.selectedRun + 1].startMs;
    } else {
        r.rowBegin = 0;
        r.rowEnd = data.snapshotCount();
    }
    for (const LogMarkerRow &m : data.markers) {
        if (m.timeMs >= markerFrom && m.timeMs < markerTo)
            r.markers.append(m);
    }
    r.snapshots = r.rowEnd - r.rowBegin;

    auto widen = [&r](LogInstant t) {
        if (!r.start || t.ms < r.start->ms)
            r.start = t;
        if (!r.end || t.ms >= r.end->ms)
            r.end = t;
    };
    if (r.snapshots > 0) {
        widen({ data.timeMs[size_t(r.rowBegin)], data.offsetSeconds[size_t(r.rowBegin)] });
        widen({ data.timeMs[size_t(r.rowEnd - 1)], data.offsetSeconds[size_t(r.rowEnd - 1)] });
    }
    if (!r.markers.isEmpty()) {
        widen({ r.markers.first().timeMs, r.markers.first().offsetSeconds });
        widen({ r.markers.last().timeMs, r.markers.last().offsetSeconds });
    }

    return true;
}

// Each machine's statistics and issue periods over the selected rows; the issues sorted.
void scanMachines(AnalysisResult &r, const LogData &data, const AnalysisThresholds &thresholds)
{
    // Machines are independent: a large log scans them on as many cores, up to one each.
    const int machineCount = int(data.machines.size());
    std::vector<QList<IssuePeriod>> issues(static_cast<size_t>(machineCount));
    std::vector<MachineStatistics> machines(static_cast<size_t>(machineCount));
    const int threads = qint64(r.snapshots) * machineCount >= kCellsWorthAThread
        ? std::min(machineCount, int(std::max(1U, std::thread::hardware_concurrency())))
        : 1;
    Parallel::runTogether(threads, [&](int k) {
        for (int m = k; m < machineCount; m += threads) {
            MachineScan scan(data, m, thresholds, issues[size_t(m)]);
            machines[size_t(m)] = scan.run(r.rowBegin, r.rowEnd);
        }
    });
    // The issues by start, machine and kind, else in the order found: sorted as small keys, then
    // moved once (an issue is ~150 bytes; 10,000 machines can find 160,000 of them).
    struct Key
    {
        qint64 start;
        int machine;
        int kind;
        int machineIssue;
    };
    std::vector<Key> keys;
    for (int m = 0; m < machineCount; ++m) {
        r.machines.append(std::move(machines[size_t(m)]));
        const QList<IssuePeriod> &found = issues[size_t(m)];
        for (qsizetype i = 0; i < found.size(); ++i)
            keys.push_back(Key { found[i].start.ms, m, int(found[i].kind), int(i) });
    }
    std::sort(keys.begin(), keys.end(), [](const Key &a, const Key &b) {
        return std::tie(a.start, a.machine, a.kind, a.machineIssue)
            < std::tie(b.start, b.machine, b.kind, b.machineIssue);
    });
    r.issues.reserve(qsizetype(keys.size()));
    for (const Key &k : keys)
        r.issues.append(std::move(issues[size_t(k.machine)][k.machineIssue]));
}

} // namespace

AnalysisResult analyze(const LogData &data, const AnalysisThresholds &thresholds, RunSelection selection)
{
    AnalysisResult r;
    r.thresholds = thresholds;
    r.runs = splitRuns(data, thresholds.gapFactor);
    r.hasUtcOffsets = data.hasUtcOffsets;
    r.rows = data.rows;
    r.machineIds = data.machines;
    r.warnings = data.warnings;
    r.skippedRecords = data.skippedRecords;
    if (selectRun(r, data, selection))
        scanMachines(r, data, thresholds);
    return r;
}

QString kindName(IssueKind kind)
{
    switch (kind) {
    case IssueKind::HighCpu:
        return QStringLiteral("high_cpu");
    case IssueKind::ServerDown:
        return QStringLiteral("server_down");
    case IssueKind::LowPerformance:
        return QStringLiteral("low_performance");
    case IssueKind::NoData:
        return QStringLiteral("no_data");
    }
    return {};
}

QString kindLabel(IssueKind kind)
{
    switch (kind) {
    case IssueKind::HighCpu:
        return tr("High CPU");
    case IssueKind::ServerDown:
        return tr("Server down");
    case IssueKind::LowPerformance:
        return tr("Low performance");
    case IssueKind::NoData:
        return tr("No data");
    }
    return {};
}

QString warningKindName(LogWarning::Kind kind)
{
    switch (kind) {
    case LogWarning::BadCell:
        return QStringLiteral("bad_cell");
    case LogWarning::BadRecord:
        return QStringLiteral("bad_record");
    case LogWarning::CutLastLine:
        return QStringLiteral("cut_last_line");
    case LogWarning::UnterminatedQuote:
        return QStringLiteral("unterminated_quote");
    case LogWarning::UnknownColumn:
        return QStringLiteral("unknown_column");
    case LogWarning::DuplicateColumn:
        return QStringLiteral("duplicate_column");
    case LogWarning::OutOfOrder:
        return QStringLiteral("out_of_order");
    case LogWarning::MixedTimestamps:
        return QStringLiteral("mixed_timestamps");
    case LogWarning::MalformedCell:
        return QStringLiteral("malformed_cell");
    case LogWarning::TooManyWarnings:
        return QStringLiteral("too_many_warnings");
    }
    return {};
}

QString formatTime(const LogInstant &t, bool withOffset)
{
    const int offset = withOffset ? t.offsetSeconds : 0;
    const qint64 wallMs = t.ms + qint64(offset) * 1000;
    // Written by hand: QDateTime::toString() took a third of `perfdash analyze` on a log of 160,000
    // issues (two times each in the text and two in the JSON). The civil date of a day number is
    // Howard Hinnant's civil_from_days.
    constexpr qint64 kDayMs = 86'400'000;
    const qint64 days = wallMs >= 0 ? wallMs / kDayMs : -((-wallMs + kDayMs - 1) / kDayMs);
    const qint64 msOfDay = wallMs - days * kDayMs;
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2);
    if (year < 1 || year > 9999) { // as QDateTime writes the years it has (no year 0)
        const QDateTime wall = QDateTime::fromMSecsSinceEpoch(wallMs, Qt::UTC);
        QString text = wall.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
        if (!withOffset)
            return text;
        const int a = offset < 0 ? -offset : offset;
        return text + (offset < 0 ? u'-' : u'+')
            + QStringLiteral("%1:%2")
                  .arg(a / 3600, 2, 10, QLatin1Char('0'))
                  .arg((a % 3600) / 60, 2, 10, QLatin1Char('0'));
    }
    char buffer[32];
    char *p = buffer;
    auto put = [&p](qint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            p[i] = char('0' + value % 10);
        p += digits;
    };
    put(year, 4);
    *p++ = '-';
    put(month, 2);
    *p++ = '-';
    put(day, 2);
    *p++ = 'T';
    put(msOfDay / 3'600'000, 2);
    *p++ = ':';
    put(msOfDay / 60'000 % 60, 2);
    *p++ = ':';
    put(msOfDay / 1000 % 60, 2);
    *p++ = '.';
    put(msOfDay % 1000, 3);
    if (withOffset) {
        const int a = offset < 0 ? -offset : offset;
        *p++ = offset < 0 ? '-' : '+';
        put(a / 3600, 2);
        *p++ = ':';
        put(a % 3600 / 60, 2);
    }
    return QString::fromLatin1(buffer, p - buffer);
}

} // namespace Analysis
