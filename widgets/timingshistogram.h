#pragma once

#include <QWidget>

#include <vector>

// A histogram of one function's call durations (the Timings tab): 30 bins over [min, max], evenly
// spaced, or in log scale spaced evenly in log(duration) (calls that are mostly fast with a long tail).
class TimingsHistogram : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kBins = 30;

    explicit TimingsHistogram(QWidget *parent = nullptr);

    void setDurations(const QString &function, std::vector<double> seconds);
    void setLogScale(bool log);
    bool logScale() const { return m_log; }
    // Calls per bin and the bins' edges (kBins + 1 of them), as last computed.
    const std::vector<qsizetype> &counts() const { return m_counts; }
    const std::vector<double> &edges() const { return m_edges; }
    QString function() const { return m_function; }
    void render(QPainter *painter, QSize size);

    QSize sizeHint() const override { return { 400, 220 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void bin();
    void paintAll(QPainter &p, QSize size);

    QString m_function;
    std::vector<double> m_values;
    std::vector<qsizetype> m_counts;
    std::vector<double> m_edges;
    bool m_log = false;
};
