#pragma once

#include <QByteArray>

// The answer a Prometheus gives to the fleet query (FleetQuery::build) for a fleet of made-up
// machines node<i>.lab:9100, each with a node_exporter, a llama.cpp on port 8080 of the same host
// and values that vary with i: the tests' fake Prometheus and bench_promfleet serve it.
namespace SyntheticFleet {

inline QByteArray series(
    int i, const char *instance, const char *tag, double value, qint64 timeMs, const QByteArray &extra = {})
{
    QByteArray out = "{\"metric\":{" + extra + "\"instance\":\"node" + QByteArray::number(i) + ".lab:" + instance
        + "\",\"perfdash_metric\":\"" + tag + "\"},\"value\":[" + QByteArray::number(double(timeMs) / 1000.0, 'f', 3)
        + ",\"" + QByteArray::number(value, 'g', 17) + "\"]}";
    return out;
}

// Machines first .. first + count - 1.
inline QByteArray answer(int count, qint64 timeMs, int first = 0)
{
    QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
    for (int i = first; i < first + count; ++i) {
        if (i > first)
            body += ',';
        const double f = double(i % 97) / 97.0;
        body += series(i, "9100", "target_up", 1, timeMs) + ',';
        body += series(i, "9100", "node_up", 1, timeMs) + ',';
        body += series(i, "9100", "uname", 1, timeMs, "\"nodename\":\"node" + QByteArray::number(i) + "\",") + ',';
        body += series(i, "9100", "cpu_percent", 10 + 80 * f, timeMs) + ',';
        body += series(i, "9100", "memory_percent", 20 + 60 * f, timeMs) + ',';
        body += series(i, "9100", "memory_used_mb", 4096 + 60000 * f, timeMs) + ',';
        body += series(i, "9100", "temperature_c", 40 + 30 * f, timeMs) + ',';
        body += series(i, "8080", "target_up", 1, timeMs) + ',';
        body += series(i, "8080", "server_up", 1, timeMs) + ',';
        body += series(i, "8080", "tokens_per_second", 20 + 100 * f, timeMs) + ',';
        body += series(i, "8080", "active_requests", i % 5, timeMs);
    }
    body += "]}}";
    return body;
}

} // namespace SyntheticFleet
