#pragma once

#include <QString>

// What an SSH connection needs: where, who, how to check the host, how long to wait.
struct SshOptions
{
    QString host;
    int port = 22;
    QString user;           // empty: the current user
    QString keyFile;        // empty: ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa
    QString passphrase;     // for keyFile; kept in memory only
    QString knownHostsFile; // empty: ~/.ssh/known_hosts

    enum class NewHostKeys {
        Refuse, // headless default
        Accept, // --accept-new-host-keys: trust and append to known_hosts
        Ask,    // the GUI: state AwaitingHostKey until the person answers
    };
    NewHostKeys newHostKeys = NewHostKeys::Refuse;
    // The GUI: a key file that needs a passphrase (none given, or a wrong one) puts the state in
    // AwaitingPassphrase until the person answers. Headless: an error saying so.
    bool askPassphrase = false;

    int timeoutMs = 10000;      // for every network step (connect, handshake, auth, an answer)
    int intervalMs = 1000;      // the sampling interval (macOS top's own period)
    int firstRetryMs = 1000;    // reconnect backoff: doubling from this…
    int maxRetryMs = 30000;     // …up to this
    int hostKeyWaitMs = 300000; // how long an unanswered host key question waits before giving up
};
