#pragma once

#include "logreader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What the analysis of a session log found (issue 5, "Semantics"): plain values, no Qt objects, so a
// worker thread can compute it and hand it to the window, the command line or the HTTP export.

// The limits the issue periods are cut by; the defaults are the product's.
struct AnalysisThresholds
{
    double cpuPercent = 80;         // high_cpu: cpu_percent > this
    double lowTokensPerSecond = 10; // low_performance: tokens_per_second < this (server up and busy)
    double gapFactor = 3;           // no_data and run splits: two samples further apart than this x the median

    bool operator==(const AnalysisThresholds &o) const
    {
        return cpuPercent == o.cpuPercent && lowTokensPerSecond == o.lowTokensPerSecond && gapFactor == o.gapFactor;
    }
    bool operator!=(const AnalysisThresholds &o) const { return !(*this == o); }
};

// Which part of the log is analysed: the latest run (the default), the whole file, or run `number`.
struct RunSelection
{
    enum Kind { Latest, All, Number };
    Kind kind = Latest;
    int number = 0; // 1-based, for Number

    static RunSelection latest() { return {}; }
    static RunSelection all() { return { All, 0 }; }
    static RunSelection run(int number) { return { Number, number }; }
};

// A stretch of the log the logger recorded without stopping: snapshot rows [begin, end) of LogData.
struct AnalysisRun
{
    qsizetype begin = 0;
    qsizetype end = 0;
    qint64 startMs = 0;
    qint64 endMs = 0;
};

// A point in time as the log wrote it: UTC milliseconds and the offset of the row it came from.
struct LogInstant
{
    qint64 ms = 0;
    int offsetSeconds = 0;
};

struct MachineStatistics
{
    QString id;
    qint64 samples = 0;          // rows where at least one of the machine's metrics is valid
    qint64 medianIntervalMs = 0; // between consecutive samples (positive intervals), 0 when unknown
    std::optional<double> cpuAvg, cpuMax, cpuMin;
    std::optional<double> memoryAvg, memoryMax;
    std::optional<double> tokensAvg, tokensMax; // over samples with server_up = 1
    std::optional<qint64> requestsProcessed;    // positive increments; a drop counts from 0
    std::optional<double> uptimePercent;        // server_up = 1 / valid server_up
};

enum class IssueKind { HighCpu, ServerDown, LowPerformance, NoData };

struct IssuePeriod
{
    int machine = 0; // index into LogData::machines and AnalysisResult::machines
    IssueKind kind = IssueKind::HighCpu;
    LogInstant start;
    LogInstant end;
    qint64 samples = 0;
    std::optional<double> peak;         // max cpu (high_cpu), min tokens/s (low_performance)
    std::optional<LogMarkerRow> marker; // the marker nearest the start within 60 s, earlier on a tie

    qint64 durationMs() const { return end.ms - start.ms; }
};

struct AnalysisResult
{
    QString file;  // the path the log was read from, when known
    QString error; // why the selection cannot be analysed (a run that does not exist); the rest is empty then

    AnalysisThresholds thresholds;
    QList<AnalysisRun> runs; // of the whole file, in time order
    int selectedRun = -1;    // index into runs, -1 for the whole file
    qsizetype rowBegin = 0;  // the selected snapshot rows [rowBegin, rowEnd)
    qsizetype rowEnd = 0;
    bool hasUtcOffsets = true; // false: times are wall clock and print without an offset

    // Summary of the selection; start/end are empty when it holds neither a snapshot nor a marker.
    std::optional<LogInstant> start;
    std::optional<LogInstant> end;
    qint64 snapshots = 0;
    qint64 rows = 0; // data records of the file

    QStringList machineIds;
    QList<MachineStatistics> machines;
    QList<IssuePeriod> issues;   // by start time, then machine, then kind
    QList<LogMarkerRow> markers; // of the selection
    QList<LogWarning> warnings;  // the reader's, of the whole file
    qint64 skippedRecords = 0;   // damaged records of the whole file the reader skipped

    std::optional<qint64> durationMs() const
    {
        if (!start || !end)
            return std::nullopt;
        return end->ms - start->ms;
    }
};
