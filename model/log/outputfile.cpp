#include "outputfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace OutputFile {

namespace {

bool writeInPlace(const QString &path, const QByteArray &data, QString *error)
{
    QFile file(path);
    // Truncate is what a redirection does; devices and FIFOs ignore it.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        *error = file.errorString();
        return false;
    }
    qint64 done = 0;
    while (done < data.size()) {
        const qint64 n = file.write(data.constData() + done, data.size() - done);
        if (n <= 0) {
            *error = file.errorString();
            return false;
        }
        done += n;
    }
    return true;
}

bool replaceAtomically(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace

bool write(const QString &path, const QByteArray &data, QString *error)
{
    QFileInfo info(path);
    if (info.isSymLink()) {
        // A link to a file replaces the file it points to, and leaves the link a link.
        const QString target = info.canonicalFilePath();
        if (!target.isEmpty())
            info = QFileInfo(target);
    }
    if (!info.exists() || info.isFile())
        return replaceAtomically(info.exists() ? info.filePath() : path, data, error);
    if (info.isDir()) {
        *error = QCoreApplication::translate("OutputFile", "%1 is a directory").arg(path);
        return false;
    }
    return writeInPlace(info.filePath(), data, error);
}

} // namespace OutputFile
