#include "machinesetup.h"

#include "httpserversource.h"
#include "localsource.h"
#include "machinedescription.h"
#include "nodeexportersource.h"
#include "session.h"
#include "sshsource.h"

#include <QCoreApplication>
#include <QUrl>

namespace {
MachineMonitor *addConfiguredMachine(Session &session, const MachineConfig &config, const RemoteSetup &remote)
{
    MachineInfo info;
    info.id = config.id;
    info.name = config.name.isEmpty() ? config.id : config.name;
    info.hasServer = !config.serverUrl.isEmpty();
    info.hasSystemMetrics = !config.host.isEmpty() || !config.nodeExporterUrl.isEmpty();
    info.hasGpuAndTemperature = !config.host.isEmpty();
    QJsonObject description;
    if (!config.host.isEmpty())
        description.insert(QStringLiteral("host"), config.host);
    if (info.hasServer) {
        description.insert(QStringLiteral("server_url"), config.serverUrl);
        description.insert(QStringLiteral("server_kind"), serverKindName(config.serverKind));
    }
    if (!config.nodeExporterUrl.isEmpty())
        description.insert(QStringLiteral("node_exporter_url"), config.nodeExporterUrl);
    MachineMonitor *machine = session.addMachine(info, description);

    if (info.hasServer) {
        HttpServerSource::Options options;
        options.baseUrl = QUrl(config.serverUrl);
        options.kind = config.serverKind;
        options.probe = config.probe;
        options.probeIntervalS = config.probeIntervalSeconds;
        machine->addSource(std::make_unique<HttpServerSource>(options));
    }
    if (!config.nodeExporterUrl.isEmpty()) {
        machine->addSource(std::make_unique<NodeExporterSource>(QUrl(config.nodeExporterUrl)));
    } else if (!config.host.isEmpty()) {
        SshOptions ssh;
        ssh.host = config.host;
        ssh.port = config.port;
        ssh.user = config.user;
        ssh.keyFile = config.keyFile;
        ssh.knownHostsFile = config.knownHosts;
        ssh.newHostKeys = remote.newHostKeys;
        ssh.timeoutMs = config.timeoutSeconds * 1000;
        ssh.askPassphrase = remote.askPassphrase;
        ssh.intervalMs = int(session.intervalSeconds() * 1000);
        machine->addSource(std::make_unique<SshSource>(ssh));
    }
    return machine;
}

MachineMonitor *findMachine(const Session &session, const QString &id)
{
    for (MachineMonitor *m : session.machines()) {
        if (m->info().id == id)
            return m;
    }
    return nullptr;
}

const MachineConfig *findConfig(const QList<MachineConfig> &configs, const QString &id)
{
    for (const MachineConfig &c : configs) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}
} // namespace

void addMachines(
    Session &session, const QList<MachineConfig> &machines, bool includeThisComputer, const RemoteSetup &remote)
{
    if (includeThisComputer) {
        MachineMonitor *local = session.addMachine(
            { QStringLiteral("local"), QCoreApplication::translate("MachineSetup", "This computer") },
            describeThisComputer());
        local->addSource(std::make_unique<LocalSource>());
    }
    for (const MachineConfig &config : machines)
        addConfiguredMachine(session, config, remote);
}

void updateMachines(
    Session &session, const QList<MachineConfig> &before, const QList<MachineConfig> &after, const RemoteSetup &remote)
{
    // Gone, or edited: the machine stops (an edited one starts again below, in the same place).
    for (const MachineConfig &old : before) {
        const MachineConfig *now = findConfig(after, old.id);
        if (now && *now == old)
            continue;
        if (MachineMonitor *machine = findMachine(session, old.id))
            session.removeMachine(machine);
    }
    // New and edited machines start; every configured machine takes its place in the new order,
    // after the machines that are not configured (this computer).
    int index = 0;
    for (MachineMonitor *m : session.machines()) {
        if (!findConfig(before, m->info().id))
            ++index;
    }
    for (const MachineConfig &config : after) {
        MachineMonitor *machine = findMachine(session, config.id);
        if (!machine)
            machine = addConfiguredMachine(session, config, remote);
        session.moveMachine(machine, index++);
    }
}
