#pragma once

#include "machineconfig.h"

#include <QJsonValue>
#include <QString>

#include <optional>

// What the machines file's readers share (machineconfig.cpp, prometheusconfig.cpp): a value as the
// person wrote it for a message, the URL check, whole numbers. Private to core/.
namespace ConfigJson {

QString describe(const QJsonValue &value);
bool isHttpUrl(const QString &text);
std::optional<int> wholeNumber(const QJsonValue &value);

// Reads the machines file's "prometheus" list into result->prometheus, its problems into
// result->errors and result->warnings.
void parsePrometheusList(const QJsonValue &value, MachineConfigResult *result);

} // namespace ConfigJson
