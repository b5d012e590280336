#pragma once

#include "promapi.h"
#include "sample.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>

#include <vector>

// Machine ids for Prometheus instances: derived from the instance (LOG_FORMAT.md's id rules:
// lowercase [a-z0-9_]+), unique, and stable for as long as this object lives: a target that goes
// and comes back gets its old id, and a new one never takes the id of one that went.
class FleetIds
{
public:
    // "Box-1.lab:9100" → "box_1_lab_9100": lowercase, runs of other characters as one "_". Never empty.
    static QString sanitize(const QString &instance);

    // Ids that must not be given (this computer, the configured machines, other fleets).
    void reserve(const QString &id) { m_taken.insert(id); }
    QString idFor(const QString &instance);

private:
    QHash<QString, QString> m_ids; // instance → id
    QSet<QString> m_taken;
};

// A machine of the fleet: a node_exporter instance, with the model server and GPU exporters of the
// same instance label, or of the same host when that host has one node_exporter instance; or a
// target of its own (a server without node_exporter).
struct FleetMachine
{
    QString instance; // the instance label that names it
    QString id;
    QString name; // node_uname_info's nodename, else the instance
    bool hasNode = false;
    bool hasServer = false;
};

// The answer of the combined query (FleetQuery::build) as samples: one per machine per time.
Q_DECLARE_METATYPE(FleetMachine)

struct FleetFrames
{
    QList<FleetMachine> machines;
    std::vector<qint64> timesMs; // ascending; one for an instant query
    // [machine][time]: the log's metrics (NaN: not measured).
    std::vector<std::vector<Sample>> samples;
    // [machine][time]: whether its node_exporter target (else any of its targets) answered the
    // scrape: 1, 0, or NaN when the instance had no target at that time.
    std::vector<std::vector<double>> up;

    int indexOf(const QString &id) const
    {
        for (int i = 0; i < machines.size(); ++i) {
            if (machines[i].id == id)
                return i;
        }
        return -1;
    }
};

namespace FleetAssembly {
// Turns a vector or matrix answer of the combined query into frames. Ids come from `ids`.
FleetFrames assemble(const PromApiAnswer &answer, FleetIds &ids);
} // namespace FleetAssembly
