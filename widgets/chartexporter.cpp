#include "chartexporter.h"

#include "timechart.h"
#include "timeticks.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>

namespace ChartExporter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ChartExporter", text);
}

QFont captionFont(int pixels, qreal scale, bool bold)
{
    QFont font;
    font.setPixelSize(std::max(1, qRound(pixels * scale)));
    font.setBold(bold);
    return font;
}

// The width of the legend of the shaded bands: for each a swatch, its label and some space.
qreal legendWidth(const QFontMetricsF &fm, const QList<LegendEntry> &shades)
{
    qreal width = 0;
    for (const LegendEntry &e : shades)
        width += fm.height() * 1.7 + fm.horizontalAdvance(e.label);
    return width;
}

// The legend of the shaded bands, right-aligned in `line`.
void paintLegend(QPainter *painter, const QRectF &line, qreal scale, const QList<LegendEntry> &shades)
{
    const QFont font = captionFont(kTextPixels, scale, false);
    const QFontMetricsF fm(font, painter->device());
    const qreal swatch = fm.height() * 0.9;
    const qreal gap = fm.height() * 0.4;
    qreal x = line.right() - legendWidth(fm, shades) + gap;
    painter->setFont(font);
    for (const LegendEntry &e : shades) {
        const QRectF box(x, line.center().y() - swatch / 2, swatch, swatch);
        painter->fillRect(box, Qt::white);
        painter->fillRect(box, e.color);
        painter->setPen(QPen(e.color.darker(160), std::max<qreal>(1, scale)));
        painter->drawRect(box);
        x += swatch + gap;
        painter->setPen(QColor(0x33, 0x33, 0x33));
        painter->drawText(
            QRectF(x, line.top(), line.right() - x, line.height()), Qt::AlignLeft | Qt::AlignVCenter, e.label);
        x += fm.horizontalAdvance(e.label) + gap;
    }
}

// The caption at the top of `rect`; returns its height.
qreal paintCaption(QPainter *painter, const QRectF &rect, qreal scale, const Caption &caption)
{
    const QFont titleFont = captionFont(kTitlePixels, scale, true);
    const QFont textFont = captionFont(kTextPixels, scale, false);
    const qreal titleHeight = QFontMetricsF(titleFont, painter->device()).height();
    const qreal textHeight = QFontMetricsF(textFont, painter->device()).height() * 1.3;
    qreal y = rect.top();
    if (!caption.title.isEmpty()) {
        painter->setFont(titleFont);
        painter->setPen(Qt::black);
        painter->drawText(
            QRectF(rect.left(), y, rect.width(), titleHeight), Qt::AlignLeft | Qt::AlignVCenter, caption.title);
        y += titleHeight;
    }
    if (caption.range.isEmpty() && caption.shades.isEmpty())
        return y - rect.top();
    QRectF line(rect.left(), y, rect.width(), textHeight);
    const QFontMetricsF fm(textFont, painter->device());
    painter->setFont(textFont);
    painter->setPen(QColor(0x55, 0x55, 0x55));
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, caption.range);
    // The legend shares the range's line when both fit, else it takes a line of its own.
    if (!caption.range.isEmpty() && !caption.shades.isEmpty()
        && fm.horizontalAdvance(caption.range) + legendWidth(fm, caption.shades) + fm.height() * 2 > rect.width())
        line.translate(0, textHeight);
    paintLegend(painter, line, scale, caption.shades);
    return line.bottom() - rect.top();
}

} // namespace

qreal scaleFor(QSize size)
{
    return std::max<qreal>(1.0, std::min(size.width() / 960.0, size.height() / 540.0));
}

QString rangeText(qint64 startMs, qint64 endMs, std::optional<int> offsetSeconds)
{
    const QString day = QStringLiteral("yyyy-MM-dd");
    const QString clock = QStringLiteral("HH:mm");
    const bool sameDay = TimeTicks::format(startMs, offsetSeconds, day) == TimeTicks::format(endMs, offsetSeconds, day);
    const QString from = TimeTicks::format(startMs, offsetSeconds, day + u' ' + clock);
    const QString to = TimeTicks::format(endMs, offsetSeconds, sameDay ? clock : day + u' ' + clock);
    const int offset = offsetSeconds ? *offsetSeconds : QDateTime::fromMSecsSinceEpoch(startMs).offsetFromUtc();
    const int a = std::abs(offset);
    const QString zone = QStringLiteral("UTC%1%2:%3")
                             .arg(offset < 0 ? QStringLiteral("-") : QStringLiteral("+"))
                             .arg(a / 3600, 2, 10, QLatin1Char('0'))
                             .arg((a % 3600) / 60, 2, 10, QLatin1Char('0'));
    return tr("%1 – %2 (%3)").arg(from, to, zone);
}

void paint(QPainter *painter, const QRectF &rect, qreal scale, const Caption &caption, const Renderer &render)
{
    const qreal margin = 10 * scale;
    const QRectF inner = rect.adjusted(margin, margin * 0.8, -margin, 0);
    const qreal top = paintCaption(painter, inner, scale, caption) + margin * 0.4;
    const QRectF chart(rect.left(), inner.top() + top, rect.width(), rect.bottom() - inner.top() - top);
    if (chart.height() < 16)
        return;
    painter->save();
    painter->translate(chart.topLeft());
    painter->scale(scale, scale);
    painter->setFont(QFont()); // not the caption's: items that draw with the painter's font get the chart's
    render(painter, (chart.size() / scale).toSize());
    painter->restore();
}

QImage image(const Renderer &render, const Caption &caption, QSize size, qreal scale)
{
    QImage picture(size, QImage::Format_ARGB32_Premultiplied);
    picture.fill(Qt::white);
    QPainter painter(&picture);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paint(&painter, QRectF(QPointF(0, 0), size), scale, caption, render);
    return picture;
}

bool exportChart(TimeChart *chart, const QString &path, QSize size, QString *error)
{
    const Caption caption { chart->title(), rangeText(chart->rangeStartMs(), chart->rangeEndMs(), std::nullopt), {} };
    return exportPicture(
        [chart](QPainter *painter, QSize s) { chart->render(painter, s); }, caption, path, size, error);
}

bool exportPicture(const Renderer &render, const Caption &caption, const QString &path, QSize size, QString *error)
{
    if (size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384) {
        *error = tr("The size %1×%2 is not between 16 and 16384 pixels").arg(size.width()).arg(size.height());
        return false;
    }
    const qreal scale = scaleFor(size);
    if (QFileInfo(path).suffix().compare(QLatin1String("svg"), Qt::CaseInsensitive) == 0) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setResolution(96); // as the picture's pixels: text as large as in the PNG
        svg.setTitle(caption.title);
        QPainter painter;
        if (!painter.begin(&svg)) {
            *error = tr("Cannot write %1").arg(path);
            return false;
        }
        painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        paint(&painter, QRectF(QPointF(0, 0), size), scale, caption, render);
        painter.end();
        if (!QFileInfo(path).isFile() || QFileInfo(path).size() == 0) {
            *error = tr("Cannot write %1").arg(path);
            return false;
        }
        return true;
    }
    QImageWriter writer(path);
    if (!writer.write(image(render, caption, size, scale))) {
        *error = tr("Cannot write %1: %2").arg(path, writer.errorString());
        return false;
    }
    return true;
}

} // namespace ChartExporter
