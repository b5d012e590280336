#include "analysisreport.h"

#include "analysis.h"

#include <QCoreApplication>

#include <algorithm>

namespace AnalysisReport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AnalysisReport", text);
}

// Rows of cells printed in columns, the first left-aligned and the others right-aligned.
QString table(const QList<QStringList> &rows, int leftColumns = 1)
{
    QList<int> widths;
    for (const QStringList &row : rows) {
        for (int c = 0; c < row.size(); ++c) {
            if (c >= widths.size())
                widths.append(0);
            widths[c] = std::max(widths[c], int(row[c].size()));
        }
    }
    QString out;
    for (const QStringList &row : rows) {
        QString line = QStringLiteral("  ");
        for (int c = 0; c < row.size(); ++c) {
            if (c > 0)
                line += QStringLiteral("  ");
            line += c < leftColumns ? row[c].leftJustified(widths[c]) : row[c].rightJustified(widths[c]);
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

// The one clock of the report: the log's own UTC offset (its start's), as the Analysis tab reads
// it by default. Times read "14:30:22", with the date when the report spans days; the offset is
// named once, in the header. The JSON keeps full ISO 8601 instants.
struct Clock
{
    int offset = 0;
    bool withOffset = true; // false: a log without offsets, shown as written
    bool withDate = false;

    explicit Clock(const AnalysisResult &r)
        : offset(r.hasUtcOffsets && r.start ? r.start->offsetSeconds : 0)
        , withOffset(r.hasUtcOffsets)
        , withDate(r.start && r.end && iso(r.start->ms).left(10) != iso(r.end->ms).left(10))
    { }

    QString iso(qint64 ms) const { return Analysis::formatTime({ ms, offset }, withOffset); }
    QString time(qint64 ms) const
    {
        const QString full = iso(ms); // yyyy-MM-ddTHH:mm:ss.zzz[+hh:mm]
        return withDate ? full.left(10) + u' ' + full.mid(11, 8) : full.mid(11, 8);
    }
    // "2026-11-22 14:30:22" always, for the summary.
    QString dated(const std::optional<LogInstant> &t) const
    {
        if (!t)
            return QStringLiteral("-");
        const QString full = iso(t->ms);
        return full.left(10) + u' ' + full.mid(11, 8);
    }
    QString name() const
    {
        if (!withOffset)
            return tr("Times as written in the log (it has no UTC offsets)\n");
        const int a = offset < 0 ? -offset : offset;
        return tr("Times on the log's clock, UTC%1%2:%3\n")
            .arg(offset < 0 ? QStringLiteral("-") : QStringLiteral("+"))
            .arg(a / 3600, 2, 10, QLatin1Char('0'))
            .arg(a % 3600 / 60, 2, 10, QLatin1Char('0'));
    }
};

QString issuesTable(const AnalysisResult &r, const Clock &clock)
{
    if (r.issues.isEmpty())
        return {};
    QList<QStringList> rows { { tr("machine"), tr("kind"), tr("start"), tr("end"), tr("duration"), tr("peak"),
        tr("marker") } };
    for (const IssuePeriod &i : r.issues) {
        QString marker;
        if (i.marker) {
            marker = i.marker->event.isEmpty() ? i.marker->notes.left(40) : i.marker->event;
            marker += tr(" (line %1)").arg(i.marker->line);
        }
        rows.append({ r.machineIds.value(i.machine), Analysis::kindName(i.kind), clock.time(i.start.ms),
            clock.time(i.end.ms), duration(i.durationMs()), value(i.peak), marker.simplified() });
    }
    return table(rows, 4);
}

} // namespace

QString duration(qint64 ms)
{
    const qint64 s = (ms + 500) / 1000;
    if (ms < 60'000)
        return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms % 1000 == 0 ? 0 : 1);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString value(const std::optional<double> &v, int decimals)
{
    return v ? QString::number(*v, 'f', decimals) : QStringLiteral("-");
}

QString damageSummary(const AnalysisResult &r)
{
    if (r.skippedRecords == 0)
        return {};
    QStringList ranges;
    for (const LogWarning &w : r.warnings) {
        if (w.kind != LogWarning::BadRecord && w.kind != LogWarning::CutLastLine
            && w.kind != LogWarning::UnterminatedQuote)
            continue;
        if (ranges.size() == 5) {
            ranges << QStringLiteral("…");
            break;
        }
        ranges << (w.lastLine > w.line ? QStringLiteral("%1–%2").arg(w.line).arg(w.lastLine) : QString::number(w.line));
    }
    return QCoreApplication::translate("AnalysisReport",
        "%n damaged record(s) skipped (lines %1); every intact row is read", nullptr, int(r.skippedRecords))
        .arg(ranges.join(QStringLiteral(", ")));
}

QString text(const AnalysisResult &r)
{
    QString out;
    if (!r.file.isEmpty())
        out += tr("Log: %1\n").arg(r.file);
    if (const QString damage = damageSummary(r); !damage.isEmpty())
        out += damage + u'\n';
    if (r.selectedRun >= 0)
        out += tr("Run %1 of %2%3\n")
                   .arg(r.selectedRun + 1)
                   .arg(r.runs.size())
                   .arg(r.selectedRun + 1 == r.runs.size() ? tr(" (the latest)") : QString());
    else
        out += tr("The whole file (%1 runs)\n").arg(r.runs.size());
    const Clock clock(r);
    out += clock.name();
    const std::optional<qint64> length = r.durationMs();
    out += table(
        {
            { tr("Start"), clock.dated(r.start) },
            { tr("End"), clock.dated(r.end) },
            { tr("Duration"), length ? duration(*length) : QStringLiteral("-") },
            { tr("Snapshots"), QString::number(r.snapshots) },
            { tr("Markers"), QString::number(r.markers.size()) },
            { tr("Rows in the file"), QString::number(r.rows) },
        },
        2);

    out += u'\n' + tr("Machines\n");
    if (r.machines.isEmpty()) {
        out += tr("  (none)\n");
    } else {
        QList<QStringList> rows { { tr("machine"), tr("samples"), tr("CPU avg"), tr("CPU max"), tr("CPU min"),
            tr("mem avg"), tr("mem max"), tr("tok/s avg"), tr("tok/s max"), tr("requests"), tr("uptime %") } };
        for (const MachineStatistics &s : r.machines) {
            rows.append({ s.id, QString::number(s.samples), value(s.cpuAvg), value(s.cpuMax), value(s.cpuMin),
                value(s.memoryAvg), value(s.memoryMax), value(s.tokensAvg, 2), value(s.tokensMax, 2),
                s.requestsProcessed ? QString::number(*s.requestsProcessed) : QStringLiteral("-"),
                value(s.uptimePercent) });
        }
        out += table(rows);
    }

    out += u'\n'
        + tr("Issues: %1 (CPU > %2 %, tokens/s < %3, gap > %4 x the median interval)\n")
              .arg(r.issues.size())
              .arg(r.thresholds.cpuPercent)
              .arg(r.thresholds.lowTokensPerSecond)
              .arg(r.thresholds.gapFactor);
    out += issuesTable(r, clock);

    if (!r.markers.isEmpty()) {
        out += u'\n' + tr("Markers\n");
        QList<QStringList> rows;
        for (const LogMarkerRow &m : r.markers)
            rows.append({ clock.time(m.timeMs), m.event.simplified(), m.notes.simplified().left(60) });
        out += table(rows, 3);
    }

    out += u'\n';
    if (r.warnings.isEmpty())
        out += tr("The reader had no warnings.\n");
    else
        out += tr("The reader had %1 warning(s); --json lists them. The first: %2\n")
                   .arg(r.warnings.size())
                   .arg(r.warnings.first().message);
    return out;
}

} // namespace AnalysisReport
