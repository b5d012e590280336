#include "procstatparser.h"

#include <QByteArray>
#include <QString>

#include <charconv>

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// The fields after "cpu", separated by any run of white space; read in place (no copies: this runs
// for every local and every remote sample).
bool parseCpuFields(QByteArrayView rest, CpuTimes &out)
{
    int field = 0;
    const char *p = rest.data();
    const char *const end = p + rest.size();
    for (;;) {
        while (p < end && isSpace(*p))
            ++p;
        if (p == end)
            break;
        const char *tokenEnd = p;
        while (tokenEnd < end && !isSpace(*tokenEnd))
            ++tokenEnd;
        quint64 v = 0;
        const auto [ptr, ec] = std::from_chars(p, tokenEnd, v);
        if (ec != std::errc() || ptr != tokenEnd)
            return false;
        if (field < CpuTimes::FieldCount)
            out.ticks[field] = v;
        ++field;
        p = tokenEnd;
    }
    out.fieldsPresent = field;
    return field >= 4;
}
} // namespace

ProcStatResult parseProcStat(QByteArrayView text)
{
    ProcStatResult result;
    int lineNo = 0;
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.startsWith("cpu"))
            continue;
        const qsizetype space = line.indexOf(' ');
        if (space < 0) {
            result.warnings.append({ lineNo, QStringLiteral("cpu line without fields") });
            continue;
        }
        const QByteArrayView name = line.first(space);
        if (name == "cpu") {
            CpuTimes times;
            if (parseCpuFields(line.sliced(space), times))
                result.total = times;
            else
                result.warnings.append({ lineNo,
                    QStringLiteral("unreadable aggregate cpu line: %1").arg(QString::fromLatin1(line.toByteArray())) });
        } else {
            ++result.cpuCount;
        }
    }
    if (!result.total)
        result.warnings.append({ 0, QStringLiteral("no aggregate \"cpu\" line") });
    return result;
}
