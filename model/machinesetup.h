#pragma once

#include "machineconfig.h"

#include <QList>

class Session;

// Adds the machines to a session with the sources their configuration asks for: this computer
// (/proc), a model server over HTTP, node_exporter. Call before Session::start().
void addMachines(Session &session, const QList<MachineConfig> &machines, bool includeThisComputer);
