#include "sshdfixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

namespace {
const QString kSshd = QStringLiteral("/usr/sbin/sshd");

// The processes whose parent is pid, read from /proc/*/stat.
QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &e : entries) {
        bool ok = false;
        const qint64 p = e.toLongLong(&ok);
        if (!ok)
            continue;
        QFile f(QStringLiteral("/proc/%1/stat").arg(p));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = f.readAll();
        const qsizetype close = stat.lastIndexOf(')');
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 1 && fields[1].toLongLong() == pid)
            out << p;
    }
    return out;
}

void killTree(qint64 pid)
{
    for (qint64 child : childrenOf(pid))
        killTree(child);
    ::kill(pid_t(pid), SIGKILL);
}
} // namespace

SshdFixture::SshdFixture()
{
    m_sshd.setProcessChannelMode(QProcess::MergedChannels);
}

SshdFixture::~SshdFixture()
{
    kill();
}

QByteArray SshdFixture::runTool(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(20000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 %2 failed: %3 %4")
                      .arg(program, arguments.join(QLatin1Char(' ')), p.errorString(),
                          QString::fromLocal8Bit(p.readAllStandardError()));
        return {};
    }
    const QByteArray out = p.readAllStandardOutput();
    return out.isEmpty() ? QByteArray(" ") : out;
}

QString SshdFixture::generateKey(const QString &name, const QString &passphrase, const QString &type)
{
    const QString path = m_dir.filePath(name);
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".pub"));
    if (runTool(QStringLiteral("ssh-keygen"),
            { QStringLiteral("-q"), QStringLiteral("-t"), type, QStringLiteral("-N"), passphrase, QStringLiteral("-C"),
                name, QStringLiteral("-f"), path })
            .isEmpty())
        return {};
    return path;
}

bool SshdFixture::prepare()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    if (!QFile::exists(kSshd)) {
        m_error = QStringLiteral("%1 is missing (openssh-server; scripts/deps.sh installs it)").arg(kSshd);
        return false;
    }
    // Debian's sshd wants its privilege separation folder.
    if (!QFile::exists(QStringLiteral("/run/sshd")) && ::getuid() == 0)
        ::mkdir("/run/sshd", 0755);
    if (generateKey(QStringLiteral("host_ed25519")).isEmpty()
        || generateKey(QStringLiteral("client_ed25519")).isEmpty())
        return false;
    QFile pub(clientKey() + QStringLiteral(".pub"));
    QFile authorized(m_dir.filePath(QStringLiteral("authorized_keys")));
    if (!pub.open(QIODevice::ReadOnly) || !authorized.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write authorized_keys");
        return false;
    }
    authorized.write(pub.readAll());
    authorized.close();

    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) {
        m_error = QStringLiteral("no free port");
        return false;
    }
    m_port = probe.serverPort();
    probe.close();

    QFile config(m_dir.filePath(QStringLiteral("sshd_config")));
    if (!config.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write sshd_config");
        return false;
    }
    const QString text
        = QStringLiteral("Port %1\n"
                         "ListenAddress 127.0.0.1\n"
                         "HostKey %2\n"
                         "PidFile %3\n"
                         "AuthorizedKeysFile %4\n"
                         "PubkeyAuthentication yes\n"
                         "PasswordAuthentication no\n"
                         "KbdInteractiveAuthentication no\n"
                         "PermitRootLogin prohibit-password\n"
                         "StrictModes no\n"
                         "UsePAM no\n"
                         "PrintMotd no\n"
                         "LogLevel VERBOSE\n")
              .arg(m_port)
              .arg(m_dir.filePath(QStringLiteral("host_ed25519")), m_dir.filePath(QStringLiteral("sshd.pid")),
                  m_dir.filePath(QStringLiteral("authorized_keys")));
    config.write(text.toUtf8());
    if (!m_pathPrefix.isEmpty())
        config.write(QStringLiteral("SetEnv PATH=%1:/usr/local/bin:/usr/bin:/bin\n").arg(m_pathPrefix).toUtf8());
    return true;
}

bool SshdFixture::writeShim(const QString &dir, const QString &name, const QByteArray &script)
{
    QDir().mkpath(dir);
    QFile f(QDir(dir).filePath(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(script) != script.size()
        || !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
            | QFile::ReadOther | QFile::ExeOther)) {
        m_error = QStringLiteral("cannot write %1: %2").arg(f.fileName(), f.errorString());
        return false;
    }
    return true;
}

bool SshdFixture::start()
{
    m_sshd.start(kSshd,
        { QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"),
            m_dir.filePath(QStringLiteral("sshd_config")) });
    if (!m_sshd.waitForStarted(5000)) {
        m_error = QStringLiteral("cannot start sshd: %1").arg(m_sshd.errorString());
        return false;
    }
    // Ready once the port accepts connections.
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        if (m_sshd.state() != QProcess::Running) {
            m_error = QStringLiteral("sshd exited: %1").arg(QString::fromLocal8Bit(log()));
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(20);
    }
    m_error = QStringLiteral("sshd does not listen on %1: %2").arg(m_port).arg(QString::fromLocal8Bit(log()));
    return false;
}

void SshdFixture::kill()
{
    if (m_sshd.state() == QProcess::NotRunning)
        return;
    killTree(m_sshd.processId());
    m_sshd.waitForFinished(5000);
    log();
}

QByteArray SshdFixture::log()
{
    m_log += m_sshd.readAll();
    return m_log;
}

QByteArray SshdFixture::knownHostsLine() const
{
    QFile pub(hostPublicKeyFile());
    if (!pub.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = pub.readAll().trimmed().split(' ');
    if (parts.size() < 2)
        return {};
    return QStringLiteral("[127.0.0.1]:%1 ").arg(m_port).toLatin1() + parts[0] + ' ' + parts[1] + '\n';
}

bool SshdFixture::authorize(const QString &privateKey, const QByteArray &keyOptions)
{
    QFile pub(privateKey + QStringLiteral(".pub"));
    QFile authorized(m_dir.filePath(QStringLiteral("authorized_keys")));
    if (!pub.open(QIODevice::ReadOnly) || !authorized.open(QIODevice::Append)) {
        m_error = QStringLiteral("cannot authorize %1").arg(privateKey);
        return false;
    }
    const QByteArray line = keyOptions.isEmpty() ? pub.readAll() : keyOptions + ' ' + pub.readAll();
    return authorized.write(line) > 0;
}
