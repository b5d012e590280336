#include "issuetablemodel.h"

#include "analysis.h"
#include "analysisreport.h"

void IssueTableModel::setResult(const AnalysisResult &result, const ViewClock &clock)
{
    beginResetModel();
    m_issues = result.issues;
    m_machines = result.machineIds;
    m_clock = clock;
    updateWithDate();
    endResetModel();
}

void IssueTableModel::setClock(const ViewClock &clock)
{
    m_clock = clock;
    updateWithDate();
    if (!m_issues.isEmpty())
        emit dataChanged(index(0, StartColumn), index(rowCount() - 1, EndColumn));
}

void IssueTableModel::updateWithDate()
{
    // The date joins the clock when the issues span more than one day of the view's clock.
    m_withDate = !m_issues.isEmpty() && m_clock.spansDays(m_issues.first().start.ms, m_issues.last().end.ms);
}

void IssueTableModel::clear()
{
    beginResetModel();
    m_issues.clear();
    m_machines.clear();
    endResetModel();
}

const IssuePeriod *IssueTableModel::issue(int row) const
{
    return row >= 0 && row < m_issues.size() ? &m_issues[row] : nullptr;
}

int IssueTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_issues.size());
}

int IssueTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IssueTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IssuePeriod &i = m_issues[index.row()];
    if (role == StartMsRole)
        return i.start.ms;
    if (role == EndMsRole)
        return i.end.ms;
    if (role == Qt::TextAlignmentRole && (index.column() == DurationColumn || index.column() == PeakColumn))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == MarkerColumn && i.marker)
        return i.marker->notes.isEmpty() ? QVariant() : QVariant(i.marker->notes);
    if (role == Qt::ToolTipRole && (index.column() == StartColumn || index.column() == EndColumn))
        return m_clock.iso(index.column() == StartColumn ? i.start.ms : i.end.ms);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case MachineColumn:
        return m_machines.value(i.machine);
    case KindColumn:
        return Analysis::kindLabel(i.kind);
    case StartColumn:
        return m_clock.clock(i.start.ms, m_withDate);
    case EndColumn:
        return m_clock.clock(i.end.ms, m_withDate);
    case DurationColumn:
        return AnalysisReport::duration(i.durationMs());
    case PeakColumn:
        return i.peak ? AnalysisReport::value(i.peak) : QString();
    case MarkerColumn:
        return i.marker ? (i.marker->event.isEmpty() ? i.marker->notes.simplified() : i.marker->event) : QString();
    }
    return {};
}

QVariant IssueTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MachineColumn:
        return tr("Machine");
    case KindColumn:
        return tr("Kind");
    case StartColumn:
        return tr("Start");
    case EndColumn:
        return tr("End");
    case DurationColumn:
        return tr("Duration");
    case PeakColumn:
        return tr("Peak");
    case MarkerColumn:
        return tr("Nearest marker");
    }
    return {};
}
