#include "analysis.h"

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

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Fewer cells (snapshots x machines) are scanned on one thread: 50,000 snapshots of two machines,
// or 10 of 10,000 machines, are worth the cores.
constexpr qint64 kCellsWorthAThread = 100000;

// The exact median of positive intervals in O(n) without keeping them all: intervals under
// kBuckets ms (nearly all of a log's) are counted in a table, longer ones kept in a list. Up to
// kListed intervals are only kept in a list: a log of 10,000 machines and 100 rows analyses 10,000
// machines of 99 intervals, where a 256 KiB table apiece would be most of the work.
class IntervalMedian
{
public:
    static constexpr qint64 kBuckets = 1 << 16;
    static constexpr size_t kListed = 4096;

    void add(qint64 dt)
    {
        if (dt <= 0)
            return;
        ++m_n;
        if (m_counts.empty()) {
            m_long.push_back(dt);
            if (m_long.size() > kListed)
                countShortOnes();
        } else if (dt < kBuckets) {
            ++m_counts[size_t(dt)];
        } else {
            m_long.push_back(dt);
        }
    }

    // The mean of the middle two for an even count; 0 when there is none.
    double median()
    {
        if (m_n == 0)
            return 0;
        const double upper = double(kth(m_n / 2));
        return m_n % 2 == 1 ? upper : (double(kth(m_n / 2 - 1)) + upper) / 2;
    }

private:
    // From a list of every interval to a table of the short ones and a list of the long ones.
    void countShortOnes()
    {
        m_counts.assign(size_t(kBuckets), 0);
        std::vector<qint64> longOnes;
        for (qint64 dt : m_long) {
            if (dt < kBuckets)
                ++m_counts[size_t(dt)];
            else
                longOnes.push_back(dt);
        }
        m_long.swap(longOnes);
    }

    qint64 kth(qint64 k) // 0-based
    {
        if (!m_counts.empty()) {
            qint64 seen = 0;
            for (qint64 v = 1; v < kBuckets; ++v) {
                seen += m_counts[size_t(v)];
                if (k < seen)
                    return v;
            }
            k -= seen;
        }
        std::nth_element(m_long.begin(), m_long.begin() + std::ptrdiff_t(k), m_long.end());
        return m_long[size_t(k)];
    }

    std::vector<quint32> m_counts; // empty while every interval is in m_long
    std::vector<qint64> m_long;
    qint64 m_n = 0;
};

// A period of one kind being followed over consecutive samples.
struct OpenPeriod
{
    bool open = false;
    qsizetype first = 0; // snapshot rows
    qsizetype last = 0;
    qint64 samples = 0;
    double peak = 0;
};

class MachineScan
{
public:
    MachineScan(const LogData &data, int machine, const AnalysisThresholds &thresholds, QList<IssuePeriod> &issues)
        : m_data(data)
        , m_machine(machine)
        , m_thresholds(thresholds)
        , m_issues(issues)
    {
        m_cpu = data.series(machine, Metric::CpuPercent);
        m_memory = data.series(machine, Metric::MemoryPercent);
        m_up = data.series(machine, Metric::ServerUp);
        m_tokens = data.series(machine, Metric::TokensPerSecond);
        m_active = data.series(machine, Metric::ActiveRequests);
        m_requests = data.series(machine, Metric::RequestsTotal);
        for (Metric m : kAllMetrics) {
            if (const std::vector<double> *c = data.series(machine, m))
                m_all.push_back(c);
        }
    }

    MachineStatistics run(qsizetype begin, qsizetype end)
    {
        MachineStatistics s;
        s.id = m_data.machines[m_machine];
        // First pass: the samples and the median interval between them.
        IntervalMedian intervals;
        qsizetype previous = -1;
        for (qsizetype i = begin; i < end; ++i) {
            if (!isSample(i))
                continue;
            if (previous >= 0)
                intervals.add(m_data.timeMs[size_t(i)] - m_data.timeMs[size_t(previous)]);
            previous = i;
            ++s.samples;
        }
        const double median = intervals.median();
        s.medianIntervalMs = qint64(std::llround(median));
        const double gapLimit = m_thresholds.gapFactor * median;

        // Raw pointers in locals: the compiler keeps them in registers across the stores below.
        auto column = [](const std::vector<double> *c) { return c ? c->data() : nullptr; };
        const double *cpuColumn = column(m_cpu), *memoryColumn = column(m_memory), *upColumn = column(m_up);
        const double *tokensColumn = column(m_tokens), *activeColumn = column(m_active);
        const double *requestsColumn = column(m_requests);
        const qint64 *times = m_data.timeMs.data();
        auto at = [](const double *c, qsizetype i) { return c ? c[i] : kNaN; };
        const double cpuLimit = m_thresholds.cpuPercent;
        const double tokensLimit = m_thresholds.lowTokensPerSecond;

        double cpuSum = 0, cpuMax = -1, cpuMin = std::numeric_limits<double>::infinity();
        double memSum = 0, memMax = -1, tokSum = 0, tokMax = -1, prevRequests = 0, requests = 0;
        qint64 cpuN = 0, memN = 0, tokN = 0, upN = 0, upValidN = 0;
        bool haveRequests = false;
        previous = -1;
        for (qsizetype i = begin; i < end; ++i) {
            if (!isSample(i))
                continue;
            if (previous >= 0 && median > 0 && double(times[i] - times[previous]) > gapLimit) {
                closeAll();
                OpenPeriod gap { true, previous, i, 2, 0 };
                emitPeriod(IssueKind::NoData, gap, false);
            }
            previous = i;

            const double cpu = at(cpuColumn, i);
            const bool hasCpu = !std::isnan(cpu);
            if (hasCpu) {
                cpuSum += cpu;
                ++cpuN;
                cpuMax = std::max(cpuMax, cpu);
                cpuMin = std::min(cpuMin, cpu);
            }
            const double memory = at(memoryColumn, i);
            if (!std::isnan(memory)) {
                memSum += memory;
                ++memN;
                memMax = std::max(memMax, memory);
            }
            const double upValue = at(upColumn, i);
            const bool hasUp = !std::isnan(upValue);
            const bool up = upValue == 1;
            upValidN += hasUp;
            upN += up;
            const double tokens = at(tokensColumn, i);
            const bool hasTokens = !std::isnan(tokens);
            if (up && hasTokens) {
                tokSum += tokens;
                ++tokN;
                tokMax = std::max(tokMax, tokens);
            }
            const double r = at(requestsColumn, i);
            if (!std::isnan(r)) {
                if (haveRequests)
                    requests += r >= prevRequests ? r - prevRequests : r;
                prevRequests = r;
                haveRequests = true;
            }

            const bool high = hasCpu && cpu > cpuLimit;
            if (high || m_high.open)
                follow(m_high, IssueKind::HighCpu, high, i, cpu, true);
            const bool down = hasUp && !up;
            if (down || m_down.open)
                follow(m_down, IssueKind::ServerDown, down, i, 0, true);
            const double active = at(activeColumn, i);
            const bool busy = !std::isnan(active) ? active > 0 : tokens > 0;
            const bool low = up && hasTokens && tokens < tokensLimit && busy;
            if (low || m_low.open)
                follow(m_low, IssueKind::LowPerformance, low, i, tokens, false);
        }
        closeAll();

        if (cpuN > 0) {
            s.cpuAvg = cpuSum / double(cpuN);
            s.cpuMax = cpuMax;
            s.cpuMin = cpuMin;
        }
        if (memN > 0) {
            s.memoryAvg = memSum / double(memN);
            s.memoryMax = memMax;
        }
        if (tokN > 0) {
            s.tokensAvg = tokSum / double(tokN);
            s.tokensMax = tokMax;
        }
        if (haveRequests)
            s.requestsProcessed = qint64(std::llround(requests));
        if (upValidN > 0)
            s.uptimePercent = 100.0 * double(upN) / double(upValidN);
        return s;
    }

private:
    // A row where at least one of the machine's metrics is valid.
    bool isSample(qsizetype i) const
    {
        for (const std::vector<double> *c : m_all) {
            if (!std::isnan((*c)[size_t(i)]))
                return true;
        }
        return false;
    }

    // Extends the open period while the condition holds, ends it when it does not. `higher`: the
    // peak is the maximum (else the minimum).
    void follow(OpenPeriod &p, IssueKind kind, bool holds, qsizetype i, double value, bool higher)
    {
        if (!holds) {
            if (p.open)
                emitPeriod(kind, p, kind != IssueKind::ServerDown);
            return;
        }
        if (!p.open) {
            p = OpenPeriod { true, i, i, 1, value };
            return;
        }
        p.last = i;
        ++p.samples;
        p.peak = higher ? std::max(p.peak, value) : std::min(p.peak, value);
    }

    void closeAll()
    {
        if (m_high.open)
            emitPeriod(IssueKind::HighCpu, m_high, true);
        if (m_down.open)
            emitPeriod(IssueKind::ServerDown, m_down, false);
        if (m_low.open)
            emitPeriod(IssueKind::LowPerformance, m_low, true);
    }

    void emitPeriod(IssueKind kind, OpenPeriod &p, bool hasPeak)
    {
        IssuePeriod issue;
        issue.machine = m_machine;
        issue.kind = kind;
        issue.start = { m_data.timeMs[size_t(p.first)], m_data.offsetSeconds[size_t(p.first)] };
        issue.end = { m_data.timeMs[size_t(p.last)], m_data.offsetSeconds[size_t(p.last)] };
        issue.samples = p.samples;
        if (hasPeak)
            issue.peak = p.peak;
        const int marker = nearestMarker(m_data.markers, issue.start.ms);
        if (marker >= 0)
            issue.marker = m_data.markers[marker];
        m_issues.append(issue);
        p.open = false;
    }

    const LogData &m_data;
    const int m_machine;
    const AnalysisThresholds &m_thresholds;
    QList<IssuePeriod> &m_issues;
    const std::vector<double> *m_cpu = nullptr;
    const std::vector<double> *m_memory = nullptr;
    const std::vector<double> *m_up = nullptr;
    const std::vector<double> *m_tokens = nullptr;
    const std::vector<double> *m_active = nullptr;
    const std::vector<double> *m_requests = nullptr;
    std::vector<const std::vector<double> *> m_all;
    OpenPeriod m_high, m_down, m_low;
};

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

    const qsizetype runCount = r.runs.size();
    if (selection.kind == RunSelection::Number && (selection.number < 1 || selection.number > runCount)) {
        if (runCount == 0)
            r.error = tr("the log has no snapshots, so no run %1").arg(selection.number);
        else if (runCount == 1)
            r.error = tr("the log has one run; there is no run %1").arg(selection.number);
        else
            r.error = tr("the log has %1 runs; there is no run %2").arg(runCount).arg(selection.number);
        return r;
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
