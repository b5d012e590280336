#include "analysisreportwriter.h"

#include "analysis.h"
#include "analysischarts.h"
#include "analysisreport.h"
#include "chartexporter.h"
#include "logchart.h"
#include "outputfile.h"
#include "reportpdf.h"
#include "reporttable.h"
#include "units.h"
#include "viewclock.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QMap>
#include <QPainter>

#include <cstdlib>

namespace AnalysisReportWriter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnalysisReportWriter", text);
}

// The one clock of a report: the view's (the log's own UTC offset, or this computer's time zone
// when View → Time zone says so), as the Analysis tables and the chart axes show it; "14:30:22",
// with the date when the selection spans days.
struct Clock
{
    ViewClock view;
    qint64 startMs = 0;
    bool withDate = false;

    QString at(qint64 ms) const { return view.clock(ms, withDate); }
    // "2026-11-22 14:30:22", for the summary.
    QString dated(qint64 ms) const
    {
        const QString iso = view.iso(ms);
        return iso.left(10) + u' ' + Units::formatClock(iso, false);
    }
    QString zone() const { return view.describe(startMs); }
};

Clock clockOf(const AnalysisResult &r, const QList<LogChart *> &charts)
{
    Clock clock;
    clock.view = !charts.isEmpty()
        ? charts.first()->clock()
        : ViewClock(ViewClock::LogZone, r.start ? r.start->offsetSeconds : 0, r.hasUtcOffsets);
    clock.startMs = r.start ? r.start->ms : 0;
    if (r.start && r.end)
        clock.withDate = clock.view.spansDays(r.start->ms, r.end->ms);
    return clock;
}

QString fileName(const AnalysisResult &r)
{
    return QFileInfo(r.file).fileName();
}

ReportTable::Table summary(const AnalysisResult &r, const Clock &clock)
{
    ReportTable::Table t;
    t.wraps = { false, true };
    t.maxLines = 4;
    const std::optional<qint64> length = r.durationMs();
    auto full = [&](const std::optional<LogInstant> &i) { return i ? clock.dated(i->ms) : QStringLiteral("-"); };
    QMap<QString, int> kinds;
    for (const IssuePeriod &i : r.issues)
        ++kinds[Analysis::kindLabel(i.kind)];
    QStringList counts;
    for (auto k = kinds.cbegin(); k != kinds.cend(); ++k)
        counts << QStringLiteral("%1 %2").arg(k.value()).arg(k.key());
    t.rows = {
        { tr("Selection"),
            r.selectedRun >= 0 ? tr("run %1 of %2").arg(r.selectedRun + 1).arg(r.runs.size()) : tr("the whole file") },
        { tr("Start"), full(r.start) },
        { tr("End"), full(r.end) },
        { tr("Duration"), length ? AnalysisReport::duration(*length) : QStringLiteral("-") },
        { tr("Times"), clock.zone() },
        { tr("Machines"), r.machineIds.join(QStringLiteral(", ")) },
        { tr("Snapshots"), QString::number(r.snapshots) },
        { tr("Issues"),
            counts.isEmpty()
                ? tr("none")
                : QString::number(r.issues.size()) + QStringLiteral(": ") + counts.join(QStringLiteral(", ")) },
        { tr("Markers"), QString::number(r.markers.size()) },
        { tr("Reader warnings"), QString::number(r.warnings.size()) },
        { tr("Thresholds"),
            tr("CPU > %1 %, tokens/s < %2, gap > %3 × the median interval")
                .arg(r.thresholds.cpuPercent)
                .arg(r.thresholds.lowTokensPerSecond)
                .arg(r.thresholds.gapFactor) },
    };
    return t;
}

ReportTable::Table machines(const AnalysisResult &r)
{
    ReportTable::Table t;
    t.continued = tr("Machines (continued)");
    t.header = { tr("Machine"), tr("Samples"), tr("CPU avg"), tr("CPU max"), tr("CPU min"), tr("Memory avg"),
        tr("Memory max"), tr("Tokens/s avg"), tr("Tokens/s max"), tr("Requests"), tr("Uptime %") };
    t.wraps = { true };
    t.rightAligned = { false, true, true, true, true, true, true, true, true, true, true };
    for (const MachineStatistics &s : r.machines) {
        t.rows.append(
            { s.id, QString::number(s.samples), AnalysisReport::value(s.cpuAvg), AnalysisReport::value(s.cpuMax),
                AnalysisReport::value(s.cpuMin), AnalysisReport::value(s.memoryAvg), AnalysisReport::value(s.memoryMax),
                AnalysisReport::value(s.tokensAvg, 2), AnalysisReport::value(s.tokensMax, 2),
                s.requestsProcessed ? QString::number(*s.requestsProcessed) : QStringLiteral("-"),
                AnalysisReport::value(s.uptimePercent) });
    }
    return t;
}

ReportTable::Table issues(const AnalysisResult &r, const Clock &clock)
{
    ReportTable::Table t;
    t.header = { tr("Machine"), tr("Kind"), tr("Start"), tr("End"), tr("Duration"), tr("Peak"), tr("Nearest marker") };
    t.continued = tr("Issues (continued)");
    t.wraps = { true, true, false, false, false, false, true };
    t.rightAligned = { false, false, false, false, true, true, false };
    for (const IssuePeriod &i : r.issues) {
        t.rows.append({ r.machineIds.value(i.machine), Analysis::kindLabel(i.kind), clock.at(i.start.ms),
            clock.at(i.end.ms), AnalysisReport::duration(i.durationMs()), AnalysisReport::value(i.peak),
            i.marker ? (i.marker->event.isEmpty() ? i.marker->notes.simplified() : i.marker->event) : QString() });
    }
    return t;
}

ReportTable::Table markers(const AnalysisResult &r, const Clock &clock)
{
    ReportTable::Table t;
    t.header = { tr("Time"), tr("Event"), tr("Notes") };
    t.continued = tr("Markers (continued)");
    t.wraps = { false, true, true };
    for (const LogMarkerRow &m : r.markers)
        t.rows.append({ clock.at(m.timeMs), m.event, m.notes });
    return t;
}

QImage picture(LogChart *chart, const AnalysisResult &r, QSize size, qreal scale)
{
    return ChartExporter::image([chart](QPainter *painter, QSize s) { chart->render(painter, s); },
        AnalysisCharts::caption(chart, r), size, scale);
}

QString htmlTable(const ReportTable::Table &t)
{
    QString out = QStringLiteral("<table>\n");
    if (!t.header.isEmpty()) {
        out += QStringLiteral("<tr>");
        for (const QString &h : t.header)
            out += QStringLiteral("<th>") + h.toHtmlEscaped() + QStringLiteral("</th>");
        out += QStringLiteral("</tr>\n");
    }
    for (const QStringList &row : t.rows) {
        out += QStringLiteral("<tr>");
        for (int c = 0; c < row.size(); ++c) {
            const QString cls = t.rightAligned.value(c) ? QStringLiteral(" class=\"num\"")
                : t.wraps.value(c)                      ? QString()
                                                        : QStringLiteral(" class=\"nowrap\"");
            out += QStringLiteral("<td") + cls + u'>' + row[c].toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"))
                + QStringLiteral("</td>");
        }
        out += QStringLiteral("</tr>\n");
    }
    return out + QStringLiteral("</table>\n");
}

QString heading(int level, const QString &text)
{
    return QStringLiteral("<h%1>").arg(level) + text.toHtmlEscaped() + QStringLiteral("</h%1>\n").arg(level);
}

} // namespace

QString html(const AnalysisResult &r, const QList<LogChart *> &charts, bool embed)
{
    const Clock clock = clockOf(r, charts);
    QString out = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        + tr("perfdash analysis").toHtmlEscaped()
        + QStringLiteral("</title><style>body{font-family:sans-serif;max-width:1240px;margin:1em auto}"
                         " table{border-collapse:collapse;margin-bottom:1em}"
                         " td,th{border-bottom:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}"
                         " th{background:#eceff3} td.num{text-align:right;white-space:nowrap}"
                         " td.nowrap{white-space:nowrap} img{max-width:100%;height:auto}</style></head><body>\n");
    out += heading(1, tr("Analysis of %1").arg(fileName(r)));
    out += htmlTable(summary(r, clock));
    out += heading(2, tr("Machines")) + htmlTable(machines(r));
    for (int i = 0; i < charts.size(); ++i) {
        out += heading(2, charts[i]->title()) + QStringLiteral("<p><img src=\"");
        if (embed) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            picture(charts[i], r, kChartSize, ChartExporter::scaleFor(kChartSize) * 1.25).save(&buffer, "PNG");
            out += QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        } else {
            out += QStringLiteral("chart%1.png").arg(i);
        }
        out += QStringLiteral("\" width=\"%1\"></p>\n").arg(kChartSize.width());
    }
    out += heading(2, tr("Issues (%1)").arg(r.issues.size())) + htmlTable(issues(r, clock));
    out += heading(2, tr("Markers (%1)").arg(r.markers.size())) + htmlTable(markers(r, clock));
    return out + QStringLiteral("</body></html>\n");
}

namespace {

bool writePdf(const AnalysisResult &r, const QList<LogChart *> &charts, const QString &path, QString *error)
{
    const Clock clock = clockOf(r, charts);
    ReportPdf pdf(path, tr("perfdash analysis of %1").arg(fileName(r)));
    if (!pdf.begin()) {
        *error = tr("the PDF could not be written to %1").arg(path);
        return false;
    }
    pdf.heading(tr("Analysis of %1").arg(fileName(r)), true);
    pdf.table(summary(r, clock));
    pdf.heading(tr("Machines"));
    pdf.table(machines(r));
    const QSize size(pdf.pageWidth(), pdf.pageWidth() * 9 / 25);
    for (LogChart *chart : charts)
        pdf.picture(picture(chart, r, size, pdf.chartScale()));
    pdf.heading(tr("Issues (%1)").arg(r.issues.size()));
    pdf.table(issues(r, clock));
    pdf.heading(tr("Markers (%1)").arg(r.markers.size()));
    pdf.table(markers(r, clock));
    pdf.finish();
    const QFileInfo written(path);
    if (!written.exists() || written.size() == 0) {
        *error = tr("the PDF could not be written to %1").arg(path);
        return false;
    }
    return true;
}

} // namespace

bool write(const AnalysisResult &result, const QList<LogChart *> &charts, const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return writePdf(result, charts, path, error);
    return OutputFile::write(path, html(result, charts, true).toUtf8(), error);
}

} // namespace AnalysisReportWriter
