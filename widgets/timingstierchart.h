#pragma once

#include "timingtiers.h"

#include <QWidget>

#include <cmath>

// Shape D's hardware tiers side by side (the Timings tab): five panels — peak memory (mean ± sd),
// real-time factor (with the RTF = 1 line: above it, slower than real time), tokens/s, success rate,
// requests — each with one bar per tier in the same colour across panels.
class TimingsTierChart : public QWidget
{
    Q_OBJECT
public:
    explicit TimingsTierChart(QWidget *parent = nullptr);

    void setTiers(const QList<TierSummary> &tiers);
    const QList<TierSummary> &tiers() const { return m_tiers; }
    void render(QPainter *painter, QSize size);

    QSize sizeHint() const override { return { 600, 240 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Panel
    {
        QString title;
        QList<double> values;
        QList<double> errors;       // ± bars (NaN: none)
        double line = std::nan(""); // a reference line (RTF = 1)
        QString format;             // "%1 MB"
    };
    QList<Panel> panels() const;
    void paintAll(QPainter &p, QSize size);
    void paintPanel(QPainter &p, const Panel &panel, const QRect &rect);

    QList<TierSummary> m_tiers;
};
