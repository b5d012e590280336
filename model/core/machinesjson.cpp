// machinesToJson(): the machines file as a person would write it, its keys in a fixed order.
#include "machineconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPair>

namespace {

using Fields = QList<QPair<const char *, QByteArray>>;

// JSON string literal, UTF-8, escaped by Qt's JSON writer: an array of the one string is "[…]".
QByteArray quoted(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

void addString(Fields &fields, const char *key, const QString &value)
{
    if (!value.isEmpty())
        fields.emplaceBack(key, quoted(value));
}

Fields fieldsOf(const MachineConfig &m)
{
    const MachineConfig defaults;
    Fields fields;
    fields.emplaceBack("id", quoted(m.id));
    if (m.name != m.id)
        addString(fields, "name", m.name);
    addString(fields, "host", m.host);
    if (m.port != defaults.port)
        fields.emplaceBack("port", QByteArray::number(m.port));
    addString(fields, "user", m.user);
    addString(fields, "key_file", m.keyFile);
    addString(fields, "known_hosts", m.knownHosts);
    if (m.timeoutSeconds != defaults.timeoutSeconds)
        fields.emplaceBack("timeout_s", QByteArray::number(m.timeoutSeconds));
    addString(fields, "server_url", m.serverUrl);
    if (m.serverKind != ServerKind::Auto)
        fields.emplaceBack("server_kind", quoted(serverKindName(m.serverKind)));
    if (m.probe)
        fields.emplaceBack("probe", "true");
    if (m.probeIntervalSeconds != defaults.probeIntervalSeconds)
        fields.emplaceBack("probe_interval_s", QByteArray::number(m.probeIntervalSeconds));
    addString(fields, "node_exporter_url", m.nodeExporterUrl);
    return fields;
}

Fields fieldsOf(const PrometheusServerConfig &p)
{
    Fields fields;
    fields.emplaceBack("url", quoted(p.url));
    addString(fields, "selector", p.selector);
    addString(fields, "token_file", p.tokenFile);
    addString(fields, "user", p.user);
    addString(fields, "password", p.password);
    if (p.timeoutSeconds != PrometheusServerConfig().timeoutSeconds)
        fields.emplaceBack("timeout_s", QByteArray::number(p.timeoutSeconds));
    return fields;
}

// "    "key": [ {…}, {…} ]", each object's fields one a line.
template<typename T> QByteArray arrayOf(const char *key, const QList<T> &entries)
{
    QByteArray out = QByteArray("    \"") + key + "\": [";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const Fields fields = fieldsOf(entries.at(i));
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
    out += entries.isEmpty() ? "]" : "\n    ]";
    return out;
}

} // namespace

QByteArray machinesToJson(const QList<MachineConfig> &machines, const QList<PrometheusServerConfig> &prometheus)
{
    QByteArray out = "{\n" + arrayOf("machines", machines);
    if (!prometheus.isEmpty())
        out += ",\n" + arrayOf("prometheus", prometheus);
    out += "\n}\n";
    return out;
}
