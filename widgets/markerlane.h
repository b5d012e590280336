#pragma once

#include <QList>
#include <QString>

#include <functional>
#include <optional>

struct Marker;

// Where the marker labels of a chart go in their lane above the plot: one row, left to right, no
// two boxes overlapping. A label starts at its marker's line and is cut short (elided) where the
// next label begins; markers too close for a readable label each are merged into one box that
// counts them ("3 markers"). Near the right end a box moves left of its line to fit. Pure
// geometry on x positions: the caller measures text and draws.
class MarkerLane
{
public:
    struct Box
    {
        int first = 0;  // index of its first marker in the x order
        int count = 1;  // markers in it
        qreal left = 0; // the box, in the lane's coordinates
        qreal width = 0;
        QString text; // the label, or the count of a merged box (not yet elided)
    };

    // Horizontal padding inside a box, and the space kept between two boxes.
    static constexpr qreal kPadding = 3;
    static constexpr qreal kGap = 4;

    // textWidth measures a string in the lane's font; countText(n) is the text of n merged markers.
    MarkerLane(std::function<qreal(const QString &)> textWidth, std::function<QString(int)> countText);

    // xs in ascending order, labels[i] of the marker at xs[i]; the lane spans [left, right].
    QList<Box> layout(const QList<qreal> &xs, const QStringList &labels, qreal left, qreal right) const;

    // The tooltip of a box (rich text): its markers' times on the clock of a UTC offset (none:
    // this computer's), labels and notes; a long list is cut.
    static QString toolTip(const QList<const Marker *> &markers, std::optional<int> offsetSeconds);

private:
    qreal wanted(const Box &box) const;
    qreal needed(const Box &box) const;

    std::function<qreal(const QString &)> m_textWidth;
    std::function<QString(int)> m_countText;
};
