#pragma once

#include <QtGlobal>

// The numbers of the Prometheus text exposition format, lexed from bytes: a sample's value and its
// timestamp. Each reads a whole token or nothing.
namespace PromNumber {

// A Go float as the exposition writes it: 1, -1.5, 1e3, 8.128902e+06, NaN, +Inf, -Inf.
bool parseValue(const char *p, const char *end, double &out);
// int64 milliseconds, with an optional sign.
bool parseTimestamp(const char *p, const char *end, qint64 &out);

} // namespace PromNumber
