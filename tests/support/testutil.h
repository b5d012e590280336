#pragma once

#include "logtime.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <csignal>
#include <ctime>
#include <sys/resource.h>

// Helpers shared by the model tests.
namespace TestUtil {

inline QString fixturePath(const char *name)
{
    return QStringLiteral(PERFDASH_FIXTURES_DIR "/") + QLatin1String(name);
}

// The whole file, or an empty array when it cannot be read (the caller checks).
inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

inline QByteArray readFixture(const char *name)
{
    return readFile(fixturePath(name));
}

// Makes `tz` (an IANA name such as "Europe/Paris") the local time zone of this process, which
// QDateTime's local time follows.
inline void setTimeZone(const char *tz)
{
    qputenv("TZ", tz);
    tzset();
    LogTime::timeZoneChanged();
}

// Caps the size of the files this process writes (RLIMIT_FSIZE) until destroyed, so that a write
// fails (EFBIG) even when the tests run as root, where a read-only directory stops nothing. SIGXFSZ
// is ignored so the failing write returns an error instead of killing the process.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(qint64 bytes)
    {
        if (getrlimit(RLIMIT_FSIZE, &m_old) != 0)
            return;
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = rlim_t(bytes);
        m_active = setrlimit(RLIMIT_FSIZE, &limit) == 0;
        if (!m_active)
            std::signal(SIGXFSZ, m_oldHandler);
    }
    ~FileSizeLimit() { lift(); }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    bool isActive() const { return m_active; }
    void lift()
    {
        if (!m_active)
            return;
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
        m_active = false;
    }

private:
    rlimit m_old {};
    void (*m_oldHandler)(int) = SIG_DFL;
    bool m_active = false;
};

} // namespace TestUtil
