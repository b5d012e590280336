#pragma once

#include "timingfollower.h"
#include "timingstats.h"
#include "timingstimeline.h"
#include "timingtiers.h"

#include <QString>
#include <QStringList>

#include <memory>

struct LogData;

// What the Timings tab shows, made in a worker: the calls read, their lanes, the statistics of the
// selected run, the tiers (shape D), and a session log over the same time when one was found.
struct TimingsView
{
    QString path;
    std::shared_ptr<const TimingData> data;
    std::shared_ptr<const TimingLanes> lanes;
    TimingSummary summary;
    QList<TierSummary> tiers;
    QString sessionLogPath; // empty: no session log overlaps the calls
    std::shared_ptr<const LogData> sessionLog;
    // Two samples of the session log further apart than this are a gap in its lines (the Analysis
    // tab's rule: its gap factor times the median interval); 0 without a session log.
    qint64 sessionGapMs = 0;
    bool followable = false; // a JSON-lines file, which TimingFollower can follow as it grows
    // Where the read of a followable file ended, for following it without reading it again;
    // invalid once followed calls were added (following again reads it from its start).
    TimingFollower::Resume followFrom;
    QString error; // why nothing could be read
};

// The Timings tab's work off the GUI thread: pure functions of their arguments (QtConcurrent::run).
namespace TimingsLoader {

// Reads a timing log (file or directory). sessionLog: a session log opened with it; when empty, the
// session logs (CSV) of the timing log's folder and of `logDirs` are searched for the one that
// overlaps the calls most.
TimingsView load(
    const QString &path, const QString &sessionLog, const QStringList &logDirs, const TimingSelection &selection);
// The same calls under another selection.
TimingsView reselect(TimingsView view, const TimingSelection &selection);
// New calls of a followed file appended (restarted: the file began again, the calls replace the old).
TimingsView append(TimingsView view, const TimingData &calls, bool restarted, const TimingSelection &selection);
// Whether a path is a timing log rather than a session log: a file whose first bytes are of a
// timing shape, or a directory with such a file.
bool isTimingLog(const QString &path);
// The session log among the CSV files of these folders that overlaps [start, end] (Unix s) the
// most, read; empty when none does.
QString findSessionLog(const QStringList &dirs, double start, double end, std::shared_ptr<const LogData> *log);
// The calls of a function within the view's selection: their start and end (Unix s) and durations.
std::vector<qsizetype> selectedCalls(const TimingsView &view, int function);

} // namespace TimingsLoader
