#pragma once

#include <cstdint>

// Plain decimal numbers, [digits][.digits], read straight from bytes: the fast path that the log
// reader and the Prometheus parser share, exact. Up to 15 digits, the digits are an exact double and
// so is 10^k for k <= 22, so one division rounds correctly: the same double as std::from_chars
// (Clinger's fast path). Longer numbers, signs, exponents, NaN and infinities are left to the
// caller's std::from_chars.
namespace Decimal {

inline constexpr double kPow10[]
    = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
inline constexpr int kMaxExactDigits = 15;

inline bool isDigit(char c)
{
    return unsigned(c - '0') < 10;
}

// Reads a plain decimal at p into `out`; p stops at the first character that is not part of it.
// False, `out` untouched, when there is no digit or more than 15 of them.
inline bool parsePlain(const char *&p, const char *e, double &out)
{
    std::uint64_t mantissa = 0; // wraps past 19 digits, but then `digits` refuses it
    int digits = 0;
    int fraction = 0;
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
    if (digits == 0 || digits > kMaxExactDigits)
        return false;
    out = fraction ? double(mantissa) / kPow10[fraction] : double(mantissa);
    return true;
}

// The whole of [b, e) as a plain decimal; false for anything else.
inline bool parseExact(const char *b, const char *e, double &out)
{
    return parsePlain(b, e, out) && b == e;
}

} // namespace Decimal
