// machinesToJson(): the machines file as a person would write it, its keys in a fixed order.
#include "machineconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPair>

namespace {

// JSON string literal, UTF-8, escaped by Qt's JSON writer: an array of the one string is "[…]".
QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QByteArray machinesToJson(const QList<MachineConfig> &machines)
{
    const MachineConfig defaults;
    QByteArray out = "{\n    \"machines\": [";
    for (qsizetype i = 0; i < machines.size(); ++i) {
        const MachineConfig &m = machines.at(i);
        QList<QPair<const char *, QByteArray>> fields;
        auto add = [&](const char *key, const QByteArray &value) { fields.emplaceBack(key, value); };
        auto addString = [&](const char *key, const QString &value) {
            if (!value.isEmpty())
                add(key, quoted(value));
        };
        add("id", quoted(m.id));
        if (m.name != m.id)
            addString("name", m.name);
        addString("host", m.host);
        if (m.port != defaults.port)
            add("port", QByteArray::number(m.port));
        addString("user", m.user);
        addString("key_file", m.keyFile);
        addString("known_hosts", m.knownHosts);
        if (m.timeoutSeconds != defaults.timeoutSeconds)
            add("timeout_s", QByteArray::number(m.timeoutSeconds));
        addString("server_url", m.serverUrl);
        if (m.serverKind != ServerKind::Auto)
            add("server_kind", quoted(serverKindName(m.serverKind)));
        if (m.probe)
            add("probe", "true");
        if (m.probeIntervalSeconds != defaults.probeIntervalSeconds)
            add("probe_interval_s", QByteArray::number(m.probeIntervalSeconds));
        addString("node_exporter_url", m.nodeExporterUrl);

        out += i == 0 ? "\n        {\n" : ",\n        {\n";
        for (qsizetype f = 0; f < fields.size(); ++f) {
            out += "            \"";
            out += fields.at(f).first;
            out += "\": ";
            out += fields.at(f).second;
            out += f + 1 < fields.size() ? ",\n" : "\n";
        }
        out += "        }";
    }
    out += machines.isEmpty() ? "]\n}\n" : "\n    ]\n}\n";
    return out;
}
