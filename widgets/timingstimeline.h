#pragma once

#include "timingdata.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

// The calls of each function in start order, for drawing: built in a worker (buildLanes), shown by
// a TimingsTimeline.
struct TimingLanes
{
    std::vector<std::vector<std::uint32_t>> calls; // per function: call indices sorted by start
    std::vector<double> maxDuration;               // per function: its longest call (s)
    double start = 0;                              // the earliest start and latest end (Unix s)
    double end = 0;
};

// The call timeline of the Timings tab: one lane per function, each call a span from its start to its
// end, failed calls in red. Zoom with the wheel, pan by dragging; the range is in ms since the epoch
// like LogChart's, so the two can share one time axis. However many calls, a lane draws at most
// two rectangles per pixel column (the columns any call covers, then those a failed call covers);
// when a lane has fewer calls in view than half its width, each is drawn as its own box.
class TimingsTimeline : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kLaneNamesWidth = 150; // the room the lane names want left of the plot

    explicit TimingsTimeline(QWidget *parent = nullptr);

    static TimingLanes buildLanes(const TimingData &data);

    void setData(std::shared_ptr<const TimingData> data, std::shared_ptr<const TimingLanes> lanes);
    void setRange(qint64 startMs, qint64 endMs);
    qint64 rangeStartMs() const { return m_startMs; }
    qint64 rangeEndMs() const { return m_endMs; }
    // The clock of the time labels: a UTC offset in seconds, or none for this computer's.
    void setTimeOffset(std::optional<int> offsetSeconds);
    // The plot's distance from the left and right edges (to line up with charts above it); the lane
    // names go in the left one. Negative: the widget's own choice.
    void setPlotInsets(int left, int right);
    int plotLeft() const;
    int plotRight() const;
    void setSelectedFunction(int function);
    int selectedFunction() const { return m_selected; }
    // The call under a point of the widget, or -1.
    qsizetype callAt(const QPoint &pos) const;
    // What the hover tooltip says of a call: function, times, duration and its attributes.
    QString callText(qsizetype call) const;
    // Rectangles drawn by the last paint (for tests: at most two per pixel column per lane).
    qsizetype lastRectCount() const { return m_rectCount; }
    void render(QPainter *painter, QSize size);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void rangeChanged(qint64 startMs, qint64 endMs);
    void functionClicked(int function);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void paintAll(QPainter &p, QSize size);
    void paintLane(QPainter &p, int lane, const QRect &rect);
    void paintCoverage(QPainter &p, const std::vector<std::uint32_t> &calls, size_t first, const QRect &rect);
    void paintAxis(QPainter &p, QSize size);
    int laneHeight(QSize size) const;
    int laneAt(int y) const;
    double xToSeconds(double x, int width) const;
    double secondsToX(double seconds, int width) const;
    // The first call of the lane that may reach into the view (start ≥ view start − longest call).
    size_t firstInView(int lane) const;

    std::shared_ptr<const TimingData> m_data;
    std::shared_ptr<const TimingLanes> m_lanes;
    qint64 m_startMs = 0;
    qint64 m_endMs = 1000;
    std::optional<int> m_offset;
    int m_left = -1;
    int m_right = -1;
    int m_selected = -1;
    qsizetype m_rectCount = 0;
    QPoint m_pressPos;
    qint64 m_pressStartMs = 0;
    bool m_dragging = false;
};
