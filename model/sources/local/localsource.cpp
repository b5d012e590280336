#include "localsource.h"

#include "meminfoparser.h"

#include <QDateTime>

LocalSource::LocalSource(QObject *parent, const QString &procRoot)
    : Source(parent)
    , m_stat(procRoot + QStringLiteral("/stat"))
    , m_meminfo(procRoot + QStringLiteral("/meminfo"))
{
    m_stat.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_meminfo.open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    measure(); // primes the CPU counters so the first real sample has a delta
}

QString LocalSource::name() const
{
    return tr("This computer (/proc)");
}

bool LocalSource::readAll(QFile &file, QByteArray &out)
{
    // /proc files report size 0: read in chunks until the end.
    out.clear();
    if (!file.isOpen() && !file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return false;
    if (!file.seek(0))
        return false;
    char chunk[8192];
    for (;;) {
        const qint64 n = file.read(chunk, sizeof chunk);
        if (n < 0)
            return false;
        if (n == 0)
            break;
        out.append(chunk, n);
    }
    return !out.isEmpty();
}

Sample LocalSource::measure(QString *error)
{
    Sample sample;
    sample.timeMs = QDateTime::currentMSecsSinceEpoch();
    QStringList problems;

    if (readAll(m_stat, m_buffer)) {
        const ProcStatResult stat = parseProcStat(m_buffer);
        if (stat.total) {
            if (const auto percent = m_cpu.update(*stat.total))
                sample.set(Metric::CpuPercent, *percent);
        } else {
            problems << tr("%1: no cpu line").arg(m_stat.fileName());
        }
    } else {
        problems << tr("cannot read %1: %2").arg(m_stat.fileName(), m_stat.errorString());
    }

    if (readAll(m_meminfo, m_buffer)) {
        const MemInfoResult mem = parseMemInfo(m_buffer);
        if (mem.info) {
            sample.set(Metric::MemoryPercent, mem.info->usedPercent());
            sample.set(Metric::MemoryUsedMb, mem.info->usedMiB());
        } else {
            problems << tr("%1: no MemTotal").arg(m_meminfo.fileName());
        }
    } else {
        problems << tr("cannot read %1: %2").arg(m_meminfo.fileName(), m_meminfo.errorString());
    }

    if (error)
        *error = problems.join(QStringLiteral("; "));
    return sample;
}

void LocalSource::requestSample(quint64 tick)
{
    QString error;
    const Sample sample = measure(&error);
    if (sample.isEmpty() && !error.isEmpty())
        emit failed(tick, error);
    else
        emit sampleReady(tick, sample);
}
