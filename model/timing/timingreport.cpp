#include "timingreport.h"

#include "timingtiers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

#include <cmath>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingReport", text);
}

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject function(const FunctionStats &f)
{
    QJsonObject attributes;
    for (const AttributeStats &a : f.attributes)
        attributes.insert(a.name,
            QJsonObject { { QStringLiteral("mean"), number(a.mean) }, { QStringLiteral("max"), number(a.max) } });
    QJsonObject o { { QStringLiteral("count"), f.count }, { QStringLiteral("total_s"), number(f.total) },
        { QStringLiteral("mean_s"), number(f.mean) }, { QStringLiteral("median_s"), number(f.median) },
        { QStringLiteral("p95_s"), number(f.p95) }, { QStringLiteral("min_s"), number(f.min) },
        { QStringLiteral("max_s"), number(f.max) }, { QStringLiteral("errors"), f.errors },
        { QStringLiteral("success_rate"), number(f.successRate) }, { QStringLiteral("share"), number(f.share) },
        { QStringLiteral("attributes"), attributes } };
    if (std::isfinite(f.memoryDelta))
        o.insert(QStringLiteral("memory_delta_mb"), f.memoryDelta);
    return o;
}

QString seconds(double s)
{
    return QString::number(s, 'f', s < 10 ? 4 : 2);
}

QString pad(const QString &s, int width, bool left = false)
{
    return left ? s.leftJustified(width) : s.rightJustified(width);
}

QString number(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

// Shape D: the hardware tiers side by side (all calls of the data, not only the selected run).
QString tiers(const TimingData &data)
{
    const QList<TierSummary> tiers = TimingTiers::summarize(data);
    if (tiers.isEmpty())
        return {};
    QString out = tr("\nHardware tiers (all requests):\n");
    out += tr("tier                 requests  success  peak MB (mean ± sd)   RTF mean  RTF > 1  tokens/s\n");
    for (const TierSummary &t : tiers)
        out += pad(t.tier, 20, true) + pad(QString::number(t.requests), 9)
            + pad(QString::number(t.successRate * 100, 'f', 1) + u'%', 9)
            + pad(number(t.peakMemoryMean, 0) + QStringLiteral(" ± ") + number(t.peakMemorySd, 0), 21)
            + pad(number(t.rtfMean, 3), 10) + pad(QString::number(t.rtfOverOne), 9)
            + pad(number(t.tokensPerSecondMean, 1), 10) + u'\n';
    return out;
}

} // namespace

namespace TimingReport {

QString formatTime(double unixSeconds)
{
    if (!std::isfinite(unixSeconds))
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(unixSeconds * 1000)))
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QJsonObject toJson(const TimingData &data, const TimingSummary &s)
{
    QJsonObject summary { { QStringLiteral("calls"), s.calls }, { QStringLiteral("runs"), s.runs.size() },
        { QStringLiteral("run"), s.run > 0 ? QJsonValue(s.run) : QJsonValue(QStringLiteral("all")) },
        { QStringLiteral("start"), number(s.start) }, { QStringLiteral("end"), number(s.end) },
        { QStringLiteral("files"), QJsonArray::fromStringList(data.files) },
        { QStringLiteral("skipped_lines"), data.skippedLines },
        { QStringLiteral("warnings_not_listed"), data.warningsNotListed } };
    QJsonObject functions;
    for (const FunctionStats &f : s.functions)
        functions.insert(f.name, function(f));
    QJsonArray runs;
    for (const TimingRun &r : s.runs)
        runs.append(QJsonObject { { QStringLiteral("start"), r.start }, { QStringLiteral("end"), r.end },
            { QStringLiteral("calls"), r.calls } });
    QJsonArray errors;
    for (const TimingError &e : s.errors)
        errors.append(QJsonObject { { QStringLiteral("function"), e.function }, { QStringLiteral("file"), e.file },
            { QStringLiteral("line"), e.line }, { QStringLiteral("time"), number(e.time) },
            { QStringLiteral("uuid"), e.uuid }, { QStringLiteral("type"), e.type },
            { QStringLiteral("message"), e.message }, { QStringLiteral("traceback"), e.traceback } });
    QJsonArray warnings;
    for (const TimingWarning &w : data.warnings)
        warnings.append(QJsonObject { { QStringLiteral("file"), w.file }, { QStringLiteral("line"), w.line },
            { QStringLiteral("message"), w.message } });
    return QJsonObject { { QStringLiteral("summary"), summary }, { QStringLiteral("functions"), functions },
        { QStringLiteral("runs"), runs }, { QStringLiteral("errors"), errors },
        { QStringLiteral("warnings"), warnings } };
}

QString text(const TimingData &data, const TimingSummary &s, const QString &path, int top)
{
    QString out = tr("Timings: %1\n").arg(path);
    out += tr("Files: %1; calls read: %2; lines without a call skipped: %3\n")
               .arg(data.files.size())
               .arg(data.size())
               .arg(data.skippedLines);
    out += tr("\nRuns (a gap over max(10 × the median spacing, 60 s) starts a new one):\n");
    for (qsizetype i = 0; i < s.runs.size(); ++i) {
        const TimingRun &r = s.runs[i];
        out += QStringLiteral("%1 %2  %3 – %4  %5 s  %6\n")
                   .arg(i + 1 == s.run ? QStringLiteral("*") : QStringLiteral(" "))
                   .arg(i + 1, 3)
                   .arg(formatTime(r.start), formatTime(r.end), seconds(r.end - r.start))
                   .arg(tr("%1 calls").arg(r.calls));
    }
    out += s.run > 0 ? tr("\nRun %1").arg(s.run) : tr("\nAll calls");
    out += tr(": %1 – %2, %3 calls, %4 s in calls\n")
               .arg(formatTime(s.start), formatTime(s.end))
               .arg(s.calls)
               .arg(seconds(s.total));
    int width = 8;
    for (const FunctionStats &f : s.functions)
        width = std::max(width, std::min(int(f.name.size()), 48));
    out += pad(tr("function"), width, true)
        + tr("   count    total s   mean s  median s    p95 s    min s    max s  errors  share\n");
    const qsizetype shown = top > 0 ? std::min<qsizetype>(top, s.functions.size()) : s.functions.size();
    for (qsizetype i = 0; i < shown; ++i) {
        const FunctionStats &f = s.functions[i];
        out += pad(f.name.size() > width ? f.name.left(width - 1) + u'…' : f.name, width, true)
            + pad(QString::number(f.count), 8) + pad(seconds(f.total), 11) + pad(seconds(f.mean), 9)
            + pad(seconds(f.median), 10) + pad(seconds(f.p95), 9) + pad(seconds(f.min), 9) + pad(seconds(f.max), 9)
            + pad(QString::number(f.errors), 8) + pad(QString::number(f.share * 100, 'f', 1) + u'%', 7) + u'\n';
    }
    if (shown < s.functions.size())
        out += tr("… and %1 more functions (--top)\n").arg(s.functions.size() - shown);
    out += tiers(data);
    if (!s.errors.isEmpty()) {
        out += tr("\nErrors: %1\n").arg(s.errors.size());
        for (qsizetype i = 0; i < std::min<qsizetype>(5, s.errors.size()); ++i)
            out += QStringLiteral("  %1 %2: %3 %4\n")
                       .arg(formatTime(s.errors[i].time), s.errors[i].function, s.errors[i].type,
                           s.errors[i].message.section(u'\n', 0, 0));
    }
    const qint64 warnings = data.warnings.size() + data.warningsNotListed;
    if (warnings > 0) {
        out += tr("\nWarnings: %1\n").arg(warnings);
        for (qsizetype i = 0; i < std::min<qsizetype>(10, data.warnings.size()); ++i) {
            const TimingWarning &w = data.warnings[i];
            out += QStringLiteral("  %1:%2: %3\n").arg(w.file).arg(w.line).arg(w.message);
        }
    }
    return out;
}

} // namespace TimingReport
