#include "machinesetup.h"

#include "httpserversource.h"
#include "localsource.h"
#include "machinedescription.h"
#include "nodeexportersource.h"
#include "session.h"

#include <QCoreApplication>
#include <QUrl>

namespace {
// Says, every tick, why a configured part of a machine cannot be sampled by this build.
class UnavailableSource : public Source
{
public:
    UnavailableSource(QString reason, QObject *parent = nullptr)
        : Source(parent)
        , m_reason(std::move(reason))
    { }
    QString name() const override { return m_reason; }
    void requestSample(quint64 tick) override { emit failed(tick, m_reason); }

private:
    QString m_reason;
};
} // namespace

void addMachines(Session &session, const QList<MachineConfig> &machines, bool includeThisComputer)
{
    if (includeThisComputer) {
        MachineMonitor *local = session.addMachine(
            { QStringLiteral("local"), QCoreApplication::translate("MachineSetup", "This computer") },
            describeThisComputer());
        local->addSource(std::make_unique<LocalSource>());
    }
    for (const MachineConfig &config : machines) {
        MachineInfo info;
        info.id = config.id;
        info.name = config.name.isEmpty() ? config.id : config.name;
        info.hasServer = !config.serverUrl.isEmpty();
        info.hasSystemMetrics = !config.host.isEmpty() || !config.nodeExporterUrl.isEmpty();
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
            machine->addSource(std::make_unique<UnavailableSource>(
                QCoreApplication::translate("MachineSetup", "%1: sampling over SSH is not available in this version")
                    .arg(config.host)));
        }
    }
}
