#include "timingstablemodel.h"

#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <numeric>

TimingsTableModel::TimingsTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TimingsTableModel::setSummary(const TimingSummary &summary)
{
    beginResetModel();
    m_functions = summary.functions;
    QList<int> order(m_functions.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(
        order.begin(), order.end(), [this](int a, int b) { return m_functions[a].total > m_functions[b].total; });
    m_topRank = QList<int>(m_functions.size(), 0);
    for (int rank = 0; rank < order.size(); ++rank)
        m_topRank[order[rank]] = rank;
    endResetModel();
}

const FunctionStats *TimingsTableModel::stats(int row) const
{
    return row >= 0 && row < m_functions.size() ? &m_functions[row] : nullptr;
}

int TimingsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_functions.size());
}

int TimingsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TimingsTableModel::formatSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("–");
    const double a = std::abs(seconds);
    if (a >= 1 || a == 0)
        return QStringLiteral("%1 s").arg(seconds, 0, 'f', a >= 100 ? 1 : 3);
    if (a >= 1e-3)
        return QStringLiteral("%1 ms").arg(seconds * 1e3, 0, 'f', a >= 0.1 ? 1 : 2);
    return QStringLiteral("%1 µs").arg(seconds * 1e6, 0, 'f', 1);
}

QVariant TimingsTableModel::value(const FunctionStats &f, int column) const
{
    switch (column) {
    case Function:
        return f.name;
    case Count:
        return f.count;
    case Total:
        return f.total;
    case Mean:
        return f.mean;
    case Median:
        return f.median;
    case P95:
        return f.p95;
    case Min:
        return f.min;
    case Max:
        return f.max;
    case Errors:
        return f.errors;
    case Success:
        return f.successRate;
    case Share:
        return f.share;
    case MemoryDelta:
        return std::isfinite(f.memoryDelta) ? f.memoryDelta : -1e300;
    }
    return {};
}

QString TimingsTableModel::text(const FunctionStats &f, int column) const
{
    switch (column) {
    case Function:
        return f.name;
    case Count:
    case Errors:
        return QLocale().toString(value(f, column).toLongLong());
    case Success:
    case Share:
        return QStringLiteral("%1 %").arg(value(f, column).toDouble() * 100, 0, 'f', 1);
    case MemoryDelta:
        return std::isfinite(f.memoryDelta) ? QStringLiteral("%1 MB").arg(f.memoryDelta, 0, 'f', 1) : QString();
    default:
        return formatSeconds(value(f, column).toDouble());
    }
}

QVariant TimingsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_functions.size())
        return {};
    const FunctionStats &f = m_functions[index.row()];
    const bool top = m_topRank[index.row()] < kTop && m_functions.size() > 1;
    switch (role) {
    case Qt::DisplayRole:
        return text(f, index.column());
    case kSortRole:
        return value(f, index.column());
    case kFunctionRole:
        return f.function;
    case kTopRole:
        return top;
    case Qt::TextAlignmentRole:
        return int(index.column() == Function ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        return top ? QVariant(QColor(255, 190, 60, 60)) : QVariant();
    case Qt::ForegroundRole:
        return f.errors > 0 && index.column() == Errors ? QVariant(QColor(214, 39, 40)) : QVariant();
    case Qt::ToolTipRole:
        return top ? tr("%1: one of the ten functions with the largest total time").arg(f.name) : QVariant();
    }
    return {};
}

QVariant TimingsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Function:
        return tr("Function");
    case Count:
        return tr("Count");
    case Total:
        return tr("Total");
    case Mean:
        return tr("Mean");
    case Median:
        return tr("Median");
    case P95:
        return tr("p95");
    case Min:
        return tr("Min");
    case Max:
        return tr("Max");
    case Errors:
        return tr("Errors");
    case Success:
        return tr("Success");
    case Share:
        return tr("Share");
    case MemoryDelta:
        return tr("Memory Δ");
    }
    return {};
}

QString TimingsTableModel::detailsHtml(const FunctionStats &f)
{
    QString html = QStringLiteral("<h3>%1</h3><p>").arg(f.name.toHtmlEscaped());
    html += tr("%n call(s), total %1, mean %2, p95 %3", nullptr, int(f.count))
                .arg(TimingsTableModel::formatSeconds(f.total), TimingsTableModel::formatSeconds(f.mean),
                    TimingsTableModel::formatSeconds(f.p95));
    if (std::isfinite(f.memoryDelta))
        html += QStringLiteral("<br>") + tr("Memory delta: %1 MB on average").arg(f.memoryDelta, 0, 'f', 1);
    html += QStringLiteral("</p>");
    if (!f.attributes.isEmpty()) {
        html += QStringLiteral("<table cellspacing=4><tr><th align=left>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                    .arg(tr("Attribute"), tr("Calls"), tr("Mean"), tr("Max"));
        for (const AttributeStats &a : f.attributes)
            html += QStringLiteral(
                "<tr><td>%1</td><td align=right>%2</td><td align=right>%3</td><td align=right>%4</td></tr>")
                        .arg(a.name.toHtmlEscaped())
                        .arg(a.count)
                        .arg(a.mean, 0, 'g', 5)
                        .arg(a.max, 0, 'g', 5);
        html += QStringLiteral("</table>");
    }
    return html;
}
