#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QSplitter>
#include <QStringList>

class QBarCategoryAxis;
class QCategoryAxis;
class QChart;
class QChartView;
class QValueAxis;

// The Compare tab's two charts, the only part of the tab that knows Qt Charts: bars side by side
// (one set per entry, one bar per category) and lines overlaid on the time elapsed since each one's
// start. The elapsed axis reads h:mm (h:mm:ss when its steps are under a minute), labelled at round
// elapsed times; percent axes end at 100.
class CompareCharts : public QSplitter
{
    Q_OBJECT
public:
    struct BarSet
    {
        QString label;
        QColor color;
        QList<double> values; // one per category; NaN (not measured) is drawn as 0
    };
    struct Line
    {
        QString name;
        QColor color;
        QList<QPointF> points; // (seconds from its start, value)
    };
    struct ElapsedTick
    {
        double seconds = 0;
        QString label;
    };

    CompareCharts(const QStringList &categories, QWidget *parent = nullptr);

    void setBars(const QList<BarSet> &sets);
    // percent: the value axis ends at 100; else at a round value above the lines' maximum.
    void setOverlay(const QString &valueTitle, const QList<Line> &lines, bool percent);
    // The overlay's plot width in pixels (how many columns its lines are decimated to).
    int overlayPlotWidth() const;

    // What is shown (for tests): bar sets' values, lines' points, the axes' ends and labels.
    QList<QList<double>> shownBars() const;
    QList<QList<QPointF>> shownOverlay() const;
    double barAxisMax() const;
    double overlayAxisMax() const;
    QStringList elapsedLabels() const;

    // Ticks from 0 to maxSeconds at a round step (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min,
    // 1, 2, 3, 6, 12 h, then whole days), at most maxTicks of them (at least 2).
    static QList<ElapsedTick> elapsedTicks(double maxSeconds, int maxTicks);
    // Seconds as h:mm, or h:mm:ss; hours go past 24 (25:30).
    static QString formatElapsed(double seconds, bool withSeconds);

protected:
    // The charts take the palette's colors, light or dark.
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void updateElapsedAxis();

    QChart *m_bars = nullptr;
    QChart *m_overlay = nullptr;
    QChartView *m_barsView = nullptr;
    QChartView *m_overlayView = nullptr;
    QBarCategoryAxis *m_categories = nullptr;
    QValueAxis *m_barAxis = nullptr;
    QCategoryAxis *m_elapsed = nullptr;
    QValueAxis *m_overlayAxis = nullptr;
    double m_maxSeconds = 1;
};
