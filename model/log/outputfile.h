#pragma once

#include <QByteArray>
#include <QString>

// Writes what a person asked to be written to a path they named (`--json PATH`, Export…).
// A new path or an existing regular file is replaced atomically (a temporary file beside it,
// then a rename), so a reader never sees half a file. Anything else already at the path — a
// device such as /dev/null or /dev/stdout, a FIFO, a socket — is written in place, as a shell
// redirection would: it is never replaced by a regular file. A symbolic link is followed.
namespace OutputFile {

// False with the reason, in the system's words, in *error.
bool write(const QString &path, const QByteArray &data, QString *error);

} // namespace OutputFile
