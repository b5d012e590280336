#pragma once

#include "connectionstate.h"
#include "sshoptions.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

struct _LIBSSH2_SESSION;

// Logging in on an SSH session whose handshake is done: the server's host key checked against
// known_hosts (an unknown key trusted as the options say, the person asked through `ask`; a changed
// key refused, naming the file and line), then the user authenticated with the key file (its
// passphrase asked for when needed), ssh-agent, or the usual key files. Runs in the connection's
// worker thread; every wait for the server goes through `wait`, which gives up at the deadline or
// when the connection stops.
class SshLogin
{
    // The connection's messages, translated in its context.
    Q_DECLARE_TR_FUNCTIONS(SshConnection)
public:
    enum class Wait { Ready, Timeout, Stopped };
    struct Hooks
    {
        std::function<Wait(qint64 deadlineMs)> wait;                     // until the socket is ready
        std::function<std::optional<bool>(ConnectionState &asking)> ask; // publish, wait for the person
        std::function<bool()> stopped;
    };

    // passphrase: as given or asked for; the connection keeps it (in memory) for its next login.
    SshLogin(_LIBSSH2_SESSION *session, const SshOptions &options, QString &passphrase, Hooks hooks);

    // false with the reason; permanent: trying again cannot help (a changed key, a refused one).
    bool checkHostKey(QString &reason, bool &permanent);
    bool authenticate(QString &reason);

    // The session's last error in libssh2's words.
    static QString lastError(_LIBSSH2_SESSION *session);

private:
    // A host key that is not in the known hosts file, as the person is asked about it.
    struct NewHostKey
    {
        QString pattern; // the known_hosts name of the host: host, or [host]:port
        QString keyType; // e.g. ED25519
        QString fingerprint;
        QString path; // of the known hosts file
    };
    // Whether to trust a host key not in the known hosts file: by the options, or by asking.
    bool trustNewKey(const NewHostKey &key, QString &reason, bool &permanent);

    bool tryKeyFile(const QString &user, const QString &path, const QString &passphrase, QString &reason);
    bool tryAgent(const QString &user, QString &reason);
    std::optional<QString> askForPassphrase(const QString &path);
    QString lastError() const { return lastError(m_session); }
    QString where() const;

    _LIBSSH2_SESSION *m_session;
    const SshOptions &m_options;
    QString &m_passphrase;
    Hooks m_hooks;
    bool m_keyFileUnreadable = false; // the last key file try failed reading the key (passphrase?)
};
