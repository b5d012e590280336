#pragma once

#include "sessionlog.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <functional>
#include <memory>

// What the session's log looks like from the thread that owns the session: a copy, brought up to
// date after every write (LogWriter::statusChanged). Reading it never touches the file.
class LogStatus
{
public:
    bool isOpen() const { return m_open; }
    QString csvPath() const { return m_csvPath; }
    QString sidecarPath() const { return m_sidecarPath; }
    const LogLayout &layout() const { return m_layout; }
    qint64 rowsWritten() const { return m_rows; }
    int unwrittenMarkers() const { return m_unwrittenMarkers; }

    static LogStatus of(const SessionLog &log);

private:
    bool m_open = false;
    QString m_csvPath;
    QString m_sidecarPath;
    LogLayout m_layout;
    qint64 m_rows = 0;
    int m_unwrittenMarkers = 0;
};

// The session's log, written on a thread of its own: the window's thread only draws, and never
// waits for a disk or for another process's lock on the file (`perfdash mark` holds it for a row).
// Jobs run in the order they were posted; each is handed the log (and may replace it, when the
// session goes on in a new file). After each job the status is copied back to the owner's thread.
class LogWriter : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<void(std::unique_ptr<SessionLog> &log)>;

    explicit LogWriter(QObject *parent = nullptr);
    ~LogWriter() override;

    // Runs `job` on the writer's thread, after every job posted before it; returns at once. `then`
    // runs afterwards on this object's thread, once status() includes what the job did.
    void post(Job job, std::function<void()> then = {});
    // Runs `job` there and waits for it (and for everything before it). For start and stop only.
    void run(Job job);
    // Waits until every job posted so far has run, and delivers what they had to say (their `then`).
    void sync();
    // Calls `then` on this thread once every job posted so far has run and the status is current.
    void whenWritten(QObject *context, std::function<void()> then);

    const LogStatus &status() const { return m_status; }

signals:
    void statusChanged();

private:
    void publish(quint64 job, const LogStatus &status);

    QThread m_thread;
    QObject *m_worker;                 // lives in m_thread; runs the jobs
    std::unique_ptr<SessionLog> m_log; // touched only by the jobs
    LogStatus m_status;                // touched only on this object's thread
    quint64 m_posted = 0;              // jobs handed to the thread
    quint64 m_published = 0;           // the newest job whose status m_status is
};
