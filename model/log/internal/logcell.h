#pragma once

#include <QString>

#include <cstdint>

// The cells of a session log as the reader parses them (LOG_FORMAT.md "Reading"): decimal numbers
// and timestamps, straight from the bytes.
namespace LogCell {

inline constexpr double kPow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
    1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

inline bool isDigit(char c)
{
    return unsigned(c - '0') < 10;
}

// Reads [digits][.digits] from p into an integer mantissa, counting all digits and those after the
// point; p stops at the first other character. The exact fast path of number parsing.
inline void scanDecimal(const char *&p, const char *e, std::uint64_t &mantissa, int &digits, int &fraction)
{
    while (p < e && isDigit(*p)) {
        mantissa = mantissa * 10 + std::uint64_t(*p - '0');
        ++digits;
        ++p;
    }
    if (p < e && *p == '.') {
        ++p;
        while (p < e && isDigit(*p)) {
            mantissa = mantissa * 10 + std::uint64_t(*p - '0');
            ++digits;
            ++fraction;
            ++p;
        }
    }
}

// A decimal number, surrounding spaces allowed. Plain decimals of up to 15 digits take the exact fast
// path (the mantissa and the power of ten are exact doubles, so one division rounds correctly);
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
