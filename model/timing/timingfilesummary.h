#pragma once

#include "timingreader.h"

#include <QString>

#include <cmath>

// What the log folder's list shows of a timing log (issue 14, "the Analysis tab's folder list,
// which now lists timing logs too"): its shape, when its calls start and end, how many there are.
struct TimingFileSummary
{
    QString path;
    TimingShape shape = TimingShape::Unknown;
    QString error;               // why the file cannot be read; the rest is empty then
    double start = std::nan(""); // the first call's start and the last call's end, Unix s (NaN: no calls)
    double end = std::nan("");
    qint64 calls = 0;
    int functions = 0;
    int errors = 0;

    // The timing shape of a file from its first bytes (TimingReader::detect): Unknown for a file of
    // no timing shape, and for a hardware description, which means something only beside others.
    static TimingShape shapeOf(const QString &path);
    // Reads the whole file (a JSON-lines log with its rotated backups, as opening it does). Pure;
    // safe in a worker thread.
    static TimingFileSummary of(const QString &path);
};
