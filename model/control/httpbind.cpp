#include "httpbind.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace HttpBind {

bool parse(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = colon < 0 ? QString() : text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    QHostAddress a;
    if (host == QLatin1String("localhost"))
        a = QHostAddress(QHostAddress::LocalHost);
    else
        a.setAddress(host);
    if (colon < 0 || a.isNull() || !ok || p > 65535) {
        *error = QCoreApplication::translate(
            "HttpBind", "the HTTP API wants ADDRESS:PORT with an IP address, e.g. 127.0.0.1:8765, not '%1'")
                     .arg(text);
        return false;
    }
    if (address)
        *address = a;
    if (port)
        *port = quint16(p);
    return true;
}

QString generateToken()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
}

} // namespace HttpBind
