#include "sshlogin.h"

#include "hostkeydecision.h"
#include "knownhostsfile.h"
#include "sshkeys.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <libssh2.h>
#include <pwd.h>
#include <unistd.h>

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString currentUser()
{
    if (const passwd *pw = getpwuid(getuid()))
        return QString::fromLocal8Bit(pw->pw_name);
    return qEnvironmentVariable("USER");
}
} // namespace

SshLogin::SshLogin(_LIBSSH2_SESSION *session, const SshOptions &options, QString &passphrase, Hooks hooks)
    : m_session(session)
    , m_options(options)
    , m_passphrase(passphrase)
    , m_hooks(std::move(hooks))
{ }

QString SshLogin::lastError(_LIBSSH2_SESSION *session)
{
    char *message = nullptr;
    int length = 0;
    if (!session)
        return {};
    libssh2_session_last_error(session, &message, &length, 0);
    return message ? QString::fromUtf8(message, length) : QString();
}

QString SshLogin::where() const
{
    return QStringLiteral("%1:%2").arg(m_options.host).arg(m_options.port);
}

bool SshLogin::checkHostKey(QString &reason, bool &permanent)
{
    permanent = true;
    size_t keyLength = 0;
    int keyType = 0;
    const char *key = libssh2_session_hostkey(m_session, &keyLength, &keyType);
    const char *digest = libssh2_hostkey_hash(m_session, LIBSSH2_HOSTKEY_HASH_SHA256);
    if (!key || !digest) {
        reason = tr("%1 sent no host key").arg(where());
        return false;
    }
    const QString fingerprint = KnownHostsFile::sha256Fingerprint(QByteArray(digest, 32));
    const auto [keyTypeName, keyTypeLabel] = SshKeys::keyTypeNames(keyType);
    const QString path = KnownHostsFile::resolvePath(m_options.knownHostsFile);
    const QString pattern = KnownHostsFile::hostPattern(m_options.host, m_options.port);

    LIBSSH2_KNOWNHOSTS *hosts = libssh2_knownhost_init(m_session);
    const auto freeHosts = qScopeGuard([hosts] { libssh2_knownhost_free(hosts); });
    if (QFileInfo::exists(path)
        && libssh2_knownhost_readfile(hosts, QFile::encodeName(path).constData(), LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
        reason = tr("cannot read %1: %2").arg(path, lastError());
        return false;
    }
    const int mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | SshKeys::knownHostKeyBit(keyType);
    libssh2_knownhost *entry = nullptr;
    const int check = libssh2_knownhost_checkp(
        hosts, m_options.host.toUtf8().constData(), m_options.port, key, keyLength, mask, &entry);
    if (check == LIBSSH2_KNOWNHOST_CHECK_MATCH)
        return true;
    if (check == LIBSSH2_KNOWNHOST_CHECK_MISMATCH) {
        QFile file(path);
        const int line = file.open(QIODevice::ReadOnly) ? KnownHostsFile::lineOf(file.readAll(), pattern) : 0;
        const QString at = line > 0 ? QStringLiteral("%1:%2").arg(path).arg(line) : path;
        reason = tr("the host key of %1 has CHANGED (now %2 %3) and does not match %4; refusing to connect. If the "
                    "change is expected, remove the old entry from that file")
                     .arg(where(), keyTypeLabel, fingerprint, at);
        return false;
    }
    if (check != LIBSSH2_KNOWNHOST_CHECK_NOTFOUND) {
        reason = tr("cannot check the host key of %1: %2").arg(where(), lastError());
        return false;
    }

    if (!trustNewKey(NewHostKey { pattern, keyTypeLabel, fingerprint, path }, reason, permanent))
        return false;
    libssh2_knownhost *added = nullptr;
    if (libssh2_knownhost_addc(hosts, pattern.toUtf8().constData(), nullptr, key, keyLength, nullptr, 0, mask, &added)
        != 0) {
        reason = tr("cannot record the host key of %1: %2").arg(where(), lastError());
        return false;
    }
    char line[16384];
    size_t lineLength = 0;
    if (libssh2_knownhost_writeline(hosts, added, line, sizeof line, &lineLength, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        != 0) {
        reason = tr("cannot record the host key of %1: %2").arg(where(), lastError());
        return false;
    }
    const QString error = KnownHostsFile::appendLine(path, QByteArray(line, int(lineLength)));
    if (!error.isEmpty()) {
        reason = error;
        return false;
    }
    return true;
}

bool SshLogin::trustNewKey(const NewHostKey &key, QString &reason, bool &permanent)
{
    bool accept = m_options.newHostKeys == SshOptions::NewHostKeys::Accept;
    if (m_options.newHostKeys == SshOptions::NewHostKeys::Ask) {
        ConnectionState asking;
        asking.kind = ConnectionState::AwaitingHostKey;
        asking.host = key.pattern;
        asking.keyType = key.keyType;
        asking.fingerprint = key.fingerprint;
        asking.knownHostsFile = key.path;
        const std::optional<bool> answer = m_hooks.ask(asking);
        if (m_hooks.stopped())
            return false;
        accept = answer.value_or(false);
        if (!answer) {
            permanent = false;
            reason = tr("the host key of %1 (%2 %3) is not in %4 and nobody answered whether to trust it")
                         .arg(where(), key.keyType, key.fingerprint, key.path);
            return false;
        }
    }
    if (!accept && m_options.newHostKeys == SshOptions::NewHostKeys::Ask) {
        reason = tr("the host key of %1 (%2 %3) is not in %4 and you did not trust it")
                     .arg(where(), key.keyType, key.fingerprint, key.path);
        return false;
    }
    if (!accept) {
        reason = tr("the host key of %1 (%2 %3) is not in %4; refusing to connect to an unknown host (add it, or "
                    "run with --accept-new-host-keys)")
                     .arg(where(), key.keyType, key.fingerprint, key.path);
        return false;
    }
    return true;
}

bool SshLogin::authenticate(QString &reason)
{
    const QString user = m_options.user.isEmpty() ? currentUser() : m_options.user;
    if (!m_options.keyFile.isEmpty()) {
        const QString path = SshKeys::expandHome(m_options.keyFile);
        for (;;) {
            if (tryKeyFile(user, path, m_passphrase, reason))
                return true;
            if (m_hooks.stopped() || !m_keyFileUnreadable || !SshKeys::isEncryptedKey(path))
                return false;
            // A key with a passphrase that was not given, or not right.
            if (!m_options.askPassphrase) {
                reason = m_passphrase.isEmpty()
                    ? tr("key file %1 is protected by a passphrase: load it into ssh-agent (ssh-add %1) and choose "
                         "ssh-agent")
                          .arg(path)
                    : tr("the passphrase of key file %1 is not right").arg(path);
                return false;
            }
            const std::optional<QString> given = askForPassphrase(path);
            if (!given) {
                reason = tr("no passphrase given for key file %1").arg(path);
                return false;
            }
            m_passphrase = *given;
        }
    }
    QStringList tried;
    QString agentReason;
    if (!qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK")) {
        if (tryAgent(user, agentReason))
            return true;
        if (m_hooks.stopped())
            return false;
        tried << agentReason;
    }
    for (const char *name : { "id_ed25519", "id_ecdsa", "id_rsa" }) {
        const QString path = QDir::homePath() + QStringLiteral("/.ssh/") + QLatin1String(name);
        if (!QFileInfo::exists(path))
            continue;
        QString keyReason;
        if (tryKeyFile(user, path, {}, keyReason))
            return true;
        if (m_hooks.stopped())
            return false;
        tried << keyReason;
    }
    reason = tried.isEmpty() ? tr("no way to log in to %1 as %2: no ssh-agent and no key in ~/.ssh; choose a key "
                                  "file for this machine")
                                   .arg(where(), user)
                             : tried.join(QStringLiteral("; "));
    return false;
}

bool SshLogin::tryKeyFile(const QString &user, const QString &path, const QString &passphrase, QString &reason)
{
    m_keyFileUnreadable = false;
    if (!QFileInfo::exists(path)) {
        reason = tr("key file %1 does not exist").arg(path);
        return false;
    }
    const QByteArray u = user.toUtf8();
    const QByteArray file = QFile::encodeName(path);
    const QByteArray pass = passphrase.toUtf8();
    const qint64 deadline = nowMs() + m_options.timeoutMs;
    int rc;
    while ((rc = libssh2_userauth_publickey_fromfile_ex(m_session, u.constData(), unsigned(u.size()), nullptr,
                file.constData(), passphrase.isEmpty() ? nullptr : pass.constData()))
        == LIBSSH2_ERROR_EAGAIN) {
        const Wait w = m_hooks.wait(deadline);
        if (w == Wait::Stopped)
            return false;
        if (w != Wait::Ready) {
            reason = tr("%1 did not answer the login within %2 s").arg(where()).arg(m_options.timeoutMs / 1000.0);
            return false;
        }
    }
    m_keyFileUnreadable = rc == LIBSSH2_ERROR_FILE;
    if (rc == 0)
        return true;
    if (rc == LIBSSH2_ERROR_FILE) {
        reason = tr("cannot use key file %1: %2 (if it has a passphrase, give it)").arg(path, lastError());
    } else if (SshKeys::isRsaKey(path)) {
        reason = tr("%1 refused the RSA key %2 for user %3: this libssh2 can only sign with SHA-1, which current "
                    "OpenSSH servers refuse; use an ed25519 key")
                     .arg(where(), path, user);
    } else {
        reason = tr("authentication as %1 on %2 with key %3 failed: %4").arg(user, where(), path, lastError());
    }
    return false;
}

std::optional<QString> SshLogin::askForPassphrase(const QString &path)
{
    ConnectionState asking;
    asking.kind = ConnectionState::AwaitingPassphrase;
    asking.keyFile = path;
    asking.detail = m_passphrase.isEmpty() ? QString() : tr("the passphrase was not right");
    const std::optional<bool> answer = m_hooks.ask(asking);
    if (!answer || !*answer)
        return {};
    return asking.decision->text();
}

bool SshLogin::tryAgent(const QString &user, QString &reason)
{
    LIBSSH2_AGENT *agent = libssh2_agent_init(m_session);
    if (!agent) {
        reason = tr("cannot use ssh-agent");
        return false;
    }
    const auto freeAgent = qScopeGuard([agent] {
        libssh2_agent_disconnect(agent);
        libssh2_agent_free(agent);
    });
    if (libssh2_agent_connect(agent) != 0 || libssh2_agent_list_identities(agent) != 0) {
        reason = tr("cannot use ssh-agent: %1").arg(lastError());
        return false;
    }
    const QByteArray u = user.toUtf8();
    libssh2_agent_publickey *identity = nullptr;
    libssh2_agent_publickey *previous = nullptr;
    const qint64 deadline = nowMs() + m_options.timeoutMs;
    while (libssh2_agent_get_identity(agent, &identity, previous) == 0) {
        int rc;
        while ((rc = libssh2_agent_userauth(agent, u.constData(), identity)) == LIBSSH2_ERROR_EAGAIN) {
            if (m_hooks.wait(deadline) != Wait::Ready) {
                reason = tr("%1 did not answer the login within %2 s").arg(where()).arg(m_options.timeoutMs / 1000.0);
                return false;
            }
        }
        if (rc == 0)
            return true;
        previous = identity;
    }
    reason = tr("authentication as %1 on %2 failed with every ssh-agent key").arg(user, where());
    return false;
}
