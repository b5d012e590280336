#pragma once

#include "analysisresult.h"
#include "viewclock.h"

#include <QAbstractTableModel>

// The issue periods of an analysis as a table: machine, kind, start, end, duration, peak, marker.
// Read-only; setResult() resets it.
class IssueTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        MachineColumn,
        KindColumn,
        StartColumn,
        EndColumn,
        DurationColumn,
        PeakColumn,
        MarkerColumn,
        ColumnCount
    };
    static constexpr int StartMsRole = Qt::UserRole + 1; // qint64, for zooming
    static constexpr int EndMsRole = Qt::UserRole + 2;

    using QAbstractTableModel::QAbstractTableModel;

    // Times read on `clock` (the view's: the log's own or this computer's time zone).
    void setResult(const AnalysisResult &result, const ViewClock &clock = {});
    void setClock(const ViewClock &clock);
    void clear();
    const IssuePeriod *issue(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<IssuePeriod> m_issues;
    QStringList m_machines;
    void updateWithDate();

    ViewClock m_clock;
    bool m_withDate = false;
};
