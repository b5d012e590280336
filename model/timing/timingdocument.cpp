#include "timingdocument.h"

#include "timingtime.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace TimingDocument {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingDocument", text);
}

double timeOf(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : TimingTime::parse(v.toString());
}

QString textOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

// Every member not in `skip` as an attribute of the call, `prefix` before its name.
void attributes(
    TimingBuilder &b, qsizetype call, const QJsonObject &o, const QStringList &skip, const QString &prefix = {})
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (skip.contains(it.key()) || it->isNull())
            continue;
        const QByteArray name = (prefix + it.key()).toUtf8();
        if (it->isDouble() || it->isBool()) {
            if (const int col = b.numericColumn(name); col >= 0)
                b.setNumber(col, call, it->isBool() ? double(it->toBool()) : it->toDouble());
        } else if (const int col = b.textColumn(name); col >= 0) {
            b.setText(col, call, textOf(*it));
        }
    }
}

struct SeriesSink
{
    TimingBuilder &b;
    int file;
    QHash<QString, qsizetype> index;
    void add(const QString &name, double t, double v)
    {
        auto it = index.constFind(name);
        if (it == index.constEnd()) {
            b.data().series.append(TimingSeries { name, b.data().files.value(file), {}, {} });
            it = index.insert(name, b.data().series.size() - 1);
        }
        b.data().series[it.value()].time.push_back(t);
        b.data().series[it.value()].value.push_back(v);
    }
    void addObject(const QString &prefix, double t, const QJsonObject &o)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            static const QStringList notMeasures { QStringLiteral("timestamp"), QStringLiteral("id"),
                QStringLiteral("gpu_id"), QStringLiteral("index") };
            if (it->isDouble() && !notMeasures.contains(it.key()))
                add(prefix + it.key(), t, it->toDouble());
        }
    }
};

void readOperation(TimingBuilder &b, int file, const QJsonObject &o, int index)
{
    const QString name = o.value(QLatin1String("operation")).toString();
    const double duration = o.value(QLatin1String("duration_ms")).toDouble(std::nan("")) / 1000.0;
    const double end = timeOf(o.value(QLatin1String("timestamp")));
    if (name.isEmpty() || !std::isfinite(duration) || duration < 0 || !std::isfinite(end)) {
        b.warn(file, 0, tr("processing[%1]: no operation, duration_ms >= 0 or timestamp: skipped").arg(index));
        return;
    }
    const QString error = textOf(o.value(QLatin1String("error")));
    const bool ok = o.value(QLatin1String("success")).toBool(true) && error.isEmpty();
    const qsizetype call = b.addCall(b.function(name), end - duration, duration, ok, file, 0);
    attributes(b, call, o, { QStringLiteral("operation"), QStringLiteral("duration_ms"), QStringLiteral("timestamp") });
    if (!ok)
        b.data().errors.append(TimingError { call, name, {}, {}, error, {}, end, b.data().files.value(file), 0 });
}

} // namespace

void readCollector(const QJsonObject &root, TimingBuilder &b, int file)
{
    const QJsonArray processing = root.value(QLatin1String("processing")).toArray();
    for (qsizetype i = 0; i < processing.size(); ++i)
        readOperation(b, file, processing[i].toObject(), int(i));
    SeriesSink sink { b, file, {} };
    for (const QJsonValue &v : root.value(QLatin1String("memory")).toArray()) {
        const QJsonObject o = v.toObject();
        const double t = timeOf(o.value(QLatin1String("timestamp")));
        if (std::isfinite(t))
            sink.addObject(QStringLiteral("memory."), t, o);
    }
    for (const QJsonValue &v : root.value(QLatin1String("gpu")).toArray()) {
        const QJsonObject o = v.toObject();
        const double t = timeOf(o.value(QLatin1String("timestamp")));
        if (!std::isfinite(t))
            continue;
        const QJsonArray gpus = o.value(QLatin1String("gpus")).toArray();
        QList<QJsonValue> each;
        if (gpus.isEmpty())
            each.append(o);
        for (const QJsonValue &g : gpus)
            each.append(g);
        for (qsizetype g = 0; g < each.size(); ++g) {
            const QJsonObject gpu = each[g].toObject();
            QJsonValue id = gpu.value(QLatin1String("id"));
            if (id.isUndefined())
                id = gpu.value(QLatin1String("gpu_id"));
            const QString label = id.isDouble() ? QString::number(id.toInt())
                : id.isString()                 ? id.toString()
                                                : QString::number(g);
            sink.addObject(QStringLiteral("gpu") + label + u'.', t, gpu);
        }
    }
}

void readTrace(const QJsonArray &events, TimingBuilder &b, int file)
{
    struct Open
    {
        QJsonObject event;
        int index;
    };
    QHash<QString, QList<Open>> stacks; // per "pid/tid"
    SeriesSink sink { b, file, {} };
    const QStringList skip { QStringLiteral("name"), QStringLiteral("ph"), QStringLiteral("ts"), QStringLiteral("dur"),
        QStringLiteral("args") };
    auto addCall = [&](const QJsonObject &e, double ts, double dur) {
        const qsizetype call = b.addCall(b.function(e.value(QLatin1String("name")).toString()), ts, dur, true, file, 0);
        attributes(b, call, e, skip);
        attributes(b, call, e.value(QLatin1String("args")).toObject(), {}, QStringLiteral("args."));
    };
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject e = events[i].toObject();
        const QString ph = e.value(QLatin1String("ph")).toString();
        const double ts = e.value(QLatin1String("ts")).toDouble(std::nan("")) / 1e6;
        const QString thread = e.value(QLatin1String("pid")).toVariant().toString() + u'/'
            + e.value(QLatin1String("tid")).toVariant().toString();
        if (ph.isEmpty() || (!std::isfinite(ts) && ph != QLatin1String("M"))) {
            b.warn(file, 0, tr("event %1: no ph or ts: skipped").arg(i));
        } else if (ph == QLatin1String("X")) {
            const double dur = e.value(QLatin1String("dur")).toDouble(0) / 1e6;
            if (dur >= 0)
                addCall(e, ts, dur);
            else
                b.warn(file, 0, tr("event %1: a negative dur: skipped").arg(i));
        } else if (ph == QLatin1String("B")) {
            stacks[thread].append(Open { e, int(i) });
        } else if (ph == QLatin1String("E")) {
            QList<Open> &stack = stacks[thread];
            if (stack.isEmpty()) {
                b.warn(
                    file, 0, tr("event %1: an end (E) without its begin (B) on thread %2: skipped").arg(i).arg(thread));
                continue;
            }
            const Open open = stack.takeLast();
            const double begin = open.event.value(QLatin1String("ts")).toDouble() / 1e6;
            addCall(open.event, begin, std::max(0.0, ts - begin));
        } else if (ph == QLatin1String("i") || ph == QLatin1String("I")) {
            b.data().markers.append(
                TimingMarker { ts, e.value(QLatin1String("name")).toString(), b.data().files.value(file) });
        } else if (ph == QLatin1String("C")) {
            sink.addObject(
                e.value(QLatin1String("name")).toString() + u'.', ts, e.value(QLatin1String("args")).toObject());
        }
    }
    QList<QPair<Open, QString>> unended;
    for (auto it = stacks.cbegin(); it != stacks.cend(); ++it) {
        for (const Open &open : it.value())
            unended.append({ open, it.key() });
    }
    std::sort(
        unended.begin(), unended.end(), [](const auto &x, const auto &y) { return x.first.index < y.first.index; });
    for (const auto &[open, thread] : unended)
        b.warn(file, 0,
            tr("event %1: a begin (B) of %2 never ended on thread %3: no call")
                .arg(open.index)
                .arg(open.event.value(QLatin1String("name")).toString(), thread));
}

void readSpecs(const QJsonObject &root, TimingBuilder &b, int file, const QString &tier)
{
    TimingSpec spec { b.data().files.value(file), tier, {} };
    for (auto it = root.begin(); it != root.end(); ++it)
        spec.fields.append({ it.key(), it->isDouble() ? QString::number(it->toDouble()) : textOf(*it) });
    b.data().specs.append(spec);
}

} // namespace TimingDocument
