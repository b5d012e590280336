#pragma once

#include "logfilesummary.h"
#include "viewclock.h"

#include <QAbstractTableModel>
#include <QList>

#include <atomic>
#include <memory>

template<typename T> class QFutureWatcher;

// The session logs of a folder, newest first, as a table: file, start, duration, machines, issues.
// The names are listed at once; each file's summary is computed in a worker thread, one file after
// the other, and fills its row when ready. A new folder drops what the old one was computing.
class LogFolderModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FileColumn, StartColumn, DurationColumn, MachinesColumn, IssuesColumn, ColumnCount };
    static constexpr int PathRole = Qt::UserRole + 1;

    explicit LogFolderModel(QObject *parent = nullptr);
    ~LogFolderModel() override;

    void setFolder(const QString &dir, const AnalysisThresholds &thresholds = {});
    QString folder() const { return m_dir; }
    // Whether every row's summary is in.
    bool isComplete() const { return m_pending == 0; }
    // The clock of the Start column: each log's own UTC offset (the default) or this computer's.
    void setTimeZone(ViewClock::Zone zone);
    QString pathAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void summariesComplete();

private:
    struct Row
    {
        QString path;
        QString name;
        bool ready = false;
        LogFileSummary summary;
    };

    void stop();

    QString m_dir;
    QList<Row> m_rows;
    ViewClock::Zone m_zone = ViewClock::LogZone;
    int m_pending = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<LogFileSummary> *m_watcher = nullptr;
};
