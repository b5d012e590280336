#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// A real OpenSSH sshd (/usr/sbin/sshd -D -e) on 127.0.0.1 on a free port, for the SSH tests and the
// SSH benchmark: its own sshd_config, ed25519 host key and user key in a temporary folder, key login
// for the current user (root in CI). Can be killed (with the per-connection processes, as a crash or
// a lost machine would) and started again on the same port.
class SshdFixture
{
public:
    SshdFixture();
    ~SshdFixture();

    // Generates the keys and the config; false with error() when it cannot (no sshd, no ssh-keygen).
    bool prepare();
    // A folder put first on the PATH of the commands the server runs (sshd_config SetEnv), for
    // commands that stand in for what this machine lacks (macOS's top and vm_stat, nvidia-smi).
    // Call before prepare().
    void setRemotePathPrefix(const QString &dir) { m_pathPrefix = dir; }
    // Writes an executable shell script of that name into `dir`; false with error() on failure.
    bool writeShim(const QString &dir, const QString &name, const QByteArray &script);
    bool start();
    void kill();
    QString error() const { return m_error; }

    int port() const { return m_port; }
    QString dir() const { return m_dir.path(); }
    QString clientKey() const { return m_dir.filePath(QStringLiteral("client_ed25519")); }
    QString hostPublicKeyFile() const { return m_dir.filePath(QStringLiteral("host_ed25519.pub")); }
    // A known_hosts line for this server: "[127.0.0.1]:port ssh-ed25519 AAAA…".
    QByteArray knownHostsLine() const;
    // A fresh known_hosts path in the temporary folder (not created).
    QString knownHostsPath(const QString &name = QStringLiteral("known_hosts")) const { return m_dir.filePath(name); }
    // Makes another key pair (with this passphrase) of this type; returns the private key's path.
    QString generateKey(
        const QString &name, const QString &passphrase = {}, const QString &type = QStringLiteral("ed25519"));
    // Lets the key pair whose private key is at this path log in too, with these authorized_keys
    // options before the key (e.g. command="…" to run that instead of what the client asks for).
    bool authorize(const QString &privateKey, const QByteArray &keyOptions = {});
    // Runs a program to its end; its stdout, or empty with error() on failure.
    QByteArray runTool(const QString &program, const QStringList &arguments);
    // The output sshd wrote so far (its -e log), for failure messages.
    QByteArray log();

private:
    QTemporaryDir m_dir;
    QProcess m_sshd;
    int m_port = 0;
    QString m_error;
    QByteArray m_log;
    QString m_pathPrefix;
};
