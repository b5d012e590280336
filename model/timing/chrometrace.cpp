#include "chrometrace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr int kPid = 1;

double micros(double seconds)
{
    return std::round(seconds * 1e6);
}

// The args of every call: its numeric and text attributes, and whether it succeeded.
std::vector<QJsonObject> callArgs(const TimingData &data)
{
    std::vector<QJsonObject> args(size_t(data.size()));
    for (const NumericColumn &c : data.numeric) {
        for (size_t k = 0; k < c.rows.size(); ++k) {
            if (std::isfinite(c.values[k]))
                args[c.rows[k]].insert(c.name, c.values[k]);
        }
    }
    for (const TextColumn &c : data.text) {
        for (size_t k = 0; k < c.rows.size(); ++k)
            args[c.rows[k]].insert(c.name, c.values.value(c.valueIndex[k]));
    }
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (!data.ok[size_t(i)])
            args[size_t(i)].insert(QStringLiteral("ok"), false);
    }
    return args;
}

void addThreadNames(const TimingData &data, QJsonArray &events)
{
    for (qsizetype f = 0; f < data.functions.size(); ++f) {
        events.append(QJsonObject { { QStringLiteral("ph"), QStringLiteral("M") },
            { QStringLiteral("name"), QStringLiteral("thread_name") }, { QStringLiteral("pid"), kPid },
            { QStringLiteral("tid"), int(f + 1) },
            { QStringLiteral("args"), QJsonObject { { QStringLiteral("name"), data.functions[f] } } } });
    }
}

void addCounters(const QList<TimingSeries> &series, QJsonArray &events)
{
    for (const TimingSeries &s : series) {
        for (size_t k = 0; k < s.time.size() && k < s.value.size(); ++k) {
            if (!std::isfinite(s.time[k]) || !std::isfinite(s.value[k]))
                continue;
            events.append(
                QJsonObject { { QStringLiteral("ph"), QStringLiteral("C") }, { QStringLiteral("name"), s.name },
                    { QStringLiteral("pid"), kPid }, { QStringLiteral("ts"), micros(s.time[k]) },
                    { QStringLiteral("args"), QJsonObject { { QStringLiteral("value"), s.value[k] } } } });
        }
    }
}

} // namespace

namespace ChromeTrace {

QByteArray write(const TimingData &data, const QList<TimingSeries> &counters)
{
    QJsonArray events;
    addThreadNames(data, events);
    const std::vector<QJsonObject> args = callArgs(data);
    for (qsizetype i = 0; i < data.size(); ++i) {
        QJsonObject e { { QStringLiteral("ph"), QStringLiteral("X") }, { QStringLiteral("name"), data.functionName(i) },
            { QStringLiteral("cat"), QStringLiteral("call") }, { QStringLiteral("pid"), kPid },
            { QStringLiteral("tid"), data.function[size_t(i)] + 1 },
            { QStringLiteral("ts"), micros(data.start[size_t(i)]) },
            { QStringLiteral("dur"), micros(data.duration[size_t(i)]) } };
        if (!args[size_t(i)].isEmpty())
            e.insert(QStringLiteral("args"), args[size_t(i)]);
        events.append(e);
    }
    for (const TimingMarker &m : data.markers) {
        events.append(QJsonObject { { QStringLiteral("ph"), QStringLiteral("i") },
            { QStringLiteral("s"), QStringLiteral("g") }, { QStringLiteral("name"), m.name },
            { QStringLiteral("pid"), kPid }, { QStringLiteral("ts"), micros(m.time) } });
    }
    addCounters(data.series, events);
    addCounters(counters, events);
    const QJsonObject root { { QStringLiteral("traceEvents"), events },
        { QStringLiteral("displayTimeUnit"), QStringLiteral("ms") } };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace ChromeTrace
