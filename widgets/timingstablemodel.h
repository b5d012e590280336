#pragma once

#include "timingstats.h"

#include <QAbstractTableModel>

// The per-function table of the Timings tab: one row per function of a TimingSummary (in its order:
// by total time, largest first). Qt::DisplayRole is the formatted value; kSortRole the raw number,
// for a QSortFilterProxyModel. The ten functions with the largest totals are highlighted.
class TimingsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Function,
        Count,
        Total,
        Mean,
        Median,
        P95,
        Min,
        Max,
        Errors,
        Success,
        Share,
        MemoryDelta,
        ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kFunctionRole = Qt::UserRole + 1; // the index in TimingData::functions
    static constexpr int kTopRole = Qt::UserRole + 2;      // true for the top ten by total
    static constexpr int kTop = 10;

    explicit TimingsTableModel(QObject *parent = nullptr);

    void setSummary(const TimingSummary &summary);
    const FunctionStats *stats(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A function's statistics and its numeric attributes (mean and max) as HTML, for a details pane.
    static QString detailsHtml(const FunctionStats &f);
    // "1.23 s", "45.6 ms", "789 µs".
    static QString formatSeconds(double seconds);

private:
    QVariant value(const FunctionStats &f, int column) const;
    QString text(const FunctionStats &f, int column) const;

    QList<FunctionStats> m_functions;
    QList<int> m_topRank; // rank by total of each row (0 = largest)
};
