#pragma once

#include <QByteArray>
#include <QtGlobal>

class Session;

// The latest sample of each machine of a session in the Prometheus text exposition format
// (version 0.0.4), for the HTTP API's GET /metrics: perfdash_cpu_percent{machine="mac1"} and so on.
// A metric a machine did not measure in its latest sample is left out, never written as 0.
namespace MetricsExposition {

inline constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

QByteArray format(const Session &session, qint64 nowMs);

} // namespace MetricsExposition
