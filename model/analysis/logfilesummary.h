#pragma once

#include "analysisresult.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

// What the log-folder list shows of one file: when it starts, how long it lasts, its machines and
// how many issue periods the whole file has (issue 5, "browse the log folder").
struct LogFileSummary
{
    QString path;
    QString error; // why the file cannot be analysed; the rest is empty then
    std::optional<LogInstant> start;
    qint64 durationMs = 0;
    bool hasUtcOffsets = true;
    QStringList machines;
    qint64 snapshots = 0;
    int runs = 0;
    int issues = 0;
    int warnings = 0;

    // Reads and analyses the whole file. Pure; safe in a worker thread.
    static LogFileSummary of(
        const QString &path, const AnalysisThresholds &thresholds = {}, const std::atomic_bool *cancel = nullptr);
};
