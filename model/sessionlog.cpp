#include "sessionlog.h"

#include "csv.h"
#include "logdirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SessionLog", text);
}
} // namespace

bool SessionLog::create(const QString &dir, qint64 startMs, const LogLayout &layout, QString *error)
{
    close();
    if (!QDir().mkpath(dir)) {
        *error = tr("Cannot create the log directory %1").arg(dir);
        return false;
    }
    // Two sessions started in the same second: take the next free second's name.
    for (int attempt = 0; attempt < 60; ++attempt) {
        m_file.setFileName(QDir(dir).filePath(LogDirectory::fileNameFor(startMs + attempt * 1000LL)));
        if (m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
            break;
        if (!m_file.exists()) {
            *error = tr("Cannot create %1: %2").arg(m_file.fileName(), m_file.errorString());
            return false;
        }
    }
    if (!m_file.isOpen()) {
        *error = tr("Cannot find a free log file name in %1").arg(dir);
        return false;
    }
    m_layout = layout;
    m_rows = 0;
    m_repair.clear();
    return writeBytes(m_layout.header(), error);
}

bool SessionLog::openForAppend(const QString &csvPath, QString *error)
{
    close();
    QFile in(csvPath);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(csvPath, in.errorString());
        return false;
    }
    // The header is the first record; a very long header still fits in a few megabytes.
    const QByteArray head = in.read(4 * 1024 * 1024);
    const qsizetype headerEnd = head.indexOf('\n');
    const QList<Csv::Record> records = Csv::parse(headerEnd < 0 ? head : head.left(headerEnd + 1));
    m_layout = records.isEmpty() ? LogLayout() : LogLayout::fromHeader(records.first().fields);
    if (!m_layout.isValid()) {
        *error = tr("%1 is not a perfdash log: its header has no timestamp column").arg(csvPath);
        return false;
    }
    // A last line without its line end was cut by a crash. Quotes come in pairs in a whole file
    // (a doubled quote is two), so an odd count means the cut fell inside a quoted field.
    m_repair.clear();
    if (in.size() > 0 && in.seek(0)) {
        qint64 quotes = 0;
        char last = '\n';
        QByteArray chunk;
        while (!(chunk = in.read(1 << 20)).isEmpty()) {
            quotes += chunk.count('"');
            last = chunk.back();
        }
        if (quotes % 2 != 0)
            m_repair = "\"\n";
        else if (last != '\n')
            m_repair = "\n";
    }
    in.close();

    m_file.setFileName(csvPath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        *error = tr("Cannot append to %1: %2").arg(csvPath, m_file.errorString());
        return false;
    }
    m_rows = 0;
    return true;
}

void SessionLog::close()
{
    if (m_file.isOpen())
        m_file.close();
}

QString SessionLog::sidecarPath() const
{
    return LogDirectory::sidecarFor(m_file.fileName());
}

bool SessionLog::write(const QByteArray &row, QString *error)
{
    if (!writeBytes(row, error))
        return false;
    ++m_rows;
    return true;
}

bool SessionLog::writeBytes(const QByteArray &row, QString *error)
{
    if (!m_file.isOpen()) {
        *error = tr("The log is not open");
        return false;
    }
    const QByteArray data = m_repair + row;
    const qint64 written = m_file.write(data);
    if (written == data.size()) {
        m_repair.clear();
        return true;
    }
    if (written > 0) {
        // Part of the row is on disk: readers skip that broken record, as long as the next row
        // starts on a line of its own and outside any quote.
        const QByteArray part = data.left(written);
        const bool inQuote = ((m_repair.startsWith('"') ? 1 : 0) + part.count('"')) % 2 != 0;
        m_repair = inQuote ? QByteArray("\"\n") : part.endsWith('\n') ? QByteArray() : QByteArray("\n");
    }
    *error = tr("Cannot write to %1: %2").arg(m_file.fileName(), m_file.errorString());
    m_file.unsetError();
    return false;
}

bool SessionLog::writeSidecar(const QJsonObject &object, QString *error)
{
    QSaveFile file(sidecarPath());
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    file.write(QJsonDocument(object).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}
