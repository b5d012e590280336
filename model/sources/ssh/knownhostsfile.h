#pragma once

#include <QByteArray>
#include <QString>

// The parts of an OpenSSH known_hosts file perfdash handles itself (libssh2_knownhost does the
// matching): the name a host has there, the line that holds a host's entry, and appending a line.
namespace KnownHostsFile {

// "name" for port 22, else "[name]:port", as OpenSSH writes them.
QString hostPattern(const QString &host, int port);
// "~/…" expanded; empty: ~/.ssh/known_hosts.
QString resolvePath(const QString &path);
// The 1-based line of the first entry for `pattern` (plain or hashed "|1|salt|hash") with this key
// type (e.g. "ssh-ed25519"; empty: any), or 0.
int lineOf(const QByteArray &fileText, const QString &pattern, const QByteArray &keyType = {});
// "SHA256:" + unpadded base64 of the SHA-256 of the key blob, the way OpenSSH prints it.
QString sha256Fingerprint(const QByteArray &sha256Digest);
// Appends one line (a newline is added first when the file does not end with one), creating the
// file and its folder (0700) when missing. Returns an error message or empty.
QString appendLine(const QString &path, const QByteArray &line);

} // namespace KnownHostsFile
