#pragma once

#include "timingdata.h"

#include <QByteArray>
#include <QFile>
#include <QString>

// Follows a growing JSON-lines timing log (shape A, or shape B's timing.log) the way `tail -F` does:
// each poll() reads what was appended since the last one and returns only the new calls (a line
// still being written is kept until its line end arrives). When the file is truncated, it is read
// again from its start; when it is replaced (rotated: timing.log renamed to timing.log.1 and a new
// timing.log begun), the rest of the old file is read first, then the new one from its start. Both
// set Update::restarted. Append each update to the calls held so far with TimingData::append.
// Not thread-safe; cheap to call on a timer (one stat and one read of the new bytes).
class TimingFollower
{
public:
    struct Update
    {
        TimingData calls;       // only the calls new since the last poll (files: the followed path)
        bool restarted = false; // the file was truncated or replaced since the last poll
        QString error;          // why the file cannot be followed (not there yet, unreadable, not JSON lines)
    };

    explicit TimingFollower(const QString &path);

    Update poll();
    QString path() const { return m_path; }
    qint64 offset() const { return m_offset; } // bytes of the current file read so far

private:
    bool open(Update &update);
    void readNew(Update &update);

    QString m_path;
    QFile m_file;
    quint64 m_device = 0;
    quint64 m_inode = 0;
    qint64 m_offset = 0;
    int m_line = 1;
    QByteArray m_partial;
};
