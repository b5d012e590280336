#include "filelock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <sys/file.h>

FileLock::FileLock(int fd, int waitMs)
    : m_fd(fd)
{
    if (fd < 0) {
        m_error = QCoreApplication::translate("FileLock", "the file is not open");
        return;
    }
    // A holder keeps the lock for one row: poll briefly rather than block without a limit.
    const QDeadlineTimer deadline(waitMs);
    unsigned long pauseUs = 200;
    for (;;) {
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            m_locked = true;
            return;
        }
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return;
        }
        if (deadline.hasExpired()) {
            m_error
                = QCoreApplication::translate("FileLock", "locked by another program for more than %1 ms").arg(waitMs);
            return;
        }
        QThread::usleep(pauseUs);
        pauseUs = std::min<unsigned long>(pauseUs * 2, 5000);
    }
}

FileLock::~FileLock()
{
    if (m_locked)
        ::flock(m_fd, LOCK_UN);
}
