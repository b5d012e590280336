#include "prometheusintern.h"

#include <QByteArray>

namespace PromIntern {

QString unescapeLabelValue(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            c = raw[++i];
            if (c == 'n')
                c = '\n';
        }
        out.append(c);
    }
    return QString::fromUtf8(out);
}

} // namespace PromIntern
