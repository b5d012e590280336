#pragma once

#include <QHostAddress>
#include <QString>

// Where the HTTP API listens, as written on the command line and in the settings.
namespace HttpBind {

// "127.0.0.1:8765", "[::1]:8765", "localhost:8765", "0.0.0.0:8765"; port 0 takes a free one.
bool parse(const QString &text, QHostAddress *address, quint16 *port, QString *error);
// A random token of 32 hex digits, for an API bound off loopback.
QString generateToken();

} // namespace HttpBind
