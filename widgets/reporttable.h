#pragma once

#include <QFontMetricsF>
#include <QList>
#include <QString>
#include <QStringList>

// The layout of a table in a printed report, for a page width: columns as wide as their content
// when the page allows it, else the text columns give up width, never below their longest word;
// text wraps at word boundaries only (a header never breaks inside a word), a word wider than its
// column is elided, and a cell stops at maxLines with an ellipsis. paginate() keeps every row
// whole: a row that does not fit goes to the next page, under the header again.
namespace ReportTable {

struct Table
{
    QStringList header; // empty: a table without a header row (the summary's)
    QList<QStringList> rows;
    QList<bool> wraps;        // per column: free text that may wrap; the others keep one line
    QList<bool> rightAligned; // per column: numbers
    int maxLines = 3;         // of a wrapped cell
    QString continued;        // above the header on the pages after the first: "Issues (continued)"
};

struct Fonts
{
    QFontMetricsF header;
    QFontMetricsF body;
    qreal padding = 0; // on each side of a cell's text
};

// The width of each column within `width` (the sum may be less: columns are not stretched).
QList<qreal> columnWidths(const Table &table, const Fonts &fonts, qreal width);
// The lines `text` takes in a column of this width (text width, without the padding).
QStringList wrap(const QFontMetricsF &fm, const QString &text, qreal width, int maxLines);
// For each row, the page it goes on, counted from the current one (0), when `firstSpace` is left
// on the current page and each new page has `pageSpace`. The header goes above the first row of
// every page; a header is never left alone at the bottom of a page.
QList<int> paginate(const QList<qreal> &rowHeights, qreal headerHeight, qreal firstSpace, qreal pageSpace);

} // namespace ReportTable
