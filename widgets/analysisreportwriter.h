#pragma once

#include "analysisresult.h"

#include <QList>
#include <QSize>
#include <QString>

class LogChart;

// The analysis as a report for people: the summary, the per-machine statistics, the issues with
// their markers, the markers, and every chart as a picture. HTML (one self-contained file, the
// charts as embedded PNGs) or PDF (through QPdfWriter), chosen by the file's extension.
namespace AnalysisReportWriter {

inline constexpr QSize kChartSize { 1200, 380 };

// The report's HTML; the charts are named chart0.png, chart1.png, … (or embedded when `embed`).
QString html(const AnalysisResult &result, const QList<LogChart *> &charts, bool embed);
// On failure returns false and says why in the writer's own words.
bool write(const AnalysisResult &result, const QList<LogChart *> &charts, const QString &path, QString *error);

} // namespace AnalysisReportWriter
