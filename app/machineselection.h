#pragma once

#include "machineconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

struct CommandLine;

// The machines a run watches: the --machines file when given, else the saved ones (machines and
// Prometheus servers), then --prometheus.
struct MachineSelection
{
    QList<MachineConfig> machines;
    QList<PrometheusServerConfig> prometheus; // the file's "prometheus" list, then --prometheus
    bool includeThisComputer = true;
    QStringList warnings; // said on stderr, or in the window's banner
    QString error;        // the file cannot be used at all: the run stops with this

    static MachineSelection fromCommandLine(const CommandLine &options, const QList<MachineConfig> &saved,
        const QList<PrometheusServerConfig> &savedPrometheus = {});
};
