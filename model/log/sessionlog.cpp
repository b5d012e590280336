#include "sessionlog.h"

#include "filelock.h"
#include "logdirectory.h"
#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cstring>

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
        if (m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::NewOnly | QIODevice::Unbuffered))
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
    m_tailNote.clear();
    m_pending.clear();
    m_pendingRowBytes = 0;
    m_knownSize = 0;
    m_inQuote = false;
    m_last = '\n';
    if (writeBytes(m_layout.header(), Kind::Row, error)) {
        qCDebug(lcLog).noquote() << "new log" << m_file.fileName();
        return true;
    }
    // A log without its header would count as the newest log and stop `perfdash mark` and
    // `analyze` from finding the last good one: it goes (it holds nothing else).
    const QString path = m_file.fileName();
    m_file.close();
    QFile::remove(path);
    return false;
}

bool SessionLog::openForAppend(const QString &csvPath, QString *error)
{
    close();
    QFile in(csvPath);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(csvPath, in.errorString());
        return false;
    }
    m_layout = LogLayout::fromFile(csvPath);
    if (!m_layout.isValid()) {
        *error = tr("%1 is not a perfdash log: its header has no timestamp column").arg(csvPath);
        return false;
    }
    // A last line without its line end was cut by a crash; an odd count of quotes means the cut
    // fell inside a quoted field. Another writer may append meanwhile: write() catches up.
    m_knownSize = 0;
    m_inQuote = false;
    m_last = '\n';
    // Mapped, the scan of a 100 MB log takes milliseconds (`perfdash mark` does it each time).
    const qint64 size = in.size();
    // NUL bytes near the end are what a power cut leaves of the rows being appended.
    constexpr qint64 kTailBytes = 64 * 1024;
    bool nulInTail = false;
    if (uchar *mapped = size > 0 ? in.map(0, size) : nullptr) {
        const QByteArrayView all(reinterpret_cast<const char *>(mapped), size);
        follow(all);
        nulInTail = all.last(std::min(size, kTailBytes)).contains('\0');
        in.unmap(mapped);
    } else if (in.seek(0)) {
        QByteArray chunk;
        QByteArray tail;
        while (!(chunk = in.read(1 << 20)).isEmpty()) {
            follow(chunk);
            tail = QByteArray(tail + chunk).right(kTailBytes);
        }
        nulInTail = tail.contains('\0');
    }
    in.close();
    m_tailNote.clear();
    if (nulInTail || m_inQuote || m_last != '\n') {
        m_tailNote = (nulInTail ? tr("%1 ends in damaged bytes (NULs, as a power cut leaves them)")
                                : tr("%1 ends in a line cut short (a crash or a kill)"))
                         .arg(csvPath)
            + tr("; readers skip it, and the new row starts on a line of its own");
    }

    m_file.setFileName(csvPath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        *error = tr("Cannot append to %1: %2").arg(csvPath, m_file.errorString());
        return false;
    }
    m_rows = 0;
    m_pending.clear();
    m_pendingRowBytes = 0;
    qCDebug(lcLog).noquote() << "appending to" << csvPath << (m_tailNote.isEmpty() ? QString() : m_tailNote);
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
    if (!writeBytes(row, Kind::Row, error))
        return false;
    ++m_rows;
    return true;
}

bool SessionLog::writeMarker(const QByteArray &row, QString *error)
{
    if (!writeBytes(row, Kind::Marker, error))
        return false;
    ++m_rows;
    return true;
}

bool SessionLog::flush(QString *error)
{
    return m_pending.isEmpty() || writeBytes({}, Kind::Row, error);
}

int SessionLog::unwrittenMarkers() const
{
    return int(
        std::count_if(m_pending.cbegin(), m_pending.cend(), [](const Pending &p) { return p.kind == Kind::Marker; }));
}

bool SessionLog::writeBytes(const QByteArray &row, Kind kind, QString *error)
{
    if (!m_file.isOpen()) {
        *error = tr("The log is not open");
        return false;
    }
    const bool waited = !m_pending.isEmpty();
    if (!row.isEmpty()) {
        // Rows held back by the lock are capped; markers are few and never dropped.
        if (kind == Kind::Marker || m_pendingRowBytes + row.size() <= 16 * 1024 * 1024) {
            m_pending.append({ row, kind });
            if (kind == Kind::Row)
                m_pendingRowBytes += row.size();
        }
    }
    // Once a row waits in vain, the next ones only try: a program that keeps the lock must not
    // stall the writer's thread row after row.
    const FileLock lock(m_file.handle(), waited ? 0 : m_lockWaitMs);
    if (!lock.isLocked()) {
        *error = tr("Cannot write to %1: %2").arg(m_file.fileName(), lock.error());
        return false;
    }
    catchUp(m_file.size());
    const qint64 before = m_knownSize;
    const QByteArray repair = m_inQuote ? QByteArray("\"\n") : m_last != '\n' ? QByteArray("\n") : QByteArray();
    QByteArray data = repair;
    for (const Pending &p : std::as_const(m_pending))
        data += p.bytes;
    // A write that stops short sets no error; the next call, which cannot write either, says why
    // (ENOSPC, EFBIG) instead of "Unknown error".
    qint64 written = 0;
    while (written < data.size()) {
        const qint64 n = m_file.write(data.constData() + written, data.size() - written);
        if (n <= 0)
            break;
        written += n;
    }
    if (written == data.size()) {
        follow(data);
        m_pending.clear();
        m_pendingRowBytes = 0;
        return true;
    }
    const QString why = m_file.errorString();
    m_file.unsetError();
    // A row cut by a full disk is taken back (the file is cut to the end of the last whole row),
    // so no half row stays in the log. Should that fail too, readers skip the broken record and
    // the tail state puts the next row on a line of its own, outside any quote.
    qint64 whole = 0;
    if (written >= repair.size()) {
        whole = repair.size();
        for (const Pending &p : std::as_const(m_pending)) {
            if (whole + p.bytes.size() > written)
                break;
            whole += p.bytes.size();
        }
    }
    if (written > whole && m_file.resize(before + whole))
        written = whole;
    follow(QByteArrayView(data.constData(), written));
    // Rows that did not go out whole are lost (the gap shows in the log); markers wait for the
    // next try.
    QList<Pending> keep;
    qint64 end = repair.size();
    for (Pending &p : m_pending) {
        end += p.bytes.size();
        if (end > written && p.kind == Kind::Marker)
            keep.append(std::move(p));
    }
    m_pending = std::move(keep);
    m_pendingRowBytes = 0;
    *error = tr("Cannot write to %1: %2").arg(m_file.fileName(), why);
    return false;
}

void SessionLog::catchUp(qint64 size)
{
    if (size == m_knownSize)
        return;
    QFile in(m_file.fileName());
    if (!in.open(QIODevice::ReadOnly))
        return;
    if (size < m_knownSize) { // shrunk: start again from the beginning
        m_knownSize = 0;
        m_inQuote = false;
        m_last = '\n';
    }
    if (!in.seek(m_knownSize))
        return;
    QByteArray chunk;
    while (m_knownSize < size && !(chunk = in.read(std::min<qint64>(1 << 20, size - m_knownSize))).isEmpty())
        follow(chunk);
}

void SessionLog::follow(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    m_knownSize += bytes.size();
    // Quotes are rare in a log: memchr jumps from one to the next.
    qint64 quotes = 0;
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    while ((p = static_cast<const char *>(std::memchr(p, '"', size_t(end - p))))) {
        ++quotes;
        ++p;
    }
    if (quotes % 2 != 0)
        m_inQuote = !m_inQuote;
    m_last = bytes.back();
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
