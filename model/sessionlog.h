#pragma once

#include "loglayout.h"

#include <QFile>
#include <QJsonObject>
#include <QString>

// The CSV file of one logging session and its JSON sidecar. Every row is handed to the kernel in
// one write as soon as it is formatted, so a crash or a kill loses at most the row being written.
// Rows are only ever appended: recorded rows are never rewritten.
class SessionLog
{
public:
    SessionLog() = default;
    SessionLog(const SessionLog &) = delete;
    SessionLog &operator=(const SessionLog &) = delete;

    // Creates a new log named after startMs in dir (creating dir) and writes its header.
    bool create(const QString &dir, qint64 startMs, const LogLayout &layout, QString *error);
    // Opens an existing log to append rows in its own column layout.
    bool openForAppend(const QString &csvPath, QString *error);
    void close();

    bool isOpen() const { return m_file.isOpen(); }
    QString csvPath() const { return m_file.fileName(); }
    QString sidecarPath() const;
    const LogLayout &layout() const { return m_layout; }
    qint64 rowsWritten() const { return m_rows; }

    // Appends one formatted row; on failure says why, in the system's words.
    bool write(const QByteArray &row, QString *error);
    // Replaces the sidecar atomically (write to a temporary file, then rename).
    bool writeSidecar(const QJsonObject &object, QString *error);

private:
    bool writeBytes(const QByteArray &data, QString *error);

    QFile m_file;
    LogLayout m_layout;
    qint64 m_rows = 0;
    // What a cut row needs before the next one can start on a line of its own: "\n", or "\"\n" when
    // the cut fell inside a quoted field (a crash, or a failed write).
    QByteArray m_repair;
};
