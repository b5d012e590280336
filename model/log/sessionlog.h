#pragma once

#include "loglayout.h"

#include <QFile>
#include <QJsonObject>
#include <QString>

// The CSV file of one logging session and its JSON sidecar. Every row is handed to the kernel in
// one write as soon as it is formatted, so a crash or a kill loses at most the row being written.
// Rows are only ever appended: recorded rows are never rewritten. Each write holds an exclusive
// flock(2) on the CSV (FileLock), so other processes appending to the same log wait for the row in
// progress; what they appended meanwhile is taken into account before the next row.
class SessionLog
{
public:
    SessionLog() = default;
    SessionLog(const SessionLog &) = delete;
    SessionLog &operator=(const SessionLog &) = delete;

    // Creates a new log named after startMs in dir (creating dir) and writes its header.
    bool create(const QString &dir, qint64 startMs, const LogLayout &layout, QString *error);
    // Opens an existing log to append rows in its own column layout. A damaged or cut last line
    // is left as it is (readers skip it) and the next row starts on a line of its own; tailNote()
    // says so, for the person.
    bool openForAppend(const QString &csvPath, QString *error);
    QString tailNote() const { return m_tailNote; }
    void close();

    bool isOpen() const { return m_file.isOpen(); }
    QString csvPath() const { return m_file.fileName(); }
    QString sidecarPath() const;
    const LogLayout &layout() const { return m_layout; }
    qint64 rowsWritten() const { return m_rows; }

    // Appends one formatted row; on failure says why, in the system's words. A row that waited in
    // vain for the lock stays pending and goes out before the next one; a row that could not be
    // written (a full disk) is lost, and the rows after it show the gap.
    bool write(const QByteArray &row, QString *error);
    // Appends a marker's row. A marker is never dropped: a row that cannot be written now, for
    // whatever reason, waits in memory, in order, and goes out before the next row or at flush().
    bool writeMarker(const QByteArray &row, QString *error);
    // Writes what waits (markers, rows held back by the lock); true when nothing waits any more.
    bool flush(QString *error);
    // Markers whose rows are not in the file yet.
    int unwrittenMarkers() const;
    // How long write() waits for another process's lock on the file (default 2 s); while rows
    // are pending it tries once.
    void setLockWaitMs(int ms) { m_lockWaitMs = ms; }
    // Replaces the sidecar atomically (write to a temporary file, then rename).
    bool writeSidecar(const QJsonObject &object, QString *error);

private:
    enum class Kind { Row, Marker };
    bool writeBytes(const QByteArray &data, Kind kind, QString *error);
    // Follows the bytes from m_knownSize to the file's end (written by another process, or the
    // whole file when it shrank) into the tail state below.
    void catchUp(qint64 size);
    void follow(QByteArrayView bytes);

    QFile m_file;
    LogLayout m_layout;
    qint64 m_rows = 0;
    QString m_tailNote;
    int m_lockWaitMs = 2000;
    struct Pending
    {
        QByteArray bytes;
        Kind kind;
    };
    QList<Pending> m_pending; // rows that could not be written yet, in order
    qint64 m_pendingRowBytes = 0;
    // The state of the file's tail, which decides what a cut row needs before the next row can
    // start on a line of its own: "\n" after a last line without its end, "\"\n" when the cut fell
    // inside a quoted field (a crash, a kill, or a failed write). Quotes come in pairs in a whole
    // file (a doubled quote is two), so an odd count means an open quote.
    qint64 m_knownSize = 0;
    bool m_inQuote = false;
    char m_last = '\n';
};
