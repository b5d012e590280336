#include "logcell.h"

#include <QCoreApplication>

#include <charconv>

namespace LogCell {

namespace {

constexpr qsizetype kMaxNumberLength = 400;

QString tr(const char *text)
{
    return QCoreApplication::translate("LogReader", text);
}

void trim(const char *&b, const char *&e)
{
    while (b < e && (*b == ' ' || *b == '\t'))
        ++b;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
        --e;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
        return 29;
    return kDays[m - 1];
}

inline int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

// YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH[:MM]]
bool parseIso(const char *b, const char *e, ParsedTime &t)
{
    if (e - b < 19)
        return false;
    static constexpr int kDigitAt[] = { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 };
    for (int i : kDigitAt) {
        if (!isDigit(b[i]))
            return false;
    }
    if (b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' || !(b[10] == 'T' || b[10] == ' ' || b[10] == 't'))
        return false;
    const int year = two(b) * 100 + two(b + 2);
    const int month = two(b + 5);
    const int day = two(b + 8);
    const int hour = two(b + 11);
    const int minute = two(b + 14);
    const int second = two(b + 17);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        return false;
    const char *p = b + 19;
    int ms = 0;
    if (p < e && (*p == '.' || *p == ',')) {
        ++p;
        int n = 0;
        while (p < e && isDigit(*p)) {
            if (n < 3)
                ms = ms * 10 + (*p - '0');
            ++n;
            ++p;
        }
        if (n == 0 || n > 9)
            return false;
        for (int i = n; i < 3; ++i)
            ms *= 10;
    }
    t.offset = 0;
    if (p == e) {
        t.style = TimeStyle::Wall;
    } else if ((*p == 'Z' || *p == 'z') && p + 1 == e) {
        t.style = TimeStyle::Offset;
    } else if (*p == '+' || *p == '-') {
        const int sign = *p == '-' ? -1 : 1;
        ++p;
        if (e - p < 2 || !isDigit(p[0]) || !isDigit(p[1]))
            return false;
        const int oh = two(p);
        p += 2;
        int om = 0;
        if (p < e && *p == ':')
            ++p;
        if (p < e) {
            if (e - p != 2 || !isDigit(p[0]) || !isDigit(p[1]))
                return false;
            om = two(p);
            p += 2;
        }
        if (p != e || oh > 18 || om > 59)
            return false;
        t.style = TimeStyle::Offset;
        t.offset = sign * (oh * 3600 + om * 60);
    } else {
        return false;
    }
    const qint64 seconds = ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second;
    t.ms = (seconds - t.offset) * 1000 + ms;
    return true;
}

// Unix epoch seconds with an optional fraction. Millisecond epochs (> 1e11) are refused.
bool parseEpoch(const char *b, const char *e, ParsedTime &t)
{
    qint64 seconds = 0;
    int intDigits = 0;
    const char *p = b;
    while (p < e && isDigit(*p)) {
        if (++intDigits > 12)
            return false;
        seconds = seconds * 10 + (*p - '0');
        ++p;
    }
    if (intDigits == 0 || seconds > 100'000'000'000LL)
        return false;
    int ms = 0;
    if (p < e && *p == '.') {
        ++p;
        int n = 0;
        int roundDigit = 0;
        while (p < e && isDigit(*p)) {
            if (n < 3)
                ms = ms * 10 + (*p - '0');
            else if (n == 3)
                roundDigit = *p - '0';
            ++n;
            ++p;
        }
        for (int i = n; i < 3; ++i)
            ms *= 10;
        if (roundDigit >= 5)
            ++ms;
    }
    if (p != e)
        return false;
    t.ms = seconds * 1000 + ms;
    t.offset = 0;
    t.style = TimeStyle::Epoch;
    return true;
}

} // namespace

bool parseNumber(const char *b, const char *e, double &out)
{
    trim(b, e);
    if (b == e)
        return false;
    const char *p = b;
    const bool negative = *p == '-';
    if (*p == '-' || *p == '+')
        ++p;
    double v;
    if (Decimal::parseExact(p, e, v)) {
        out = negative ? -v : v;
        return true;
    }
    if (e - b > kMaxNumberLength)
        return false; // no cell of a log is that long; spare strtod a megabyte of digits
    const char *s = (*b == '+' && b + 1 < e && b[1] != '-') ? b + 1 : b; // from_chars takes no '+'
    const auto [ptr, ec] = std::from_chars(s, e, out);
    return ec == std::errc() && ptr == e;
}

bool parseTime(const char *b, const char *e, ParsedTime &t)
{
    trim(b, e);
    if (e - b >= 19 && b[4] == '-')
        return parseIso(b, e, t);
    return parseEpoch(b, e, t);
}

QString styleName(TimeStyle s)
{
    switch (s) {
    case TimeStyle::Offset:
        return tr("ISO 8601 with UTC offset");
    case TimeStyle::Wall:
        return tr("date and time without offset");
    case TimeStyle::Epoch:
        return tr("Unix epoch seconds");
    }
    return {};
}

} // namespace LogCell
