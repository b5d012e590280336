// SshConnection and SshSource against a real OpenSSH sshd on loopback (SshdFixture): sampling, host
// key checks, authentication errors, timeouts, and reconnecting after the server dies.
#include "hostkeydecision.h"
#include "knownhostsfile.h"
#include "sshconnection.h"
#include "sshdfixture.h"
#include "sshsource.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <memory>
#include <mutex>

namespace {
constexpr int kWaitMs = 15000;

// Collects what a connection reports, in the test's thread.
struct Probe
{
    QObject context;
    QList<ConnectionState> states;
    QList<Sample> samples;
    QList<double> latencies;
    QStringList failures;

    void watch(SshConnection *c)
    {
        QObject::connect(c, &SshConnection::stateChanged, &context, [this](const ConnectionState &s) { states << s; });
        QObject::connect(c, &SshConnection::sampleReady, &context, [this](quint64, const Sample &s, double latency) {
            samples << s;
            latencies << latency;
        });
        QObject::connect(
            c, &SshConnection::sampleFailed, &context, [this](quint64, const QString &reason) { failures << reason; });
    }
    ConnectionState last() const { return states.isEmpty() ? ConnectionState() : states.last(); }
    qsizetype count(ConnectionState::Kind kind, qsizetype from = 0) const
    {
        return std::count_if(
            states.begin() + from, states.end(), [kind](const ConnectionState &s) { return s.kind == kind; });
    }
    bool reached(ConnectionState::Kind kind) const { return count(kind) > 0; }
};

// The waits between tries, timed in the connection's own thread (a direct connection), so that the
// test's event loop adds nothing: from a wait's first "reconnecting in N s" to the next "connecting".
struct Backoff
{
    std::mutex mutex;
    QElapsedTimer clock;
    qint64 waitingSince = -1;
    QList<qint64> waitsMs;

    void watch(SshConnection *c)
    {
        clock.start();
        QObject::connect(
            c, &SshConnection::stateChanged, c,
            [this](const ConnectionState &s) {
                std::lock_guard<std::mutex> lock(mutex);
                if (s.kind == ConnectionState::Reconnecting && waitingSince < 0) {
                    waitingSince = clock.elapsed();
                } else if (s.kind == ConnectionState::Connecting && waitingSince >= 0) {
                    waitsMs << clock.elapsed() - waitingSince;
                    waitingSince = -1;
                }
            },
            Qt::DirectConnection);
    }
    QList<qint64> waits()
    {
        std::lock_guard<std::mutex> lock(mutex);
        return waitsMs;
    }
};

QString describe(const Probe &p)
{
    QStringList lines;
    for (const ConnectionState &s : p.states)
        lines << s.text();
    return lines.join(QStringLiteral(" | "));
}
} // namespace

class TestSshConnection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void samplesLinux();
    void sourceAnswersEveryTick();
    void firstSampleRightAfterPrimingHasCpu();
    void acceptsHashedKnownHosts();
    void reconnectsAfterServerDies();
    void silentListenerTimesOut();
    void wrongKeyIsAnAuthenticationError();
    void retryNowAfterTheKeyIsAuthorized();
    void retryNowSkipsTheBackoff();
    void changedHostKeyIsRefused();
    void unknownHostKey_data();
    void unknownHostKey();
    void askedHostKey();
    void backoffDoublesToThirtySeconds();
    void loggedInButSilentHostBacksOff();
    void stateNewsForTheLog_data();
    void stateNewsForTheLog();
    void keyWithPassphrase();
    void rsaKeyIsExplained();
    void cleanupTestCase();

private:
    SshOptions options(const QString &knownHosts) const;
    void writeKnownHosts(const QString &path, const QByteArray &text);
    std::unique_ptr<SshConnection> connectTo(Probe &probe, const SshOptions &o);
    // Requests a sample every intervalMs while waiting for `until`, or kWaitMs.
    bool sampleUntil(SshConnection &c, const std::function<bool()> &until, int intervalMs = 200);

    SshdFixture m_sshd;
    QString m_trusted; // a known_hosts that holds the server's key
};

void TestSshConnection::initTestCase()
{
    QVERIFY2(m_sshd.prepare(), qPrintable(m_sshd.error()));
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.error()));
    m_trusted = m_sshd.knownHostsPath(QStringLiteral("trusted_known_hosts"));
    writeKnownHosts(m_trusted, m_sshd.knownHostsLine());
}

void TestSshConnection::cleanupTestCase()
{
    m_sshd.kill();
}

SshOptions TestSshConnection::options(const QString &knownHosts) const
{
    SshOptions o;
    o.host = QStringLiteral("127.0.0.1");
    o.port = m_sshd.port();
    o.keyFile = m_sshd.clientKey();
    o.knownHostsFile = knownHosts;
    o.intervalMs = 200;
    o.timeoutMs = 3000;
    o.firstRetryMs = 200;
    o.maxRetryMs = 800;
    return o;
}

void TestSshConnection::writeKnownHosts(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

std::unique_ptr<SshConnection> TestSshConnection::connectTo(Probe &probe, const SshOptions &o)
{
    auto c = std::make_unique<SshConnection>(o);
    probe.watch(c.get());
    c->start();
    return c;
}

bool TestSshConnection::sampleUntil(SshConnection &c, const std::function<bool()> &until, int intervalMs)
{
    QTimer ticker;
    quint64 tick = 0;
    connect(&ticker, &QTimer::timeout, &c, [&] { c.requestSample(++tick); });
    ticker.start(intervalMs);
    QElapsedTimer waited;
    waited.start();
    while (!until() && waited.elapsed() < kWaitMs)
        QTest::qWait(20);
    return until();
}

void TestSshConnection::samplesLinux()
{
    Probe probe;
    auto c = connectTo(probe, options(m_trusted));
    QVERIFY2(sampleUntil(*c, [&] { return probe.samples.size() >= 3; }),
        qPrintable(describe(probe) + QStringLiteral("\n") + QString::fromLocal8Bit(m_sshd.log())));
    QCOMPARE(probe.last().kind, ConnectionState::Connected);
    QCOMPARE(probe.last().os, QStringLiteral("Linux"));
    QVERIFY(probe.reached(ConnectionState::Connecting));
    for (qsizetype i = 0; i < probe.samples.size(); ++i) {
        const Sample &s = probe.samples[i];
        // The connection primes the CPU counters, so even the first answered sample has a CPU %.
        QVERIFY(s.has(Metric::CpuPercent));
        QVERIFY(s.value(Metric::CpuPercent) >= 0 && s.value(Metric::CpuPercent) <= 100);
        QVERIFY(s.value(Metric::MemoryPercent) > 0 && s.value(Metric::MemoryPercent) < 100);
        QVERIFY(s.value(Metric::MemoryUsedMb) > 0);
        QVERIFY(!s.has(Metric::ServerUp)); // not this source's business: NaN, never 0
        QVERIFY(probe.latencies[i] >= 0);
    }
    QVERIFY(!std::isnan(probe.last().latencyMs));
}

void TestSshConnection::firstSampleRightAfterPrimingHasCpu()
{
    // Requests every 2 ms, so the first one the connection takes follows its priming read at once:
    // within one clock tick of /proc/stat the counters have not moved, and the CPU % would be missing
    // (regression, seen as a flaky samplesLinux). Several connections, since a tick may just fall
    // between the two reads.
    for (int round = 0; round < 10; ++round) {
        Probe probe;
        auto c = connectTo(probe, options(m_trusted));
        QVERIFY2(sampleUntil(
                     *c, [&] { return !probe.samples.isEmpty(); }, 2),
            qPrintable(describe(probe)));
        QVERIFY2(probe.samples.first().has(Metric::CpuPercent), qPrintable(QStringLiteral("round %1").arg(round)));
    }
}

void TestSshConnection::sourceAnswersEveryTick()
{
    // Through the Source interface: every request answered exactly once, failed() before connecting.
    SshSource source(options(m_trusted));
    QMap<quint64, int> answers;
    int samples = 0;
    connect(&source, &Source::sampleReady, this, [&](quint64 tick, const Sample &) {
        ++answers[tick];
        ++samples;
    });
    connect(&source, &Source::failed, this, [&](quint64 tick, const QString &) { ++answers[tick]; });
    QList<ConnectionState> states;
    connect(&source, &Source::connectionStateChanged, this, [&](const ConnectionState &s) { states << s; });
    quint64 tick = 0;
    QElapsedTimer waited;
    waited.start();
    while (samples < 3 && waited.elapsed() < kWaitMs) {
        source.requestSample(++tick);
        QTest::qWait(150);
    }
    QTest::qWait(500);
    QVERIFY(samples >= 3);
    QVERIFY(!states.isEmpty());
    QCOMPARE(source.state().kind, ConnectionState::Connected);
    for (auto it = answers.cbegin(); it != answers.cend(); ++it)
        QVERIFY2(
            it.value() == 1, qPrintable(QStringLiteral("tick %1 answered %2 times").arg(it.key()).arg(it.value())));
    QVERIFY(answers.size() >= int(tick) - 1);
}

void TestSshConnection::acceptsHashedKnownHosts()
{
    // ssh-keygen -H turns the names into "|1|salt|hash" entries; libssh2_knownhost must match them.
    const QString path = m_sshd.knownHostsPath(QStringLiteral("hashed_known_hosts"));
    writeKnownHosts(path,
        QByteArray("other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBnl2ZRvqyv4FcZvAb0CIjQxP3fCMFXC3Re4HUkS7tb+\n")
            + m_sshd.knownHostsLine());
    QVERIFY(
        !m_sshd.runTool(QStringLiteral("ssh-keygen"), { QStringLiteral("-H"), QStringLiteral("-f"), path }).isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY2(text.startsWith("|1|") && !text.contains("127.0.0.1"), text.constData());

    Probe probe;
    auto c = connectTo(probe, options(path));
    QVERIFY2(sampleUntil(*c, [&] { return !probe.samples.isEmpty(); }), qPrintable(describe(probe)));
    // The line finder reads hashed entries too.
    QCOMPARE(KnownHostsFile::lineOf(text, KnownHostsFile::hostPattern(QStringLiteral("127.0.0.1"), m_sshd.port())), 2);
}

void TestSshConnection::reconnectsAfterServerDies()
{
    Probe probe;
    auto c = connectTo(probe, options(m_trusted));
    QVERIFY2(sampleUntil(*c, [&] { return probe.samples.size() >= 2; }), qPrintable(describe(probe)));

    // The event loop of this thread must keep turning while the connection is lost and retried.
    QElapsedTimer sinceTurn;
    sinceTurn.start();
    qint64 longestGapMs = 0;
    QTimer turn;
    connect(&turn, &QTimer::timeout, this, [&] { longestGapMs = qMax(longestGapMs, sinceTurn.restart()); });
    turn.start(10);

    m_sshd.kill();
    const qsizetype before = probe.samples.size();
    QVERIFY2(sampleUntil(*c, [&] { return probe.last().kind == ConnectionState::Reconnecting; }),
        qPrintable(describe(probe)));
    QVERIFY(probe.last().retryInSeconds >= 1);
    QVERIFY2(!probe.last().detail.isEmpty(), qPrintable(describe(probe)));
    QVERIFY(probe.last().text().startsWith(QStringLiteral("reconnecting in ")));
    // Still down a moment later: requests fail (the machine's cells stay empty), none hang.
    const qsizetype failuresBefore = probe.failures.size();
    QVERIFY(sampleUntil(*c, [&] { return probe.failures.size() >= failuresBefore + 3; }));
    QCOMPARE(probe.samples.size(), before);

    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.error()));
    QVERIFY2(sampleUntil(*c, [&] { return probe.samples.size() >= before + 2; }), qPrintable(describe(probe)));
    QCOMPARE(probe.last().kind, ConnectionState::Connected);
    turn.stop();
    // Generous: the point is that nothing in this thread waits on the dead socket.
    QVERIFY2(longestGapMs < 1000, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(longestGapMs)));
}

void TestSshConnection::silentListenerTimesOut()
{
    // The kernel completes the TCP handshake for a listening socket; nobody ever says a word.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    silent.pauseAccepting();
    SshOptions o = options(m_trusted);
    o.port = silent.serverPort();
    o.timeoutMs = 500;
    Probe probe;
    auto c = connectTo(probe, o);
    QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Reconnecting, kWaitMs);
    QVERIFY2(probe.last().detail.contains(QStringLiteral("did not answer within 0.5 s")), qPrintable(describe(probe)));
    QVERIFY(probe.last().detail.contains(QStringLiteral("127.0.0.1:%1").arg(o.port)));
}

void TestSshConnection::wrongKeyIsAnAuthenticationError()
{
    SshOptions o = options(m_trusted);
    o.keyFile = m_sshd.generateKey(QStringLiteral("stranger_ed25519"));
    QVERIFY(!o.keyFile.isEmpty());
    Probe probe;
    auto c = connectTo(probe, o);
    QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
    QVERIFY2(probe.last().detail.contains(o.keyFile), qPrintable(describe(probe)));
    QVERIFY2(probe.last().detail.contains(QStringLiteral("authentication")), qPrintable(describe(probe)));
    QVERIFY(probe.last().text().startsWith(QStringLiteral("failed: ")));
    QVERIFY(!probe.reached(ConnectionState::Connected));
}

void TestSshConnection::retryNowAfterTheKeyIsAuthorized()
{
    // A failure stays put (no retry loop hammering the server with a refused key) until the person
    // fixes the cause and asks for another try.
    SshOptions o = options(m_trusted);
    o.keyFile = m_sshd.generateKey(QStringLiteral("late_ed25519"));
    QVERIFY(!o.keyFile.isEmpty());
    Probe probe;
    auto c = connectTo(probe, o);
    QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
    const qsizetype connectingBefore = probe.count(ConnectionState::Connecting);
    QTest::qWait(1500); // longer than the test's backoff: nothing happens by itself
    QCOMPARE(probe.last().kind, ConnectionState::Failed);
    QCOMPARE(probe.count(ConnectionState::Connecting), connectingBefore);

    QVERIFY(m_sshd.authorize(o.keyFile));
    c->retryNow();
    QVERIFY2(sampleUntil(*c, [&] { return !probe.samples.isEmpty(); }), qPrintable(describe(probe)));
    QCOMPARE(probe.last().kind, ConnectionState::Connected);
    // Connected: asking again changes nothing.
    const qsizetype states = probe.states.size();
    c->retryNow();
    QTest::qWait(300);
    QCOMPARE(probe.count(ConnectionState::Connected, states), probe.states.size() - states);
}

void TestSshConnection::retryNowSkipsTheBackoff()
{
    // Nothing listens on this port: the connection waits 20 s before its next try, unless asked.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const int port = closed.serverPort();
    closed.close();
    SshOptions o = options(m_trusted);
    o.port = port;
    o.firstRetryMs = 20000;
    o.maxRetryMs = 20000;
    Probe probe;
    auto c = connectTo(probe, o);
    QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Reconnecting, kWaitMs);
    QVERIFY2(probe.last().retryInSeconds > 10, qPrintable(describe(probe)));
    const qsizetype states = probe.states.size();
    QElapsedTimer asked;
    asked.start();
    c->retryNow();
    QTRY_VERIFY_WITH_TIMEOUT(probe.count(ConnectionState::Connecting, states) > 0, 5000);
    QVERIFY2(asked.elapsed() < 5000, qPrintable(describe(probe)));
}

void TestSshConnection::changedHostKeyIsRefused()
{
    // Line 1: another host; line 2: this server's name with some other machine's key.
    const QString otherKey = m_sshd.generateKey(QStringLiteral("impostor_host_ed25519"));
    QFile pub(otherKey + QStringLiteral(".pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    const QList<QByteArray> parts = pub.readAll().trimmed().split(' ');
    const QString path = m_sshd.knownHostsPath(QStringLiteral("changed_known_hosts"));
    const QByteArray before = "other.example " + parts[0] + ' ' + parts[1] + "\n"
        + QStringLiteral("[127.0.0.1]:%1 ").arg(m_sshd.port()).toLatin1() + parts[0] + ' ' + parts[1] + "\n";
    writeKnownHosts(path, before);

    Probe probe;
    auto c = connectTo(probe, options(path));
    QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
    const QString detail = probe.last().detail;
    QVERIFY2(detail.contains(QStringLiteral("CHANGED")), qPrintable(detail));
    QVERIFY2(detail.contains(path + QStringLiteral(":2")), qPrintable(detail));
    QVERIFY(!probe.reached(ConnectionState::Connected));
    QFile after(path);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before);
}

void TestSshConnection::unknownHostKey_data()
{
    QTest::addColumn<bool>("accept");
    QTest::addRow("headless refuses") << false;
    QTest::addRow("--accept-new-host-keys") << true;
}

void TestSshConnection::unknownHostKey()
{
    QFETCH(bool, accept);
    const QString path = m_sshd.knownHostsPath(QStringLiteral("sub/new_known_hosts_%1").arg(accept));
    SshOptions o = options(path);
    o.newHostKeys = accept ? SshOptions::NewHostKeys::Accept : SshOptions::NewHostKeys::Refuse;
    // The fingerprint as OpenSSH prints it: "256 SHA256:… comment (ED25519)".
    const QByteArray keygen = m_sshd.runTool(
        QStringLiteral("ssh-keygen"), { QStringLiteral("-l"), QStringLiteral("-f"), m_sshd.hostPublicKeyFile() });
    const QByteArray fingerprint = keygen.split(' ').value(1);
    QVERIFY2(fingerprint.startsWith("SHA256:"), keygen.constData());

    Probe probe;
    auto c = connectTo(probe, o);
    if (!accept) {
        QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
        QVERIFY2(probe.last().detail.contains(QString::fromLatin1(fingerprint)), qPrintable(describe(probe)));
        QVERIFY(probe.last().detail.contains(QStringLiteral("--accept-new-host-keys")));
        QVERIFY(!QFile::exists(path));
        return;
    }
    QVERIFY2(sampleUntil(*c, [&] { return !probe.samples.isEmpty(); }), qPrintable(describe(probe)));
    // OpenSSH itself finds the recorded key.
    const QByteArray found = m_sshd.runTool(QStringLiteral("ssh-keygen"),
        { QStringLiteral("-F"), QStringLiteral("[127.0.0.1]:%1").arg(m_sshd.port()), QStringLiteral("-f"), path });
    QVERIFY2(found.contains("ssh-ed25519"), qPrintable(m_sshd.error()));
    // And the next connection trusts it without asking.
    c.reset();
    Probe again;
    SshOptions strict = options(path);
    auto c2 = connectTo(again, strict);
    QVERIFY2(sampleUntil(*c2, [&] { return !again.samples.isEmpty(); }), qPrintable(describe(again)));
}

void TestSshConnection::askedHostKey()
{
    const QString path = m_sshd.knownHostsPath(QStringLiteral("asked_known_hosts"));
    for (bool accept : { false, true }) {
        SshOptions o = options(path);
        o.newHostKeys = SshOptions::NewHostKeys::Ask;
        Probe probe;
        auto c = connectTo(probe, o);
        QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::AwaitingHostKey, kWaitMs);
        const ConnectionState asked = probe.last();
        QVERIFY(asked.fingerprint.startsWith(QStringLiteral("SHA256:")));
        QCOMPARE(asked.keyType, QStringLiteral("ED25519"));
        QCOMPARE(asked.host, QStringLiteral("[127.0.0.1]:%1").arg(m_sshd.port()));
        QCOMPARE(asked.knownHostsFile, path);
        QVERIFY(asked.decision);
        asked.decision->answer(accept);
        if (accept) {
            QVERIFY2(sampleUntil(*c, [&] { return !probe.samples.isEmpty(); }), qPrintable(describe(probe)));
            QVERIFY(QFile::exists(path));
        } else {
            QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
            QVERIFY(!QFile::exists(path));
        }
    }
}

void TestSshConnection::backoffDoublesToThirtySeconds()
{
    const SshOptions defaults;
    QCOMPARE(defaults.firstRetryMs, 1000);
    QCOMPARE(defaults.maxRetryMs, 30000);
    QCOMPARE(defaults.timeoutMs, 10000);
    QList<int> waits { defaults.firstRetryMs };
    while (waits.size() < 8)
        waits << SshConnection::nextRetryMs(waits.last(), defaults.maxRetryMs);
    QCOMPARE(waits, (QList<int> { 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 }));
}

void TestSshConnection::loggedInButSilentHostBacksOff()
{
    // A host that takes the connection, the handshake and the login, then never answers the sampling
    // command (a hung machine, a stuck shell): every try ends at the timeout, and the waits between
    // tries double as after any other failure, back to the first only once a sample has come
    // (regression: reset at every login, so a full handshake every second), with one reason
    // throughout instead of two taking turns.
    const QString mute = QDir(m_sshd.dir()).filePath(QStringLiteral("mute"));
    const QString key = m_sshd.generateKey(QStringLiteral("mute_ed25519"));
    QVERIFY(!key.isEmpty());
    // While the file `mute` exists, this key's logins swallow the requests and never answer.
    const QByteArray forced
        = QByteArray("command=\"test -e '%1' && exec cat >/dev/null; eval \\\"$SSH_ORIGINAL_COMMAND\\\"\"")
              .replace("%1", mute.toUtf8());
    QVERIFY(m_sshd.authorize(key, forced));
    QFile muted(mute);
    QVERIFY(muted.open(QIODevice::WriteOnly));
    muted.close();
    SshOptions o = options(m_trusted);
    o.keyFile = key;
    o.timeoutMs = 300;
    o.firstRetryMs = 100;
    o.maxRetryMs = 400;
    const auto expectWaits = [](const QList<qint64> &waits, const QList<qint64> &expected) {
        for (qsizetype i = 0; i < expected.size(); ++i) {
            // Never shorter; longer only by what a busy machine may add.
            if (waits.value(i) < expected[i] - 20 || waits.value(i) > expected[i] + 250)
                return false;
        }
        return true;
    };
    const auto said = [](const QList<qint64> &waits) -> QString {
        QStringList out;
        for (qint64 w : waits)
            out << QString::number(w);
        return QStringLiteral("waits (ms): ") + out.join(u' ');
    };

    Probe probe;
    Backoff backoff;
    auto c = std::make_unique<SshConnection>(o);
    probe.watch(c.get());
    backoff.watch(c.get());
    c->start();
    QVERIFY2(sampleUntil(
                 *c, [&] { return backoff.waits().size() >= 4; }, 20),
        qPrintable(describe(probe)));
    const QList<qint64> waits = backoff.waits();
    QVERIFY2(expectWaits(waits, { 100, 200, 400, 400 }), qPrintable(said(waits)));
    QVERIFY(probe.samples.isEmpty());
    // One reason for every try, in the state and in the failed samples alike.
    const QString timedOut = QStringLiteral("127.0.0.1:%1 did not answer within 0.3 s (a sample)").arg(o.port);
    for (const ConnectionState &s : std::as_const(probe.states)) {
        if (s.kind == ConnectionState::Reconnecting)
            QCOMPARE(s.detail, timedOut);
    }
    const qsizetype first
        = probe.failures.indexOf(QStringLiteral("not connected to 127.0.0.1:%1 (%2)").arg(o.port).arg(timedOut));
    QVERIFY2(first >= 0, qPrintable(probe.failures.join(u'\n')));
    QCOMPARE(QSet<QString>(probe.failures.begin() + first, probe.failures.end()).size(), 1);

    // It answers: samples, and after the next loss the waits start again from the first.
    QVERIFY(QFile::remove(mute));
    QVERIFY2(sampleUntil(
                 *c, [&] { return !probe.samples.isEmpty(); }, 20),
        qPrintable(describe(probe)));
    QVERIFY(muted.open(QIODevice::WriteOnly));
    muted.close();
    const qsizetype before = backoff.waits().size();
    m_sshd.kill();
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.error()));
    QVERIFY2(sampleUntil(
                 *c, [&] { return backoff.waits().size() >= before + 2; }, 20),
        qPrintable(describe(probe)));
    const QList<qint64> after = backoff.waits().mid(before);
    QVERIFY2(expectWaits(after, { 100, 200 }), qPrintable(said(after)));
}

void TestSshConnection::stateNewsForTheLog_data()
{
    const auto state = [](ConnectionState::Kind kind, const QString &detail = {}, int retryIn = 0) {
        ConnectionState s;
        s.kind = kind;
        s.detail = detail;
        s.retryInSeconds = retryIn;
        return s;
    };
    const QString silent = QStringLiteral("did not answer within 10 s (a sample)");
    QTest::addColumn<ConnectionState>("said");
    QTest::addColumn<ConnectionState>("next");
    QTest::addColumn<bool>("news");
    QTest::addRow("first") << ConnectionState() << state(ConnectionState::Connecting) << true;
    QTest::addRow("lost") << state(ConnectionState::Connected) << state(ConnectionState::Reconnecting, silent, 1)
                          << true;
    QTest::addRow("countdown") << state(ConnectionState::Reconnecting, silent, 4)
                               << state(ConnectionState::Reconnecting, silent, 3) << false;
    QTest::addRow("a retry connecting") << state(ConnectionState::Reconnecting, silent, 1)
                                        << state(ConnectionState::Connecting) << false;
    QTest::addRow("failing the same way")
        << state(ConnectionState::Reconnecting, silent, 1) << state(ConnectionState::Reconnecting, silent, 2) << false;
    QTest::addRow("failing another way") << state(ConnectionState::Reconnecting, silent,
        2) << state(ConnectionState::Reconnecting, QStringLiteral("connection refused"), 4)
                                         << true;
    QTest::addRow("connected again") << state(ConnectionState::Reconnecting, silent, 1)
                                     << state(ConnectionState::Connected) << true;
    QTest::addRow("failed") << state(ConnectionState::Reconnecting, silent, 1)
                            << state(ConnectionState::Failed, QStringLiteral("authentication failed")) << true;
    QTest::addRow("retried by hand") << state(ConnectionState::Failed, QStringLiteral("authentication failed"))
                                     << state(ConnectionState::Connecting) << true;
}

void TestSshConnection::stateNewsForTheLog()
{
    // What `perfdash log` prints: each change once, not every retry of a machine failing the same way.
    QFETCH(ConnectionState, said);
    QFETCH(ConnectionState, next);
    QFETCH(bool, news);
    QCOMPARE(next.isNewsAfter(said), news);
}

void TestSshConnection::keyWithPassphrase()
{
    const QString key = m_sshd.generateKey(QStringLiteral("locked_ed25519"), QStringLiteral("open sesame"));
    QVERIFY(!key.isEmpty());
    QVERIFY(m_sshd.authorize(key));
    SshOptions o = options(m_trusted);
    o.keyFile = key;
    {
        // Headless, none given: a clear error, no connection.
        Probe probe;
        auto c = connectTo(probe, o);
        QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
        QVERIFY2(probe.last().detail.contains(QStringLiteral("passphrase")), qPrintable(describe(probe)));
        QVERIFY(probe.last().detail.contains(key));
    }
    {
        Probe probe;
        SshOptions wrong = o;
        wrong.passphrase = QStringLiteral("not it");
        auto c = connectTo(probe, wrong);
        QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
        QVERIFY2(probe.last().detail.contains(QStringLiteral("not right")), qPrintable(describe(probe)));
    }
    {
        Probe probe;
        SshOptions given = o;
        given.passphrase = QStringLiteral("open sesame");
        auto c = connectTo(probe, given);
        QVERIFY2(sampleUntil(*c, [&] { return !probe.samples.isEmpty(); }), qPrintable(describe(probe)));
    }
    {
        // The GUI asks; a wrong answer asks again, the right one connects.
        Probe probe;
        SshOptions asking = o;
        asking.askPassphrase = true;
        auto c = connectTo(probe, asking);
        QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::AwaitingPassphrase, kWaitMs);
        QCOMPARE(probe.last().keyFile, key);
        QVERIFY(probe.last().detail.isEmpty());
        probe.last().decision->answer(true, QStringLiteral("wrong"));
        QTRY_VERIFY_WITH_TIMEOUT(
            probe.last().kind == ConnectionState::AwaitingPassphrase && !probe.last().decision->answered(), kWaitMs);
        QVERIFY(!probe.last().detail.isEmpty()); // "the passphrase was not right"
        probe.last().decision->answer(true, QStringLiteral("open sesame"));
        QVERIFY2(sampleUntil(*c, [&] { return !probe.samples.isEmpty(); }), qPrintable(describe(probe)));
    }
}

void TestSshConnection::rsaKeyIsExplained()
{
    // libssh2 1.10 signs RSA keys with SHA-1 only, which OpenSSH 8.8+ refuses even when authorized.
    const QString key = m_sshd.generateKey(QStringLiteral("old_rsa"), {}, QStringLiteral("rsa"));
    QVERIFY(!key.isEmpty());
    QVERIFY(m_sshd.authorize(key));
    SshOptions o = options(m_trusted);
    o.keyFile = key;
    Probe probe;
    auto c = connectTo(probe, o);
    QTRY_VERIFY_WITH_TIMEOUT(probe.last().kind == ConnectionState::Failed, kWaitMs);
    QVERIFY2(probe.last().detail.contains(QStringLiteral("use an ed25519 key")), qPrintable(describe(probe)));
    QVERIFY(probe.last().detail.contains(key));
}

QTEST_GUILESS_MAIN(TestSshConnection)
#include "tst_sshconnection.moc"
