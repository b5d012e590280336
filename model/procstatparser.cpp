#include "procstatparser.h"

#include <QByteArray>
#include <QString>

namespace {
bool parseCpuFields(QByteArrayView rest, CpuTimes &out)
{
    int field = 0;
    const QList<QByteArray> parts = rest.toByteArray().simplified().split(' ');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        bool ok = false;
        const quint64 v = part.toULongLong(&ok);
        if (!ok)
            return false;
        if (field < CpuTimes::FieldCount)
            out.ticks[field] = v;
        ++field;
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
