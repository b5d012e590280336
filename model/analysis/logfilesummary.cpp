#include "logfilesummary.h"

#include "analysis.h"
#include "logreader.h"

LogFileSummary LogFileSummary::of(
    const QString &path, const AnalysisThresholds &thresholds, const std::atomic_bool *cancel)
{
    LogFileSummary s;
    s.path = path;
    const LogReadResult read = LogReader::read(path, cancel);
    if (!read.data) {
        s.error = read.error;
        return s;
    }
    const AnalysisResult r = Analysis::analyze(*read.data, thresholds, RunSelection::all());
    s.start = r.start;
    s.durationMs = r.durationMs().value_or(0);
    s.hasUtcOffsets = r.hasUtcOffsets;
    s.machines = r.machineIds;
    s.snapshots = r.snapshots;
    s.runs = int(r.runs.size());
    s.issues = int(r.issues.size());
    s.warnings = int(r.warnings.size());
    return s;
}
