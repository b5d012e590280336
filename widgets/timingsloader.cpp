#include "timingsloader.h"

#include "analysis.h"
#include "analysisresult.h"
#include "logreader.h"
#include "timingreader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace {
constexpr int kMaxCandidates = 20;                // session logs looked at, newest first
constexpr qint64 kMaxSessionLogBytes = 256 << 20; // larger ones are passed over

QByteArray head(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(TimingReader::kHeadBytes) : QByteArray();
}

void summarize(TimingsView &view, const TimingSelection &selection)
{
    view.summary = TimingStats::summarize(*view.data, selection);
    view.tiers = TimingTiers::summarize(*view.data);
}

double overlap(const LogData &log, double start, double end)
{
    if (log.timeMs.empty())
        return 0;
    const double from = std::max(start, double(log.timeMs.front()) / 1000.0);
    const double to = std::min(end, double(log.timeMs.back()) / 1000.0);
    return to - from;
}
} // namespace

namespace TimingsLoader {

bool isTimingLog(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        const QFileInfoList files = QDir(path).entryInfoList(QDir::Files | QDir::Readable);
        return std::any_of(files.begin(), files.end(), [](const QFileInfo &f) {
            return TimingReader::detect(head(f.filePath()), nullptr, true) != TimingShape::Unknown;
        });
    }
    return TimingReader::detect(head(path)) != TimingShape::Unknown;
}

QString findSessionLog(const QStringList &dirs, double start, double end, std::shared_ptr<const LogData> *log)
{
    QFileInfoList candidates;
    for (const QString &dir : dirs) {
        if (!dir.isEmpty())
            candidates
                += QDir(dir).entryInfoList({ QStringLiteral("*.csv") }, QDir::Files | QDir::Readable, QDir::Time);
    }
    QString best;
    double bestOverlap = 0;
    int looked = 0;
    for (const QFileInfo &f : candidates) {
        if (looked >= kMaxCandidates)
            break;
        if (f.size() > kMaxSessionLogBytes
            || TimingReader::detect(head(f.filePath()), nullptr, true) != TimingShape::Unknown)
            continue;
        ++looked;
        LogReadResult read = LogReader::read(f.filePath());
        if (!read.data || read.data->machines.isEmpty())
            continue;
        const double o = overlap(*read.data, start, end);
        if (o > bestOverlap) {
            bestOverlap = o;
            best = f.filePath();
            *log = std::make_shared<const LogData>(std::move(*read.data));
        }
    }
    return best;
}

TimingsView load(
    const QString &path, const QString &sessionLog, const QStringList &logDirs, const TimingSelection &selection)
{
    TimingsView view;
    view.path = path;
    TimingFollower::Resume resume = TimingFollower::resumeAfter(path); // before the read: see there
    TimingReadResult read = TimingReader::read(path);
    if (!read.data) {
        view.error = read.error;
        return view;
    }
    view.data = std::make_shared<const TimingData>(std::move(*read.data));
    view.followable = QFileInfo(path).isFile() && TimingReader::detect(head(path)) == TimingShape::JsonLines;
    if (view.followable) {
        TimingFollower::finishResume(resume, path, *view.data);
        view.followFrom = resume;
    }
    view.lanes = std::make_shared<const TimingLanes>(TimingsTimeline::buildLanes(*view.data));
    summarize(view, selection);
    if (!sessionLog.isEmpty()) {
        LogReadResult log = LogReader::read(sessionLog);
        if (log.data) {
            view.sessionLogPath = sessionLog;
            view.sessionLog = std::make_shared<const LogData>(std::move(*log.data));
        }
    } else if (view.data->size() > 0) {
        const QFileInfo info(path);
        QStringList dirs { info.isDir() ? info.absoluteFilePath() : info.absolutePath() };
        for (const QString &d : logDirs) {
            if (!dirs.contains(QFileInfo(d).absoluteFilePath()))
                dirs.append(d);
        }
        view.sessionLogPath = findSessionLog(dirs, view.lanes->start, view.lanes->end, &view.sessionLog);
    }
    if (view.sessionLog)
        view.sessionGapMs = qint64(AnalysisThresholds {}.gapFactor * Analysis::medianInterval(view.sessionLog->timeMs));
    return view;
}

TimingsView reselect(TimingsView view, const TimingSelection &selection)
{
    if (view.data)
        summarize(view, selection);
    return view;
}

TimingsView append(TimingsView view, const TimingData &calls, bool restarted, const TimingSelection &selection)
{
    auto data = std::make_shared<TimingData>(restarted || !view.data ? TimingData() : *view.data);
    data->append(calls);
    view.data = data;
    view.followFrom = {};
    view.lanes = std::make_shared<const TimingLanes>(TimingsTimeline::buildLanes(*view.data));
    summarize(view, selection);
    return view;
}

std::vector<qsizetype> selectedCalls(const TimingsView &view, int function)
{
    std::vector<qsizetype> out;
    if (!view.data || !view.lanes || function < 0 || size_t(function) >= view.lanes->calls.size())
        return out;
    for (std::uint32_t c : view.lanes->calls[size_t(function)]) {
        const double s = view.data->start[c];
        if (s >= view.summary.start && s <= view.summary.end)
            out.push_back(qsizetype(c));
    }
    return out;
}

} // namespace TimingsLoader
