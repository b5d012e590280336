#include "sparklinedelegate.h"

#include "fleettablemodel.h"
#include "machinemonitor.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QDateTime>
#include <QPainter>

#include <cmath>

SparklineDelegate::SparklineDelegate(const FleetTableModel *model, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{ }

// The samples of the span, bucketed per pixel column: the min and the max of each column in time
// order (peaks kept), x from rect's left to its right, y from 0 at the bottom to the top.
QPolygonF SparklineDelegate::line(int row, int column, const QRectF &rect) const
{
    const MachineMonitor *m = m_model->machineAt(row);
    if (!m || m->history().isEmpty() || rect.width() < 2)
        return {};
    const History &h = m->history();
    const Metric metric = FleetTableModel::metricOf(column);
    const qint64 now = m_nowMs > 0 ? m_nowMs : QDateTime::currentMSecsSinceEpoch();
    // A history shorter than the span fills the cell rather than its right end.
    const qint64 from = std::max(now - m_spanMs, h.at(0).timeMs);
    const qint64 span = std::max<qint64>(now - from, 1);
    const int columns = int(rect.width());
    std::vector<double> lo(std::size_t(columns), NAN), hi(std::size_t(columns), NAN);
    double top = metric == Metric::CpuPercent || metric == Metric::MemoryPercent ? 100.0 : 0.0;
    for (qsizetype i = h.lowerBound(from); i < h.size(); ++i) {
        const double v = h.at(i).value(metric);
        if (std::isnan(v))
            continue;
        const auto c = std::size_t(std::clamp<qint64>((h.at(i).timeMs - from) * columns / span, 0, columns - 1));
        lo[c] = std::isnan(lo[c]) ? v : std::min(lo[c], v);
        hi[c] = std::isnan(hi[c]) ? v : std::max(hi[c], v);
        top = std::max(top, v);
    }
    if (top <= 0)
        top = 1;
    QPolygonF points;
    auto y = [&](double v) { return rect.bottom() - std::clamp(v / top, 0.0, 1.0) * rect.height(); };
    for (int c = 0; c < columns; ++c) {
        if (std::isnan(lo[std::size_t(c)]))
            continue;
        const double x = rect.left() + c;
        points << QPointF(x, y(lo[std::size_t(c)]));
        if (hi[std::size_t(c)] != lo[std::size_t(c)])
            points << QPointF(x, y(hi[std::size_t(c)]));
    }
    return points;
}

int SparklineDelegate::pointCount(int row, int column, int width) const
{
    return int(line(row, column, QRectF(0, 0, width, 20)).size());
}

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int column = index.column();
    if (column < FleetTableModel::CpuColumn || column > FleetTableModel::TokensColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QModelIndex source = index;
    if (const auto *proxy = qobject_cast<const QAbstractProxyModel *>(index.model()))
        source = proxy->mapToSource(index);
    // The background and selection as any cell, then the line, then the value over it.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);
    // The line on the left, the value at the right: side by side, never over each other.
    const QString text = index.data(Qt::DisplayRole).toString();
    const int textWidth = option.fontMetrics.horizontalAdvance(QStringLiteral("0000.0"));
    const QRectF area = QRectF(option.rect).adjusted(4, 4, -(textWidth + 10), -4);
    const QPolygonF points = line(source.row(), column, area);
    if (points.size() > 1) {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, false);
        QColor color = option.palette.color(
            option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Highlight);
        color.setAlphaF(0.75);
        painter->setPen(QPen(color, 1));
        painter->drawPolyline(points);
        painter->restore();
    }
    painter->save();
    painter->setPen(
        option.palette.color(option.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(option.rect.adjusted(3, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() >= FleetTableModel::CpuColumn && index.column() <= FleetTableModel::TokensColumn)
        size.setWidth(std::max(size.width(), 160));
    return size;
}
