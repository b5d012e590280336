#include "logfoldermodel.h"

#include "analysis.h"
#include "analysisreport.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <climits>
#include <cmath>

LogFolderModel::LogFolderModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

LogFolderModel::~LogFolderModel()
{
    stop();
}

void LogFolderModel::stop()
{
    if (m_cancel)
        m_cancel->store(true);
    if (m_watcher) {
        // The worker stops at the next file (or inside a load, at the reader's next look at the flag).
        m_watcher->disconnect(this);
        m_watcher->future().cancel();
        m_watcher->deleteLater();
        m_watcher = nullptr;
    }
}

namespace {
// The folder's files other than its session logs, newest first, that may be timing logs: not a
// rotated backup NAME.N of a NAME in the folder (opening NAME reads its backups).
QStringList timingCandidates(const QDir &folder)
{
    static const QRegularExpression numbered(QStringLiteral("^(.+)\\.\\d{1,3}$"));
    const QStringList all = folder.entryList(QDir::Files | QDir::Readable, QDir::Time);
    QStringList out;
    for (const QString &name : all) {
        if (out.size() >= LogFolderModel::kMaxTimingCandidates)
            break;
        if (name.startsWith(QLatin1String("performance_log_")) && name.endsWith(QLatin1String(".csv")))
            continue;
        const QRegularExpressionMatch m = numbered.match(name);
        if (m.hasMatch() && all.contains(m.captured(1)))
            continue;
        out << folder.filePath(name);
    }
    return out;
}
} // namespace

void LogFolderModel::setFolder(const QString &dir, const AnalysisThresholds &thresholds)
{
    stop();
    beginResetModel();
    m_dir = dir;
    m_rows.clear();
    // The names hold the start time: by name, reversed, is newest first.
    const QDir folder(dir);
    const QStringList names = folder.entryList(
        { QStringLiteral("performance_log_*.csv") }, QDir::Files | QDir::Readable, QDir::Name | QDir::Reversed);
    QStringList paths;
    for (const QString &name : names) {
        m_rows.append(Row { folder.filePath(name), name, false, {}, TimingShape::Unknown, {} });
        paths << folder.filePath(name);
    }
    m_pending = int(m_rows.size());
    endResetModel();
    // Listing names only: what each other file is, is read in the worker.
    const QStringList candidates = dir.isEmpty() ? QStringList() : timingCandidates(folder);
    if (paths.isEmpty() && candidates.isEmpty()) {
        m_scanning = false;
        emit summariesComplete();
        return;
    }

    m_scanning = true;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    m_watcher = new QFutureWatcher<Found>(this);
    connect(m_watcher, &QFutureWatcherBase::resultReadyAt, this, [this](int index) {
        if (m_watcher)
            take(m_watcher->resultAt(index));
    });
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_scanning = false;
        if (m_pending == 0)
            emit summariesComplete();
    });
    m_watcher->setFuture(QtConcurrent::run([paths, candidates, thresholds, cancel](QPromise<Found> &promise) {
        const auto stopped = [&] { return cancel->load() || promise.isCanceled(); };
        // The timing logs first (a look at each file's first bytes), so that every row is there soon.
        QList<Found> timing;
        for (const QString &path : candidates) {
            if (stopped())
                return;
            const TimingShape shape = TimingFileSummary::shapeOf(path);
            if (shape == TimingShape::Unknown)
                continue;
            timing.append(Found { int(paths.size() + timing.size()), true, path, shape, {}, {} });
            promise.addResult(timing.back());
        }
        for (int i = 0; i < paths.size(); ++i) {
            if (stopped())
                return;
            promise.addResult(Found {
                i, false, paths[i], TimingShape::Unknown, LogFileSummary::of(paths[i], thresholds, cancel.get()), {} });
        }
        for (Found f : std::as_const(timing)) {
            if (stopped())
                return;
            f.added = false;
            f.timing = TimingFileSummary::of(f.path);
            promise.addResult(f);
        }
    }));
}

void LogFolderModel::take(const Found &found)
{
    if (found.added) {
        if (found.row != m_rows.size())
            return;
        beginInsertRows({}, found.row, found.row);
        m_rows.append(Row { found.path, QFileInfo(found.path).fileName(), false, {}, found.shape, {} });
        ++m_pending;
        endInsertRows();
        return;
    }
    if (found.row < 0 || found.row >= m_rows.size() || m_rows[found.row].ready)
        return;
    Row &row = m_rows[found.row];
    row.summary = found.summary;
    row.timing = found.timing;
    row.ready = true;
    --m_pending;
    emit dataChanged(index(found.row, 0), index(found.row, ColumnCount - 1));
    if (m_pending == 0 && !m_scanning)
        emit summariesComplete();
}

QString LogFolderModel::pathAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].path : QString();
}

bool LogFolderModel::isTimingLogAt(int row) const
{
    return row >= 0 && row < m_rows.size() && m_rows[row].shape != TimingShape::Unknown;
}

int LogFolderModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogFolderModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogFolderModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    if (role == PathRole)
        return row.path;
    if (row.shape != TimingShape::Unknown)
        return timingData(row, index.column(), role);
    const auto clock = [&] { return ViewClock(m_zone, row.summary.start->offsetSeconds, row.summary.hasUtcOffsets); };
    if (role == Qt::ToolTipRole && index.column() == StartColumn && row.ready && row.summary.start)
        return clock().iso(row.summary.start->ms);
    if (role == Qt::ToolTipRole)
        return row.ready && !row.summary.error.isEmpty() ? row.summary.error : row.path;
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == FileColumn)
        return row.name;
    if (index.column() == KindColumn)
        return tr("session");
    if (!row.ready)
        return index.column() == StartColumn ? tr("…") : QString();
    const LogFileSummary &s = row.summary;
    if (!s.error.isEmpty())
        return index.column() == StartColumn ? tr("cannot be read") : QString();
    switch (index.column()) {
    case StartColumn:
        // Short ("11-22 14:30:22"), on the view's clock; the full time is the tooltip.
        return s.start ? clock().clock(s.start->ms, true) : tr("(empty)");
    case DurationColumn:
        return s.start ? AnalysisReport::duration(s.durationMs) : QString();
    case MachinesColumn:
        return s.machines.join(QStringLiteral(", "));
    case IssuesColumn:
        return s.issues;
    }
    return {};
}

// A timing log's row: "timing" as its kind (the shape in its tooltip); its calls' start (on this computer's clock: timing logs
// hold Unix times, no UTC offset) and length; the count of calls and errors in the tooltip.
QVariant LogFolderModel::timingData(const Row &row, int column, int role) const
{
    const TimingFileSummary &s = row.timing;
    const bool span = row.ready && s.error.isEmpty() && !std::isnan(s.start);
    const ViewClock clock(ViewClock::LocalZone, 0, true);
    const qint64 startMs = span ? qint64(std::llround(s.start * 1000)) : 0;
    if (role == Qt::ToolTipRole) {
        if (column == StartColumn && span)
            return clock.iso(startMs);
        if (column == KindColumn)
            return tr("A timing log: %1").arg(TimingReader::shapeName(row.shape));
        if (!row.ready)
            return row.path;
        if (!s.error.isEmpty())
            return s.error;
        return QString(row.path + u'\n'
            + tr("%n call(s) of %1 function(s), %2 error(s)", nullptr, int(std::min<qint64>(s.calls, INT_MAX)))
                  .arg(s.functions)
                  .arg(s.errors)
            + u'\n' + tr("Opens in the Timings tab"));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case FileColumn:
        return row.name;
    case KindColumn:
        return tr("timing");
    case StartColumn:
        if (!row.ready)
            return tr("…");
        if (!s.error.isEmpty())
            return tr("cannot be read");
        return span ? clock.clock(startMs, true) : tr("(no calls)");
    case DurationColumn:
        return span ? AnalysisReport::duration(qint64(std::llround((s.end - s.start) * 1000))) : QString();
    }
    return {};
}

void LogFolderModel::setTimeZone(ViewClock::Zone zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, StartColumn), index(rowCount() - 1, StartColumn));
}

QVariant LogFolderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FileColumn:
        return tr("Log");
    case KindColumn:
        return tr("Kind");
    case StartColumn:
        return tr("Start");
    case DurationColumn:
        return tr("Duration");
    case MachinesColumn:
        return tr("Machines");
    case IssuesColumn:
        return tr("Issues");
    }
    return {};
}
