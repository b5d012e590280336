#include "reporttable.h"

#include <QRegularExpression>

#include <algorithm>
#include <numeric>

namespace ReportTable {

namespace {

QStringList words(const QString &text)
{
    static const QRegularExpression space(QStringLiteral("\\s+"));
    return text.split(space, Qt::SkipEmptyParts);
}

qreal widestLine(const QFontMetricsF &fm, const QString &text)
{
    qreal widest = 0;
    for (const QString &line : text.split(u'\n'))
        widest = std::max(widest, fm.horizontalAdvance(line.simplified()));
    return widest;
}

qreal widestWord(const QFontMetricsF &fm, const QString &text)
{
    qreal widest = 0;
    for (const QString &word : words(text))
        widest = std::max(widest, fm.horizontalAdvance(word));
    return widest;
}

// The text width a column needs to show everything on one line (natural) and the least it can
// take (minimum): the header's longest word, and for a text column its longest word up to a
// quarter of the page (a longer one is elided), for the others its widest cell.
void columnNeeds(const Table &t, const Fonts &f, int c, qreal width, qreal *natural, qreal *minimum)
{
    const QString header = t.header.value(c);
    *natural = f.header.horizontalAdvance(header);
    *minimum = widestWord(f.header, header);
    const bool wraps = t.wraps.value(c);
    for (const QStringList &row : t.rows) {
        const QString cell = row.value(c);
        const qreal line = widestLine(f.body, cell);
        *natural = std::max(*natural, line);
        *minimum = std::max(*minimum, wraps ? std::min(widestWord(f.body, cell), width / 4) : line);
    }
}

} // namespace

QList<qreal> columnWidths(const Table &t, const Fonts &f, qreal width)
{
    int columns = int(t.header.size());
    for (const QStringList &row : t.rows)
        columns = std::max(columns, int(row.size()));
    QList<qreal> natural(columns), minimum(columns);
    for (int c = 0; c < columns; ++c) {
        columnNeeds(t, f, c, width, &natural[c], &minimum[c]);
        natural[c] += 2 * f.padding;
        minimum[c] += 2 * f.padding;
    }
    const qreal naturalSum = std::accumulate(natural.cbegin(), natural.cend(), 0.0);
    if (naturalSum <= width)
        return natural;
    // The widest columns give up width first: each is capped at one level, the highest that fits
    // (never below its minimum), so short columns keep their one line while a long text wraps.
    auto widthsAt = [&](qreal level) {
        QList<qreal> widths(columns);
        for (int c = 0; c < columns; ++c)
            widths[c] = std::max(minimum[c], std::min(natural[c], level));
        return widths;
    };
    auto sum = [](const QList<qreal> &widths) { return std::accumulate(widths.cbegin(), widths.cend(), 0.0); };
    qreal low = 0;
    qreal high = *std::max_element(natural.cbegin(), natural.cend());
    for (int i = 0; i < 40; ++i) {
        const qreal level = (low + high) / 2;
        (sum(widthsAt(level)) <= width ? low : high) = level;
    }
    return widthsAt(low);
}

QStringList wrap(const QFontMetricsF &fm, const QString &text, qreal width, int maxLines)
{
    QStringList lines;
    QStringList rest; // the words that did not fit in maxLines
    for (const QString &paragraph : text.split(u'\n')) {
        QString line;
        for (const QString &word : words(paragraph)) {
            if (lines.size() >= maxLines) {
                rest << word;
                continue;
            }
            const QString joined = line.isEmpty() ? word : line + u' ' + word;
            if (fm.horizontalAdvance(joined) <= width || line.isEmpty()) {
                line = joined;
                continue;
            }
            lines << line;
            if (lines.size() >= maxLines)
                rest << word;
            line = lines.size() < maxLines ? word : QString();
        }
        if (!line.isEmpty())
            lines << line;
    }
    if (!rest.isEmpty() && !lines.isEmpty())
        lines.last() += u' ' + rest.join(u' ') + QStringLiteral(" …");
    for (QString &line : lines) {
        if (fm.horizontalAdvance(line) > width)
            line = fm.elidedText(line, Qt::ElideRight, width);
    }
    return lines;
}

QList<int> paginate(const QList<qreal> &rowHeights, qreal headerHeight, qreal firstSpace, qreal pageSpace)
{
    QList<int> pages;
    int page = 0;
    qreal space = firstSpace;
    bool headerPlaced = false;
    for (qreal h : rowHeights) {
        qreal need = headerPlaced ? h : headerHeight + h;
        // A row that does not fit starts a page; one taller than a page is cut there (never happens
        // with a few lines a cell).
        if (need > space && (headerPlaced || space < pageSpace)) {
            ++page;
            space = pageSpace;
            need = headerHeight + h;
        }
        space -= need;
        headerPlaced = true;
        pages.append(page);
    }
    return pages;
}

} // namespace ReportTable
