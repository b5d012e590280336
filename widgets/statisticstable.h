#pragma once

#include "analysisresult.h"

#include <QTableWidget>

// The per-machine statistics of an analysis: samples, CPU avg/max/min, memory avg/max, tokens/s
// avg/max, requests processed, uptime %; "-" where a value cannot be computed.
class StatisticsTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit StatisticsTable(QWidget *parent = nullptr);

    void setResult(const AnalysisResult &result);
};
