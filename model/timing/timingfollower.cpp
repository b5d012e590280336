#include "timingfollower.h"

#include "jsonlinesparser.h"
#include "timingreader.h"

#include <QCoreApplication>

#include <algorithm>
#include <sys/stat.h>
#include <utility>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimingFollower", text);
}

constexpr qint64 kChunk = 4 << 20;
constexpr qint64 kWindow = 4096; // looked at backwards (again and again) for where a resumed read's line starts

// The offset of the line that `pos` is in (pos itself when a line ends just before it).
qint64 lineStartAtOrBefore(QFile &f, qint64 pos, qint64 *bytesRead)
{
    for (qint64 end = pos; end > 0;) {
        const qint64 from = std::max<qint64>(0, end - kWindow);
        if (!f.seek(from))
            return 0;
        const QByteArray window = f.read(end - from);
        *bytesRead += window.size();
        const qsizetype nl = window.lastIndexOf('\n');
        if (nl >= 0)
            return from + nl + 1;
        end = from;
    }
    return 0;
}
} // namespace

TimingFollower::TimingFollower(const QString &path)
    : m_path(path)
{ }

TimingFollower::TimingFollower(const QString &path, const Resume &resume)
    : m_path(path)
    , m_resume(resume)
{ }

TimingFollower::Resume TimingFollower::resumeAfter(const QString &path)
{
    Resume r;
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return r;
    r.valid = true;
    r.device = quint64(st.st_dev);
    r.inode = quint64(st.st_ino);
    r.sizeBefore = qint64(st.st_size);
    r.sizeAfter = r.sizeBefore;
    return r;
}

void TimingFollower::finishResume(Resume &resume, const QString &path, const TimingData &read)
{
    struct stat st
    {
    };
    if (!resume.valid || ::stat(QFile::encodeName(path).constData(), &st) != 0 || quint64(st.st_dev) != resume.device
        || quint64(st.st_ino) != resume.inode) {
        resume.valid = false; // replaced while it was read: followed from the start
        return;
    }
    resume.sizeAfter = std::max(resume.sizeBefore, qint64(st.st_size));
    const int file = int(read.files.indexOf(path));
    if (file < 0)
        return;
    for (qsizetype i = 0; i < read.size(); ++i) {
        if (read.fileIndex[size_t(i)] != file || read.line[size_t(i)] < resume.lastLine)
            continue;
        resume.lastLine = read.line[size_t(i)];
        resume.lastFunction = read.functionName(i);
        resume.lastStart = read.start[size_t(i)];
        resume.lastDuration = read.duration[size_t(i)];
    }
    resume.highestLine = resume.lastLine;
    for (const TimingError &e : read.errors) {
        if (e.file == path)
            resume.highestLine = std::max(resume.highestLine, e.line);
    }
    for (const TimingWarning &w : read.warnings) {
        if (w.file == path)
            resume.highestLine = std::max(resume.highestLine, w.line);
    }
}

bool TimingFollower::open(Update &update)
{
    m_file.close();
    m_file.setFileName(m_path);
    m_holdAt = m_holdUntil = 0;
    m_held.clear();
    m_cut.clear();
    if (!m_file.open(QIODevice::ReadOnly)) {
        update.error = m_path + QStringLiteral(": ") + m_file.errorString();
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(m_file.handle(), &st) == 0) {
        m_device = quint64(st.st_dev);
        m_inode = quint64(st.st_ino);
    }
    m_offset = 0;
    m_line = 1;
    m_partial.clear();
    return true;
}

bool TimingFollower::resume(Update &update)
{
    const Resume r = m_resume;
    m_resume.valid = false; // once: a later reopening (rotation) starts the new file at its start
    if (!open(update))
        return false;
    if (m_device != r.device || m_inode != r.inode) {
        // Replaced (rotated) since it was read: the new file from its start, after the calls read
        // (what the old one got between the read and the rotation is not known).
        return true;
    }
    if (m_file.size() < r.sizeBefore) {
        update.restarted = true; // truncated since it was read: read again, replacing what was read
        return true;
    }
    m_offset = lineStartAtOrBefore(m_file, r.sizeBefore, &m_bytesRead);
    m_holdAt = m_offset;
    m_holdUntil = r.sizeAfter;
    // The line numbers go on from the last one the read recorded (lines after it without a call,
    // an error or a warning are not counted: a later warning may name a line a little early).
    m_line = r.highestLine + 1;
    if (m_offset < r.sizeBefore) {
        // A last line without its line end, which the read took as it was: that line's number is
        // the read's last when it recorded something of it (a call, an error, a warning).
        m_file.seek(m_offset);
        const QByteArray tail = m_file.read(r.sizeBefore - m_offset);
        m_bytesRead += tail.size();
        TimingData scratch;
        TimingBuilder builder(scratch);
        JsonLinesParser parser(builder, builder.file(m_path));
        parser.feed(tail);
        parser.finish();
        if (scratch.size() > 0 || !scratch.errors.isEmpty() || !scratch.warnings.isEmpty())
            m_line = std::max(1, r.highestLine);
    }
    return true;
}

bool TimingFollower::isLastReadCall(QByteArrayView line) const
{
    if (std::isnan(m_resume.lastStart))
        return false;
    TimingData one;
    TimingBuilder builder(one);
    JsonLinesParser parser(builder, builder.file(m_path));
    parser.feed(line);
    parser.finish();
    return one.size() == 1 && one.start[0] == m_resume.lastStart && one.duration[0] == m_resume.lastDuration
        && one.functionName(0) == m_resume.lastFunction;
}

QByteArray TimingFollower::passHeld(QByteArray bytes)
{
    m_cut += bytes;
    qsizetype from = 0;
    for (;;) {
        if (m_holdAt >= m_holdUntil) {
            // Past what the read may have seen: the lines held are new after all.
            QByteArray out = std::exchange(m_held, {}) + m_cut.mid(from);
            m_cut.clear();
            return out;
        }
        const qsizetype nl = m_cut.indexOf('\n', from);
        if (nl < 0)
            break;
        const QByteArrayView line(m_cut.constData() + from, nl + 1 - from);
        m_holdAt += line.size();
        from = nl + 1;
        if (isLastReadCall(line)) {
            // The read's last call: it and the lines held before it were read already.
            m_held.clear();
            m_line = m_resume.lastLine + 1;
            m_holdAt = m_holdUntil = 0;
            QByteArray out = m_cut.mid(from);
            m_cut.clear();
            return out;
        }
        m_held += line;
    }
    m_cut.remove(0, from);
    return {};
}

void TimingFollower::readNew(Update &update)
{
    TimingBuilder builder(update.calls);
    JsonLinesParser parser(builder, builder.file(m_path));
    parser.reset(m_line);
    parser.feed(m_partial);
    m_partial.clear();
    m_file.seek(m_offset);
    QByteArray buffer(kChunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = m_file.read(buffer.data(), kChunk);
        if (n <= 0)
            break;
        m_offset += n;
        m_bytesRead += n;
        if (m_holdAt < m_holdUntil) {
            const QByteArray pass = passHeld(QByteArray(buffer.constData(), n));
            if (m_holdAt >= m_holdUntil)
                parser.reset(m_line); // nothing was fed while held: the numbering starts here
            parser.feed(pass);
        } else {
            parser.feed(QByteArrayView(buffer.constData(), n));
        }
    }
    m_partial = parser.takePartial();
    m_line = parser.nextLine();
}

TimingFollower::Update TimingFollower::poll()
{
    Update update;
    if (!m_file.isOpen() && !(m_resume.valid ? resume(update) : open(update)))
        return update;
    struct stat now
    {
    };
    const bool replaced = ::stat(QFile::encodeName(m_path).constData(), &now) == 0
        && (quint64(now.st_dev) != m_device || quint64(now.st_ino) != m_inode);
    if (replaced) {
        readNew(update); // the rest of the old file, through the handle still open on it
        Update next;
        if (!open(next))
            return update;
    } else if (m_file.size() < m_offset) {
        update.restarted = true;
        m_offset = 0;
        m_line = 1;
        m_partial.clear();
        m_holdAt = m_holdUntil = 0;
        m_held.clear();
        m_cut.clear();
    }
    if (m_offset == 0 && m_file.size() > 0) {
        QString why;
        const qint64 at = m_file.pos();
        m_file.seek(0);
        const QByteArray head = m_file.read(TimingReader::kHeadBytes);
        m_bytesRead += head.size();
        m_file.seek(at);
        const TimingShape shape = TimingReader::detect(head, &why);
        if (shape != TimingShape::JsonLines
            && !(shape == TimingShape::Unknown && head.size() < TimingReader::kHeadBytes && !head.contains('\n'))) {
            update.error = shape == TimingShape::Unknown
                ? m_path + QStringLiteral(": ") + why
                : tr("%1: a %2, not JSON lines: only JSON-lines logs are followed")
                      .arg(m_path, TimingReader::shapeName(shape));
            return update;
        }
    }
    readNew(update);
    return update;
}
