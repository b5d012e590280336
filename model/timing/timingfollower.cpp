#include "timingfollower.h"

#include "jsonlinesparser.h"
#include "timingreader.h"

#include <QCoreApplication>

#include <sys/stat.h>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimingFollower", text);
}

constexpr qint64 kChunk = 4 << 20;
} // namespace

TimingFollower::TimingFollower(const QString &path)
    : m_path(path)
{ }

bool TimingFollower::open(Update &update)
{
    m_file.close();
    m_file.setFileName(m_path);
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
        parser.feed(QByteArrayView(buffer.constData(), n));
    }
    m_partial = parser.takePartial();
    m_line = parser.nextLine();
}

TimingFollower::Update TimingFollower::poll()
{
    Update update;
    if (!m_file.isOpen() && !open(update))
        return update;
    struct stat now
    {
    };
    const bool replaced = ::stat(QFile::encodeName(m_path).constData(), &now) == 0
        && (quint64(now.st_dev) != m_device || quint64(now.st_ino) != m_inode);
    if (replaced) {
        readNew(update); // the rest of the old file, through the handle still open on it
        update.restarted = true;
        Update next;
        if (!open(next))
            return update;
    } else if (m_file.size() < m_offset) {
        update.restarted = true;
        m_offset = 0;
        m_line = 1;
        m_partial.clear();
    }
    if (m_offset == 0 && m_file.size() > 0) {
        QString why;
        const qint64 at = m_file.pos();
        m_file.seek(0);
        const QByteArray head = m_file.read(TimingReader::kHeadBytes);
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
