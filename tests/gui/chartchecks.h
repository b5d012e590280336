#pragma once
// What the chart tests share: a day's log with many markers, and the checks of a chart's marker
// lane and axis titles.
#include "chartcanvas.h"
#include "markerlabelitem.h"
#include "stripcanvas.h"

#include <QByteArray>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsTextItem>
#include <QHash>
#include <QValueAxis>

namespace ChartChecks {

// Two machines, a row every 2 s from 2026-11-22T08:00:00+01:00, and `markers` markers with notes in
// clumps of one to four, three rows apart (as people mark: "Qwen crashed", then "Restarted"), a
// clump every rows / 24 rows.
inline QByteArray markedDay(int rows, int markers)
{
    QHash<int, int> markerAt; // row → marker number
    for (int clump = 0, n = 0; n < markers; ++clump) {
        for (int k = 0; k <= clump % 4 && n < markers; ++k)
            markerAt.insert(clump * (rows / 24) + 5 + 3 * k, ++n);
    }
    QByteArray out = "timestamp,m1_cpu_percent,m1_memory_percent,m1_tokens_per_second,m1_active_requests,"
                     "m2_cpu_percent,m2_memory_percent,event,notes\n";
    for (int i = 0; i < rows; ++i) {
        const int s = 2 * i;
        out += "2026-11-22T" + QByteArray::number(8 + s / 3600).rightJustified(2, '0') + ':'
            + QByteArray::number(s / 60 % 60).rightJustified(2, '0') + ':'
            + QByteArray::number(s % 60).rightJustified(2, '0') + ".000+01:00," + QByteArray::number(20 + (i * 7) % 60)
            + ",50," + QByteArray::number((i * 13) % 40) + ',' + QByteArray::number(i % 5) + ','
            + QByteArray::number(30 + (i * 11) % 50) + ",60,";
        if (const int n = markerAt.value(i))
            out += "Marker number " + QByteArray::number(n) + ",notes of marker " + QByteArray::number(n);
        else
            out += ',';
        out += '\n';
    }
    return out;
}

// A box of a marker lane as the checks see it: where it is, its text, how many markers it holds.
struct LaneBox
{
    QRectF rect;
    QString text;
    int markers = 1;
};

// Why a chart's marker labels are not where they belong, or an empty string: every box in the
// lane above the plot (not over the data or the axis), inside the chart, clear of the others, its
// text (in the font of fm) inside it, and every marker in view in one box.
inline QString laneProblem(
    const QList<LaneBox> &labels, const QRectF &plot, const QRectF &whole, const QFontMetricsF &fm, int markersInView)
{
    int counted = 0;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QRectF box = labels[i].rect;
        const QString name = QStringLiteral("'%1' at %2,%3 %4×%5")
                                 .arg(labels[i].text)
                                 .arg(box.x())
                                 .arg(box.y())
                                 .arg(box.width())
                                 .arg(box.height());
        if (box.intersects(plot) || box.bottom() > plot.top())
            return name + QStringLiteral(" is not above the plot");
        if (!whole.contains(box))
            return name + QStringLiteral(" is outside its chart");
        if (fm.horizontalAdvance(labels[i].text) > box.width())
            return name + QStringLiteral(" does not hold its text");
        for (qsizetype j = i + 1; j < labels.size(); ++j) {
            if (box.intersects(labels[j].rect))
                return name + QStringLiteral(" overlaps '%1'").arg(labels[j].text);
        }
        counted += labels[i].markers;
    }
    if (counted != markersInView)
        return QStringLiteral("%1 markers in the lane, %2 in view").arg(counted).arg(markersInView);
    return {};
}

// The same for a Qt Charts canvas (the Analysis tab's charts, pictures).
inline QString laneProblem(ChartCanvas *canvas, int markersInView)
{
    QChart *chart = canvas->chart();
    QList<LaneBox> boxes;
    for (const MarkerLabelItem *item : canvas->markerLabelItems())
        boxes.append({ item->sceneBoundingRect(), item->text(), item->markerCount() });
    return laneProblem(boxes, chart->mapRectToScene(chart->plotArea()), chart->mapRectToScene(chart->rect()),
        QFontMetricsF(canvas->font()), markersInView);
}

// The same for a live chart's strip canvas.
inline QString laneProblem(StripCanvas *canvas, int markersInView)
{
    QList<LaneBox> boxes;
    for (const StripCanvas::LabelBox &box : canvas->markerLabelBoxes())
        boxes.append({ box.rect, box.text, box.count });
    return laneProblem(boxes, canvas->plotRect(), QRectF(canvas->rect()), QFontMetricsF(canvas->font()), markersInView);
}

// Why an axis title is cut short, or an empty string. A title that does not fit the plot's height
// whole is not on the axis but in the chart's header.
inline QString axisTitleProblem(ChartCanvas *canvas)
{
    const QList<QGraphicsItem *> items = canvas->scene()->items();
    for (QGraphicsItem *item : items) {
        if (item->type() != QGraphicsTextItem::Type || !item->isVisible())
            continue;
        const QString text = static_cast<QGraphicsTextItem *>(item)->toPlainText();
        if (text.contains(QChar(0x2026)) || text.contains(QLatin1String("...")))
            return QStringLiteral("'%1' is cut short").arg(text);
    }
    for (QAbstractAxis *axis : canvas->chart()->axes(Qt::Vertical)) {
        if (axis->titleText().isEmpty() || axis->isTitleVisible())
            continue;
        const QString header = canvas->headerText();
        if (!header.contains(axis->titleText()))
            return QStringLiteral("'%1' is neither on its axis nor in the header '%2'").arg(axis->titleText(), header);
    }
    return {};
}

} // namespace ChartChecks
