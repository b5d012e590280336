#pragma once

#include "machineconfig.h"
#include "sshoptions.h"

#include <QList>

class Session;

// How remote machines over SSH are reached.
struct RemoteSetup
{
    // Headless refuses unknown host keys unless --accept-new-host-keys; the GUI asks the person.
    SshOptions::NewHostKeys newHostKeys = SshOptions::NewHostKeys::Refuse;
    bool askPassphrase = false; // the GUI asks for a key file's passphrase when it needs one
};

// Adds the machines to a session with the sources their configuration asks for: this computer
// (/proc), SSH for a machine with a host, a model server over HTTP, node_exporter. Call before
// Session::start().
void addMachines(
    Session &session, const QList<MachineConfig> &machines, bool includeThisComputer, const RemoteSetup &remote = {});

// Brings a running session from the machines configured `before` to those configured `after`,
// matched by id: a machine whose configuration did not change goes on untouched, with its
// history; an edited one starts again with its new configuration; a new one starts; a removed one
// stops. The session keeps the configured machines in the order of `after`.
void updateMachines(Session &session, const QList<MachineConfig> &before, const QList<MachineConfig> &after,
    const RemoteSetup &remote = {});
