#pragma once

#include <QStyledItemDelegate>

class FleetTableModel;

// Paints a fleet table's value cells (CPU, memory, tokens/s) as the value over a sparkline of the
// machine's last minutes, read straight from its History: at most one min/max pair per pixel column
// (a few hundred points a row), and only for the rows the view paints, so a fleet of hundreds costs
// what the visible rows cost. Works through a proxy model.
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SparklineDelegate(const FleetTableModel *model, QObject *parent = nullptr);

    // How far back a sparkline reaches (default 10 minutes).
    void setSpanMs(qint64 ms) { m_spanMs = ms; }
    qint64 spanMs() const { return m_spanMs; }
    // The time at the right end; 0 (the default): now. Tests fix it.
    void setNowMs(qint64 ms) { m_nowMs = ms; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Points a sparkline of this width would draw for a row and column of the model (tests).
    int pointCount(int row, int column, int width) const;

private:
    QPolygonF line(int row, int column, const QRectF &rect) const;

    const FleetTableModel *m_model;
    qint64 m_spanMs = 10 * 60 * 1000;
    qint64 m_nowMs = 0;
};
