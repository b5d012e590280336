#pragma once

#include "machineconfig.h"
#include "sshconnection.h"

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
