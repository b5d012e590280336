#include "analysisreportwriter.h"

#include "analysis.h"
#include "analysisreport.h"
#include "logchart.h"
#include "outputfile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace AnalysisReportWriter {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnalysisReportWriter", text);
}

QImage picture(LogChart *chart)
{
    QImage image(kChartSize, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    chart->render(&painter, kChartSize);
    return image;
}

QString cell(const QString &text, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    return u'<' + tag + u'>' + text.toHtmlEscaped() + QStringLiteral("</") + tag + u'>';
}

QString row(const QStringList &cells, bool header = false)
{
    QString out = QStringLiteral("<tr>");
    for (const QString &c : cells)
        out += cell(c, header);
    return out + QStringLiteral("</tr>\n");
}

QString time(const AnalysisResult &r, const std::optional<LogInstant> &t)
{
    return t ? Analysis::formatTime(*t, r.hasUtcOffsets) : QStringLiteral("-");
}

} // namespace

QString html(const AnalysisResult &r, const QList<LogChart *> &charts, bool embed)
{
    QString out = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        + tr("perfdash analysis").toHtmlEscaped()
        + QStringLiteral("</title><style>body{font-family:sans-serif} table{border-collapse:collapse;margin-bottom:1em}"
                         " td,th{border:1px solid #bbb;padding:2px 6px;text-align:left}</style></head><body>\n");
    out += QStringLiteral("<h1>") + tr("Analysis of %1").arg(QFileInfo(r.file).fileName()).toHtmlEscaped()
        + QStringLiteral("</h1>\n");
    const std::optional<qint64> length = r.durationMs();
    out += QStringLiteral("<table>\n");
    out += row({ tr("Selection"),
        r.selectedRun >= 0 ? tr("run %1 of %2").arg(r.selectedRun + 1).arg(r.runs.size()) : tr("the whole file") });
    out += row({ tr("Start"), time(r, r.start) });
    out += row({ tr("End"), time(r, r.end) });
    out += row({ tr("Duration"), length ? AnalysisReport::duration(*length) : QStringLiteral("-") });
    out += row({ tr("Snapshots"), QString::number(r.snapshots) });
    out += row({ tr("Markers"), QString::number(r.markers.size()) });
    out += row({ tr("Reader warnings"), QString::number(r.warnings.size()) });
    out += row({ tr("Thresholds"),
        tr("CPU > %1 %, tokens/s < %2, gap > %3 × the median interval")
            .arg(r.thresholds.cpuPercent)
            .arg(r.thresholds.lowTokensPerSecond)
            .arg(r.thresholds.gapFactor) });
    out += QStringLiteral("</table>\n");

    out += QStringLiteral("<h2>") + tr("Machines").toHtmlEscaped() + QStringLiteral("</h2>\n<table>\n");
    out += row({ tr("Machine"), tr("Samples"), tr("CPU avg"), tr("CPU max"), tr("CPU min"), tr("Memory avg"),
                   tr("Memory max"), tr("Tokens/s avg"), tr("Tokens/s max"), tr("Requests"), tr("Uptime %") },
        true);
    for (const MachineStatistics &s : r.machines) {
        out += row({ s.id, QString::number(s.samples), AnalysisReport::value(s.cpuAvg), AnalysisReport::value(s.cpuMax),
            AnalysisReport::value(s.cpuMin), AnalysisReport::value(s.memoryAvg), AnalysisReport::value(s.memoryMax),
            AnalysisReport::value(s.tokensAvg, 2), AnalysisReport::value(s.tokensMax, 2),
            s.requestsProcessed ? QString::number(*s.requestsProcessed) : QStringLiteral("-"),
            AnalysisReport::value(s.uptimePercent) });
    }
    out += QStringLiteral("</table>\n");

    for (int i = 0; i < charts.size(); ++i) {
        out += QStringLiteral("<h2>") + charts[i]->title().toHtmlEscaped() + QStringLiteral("</h2>\n<p><img src=\"");
        if (embed) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            picture(charts[i]).save(&buffer, "PNG");
            out += QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        } else {
            out += QStringLiteral("chart%1.png").arg(i);
        }
        out += QStringLiteral("\" width=\"%1\"></p>\n").arg(embed ? kChartSize.width() : 640);
    }

    out += QStringLiteral("<h2>") + tr("Issues (%1)").arg(r.issues.size()).toHtmlEscaped() + QStringLiteral("</h2>\n");
    out += QStringLiteral("<table>\n")
        + row({ tr("Machine"), tr("Kind"), tr("Start"), tr("End"), tr("Duration"), tr("Peak"), tr("Nearest marker") },
            true);
    for (const IssuePeriod &i : r.issues) {
        out += row({ r.machineIds.value(i.machine), Analysis::kindLabel(i.kind),
            Analysis::formatTime(i.start, r.hasUtcOffsets), Analysis::formatTime(i.end, r.hasUtcOffsets),
            AnalysisReport::duration(i.durationMs()), AnalysisReport::value(i.peak),
            i.marker ? (i.marker->event.isEmpty() ? i.marker->notes : i.marker->event) : QString() });
    }
    out += QStringLiteral("</table>\n");

    out += QStringLiteral("<h2>") + tr("Markers").toHtmlEscaped() + QStringLiteral("</h2>\n<table>\n")
        + row({ tr("Time"), tr("Event"), tr("Notes") }, true);
    for (const LogMarkerRow &m : r.markers)
        out += row({ Analysis::formatTime({ m.timeMs, m.offsetSeconds }, r.hasUtcOffsets), m.event, m.notes });
    out += QStringLiteral("</table>\n</body></html>\n");
    return out;
}

bool write(const AnalysisResult &result, const QList<LogChart *> &charts, const QString &path, QString *error)
{
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        QTextDocument document;
        for (int i = 0; i < charts.size(); ++i)
            document.addResource(
                QTextDocument::ImageResource, QUrl(QStringLiteral("chart%1.png").arg(i)), picture(charts[i]));
        document.setHtml(html(result, charts, false));
        QPdfWriter pdf(path);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setResolution(96);
        pdf.setTitle(QFileInfo(result.file).fileName());
        document.setPageSize(QSizeF(pdf.width(), pdf.height()));
        document.print(&pdf);
        QFileInfo written(path);
        if (!written.exists() || written.size() == 0) {
            *error = tr("the PDF could not be written to %1").arg(path);
            return false;
        }
        return true;
    }
    return OutputFile::write(path, html(result, charts, true).toUtf8(), error);
}

} // namespace AnalysisReportWriter
