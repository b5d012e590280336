#include "timingtime.h"

#include <QDateTime>

#include <cmath>

namespace TimingTime {

double parse(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nan("");
    bool ok = false;
    const double seconds = t.toDouble(&ok);
    if (ok)
        return std::isfinite(seconds) ? seconds : std::nan("");
    QString iso = t;
    if (iso.size() > 10 && iso[10] == u' ')
        iso[10] = u'T';
    if (iso.endsWith(u'Z') || iso.endsWith(u'z')) {
        iso.chop(1);
        iso += QStringLiteral("+00:00");
    }
    // Python writes microseconds (6 digits): Qt reads at most milliseconds.
    const qsizetype dot = iso.indexOf(u'.', 19);
    if (dot == 19) {
        qsizetype end = dot + 1;
        while (end < iso.size() && iso[end].isDigit())
            ++end;
        if (end - dot - 1 > 3)
            iso.remove(dot + 4, end - dot - 4);
    }
    const QDateTime d = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return d.isValid() ? double(d.toMSecsSinceEpoch()) / 1000.0 : std::nan("");
}

} // namespace TimingTime
