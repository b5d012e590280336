#pragma once

#include "analysisresult.h"
#include "chartexporter.h"

#include <QColor>
#include <QList>
#include <QSize>

#include <memory>

class LogChart;
class QWidget;

// The charts of the Analysis tab for a loaded log: CPU %, memory %, and tokens/s with requests in
// flight on the right axis; one line per machine, or the lines of one machine.
namespace AnalysisCharts {

// machine: an index into data->machines, or -1 for all of them.
QList<LogChart *> create(const std::shared_ptr<const LogData> &data, int machine, QWidget *parent);
// Asks for a picture size and a PNG or SVG file to export a chart to; false when cancelled.
bool askExport(LogChart *chart, const QString &baseName, QWidget *parent, QString *path, QSize *size);
// The translucent band an issue period of this kind is shaded with.
QColor shadeColor(IssueKind kind);
// What an exported picture of the chart says around it: the chart and its machines, the range
// shown on the log's clock, and the kinds of issue shaded in that range with their colours.
ChartExporter::Caption caption(const LogChart *chart, const AnalysisResult &result);

} // namespace AnalysisCharts
