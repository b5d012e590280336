#pragma once

#include <QString>

// An exclusive flock(2) on an open file, held until destroyed. Every perfdash writer of a session
// log takes it on the CSV itself for each row it appends, so two processes appending to one log
// (the running session, `perfdash mark`, `perfdash log --single`) never interleave their rows.
class FileLock
{
public:
    // Waits up to waitMs for the lock (0: one try).
    FileLock(int fd, int waitMs);
    ~FileLock();
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;

    bool isLocked() const { return m_locked; }
    // Why the lock was not taken, in the system's words or "held by another program".
    QString error() const { return m_error; }

private:
    int m_fd = -1;
    bool m_locked = false;
    QString m_error;
};
