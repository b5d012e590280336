#include "markerlane.h"

#include "marker.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

MarkerLane::MarkerLane(std::function<qreal(const QString &)> textWidth, std::function<QString(int)> countText)
    : m_textWidth(std::move(textWidth))
    , m_countText(std::move(countText))
{ }

qreal MarkerLane::wanted(const Box &box) const
{
    return m_textWidth(box.text) + 2 * kPadding;
}

qreal MarkerLane::needed(const Box &box) const
{
    // A count is never cut; a label may be, down to a few letters and the ellipsis.
    if (box.count > 1)
        return wanted(box);
    return std::min(wanted(box), m_textWidth(QStringLiteral("Mmmm…")) + 2 * kPadding);
}

QList<MarkerLane::Box> MarkerLane::layout(
    const QList<qreal> &xs, const QStringList &labels, qreal left, qreal right) const
{
    QList<Box> boxes;
    for (int i = 0; i < xs.size(); ++i)
        boxes.append({ i, 1, 0, 0, labels.value(i) });
    // Each box starts at its first line, or further left when the lane ends before it would fit.
    auto start = [&](const Box &b) { return std::max(left, std::min(xs[b.first], right - needed(b))); };
    // Merge a box with the next one while it has no room for its shortest readable text; each merge
    // changes the boxes after it, so start again (fifty markers: a few thousand steps at most).
    for (bool merged = true; merged;) {
        merged = false;
        for (int k = 0; k < boxes.size(); ++k) {
            const qreal limit = k + 1 < boxes.size() ? start(boxes[k + 1]) - kGap : right;
            if (limit - start(boxes[k]) >= needed(boxes[k]))
                continue;
            // The last box joins the one before it; any other takes in the next.
            const int into = k + 1 < boxes.size() ? k : k - 1;
            if (into < 0)
                break; // one box alone, wider than the lane: it is cut to the lane below
            boxes[into].count += boxes[into + 1].count;
            boxes[into].text = m_countText(boxes[into].count);
            boxes.removeAt(into + 1);
            merged = true;
            break;
        }
    }
    for (int k = 0; k < boxes.size(); ++k) {
        const qreal limit = k + 1 < boxes.size() ? start(boxes[k + 1]) - kGap : right;
        boxes[k].left = start(boxes[k]);
        boxes[k].width = std::max<qreal>(0, std::min(wanted(boxes[k]), limit - boxes[k].left));
    }
    return boxes;
}

QString MarkerLane::toolTip(const QList<const Marker *> &markers, std::optional<int> offsetSeconds)
{
    constexpr int kMax = 12;
    QStringList lines;
    for (const Marker *m : markers.mid(0, kMax)) {
        const QDateTime t = offsetSeconds ? QDateTime::fromMSecsSinceEpoch(m->timeMs, QTimeZone(*offsetSeconds))
                                          : QDateTime::fromMSecsSinceEpoch(m->timeMs);
        QString line = QStringLiteral("<b>") + t.toString(QStringLiteral("HH:mm:ss")) + QStringLiteral("</b> ")
            + m->label.toHtmlEscaped();
        if (!m->notes.trimmed().isEmpty()) {
            line += QStringLiteral("<br>&nbsp;&nbsp;<i>") + m->notes.simplified().left(200).toHtmlEscaped()
                + QStringLiteral("</i>");
        }
        lines << line;
    }
    if (markers.size() > kMax) {
        lines << QCoreApplication::translate(
            "ChartCanvas", "… and %n more (zoom in to see them)", nullptr, int(markers.size() - kMax));
    }
    return QStringLiteral("<p style='white-space:pre-wrap'>") + lines.join(QStringLiteral("<br>"))
        + QStringLiteral("</p>");
}
