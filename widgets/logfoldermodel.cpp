#include "logfoldermodel.h"

#include "analysis.h"
#include "analysisreport.h"

#include <QDir>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

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
        m_rows.append(Row { folder.filePath(name), name, false, {} });
        paths << folder.filePath(name);
    }
    m_pending = int(m_rows.size());
    endResetModel();
    if (paths.isEmpty()) {
        emit summariesComplete();
        return;
    }

    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    m_watcher = new QFutureWatcher<LogFileSummary>(this);
    connect(m_watcher, &QFutureWatcherBase::resultReadyAt, this, [this](int index) {
        if (!m_watcher || index < 0 || index >= m_rows.size())
            return;
        m_rows[index].summary = m_watcher->resultAt(index);
        m_rows[index].ready = true;
        --m_pending;
        emit dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
        if (m_pending == 0)
            emit summariesComplete();
    });
    m_watcher->setFuture(QtConcurrent::run([paths, thresholds, cancel](QPromise<LogFileSummary> &promise) {
        for (const QString &path : paths) {
            if (cancel->load() || promise.isCanceled())
                return;
            promise.addResult(LogFileSummary::of(path, thresholds, cancel.get()));
        }
    }));
}

QString LogFolderModel::pathAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].path : QString();
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
    const auto clock = [&] { return ViewClock(m_zone, row.summary.start->offsetSeconds, row.summary.hasUtcOffsets); };
    if (role == Qt::ToolTipRole && index.column() == StartColumn && row.ready && row.summary.start)
        return clock().iso(row.summary.start->ms);
    if (role == Qt::ToolTipRole)
        return row.ready && !row.summary.error.isEmpty() ? row.summary.error : row.path;
    if (role != Qt::DisplayRole)
        return {};
    if (index.column() == FileColumn)
        return row.name;
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
