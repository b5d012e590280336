#pragma once

#include "metric.h"

#include <QAbstractTableModel>
#include <QPointer>

class MachineMonitor;
class Session;

// Every machine of a session in one table, one row each, for fleets too large for a panel per
// machine (a Prometheus server's targets, issue 15): its connection and server state and its latest
// CPU, memory, tokens/s and requests in flight. Follows the session's machines; the values
// refresh once per frame, never per sample.
class FleetTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        MachineColumn,
        ConnectionColumn,
        ServerColumn,
        CpuColumn,
        MemoryColumn,
        TokensColumn,
        RequestsColumn,
        ColumnCount
    };
    static constexpr int MachineIdRole = Qt::UserRole + 1;
    // The number behind a value column (NaN when not measured), for sorting.
    static constexpr int SortRole = Qt::UserRole + 2;

    explicit FleetTableModel(Session *session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The machine of a row of this model (not of a proxy), or null.
    MachineMonitor *machineAt(int row) const;
    // The metric a value column shows (CPU, memory, tokens/s, requests).
    static Metric metricOf(int column);

private:
    QVariant valueData(const MachineMonitor *m, int column, int role) const;

    QPointer<Session> m_session;
    bool m_resetting = false;
};
