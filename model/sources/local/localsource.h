#pragma once

#include "cpuusage.h"
#include "source.h"

#include <QFile>

// This computer, read from /proc/stat and /proc/meminfo. The files stay open and are re-read from
// the start on every sample, so a sample costs two reads and two small parses.
class LocalSource : public Source
{
    Q_OBJECT
public:
    explicit LocalSource(QObject *parent = nullptr, const QString &procRoot = QStringLiteral("/proc"));

    QString name() const override;
    void requestSample(quint64 tick) override;

    // Measures now; exposed for the benchmark and the one-shot logger.
    Sample measure(QString *error = nullptr);

private:
    bool readAll(QFile &file, QByteArray &out);

    QFile m_stat;
    QFile m_meminfo;
    QByteArray m_buffer;
    CpuUsage m_cpu;
};
