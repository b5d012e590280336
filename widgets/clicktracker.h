#pragma once

#include <QMouseEvent>
#include <QPoint>

// A left-button press and release a few pixels apart at most: a click on a chart (to mark that
// moment, or to open a marker box), not the start of a drag.
class ClickTracker
{
public:
    void press(const QMouseEvent *event)
    {
        if (event->button() == Qt::LeftButton) {
            m_pressPos = event->pos();
            m_pressed = true;
        }
    }
    // Whether this release ends a click; the press is forgotten either way.
    bool release(const QMouseEvent *event)
    {
        const bool click
            = m_pressed && event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() < 6;
        m_pressed = false;
        return click;
    }

private:
    QPoint m_pressPos;
    bool m_pressed = false;
};
