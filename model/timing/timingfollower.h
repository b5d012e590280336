#pragma once

#include "timingdata.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cmath>
#include <vector>

// Follows a growing JSON-lines timing log (shape A, or shape B's timing.log) the way `tail -F` does:
// each poll() reads what was appended since the last one and returns only the new calls (a line
// still being written is kept until its line end arrives). When the file is truncated, it is read
// again from its start and Update::restarted is set: its calls replace those held. When it is
// replaced (rotated: timing.log renamed to timing.log.1 and a new timing.log begun), the rest of
// the old file is read first, then the new one from its start: the calls held stay (they are in
// timing.log.1 now) and these follow them. Append each update to the calls held so far with
// TimingData::append.
// Not thread-safe; cheap to call on a timer (one stat and one read of the new bytes).
//
// A file just read whole (TimingReader) is followed from where that read ended, not read again:
// resumeAfter() before the read, finishResume() with what it read, and the follower's first poll
// starts at the line the read's snapshot ended in. The file may have grown while it was read (the
// reader takes its own size): the lines from there up to the size after the read are held back
// until the last call the read got is met among them, and those up to it dropped, so no call
// arrives twice and none is lost.
class TimingFollower
{
public:
    struct Update
    {
        TimingData calls;       // only the calls new since the last poll (files: the followed path)
        bool restarted = false; // the file was truncated since the last poll: the calls replace those held
        QString error;          // why the file cannot be followed (not there yet, unreadable, not JSON lines)
    };

    // Where a read of the whole file ended: made by resumeAfter() before the read and completed by
    // finishResume() after it. A plain value, to be carried to the thread that follows.
    struct Resume
    {
        bool valid = false;
        quint64 device = 0;
        quint64 inode = 0;
        qint64 sizeBefore = 0; // the file's size before the read: every byte before it was read
        qint64 sizeAfter = 0;  // and after: the read may have gone up to here
        // The last call the read got from this file (NaN start: none), its line, and the highest
        // line of the file it recorded (a call, an error or a warning).
        QString lastFunction;
        double lastStart = std::nan("");
        double lastDuration = 0;
        int lastLine = 0;
        int highestLine = 0;
    };

    explicit TimingFollower(const QString &path);
    // Goes on from the end of a read of the file (an invalid Resume: from its start, as a new
    // follower; a file since replaced: the new one from its start, as after a rotation; a file
    // since truncated: from its start, restarted).
    TimingFollower(const QString &path, const Resume &resume);

    // The file's identity and size now, before it is read whole; invalid when it cannot be opened.
    static Resume resumeAfter(const QString &path);
    // Completes it after the read: the size now, and the last call of `path` in what was read.
    static void finishResume(Resume &resume, const QString &path, const TimingData &read);

    Update poll();
    QString path() const { return m_path; }
    qint64 offset() const { return m_offset; }       // bytes of the current file read so far
    qint64 bytesRead() const { return m_bytesRead; } // bytes read from files, all polls together

private:
    bool open(Update &update);
    bool resume(Update &update);
    void readNew(Update &update);
    // Resuming: the complete lines of `bytes` that start before m_holdUntil are held (dropped up to
    // the read's last call when it is met); returns what is to be parsed now.
    QByteArray passHeld(QByteArray bytes);
    bool isLastReadCall(QByteArrayView line) const;

    QString m_path;
    QFile m_file;
    quint64 m_device = 0;
    quint64 m_inode = 0;
    qint64 m_offset = 0;
    qint64 m_bytesRead = 0;
    int m_line = 1;
    QByteArray m_partial;
    Resume m_resume;
    // Resuming: the byte offset of the next byte to look at, and the lines held so far.
    qint64 m_holdAt = 0;
    qint64 m_holdUntil = 0;
    QByteArray m_held;
    QByteArray m_cut; // a held line still without its line end
};
