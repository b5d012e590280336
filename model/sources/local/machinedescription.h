#pragma once

#include <QJsonObject>

// What the sidecar says about this computer: OS, kernel, CPU count, memory.
QJsonObject describeThisComputer();
