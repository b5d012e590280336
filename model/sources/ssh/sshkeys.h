#pragma once

#include <QByteArray>
#include <QString>

#include <utility>

// What SshConnection needs to know about keys: libssh2's key types as known_hosts and OpenSSH name
// them, and what kind of private key a file holds. No network, no libssh2 session.
namespace SshKeys {

// LIBSSH2_HOSTKEY_TYPE_* → the LIBSSH2_KNOWNHOST_KEY_* bit for libssh2_knownhost.
int knownHostKeyBit(int hostKeyType);
// LIBSSH2_HOSTKEY_TYPE_* → ("ssh-ed25519", "ED25519"): the known_hosts name, the name in messages.
std::pair<QByteArray, QString> keyTypeNames(int hostKeyType);
// Whether a private key file is an RSA key (OpenSSH or PEM format).
bool isRsaKey(const QString &path);
// Whether a private key file is protected by a passphrase (OpenSSH format: its cipher is not
// "none"; PEM: "ENCRYPTED").
bool isEncryptedKey(const QString &path);
// "~/…" expanded to the home folder.
QString expandHome(const QString &path);

} // namespace SshKeys
