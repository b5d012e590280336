#include "fleettablemodel.h"

#include "session.h"

#include <QLocale>

#include <cmath>

Metric FleetTableModel::metricOf(int column)
{
    switch (column) {
    case FleetTableModel::CpuColumn:
        return Metric::CpuPercent;
    case FleetTableModel::MemoryColumn:
        return Metric::MemoryPercent;
    case FleetTableModel::TokensColumn:
        return Metric::TokensPerSecond;
    default:
        return Metric::ActiveRequests;
    }
}

namespace {
QString serverText(const ServerState &state)
{
    switch (state.status) {
    case ServerState::Up:
        return FleetTableModel::tr("up");
    case ServerState::Loading:
        return FleetTableModel::tr("loading");
    case ServerState::Down:
        return FleetTableModel::tr("down");
    case ServerState::Unknown:
        break;
    }
    return {};
}
} // namespace

FleetTableModel::FleetTableModel(Session *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    // Machines come and go in batches (a fleet's first answer adds hundreds): a reset each. A
    // removal begins while the machine is still there and ends once it is gone.
    connect(session, &Session::machineAboutToBeRemoved, this, [this] {
        if (!m_resetting)
            beginResetModel();
        m_resetting = true;
    });
    connect(session, &Session::machinesChanged, this, [this] {
        if (!m_resetting)
            beginResetModel();
        m_resetting = false;
        endResetModel();
    });
    connect(session, &Session::frameCompleted, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, ConnectionColumn), index(rowCount() - 1, ColumnCount - 1));
    });
}

int FleetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_session ? 0 : int(m_session->machines().size());
}

int FleetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

MachineMonitor *FleetTableModel::machineAt(int row) const
{
    if (!m_session || row < 0 || row >= m_session->machines().size())
        return nullptr;
    return m_session->machines().at(row);
}

QVariant FleetTableModel::data(const QModelIndex &index, int role) const
{
    const MachineMonitor *m = index.isValid() ? machineAt(index.row()) : nullptr;
    if (!m)
        return {};
    if (role == MachineIdRole)
        return m->info().id;
    const int column = index.column();
    if (column >= CpuColumn)
        return valueData(m, column, role);
    if (role == Qt::ToolTipRole) {
        if (column == MachineColumn)
            return m->info().id;
        if (column == ServerColumn)
            return m->serverState().detail;
        return m->lastError().isEmpty() ? QVariant() : QVariant(m->lastError());
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case MachineColumn:
        return m->info().name;
    case ConnectionColumn:
        return m->connectionState().kind == ConnectionState::Idle ? QString() : m->connectionState().text();
    case ServerColumn:
        return m->info().hasServer ? serverText(m->serverState()) : QString();
    }
    return {};
}

QVariant FleetTableModel::valueData(const MachineMonitor *m, int column, int role) const
{
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const double v = m->history().isEmpty() ? std::nan("") : m->history().last().value(metricOf(column));
    if (role == SortRole)
        return v;
    if (std::isnan(v))
        return QString();
    const int decimals = column == RequestsColumn ? 0 : 1;
    return QLocale().toString(v, 'f', decimals);
}

QVariant FleetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MachineColumn:
        return tr("Machine");
    case ConnectionColumn:
        return tr("Connection");
    case ServerColumn:
        return tr("Server");
    case CpuColumn:
        return tr("CPU %");
    case MemoryColumn:
        return tr("Memory %");
    case TokensColumn:
        return tr("Tokens/s");
    case RequestsColumn:
        return tr("Requests");
    }
    return {};
}
