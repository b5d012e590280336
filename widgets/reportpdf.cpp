#include "reportpdf.h"

#include <QCoreApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>

#include <algorithm>
#include <numeric>

namespace {
constexpr int kResolution = 300; // dots per inch of the page's coordinates
const QColor kRule(0xc8, 0xc8, 0xc8);
const QColor kHeaderFill(0xec, 0xef, 0xf3);
const QColor kStripe(0xf7, 0xf8, 0xfa);
} // namespace

ReportPdf::ReportPdf(const QString &path, const QString &title)
    : m_pdf(path)
    , m_title(title)
{
    m_pdf.setPageSize(QPageSize(QPageSize::A4));
    m_pdf.setPageMargins(QMarginsF(15, 14, 15, 12), QPageLayout::Millimeter);
    m_pdf.setResolution(kResolution);
    m_pdf.setTitle(title);
    m_pdf.setCreator(QStringLiteral("perfdash"));
    m_body.setPointSizeF(8.5);
    m_bold = m_body;
    m_bold.setBold(true);
}

bool ReportPdf::begin()
{
    if (!m_painter.begin(&m_pdf))
        return false;
    m_painter.setRenderHint(QPainter::Antialiasing);
    m_painter.setRenderHint(QPainter::SmoothPixmapTransform);
    return true;
}

int ReportPdf::pageWidth() const
{
    return m_pdf.width();
}

qreal ReportPdf::chartScale() const
{
    // A chart's 13 px labels become about 8 pt.
    return kResolution / 96.0 * 0.8;
}

qreal ReportPdf::bottom() const
{
    return m_pdf.height() - QFontMetricsF(m_body, &m_pdf).height() * 2.5;
}

void ReportPdf::footer()
{
    const QFontMetricsF fm(m_body, &m_pdf);
    const QRectF line(0, m_pdf.height() - fm.height(), m_pdf.width(), fm.height());
    m_painter.setFont(m_body);
    m_painter.setPen(QColor(0x77, 0x77, 0x77));
    m_painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, m_title);
    m_painter.drawText(
        line, Qt::AlignRight | Qt::AlignVCenter, QCoreApplication::translate("ReportPdf", "page %1").arg(m_page));
    m_painter.setPen(QPen(kRule, 2));
    m_painter.drawLine(
        QPointF(0, line.top() - fm.height() * 0.4), QPointF(m_pdf.width(), line.top() - fm.height() * 0.4));
}

void ReportPdf::newPage()
{
    footer();
    m_pdf.newPage();
    ++m_page;
    m_y = 0;
}

void ReportPdf::ensureSpace(qreal height)
{
    if (m_y > 0 && m_y + height > bottom())
        newPage();
}

void ReportPdf::heading(const QString &text, bool large)
{
    QFont font = m_bold;
    font.setPointSizeF(large ? 17 : 12);
    const QFontMetricsF fm(font, &m_pdf);
    const qreal before = m_y > 0 ? fm.height() * (large ? 0.6 : 0.9) : 0;
    // A heading keeps a few lines of what follows with it.
    ensureSpace(before + fm.height() + QFontMetricsF(m_body, &m_pdf).height() * 4);
    m_y += m_y > 0 ? before : 0;
    m_painter.setFont(font);
    m_painter.setPen(Qt::black);
    m_painter.drawText(QRectF(0, m_y, m_pdf.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter, text);
    m_y += fm.height() * 1.25;
}

void ReportPdf::text(const QString &text)
{
    const QFontMetricsF fm(m_body, &m_pdf);
    const QStringList lines = ReportTable::wrap(fm, text, m_pdf.width(), 20);
    m_painter.setFont(m_body);
    m_painter.setPen(QColor(0x44, 0x44, 0x44));
    for (const QString &line : lines) {
        ensureSpace(fm.lineSpacing());
        m_painter.drawText(QRectF(0, m_y, m_pdf.width(), fm.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter, line);
        m_y += fm.lineSpacing();
    }
    m_y += fm.lineSpacing() * 0.5;
}

void ReportPdf::picture(const QImage &image)
{
    if (image.isNull())
        return;
    const qreal width = m_pdf.width();
    const qreal height = width * image.height() / image.width();
    ensureSpace(height);
    m_painter.drawImage(QRectF(0, m_y, width, height), image);
    m_y += height + QFontMetricsF(m_body, &m_pdf).height();
}

void ReportPdf::table(const ReportTable::Table &t)
{
    if (t.rows.isEmpty()) {
        text(QCoreApplication::translate("ReportPdf", "None."));
        return;
    }
    const ReportTable::Fonts fonts { QFontMetricsF(m_bold, &m_pdf), QFontMetricsF(m_body, &m_pdf),
        QFontMetricsF(m_body, &m_pdf).height() * 0.35 };
    const QList<qreal> widths = ReportTable::columnWidths(t, fonts, m_pdf.width());
    const qreal line = fonts.body.lineSpacing();
    auto cellLines = [&](const QStringList &cells, bool header) {
        QList<QStringList> out;
        for (int c = 0; c < widths.size(); ++c) {
            const int maxLines = header ? 3 : (t.wraps.value(c) ? t.maxLines : 1);
            out.append(ReportTable::wrap(
                header ? fonts.header : fonts.body, cells.value(c), widths[c] - 2 * fonts.padding, maxLines));
        }
        return out;
    };
    auto heightOf = [&](const QList<QStringList> &lines) {
        qsizetype most = 1;
        for (const QStringList &cell : lines)
            most = std::max(most, cell.size());
        return qreal(most) * line + fonts.padding * 1.4;
    };
    const QList<QStringList> header = cellLines(t.header, true);
    const qreal headerHeight = t.header.isEmpty() ? 0 : heightOf(header);
    QList<QList<QStringList>> rows;
    QList<qreal> heights;
    for (const QStringList &row : t.rows) {
        rows.append(cellLines(row, false));
        heights.append(heightOf(rows.last()));
    }
    // The line that says the table goes on is counted on every page: on the first it only leaves
    // a little more room at the bottom.
    const qreal continued = t.continued.isEmpty() ? 0 : line * 1.5; // as text() takes it
    const QList<int> pages = ReportTable::paginate(heights, headerHeight + continued, bottom() - m_y, bottom());
    for (int i = 0; i < rows.size(); ++i) {
        const int previous = i == 0 ? 0 : pages[i - 1];
        if (pages[i] != previous) {
            newPage();
            if (continued > 0)
                text(t.continued);
        }
        if ((i == 0 || pages[i] != previous) && !t.header.isEmpty())
            paintRow(widths, header, t, true, headerHeight, false);
        paintRow(widths, rows[i], t, false, heights[i], i % 2 == 1);
    }
    m_y += line;
}

void ReportPdf::paintRow(const QList<qreal> &widths, const QList<QStringList> &lines, const ReportTable::Table &t,
    bool header, qreal height, bool shaded)
{
    const qreal total = std::accumulate(widths.cbegin(), widths.cend(), 0.0);
    if (header || shaded)
        m_painter.fillRect(QRectF(0, m_y, total, height), header ? kHeaderFill : kStripe);
    m_painter.setFont(header ? m_bold : m_body);
    m_painter.setPen(header ? Qt::black : QColor(0x22, 0x22, 0x22));
    const QFontMetricsF fm(m_body, &m_pdf);
    const qreal padding = fm.height() * 0.35;
    qreal x = 0;
    for (int c = 0; c < widths.size(); ++c) {
        const Qt::Alignment align = t.rightAligned.value(c) ? Qt::AlignRight : Qt::AlignLeft;
        qreal y = m_y + padding * 0.7;
        for (const QString &text : lines.value(c)) {
            m_painter.drawText(
                QRectF(x + padding, y, widths[c] - 2 * padding, fm.lineSpacing()), align | Qt::AlignVCenter, text);
            y += fm.lineSpacing();
        }
        x += widths[c];
    }
    m_painter.setPen(QPen(kRule, 1.5));
    m_painter.drawLine(QPointF(0, m_y + height), QPointF(total, m_y + height));
    m_y += height;
}

void ReportPdf::finish()
{
    footer();
    m_painter.end();
}
