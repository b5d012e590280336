#pragma once

#include "serverkind.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// A monitored machine as the person configured it: in the machines dialog, in QSettings, or in a
// machines JSON file ({"machines": [ {...}, … ]}). This computer (`local`) is not listed here.
struct MachineConfig
{
    QString id;   // required, [a-z0-9_]+, names the log columns; unique; not "local"
    QString name; // shown to the person; defaults to the id

    // SSH (remote machines issue): a machine without host is not sampled over SSH.
    QString host;
    int port = 22;
    QString user;       // empty: the current user
    QString keyFile;    // empty: the agent, then the usual key files
    QString knownHosts; // empty: ~/.ssh/known_hosts
    // How long each step (connect, key exchange, login, a sample's answer) may take before the
    // machine counts as lost and is retried: a host that accepts TCP but never answers.
    int timeoutSeconds = 10;
    static constexpr int MinTimeoutSeconds = 1;
    static constexpr int MaxTimeoutSeconds = 300;

    // Model server over HTTP: a machine may have a server and no host.
    QString serverUrl; // e.g. http://mac1.local:8080; empty: none
    ServerKind serverKind = ServerKind::Auto;
    bool probe = false; // send a tiny completion to measure tokens/s (adds load)
    int probeIntervalSeconds = 30;

    // A machine watched through Prometheus' node_exporter alone, e.g. http://box:9100/metrics.
    QString nodeExporterUrl;
};

// A Prometheus server whose targets are machines (issue 15): the machines file's
// {"prometheus": [{"url": …, "selector": …, "token_file": …}]}, or --prometheus URL.
struct PrometheusServerConfig
{
    QString url;       // http(s)://host:9090, a path prefix allowed
    QString selector;  // label matchers every query is limited to, e.g. job=~"node|llama"; empty: all
    QString tokenFile; // a file holding a bearer token; empty: none
    QString user;      // basic auth (when no token file)
    QString password;
    int timeoutSeconds = 5;
};

bool operator==(const MachineConfig &a, const MachineConfig &b);
bool operator==(const PrometheusServerConfig &a, const PrometheusServerConfig &b);
inline bool operator!=(const PrometheusServerConfig &a, const PrometheusServerConfig &b)
{
    return !(a == b);
}
inline bool operator!=(const MachineConfig &a, const MachineConfig &b)
{
    return !(a == b);
}

struct MachineConfigResult
{
    QList<MachineConfig> machines;            // the valid entries, in file order
    QList<PrometheusServerConfig> prometheus; // the "prometheus" entries, in file order
    QStringList warnings;                     // unknown fields, each naming the entry
    QStringList errors;                       // a missing id, a bad value, a duplicate id: the entry is left out
};

bool isValidMachineId(QStringView id);
// How messages name the machine numbered `number` (from 1): "machine 3", or "machine 3 ("gpu")".
QString machineLabel(int number, const QString &id);
// What is wrong with a machine's values (id, port, timeouts, URLs), each message starting with
// `label`; empty when it can be monitored. The machines file and the machines dialog both use it.
QStringList validateMachine(const MachineConfig &machine, const QString &label);
// validateMachine() for each machine of a list, numbered from 1, and every id that an earlier valid
// machine already has. `valid`, if given, gets one flag per machine.
QStringList validateMachines(const QList<MachineConfig> &machines, QList<bool> *valid = nullptr);
// Parses a machines file. A file that is not JSON, or has neither a "machines" nor a "prometheus"
// array, is one error.
MachineConfigResult parseMachinesJson(const QByteArray &json);
// The same shape back, the "prometheus" list after the machines when there is one; fields at their
// defaults are left out.
QByteArray machinesToJson(const QList<MachineConfig> &machines, const QList<PrometheusServerConfig> &prometheus = {});
