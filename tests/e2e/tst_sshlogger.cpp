// `perfdash log` with a remote machine over SSH, as a person runs it, against a real loopback sshd:
// an unknown host key is refused unless --accept-new-host-keys (then recorded), and a machine that
// goes away leaves its cells empty while this computer's go on.
#include "csv.h"
#include "sshdfixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kBinary = QStringLiteral(PERFDASH_BINARY);

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The rows of the one log in dir, as name → cell maps.
QList<QHash<QString, QString>> logRows(const QString &dir)
{
    const QStringList logs = QDir(dir).entryList({ QStringLiteral("*.csv") }, QDir::Files);
    if (logs.size() != 1)
        return {};
    const QList<Csv::Record> records = Csv::parse(readAll(QDir(dir).filePath(logs[0])));
    QList<QHash<QString, QString>> rows;
    for (qsizetype i = 1; i < records.size(); ++i) {
        if (!records[i].terminated) // the logger is writing it
            continue;
        QHash<QString, QString> row;
        const QStringList &header = records[0].fields;
        for (qsizetype c = 0; c < header.size() && c < records[i].fields.size(); ++c)
            row.insert(header[c], records[i].fields[c]);
        rows << row;
    }
    return rows;
}
} // namespace

class TestSshLogger : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refusesUnknownHostUnlessAccepted();
    void lostMachineLeavesEmptyCells();
    void silentHostGivenUpAfterItsTimeout();

private:
    QString writeMachines(const QString &knownHosts);
    QProcessEnvironment environment() const;

    SshdFixture m_sshd;
    QTemporaryDir m_tmp;
};

void TestSshLogger::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(m_sshd.prepare(), qPrintable(m_sshd.error()));
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.error()));
}

QProcessEnvironment TestSshLogger::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("data")));
    return env;
}

QString TestSshLogger::writeMachines(const QString &knownHosts)
{
    const QString path = m_tmp.filePath(QStringLiteral("machines.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(QStringLiteral("{\"machines\": [{\"id\": \"box\", \"name\": \"Loopback\", \"host\": \"127.0.0.1\", "
                           "\"port\": %1, \"key_file\": \"%2\", \"known_hosts\": \"%3\"}]}")
                .arg(m_sshd.port())
                .arg(m_sshd.clientKey(), knownHosts)
                .toUtf8());
    return path;
}

void TestSshLogger::refusesUnknownHostUnlessAccepted()
{
    const QString knownHosts = m_tmp.filePath(QStringLiteral("known_hosts"));
    const QString machines = writeMachines(knownHosts);
    QVERIFY(!machines.isEmpty());
    for (bool accept : { false, true }) {
        const QString logDir = m_tmp.filePath(accept ? QStringLiteral("accepted") : QStringLiteral("refused"));
        QStringList args { QStringLiteral("log"), QStringLiteral("--machines"), machines, QStringLiteral("--no-local"),
            QStringLiteral("--interval"), QStringLiteral("0.3"), QStringLiteral("--duration"), QStringLiteral("2.5"),
            QStringLiteral("--log-dir"), logDir };
        if (accept)
            args << QStringLiteral("--accept-new-host-keys");
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(kBinary, args);
        QVERIFY(p.waitForFinished(30000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        if (!accept) {
            QVERIFY2(err.contains(QStringLiteral("refusing to connect to an unknown host")), qPrintable(err));
            QVERIFY(err.contains(QStringLiteral("SHA256:")));
            QVERIFY(!QFile::exists(knownHosts));
            for (const auto &row : logRows(logDir))
                QVERIFY(row.value(QStringLiteral("box_cpu_percent")).isEmpty());
            continue;
        }
        QVERIFY2(err.contains(QStringLiteral("box: SSH connected")), qPrintable(err));
        QVERIFY(readAll(knownHosts)
                    .startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_sshd.port()).toLatin1()));
        const auto rows = logRows(logDir);
        int measured = 0;
        for (const auto &row : rows) {
            const QString cpu = row.value(QStringLiteral("box_cpu_percent"));
            if (cpu.isEmpty())
                continue;
            ++measured;
            QVERIFY(cpu.toDouble() >= 0 && cpu.toDouble() <= 100);
            const double memory = row.value(QStringLiteral("box_memory_percent")).toDouble();
            QVERIFY(memory > 0 && memory < 100);
            // An SSH machine's group has the optional GPU and temperature columns (empty where
            // the machine has no nvidia-smi or sensor); this computer's has not.
            QVERIFY(row.contains(QStringLiteral("box_gpu_percent")));
            QVERIFY(row.contains(QStringLiteral("box_gpu_memory_mb")));
            QVERIFY(row.contains(QStringLiteral("box_temperature_c")));
            QVERIFY(!row.contains(QStringLiteral("local_gpu_percent")));
            const QString gpu = row.value(QStringLiteral("box_gpu_percent"));
            QVERIFY(gpu.isEmpty() || (gpu.toDouble() >= 0 && gpu.toDouble() <= 100));
        }
        QVERIFY2(measured >= 1, qPrintable(err));
    }
}

void TestSshLogger::lostMachineLeavesEmptyCells()
{
    const QString knownHosts = m_tmp.filePath(QStringLiteral("trusted_known_hosts"));
    {
        QFile f(knownHosts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_sshd.knownHostsLine());
    }
    const QString machines = writeMachines(knownHosts);
    const QString logDir = m_tmp.filePath(QStringLiteral("lost"));
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(kBinary,
        { QStringLiteral("log"), QStringLiteral("--machines"), machines, QStringLiteral("--interval"),
            QStringLiteral("0.3"), QStringLiteral("--duration"), QStringLiteral("30"), QStringLiteral("--log-dir"),
            logDir });
    QVERIFY(p.waitForStarted());
    // Wait for rows with the remote's values, then take the remote away.
    const auto remoteRows = [&] {
        int n = 0;
        for (const auto &row : logRows(logDir))
            n += !row.value(QStringLiteral("box_cpu_percent")).isEmpty();
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(remoteRows() >= 2, 15000);
    m_sshd.kill();
    const auto rowsAfter = [&] { return logRows(logDir).size(); };
    const qsizetype atKill = rowsAfter();
    QTRY_VERIFY_WITH_TIMEOUT(rowsAfter() >= atKill + 8, 15000);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.error()));

    const auto rows = logRows(logDir);
    // The last rows: this computer measured, the lost machine empty — never zeros.
    int emptyRemote = 0;
    for (qsizetype i = rows.size() - 5; i < rows.size(); ++i) {
        QVERIFY(!rows[i].value(QStringLiteral("local_cpu_percent")).isEmpty());
        for (const char *column : { "box_cpu_percent", "box_memory_percent", "box_memory_used_mb" })
            emptyRemote += rows[i].value(QLatin1String(column)).isEmpty();
    }
    QCOMPARE(emptyRemote, 15);
    QVERIFY2(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("box: SSH reconnecting in")),
        "no reconnecting state reported");
}

void TestSshLogger::silentHostGivenUpAfterItsTimeout()
{
    // A host that completes the TCP handshake and then says nothing, with "timeout_s": 1 in the
    // machines file: given up after a second and retried, not after the default 10 s; what is said
    // about it is said once, not again on every try.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    silent.pauseAccepting();
    const QString machines = m_tmp.filePath(QStringLiteral("silent.json"));
    {
        QFile f(machines);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("{\"machines\": [{\"id\": \"mute\", \"host\": \"127.0.0.1\", \"port\": %1, "
                               "\"timeout_s\": 1}]}")
                    .arg(silent.serverPort())
                    .toUtf8());
    }
    QProcess p;
    p.setProcessEnvironment(environment());
    p.start(kBinary,
        { QStringLiteral("log"), QStringLiteral("--machines"), machines, QStringLiteral("--interval"),
            QStringLiteral("0.5"), QStringLiteral("--duration"), QStringLiteral("4"), QStringLiteral("--log-dir"),
            m_tmp.filePath(QStringLiteral("silent")) });
    QVERIFY(p.waitForFinished(30000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(err.contains(QStringLiteral("did not answer within 1 s")), qPrintable(err));
    QVERIFY2(err.contains(QStringLiteral("mute: SSH reconnecting in ")), qPrintable(err));
    // Two tries within the 4 s (the second after a wait of 1 s), each "connecting" and then
    // "reconnecting in N s (why)": the second try's are no news (regression: both printed again, with
    // "connecting to …" and "not connected to … (why)" taking turns as the machine's error).
    QCOMPARE(err.count(QStringLiteral("mute: SSH connecting")), 1);
    QCOMPARE(err.count(QStringLiteral("mute: SSH reconnecting in ")), 1);
    QCOMPARE(err.count(QStringLiteral("mute: connecting to ")), 1);
    QCOMPARE(err.count(QStringLiteral("mute: not connected to ")), 1);
    // This computer's cells went on meanwhile.
    const auto rows = logRows(m_tmp.filePath(QStringLiteral("silent")));
    QVERIFY(rows.size() >= 4);
    for (const auto &row : rows)
        QVERIFY(row.value(QStringLiteral("mute_cpu_percent")).isEmpty());
    QVERIFY(!rows.last().value(QStringLiteral("local_cpu_percent")).isEmpty());
}

QTEST_GUILESS_MAIN(TestSshLogger)
#include "tst_sshlogger.moc"
