#include "markertablemodel.h"

#include "markerstore.h"

#include <QDateTime>

MarkerTableModel::MarkerTableModel(MarkerStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(store, &MarkerStore::aboutToBeAdded, this, [this](int index) { beginInsertRows({}, index, index); });
    connect(store, &MarkerStore::added, this, [this] { endInsertRows(); });
    connect(store, &MarkerStore::aboutToBeRemoved, this, [this](int index) { beginRemoveRows({}, index, index); });
    connect(store, &MarkerStore::removed, this, [this] { endRemoveRows(); });
    connect(store, &MarkerStore::changed, this, [this](const Marker &, int index) {
        emit dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
    });
}

int MarkerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_store->markers().size());
}

int MarkerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MarkerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Marker &m = m_store->markers()[index.row()];
    if (role == MarkerIdRole)
        return m.id;
    if (role == Qt::ToolTipRole && index.column() == NotesColumn)
        return m.notes;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(m.timeMs).toString(QStringLiteral("HH:mm:ss"));
    case LabelColumn:
        return m.label;
    case NotesColumn:
        return role == Qt::DisplayRole ? QString(m.notes).replace(u'\n', u' ') : m.notes;
    default:
        return {};
    }
}

QVariant MarkerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LabelColumn:
        return tr("Label");
    case NotesColumn:
        return tr("Notes");
    default:
        return {};
    }
}

Qt::ItemFlags MarkerTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() != TimeColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool MarkerTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() == TimeColumn)
        return false;
    const Marker &m = m_store->markers()[index.row()];
    if (index.column() == LabelColumn)
        return m_store->update(m.id, value.toString(), m.notes);
    return m_store->update(m.id, m.label, value.toString());
}
