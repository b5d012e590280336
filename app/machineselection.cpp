#include "machineselection.h"

#include "commandline.h"

#include <QCoreApplication>
#include <QFile>

MachineSelection MachineSelection::fromCommandLine(
    const CommandLine &options, const QList<MachineConfig> &saved, const QList<PrometheusServerConfig> &savedPrometheus)
{
    MachineSelection selection;
    selection.includeThisComputer = !options.noLocal;
    if (options.machinesFile.isEmpty()) {
        selection.machines = saved;
        selection.prometheus = savedPrometheus;
    } else {
        QFile file(options.machinesFile);
        if (!file.open(QIODevice::ReadOnly)) {
            selection.error = QCoreApplication::translate("MachineSelection", "Cannot read the machines file %1: %2")
                                  .arg(options.machinesFile, file.errorString());
            return selection;
        }
        const MachineConfigResult parsed = parseMachinesJson(file.read(16 * 1024 * 1024));
        for (const QString &w : parsed.warnings)
            selection.warnings << options.machinesFile + QStringLiteral(": ") + w;
        if (!parsed.errors.isEmpty()) {
            // Say every problem at once, so one edit fixes the file.
            selection.error = options.machinesFile + QStringLiteral(": ") + parsed.errors.join(QStringLiteral("\n  "));
            return selection;
        }
        selection.machines = parsed.machines;
        selection.prometheus = parsed.prometheus;
    }
    if (!options.prometheusUrl.isEmpty()) {
        PrometheusServerConfig server;
        server.url = options.prometheusUrl;
        server.selector = options.prometheusSelector;
        if (!selection.prometheus.contains(server))
            selection.prometheus << server;
    }
    if (selection.machines.isEmpty() && selection.prometheus.isEmpty() && !selection.includeThisComputer)
        selection.error = QCoreApplication::translate(
            "MachineSelection", "--no-local leaves nothing to watch: give machines with --machines");
    return selection;
}
