#pragma once

#include "logfilesummary.h"
#include "timingfilesummary.h"
#include "viewclock.h"

#include <QAbstractTableModel>
#include <QList>

#include <atomic>
#include <memory>

template<typename T> class QFutureWatcher;

// The logs of a folder as a table: file, kind, start, duration, machines, issues. The session logs
// first, newest first: their names are listed at once. Then the timing logs (issue 14), newest
// first, found in a worker thread by their first bytes (TimingReader::detect: the content, not the
// name) among the folder's other files, each added when found; a rotated backup NAME.N beside its
// NAME is not listed (opening NAME reads it). Each file's summary is computed in the worker, one
// file after the other, and fills its row when ready. A new folder drops what the old one was
// computing.
class LogFolderModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FileColumn, KindColumn, StartColumn, DurationColumn, MachinesColumn, IssuesColumn, ColumnCount };
    static constexpr int kMaxTimingCandidates = 200; // other files looked at for a timing log, newest first
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit LogFolderModel(QObject *parent = nullptr);
    ~LogFolderModel() override;

    void setFolder(const QString &dir, const AnalysisThresholds &thresholds = {});
    QString folder() const { return m_dir; }
    // Whether the folder's timing logs are all found and every row's summary is in.
    bool isComplete() const { return !m_scanning && m_pending == 0; }
    // The clock of the Start column: each log's own UTC offset (the default) or this computer's.
    void setTimeZone(ViewClock::Zone zone);
    QString pathAt(int row) const;
    // Whether the row is a timing log (opened in the Timings tab) rather than a session log.
    bool isTimingLogAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void summariesComplete();

private:
    // What the worker hands back: a timing log found (a new row), or a row's summary.
    struct Found
    {
        int row = 0;
        bool added = false;
        QString path;
        TimingShape shape = TimingShape::Unknown;
        LogFileSummary summary;
        TimingFileSummary timing;
    };

    struct Row
    {
        QString path;
        QString name;
        bool ready = false;
        LogFileSummary summary;
        TimingShape shape = TimingShape::Unknown; // Unknown: a session log
        TimingFileSummary timing;
    };

    void stop();
    void take(const Found &found);
    QVariant timingData(const Row &row, int column, int role) const;

    QString m_dir;
    QList<Row> m_rows;
    ViewClock::Zone m_zone = ViewClock::LogZone;
    int m_pending = 0;
    bool m_scanning = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Found> *m_watcher = nullptr;
};
