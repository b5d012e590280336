#include "sshkeys.h"

#include <QDir>
#include <QFile>

#include <libssh2.h>

namespace SshKeys {

int knownHostKeyBit(int hostKeyType)
{
    switch (hostKeyType) {
    case LIBSSH2_HOSTKEY_TYPE_RSA:
        return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
    case LIBSSH2_HOSTKEY_TYPE_DSS:
        return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256:
        return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384:
        return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
        return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
    case LIBSSH2_HOSTKEY_TYPE_ED25519:
        return LIBSSH2_KNOWNHOST_KEY_ED25519;
    default:
        return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
    }
}

// The key type as OpenSSH names it in known_hosts, and as it prints it in messages.
std::pair<QByteArray, QString> keyTypeNames(int hostKeyType)
{
    switch (hostKeyType) {
    case LIBSSH2_HOSTKEY_TYPE_RSA:
        return { "ssh-rsa", QStringLiteral("RSA") };
    case LIBSSH2_HOSTKEY_TYPE_DSS:
        return { "ssh-dss", QStringLiteral("DSA") };
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256:
        return { "ecdsa-sha2-nistp256", QStringLiteral("ECDSA") };
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384:
        return { "ecdsa-sha2-nistp384", QStringLiteral("ECDSA") };
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
        return { "ecdsa-sha2-nistp521", QStringLiteral("ECDSA") };
    case LIBSSH2_HOSTKEY_TYPE_ED25519:
        return { "ssh-ed25519", QStringLiteral("ED25519") };
    default:
        return { {}, QStringLiteral("unknown") };
    }
}

// Whether a private key file is an RSA key (OpenSSH or PEM format).
bool isRsaKey(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = f.read(64 * 1024);
    if (text.contains("BEGIN RSA PRIVATE KEY"))
        return true;
    const qsizetype begin = text.indexOf("-----BEGIN OPENSSH PRIVATE KEY-----");
    if (begin < 0)
        return false;
    const qsizetype end = text.indexOf("-----END", begin + 10);
    const QByteArray body = QByteArray::fromBase64(text.mid(begin + 35, end < 0 ? -1 : end - begin - 35));
    return body.left(200).contains("ssh-rsa");
}

// Whether a private key file is protected by a passphrase (OpenSSH format: its cipher is not
// "none"; PEM: "ENCRYPTED").
bool isEncryptedKey(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = f.read(64 * 1024);
    if (text.contains("ENCRYPTED"))
        return true;
    const QByteArray begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    const qsizetype at = text.indexOf(begin);
    if (at < 0)
        return false;
    const qsizetype end = text.indexOf("-----END", at + begin.size());
    const QByteArray body = QByteArray::fromBase64(text.mid(at + begin.size(), end < 0 ? -1 : end - at - begin.size()));
    const QByteArray magic("openssh-key-v1\0", 15);
    if (!body.startsWith(magic) || body.size() < magic.size() + 4)
        return false;
    const auto *p = reinterpret_cast<const uchar *>(body.constData() + magic.size());
    const quint32 length = (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
    return body.mid(magic.size() + 4, qsizetype(length)) != "none";
}

QString expandHome(const QString &path)
{
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}
} // namespace SshKeys
