#pragma once

#include "decimal.h"

#include <QString>

// The cells of a session log as the reader parses them (LOG_FORMAT.md "Reading"): decimal numbers
// and timestamps, straight from the bytes.
namespace LogCell {

using Decimal::isDigit;

// A decimal number, surrounding spaces allowed. Plain decimals take the exact fast path of decimal.h;
// anything else goes to std::from_chars. Infinities and NaN parse: the range check rejects them.
bool parseNumber(const char *b, const char *e, double &out);

enum class TimeStyle { Offset, Wall, Epoch };

struct ParsedTime
{
    qint64 ms = 0;  // UTC, or the wall clock read as UTC for TimeStyle::Wall
    int offset = 0; // seconds east of UTC (TimeStyle::Offset only)
    TimeStyle style = TimeStyle::Offset;
};

// ISO 8601 with offset or Z, `YYYY-MM-DD[T ]HH:MM:SS[.fff]` without offset, or Unix epoch seconds
// with an optional fraction (millisecond epochs, > 1e11, are refused). Surrounding spaces allowed.
bool parseTime(const char *b, const char *e, ParsedTime &t);
QString styleName(TimeStyle s);

} // namespace LogCell
