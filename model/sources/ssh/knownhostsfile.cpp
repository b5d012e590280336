#include "knownhostsfile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMessageAuthenticationCode>

namespace KnownHostsFile {

QString hostPattern(const QString &host, int port)
{
    if (port == 22)
        return host;
    return QStringLiteral("[%1]:%2").arg(host).arg(port);
}

QString resolvePath(const QString &path)
{
    if (path.isEmpty())
        return QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

namespace {
bool patternMatches(const QByteArray &entry, const QByteArray &name)
{
    if (entry.startsWith("|1|")) {
        const QList<QByteArray> parts = entry.mid(3).split('|');
        if (parts.size() != 2)
            return false;
        const QByteArray salt = QByteArray::fromBase64(parts[0]);
        const QByteArray hash = QByteArray::fromBase64(parts[1]);
        return QMessageAuthenticationCode::hash(name, salt, QCryptographicHash::Sha1) == hash;
    }
    return entry == name;
}
} // namespace

int lineOf(const QByteArray &fileText, const QString &pattern, const QByteArray &keyType)
{
    const QByteArray name = pattern.toUtf8();
    const QList<QByteArray> lines = fileText.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QList<QByteArray> fields = lines[i].simplified().split(' ');
        if (fields.size() < 3 || fields[0].startsWith('#') || fields[0].startsWith('@'))
            continue;
        if (!keyType.isEmpty() && fields[1] != keyType)
            continue;
        const QList<QByteArray> names = fields[0].split(',');
        for (const QByteArray &n : names) {
            if (patternMatches(n, name))
                return int(i + 1);
        }
    }
    return 0;
}

QString sha256Fingerprint(const QByteArray &sha256Digest)
{
    return QStringLiteral("SHA256:")
        + QString::fromLatin1(sha256Digest.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
}

QString appendLine(const QString &path, const QByteArray &line)
{
    const QFileInfo info(path);
    QDir dir = info.dir();
    if (!dir.exists()) {
        if (!dir.mkpath(QStringLiteral(".")))
            return QCoreApplication::translate("KnownHostsFile", "cannot create %1").arg(dir.path());
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QFile file(path);
    bool needsNewline = false;
    if (file.open(QIODevice::ReadOnly)) {
        if (file.size() > 0 && file.seek(file.size() - 1)) {
            char last = '\n';
            file.getChar(&last);
            needsNewline = last != '\n';
        }
        file.close();
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return QCoreApplication::translate("KnownHostsFile", "cannot write %1: %2").arg(path, file.errorString());
    QByteArray text;
    if (needsNewline)
        text += '\n';
    text += line;
    if (!text.endsWith('\n'))
        text += '\n';
    if (file.write(text) != text.size() || !file.flush())
        return QCoreApplication::translate("KnownHostsFile", "cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace KnownHostsFile
