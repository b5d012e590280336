#include "prometheusnumber.h"

#include "decimal.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace PromNumber {

bool parseValue(const char *p, const char *end, double &out)
{
    if (p == end)
        return false;
    bool negative = false;
    bool signed_ = false;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        signed_ = true;
        ++p;
        if (p == end)
            return false;
    }
    const qsizetype n = end - p;
    // Most values: plain decimals ("42", "27453.0", "0.4215"), read exactly by decimal.h.
    if (double d; Decimal::parseExact(p, end, d)) {
        out = negative ? -d : d;
        return true;
    }
    auto equalsNoCase = [p, n](const char *word) {
        const qsizetype len = qsizetype(std::strlen(word));
        if (n != len)
            return false;
        for (qsizetype i = 0; i < len; ++i) {
            if ((p[i] | 0x20) != word[i])
                return false;
        }
        return true;
    };
    if (equalsNoCase("inf") || equalsNoCase("infinity")) {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (equalsNoCase("nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return !signed_; // Go reads no sign on NaN
    }
    // from_chars would take its own sign, and "inf"/"nan" spellings Go does not: only digits or '.'.
    if (unsigned(*p - '0') > 9 && *p != '.')
        return false;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(p, end, v, std::chars_format::general);
    if (ptr != end)
        return false;
    if (ec == std::errc::result_out_of_range) {
        // Go rounds an underflow to zero and an overflow to ±Inf (with an error, which expfmt
        // reports); this takes the underflow only.
        const char *e = static_cast<const char *>(std::memchr(p, 'e', size_t(n)));
        if (!e)
            e = static_cast<const char *>(std::memchr(p, 'E', size_t(n)));
        if (!(e && e + 1 < end && e[1] == '-'))
            return false;
        v = 0;
    } else if (ec != std::errc()) {
        return false;
    }
    out = negative ? -v : v;
    return true;
}

bool parseTimestamp(const char *p, const char *end, qint64 &out)
{
    bool negative = false;
    if (p < end && (*p == '-' || *p == '+')) {
        negative = *p == '-';
        ++p;
    }
    if (p == end)
        return false;
    quint64 v = 0;
    for (; p < end; ++p) {
        const unsigned d = unsigned(*p - '0');
        if (d > 9)
            return false;
        if (v > (quint64(std::numeric_limits<qint64>::max()) - d) / 10)
            return false;
        v = v * 10 + d;
    }
    out = negative ? -qint64(v) : qint64(v);
    return true;
}

} // namespace PromNumber
