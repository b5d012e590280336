#pragma once

#include <QAbstractTableModel>

class MarkerStore;

// The session's markers as a table (time, label, notes); label and notes are editable in place.
class MarkerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, LabelColumn, NotesColumn, ColumnCount };
    static constexpr int MarkerIdRole = Qt::UserRole + 1;

    explicit MarkerTableModel(MarkerStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    MarkerStore *m_store;
};
