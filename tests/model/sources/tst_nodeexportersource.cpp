// A machine watched through Prometheus' node_exporter (NodeExporterSource): a loopback server that
// serves the real capture tests/fixtures/node_exporter_debian12.txt with its CPU counters advanced
// by known amounts, hostile answers, and the real Debian prometheus-node-exporter when installed.
#include "fakehttpserver.h"
#include "meminfoparser.h"
#include "nodeexporter.h"
#include "nodeexportersource.h"
#include "prometheusparser.h"
#include "testutil.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <cmath>

namespace {
constexpr int kWaitMs = 10000;

// Per CPU and mode, the seconds added between two captures, in hundredths (exact in the text).
// cpu0: busy 3.00 + 0.50 + 0.25 (steal) = 3.75 s, idle 6.00 + 0.25 (iowait) = 6.25 s.
// cpu1: busy 1.00 + 0.25 + 0.40 + 0.05 + 0.05 = 1.75 s, idle 8.25 s.
// Together 5.50 s busy of 20.00 s: 27.5 %.
int deltaHundredths(const QString &cpu, const QString &mode)
{
    static const QHash<QString, int> cpu0 { { QStringLiteral("user"), 300 }, { QStringLiteral("system"), 50 },
        { QStringLiteral("idle"), 600 }, { QStringLiteral("iowait"), 25 }, { QStringLiteral("steal"), 25 } };
    static const QHash<QString, int> cpu1 { { QStringLiteral("user"), 100 }, { QStringLiteral("nice"), 25 },
        { QStringLiteral("system"), 40 }, { QStringLiteral("idle"), 825 }, { QStringLiteral("irq"), 5 },
        { QStringLiteral("softirq"), 5 } };
    return (cpu == QLatin1String("0") ? cpu0 : cpu1).value(mode);
}
constexpr double kCpuPercent = 27.5;

// The capture's memory: MemTotal 25274793984 B = 24682416 KiB, MemAvailable 24350089216 B =
// 23779384 KiB: 903032 KiB used = 3.6586045709625834 %, 881.8671875 MiB.
constexpr double kMemoryPercent1 = 100.0 * 903032 / 24682416;
constexpr double kMemoryMb1 = 903032 / 1024.0;
// The later captures: MemAvailable 2.0e10 B = 19531250 KiB: 5151166 KiB used = 20.869780332687043 %,
// 5030.435546875 MiB.
constexpr double kMemoryPercent2 = 100.0 * 5151166 / 24682416;
constexpr double kMemoryMb2 = 5151166 / 1024.0;

// The fixture as node_exporter would serve it at its n-th scrape (n from 1).
QByteArray capture(const QByteArray &fixture, int n)
{
    if (n <= 1)
        return fixture;
    static const QRegularExpression cpuLine(
        QStringLiteral("^node_cpu_seconds_total\\{cpu=\"(\\d+)\",mode=\"(\\w+)\"\\} (\\S+)$"));
    QByteArray out;
    out.reserve(fixture.size() + 1024);
    const QList<QByteArray> lines = fixture.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const QString text = QString::fromLatin1(line);
        const QRegularExpressionMatch m = cpuLine.match(text);
        const int delta = m.hasMatch() ? deltaHundredths(m.captured(1), m.captured(2)) : 0;
        if (delta != 0) {
            const qint64 hundredths = std::llround(m.captured(3).toDouble() * 100) + qint64(n - 1) * delta;
            out += line.left(line.lastIndexOf(' ') + 1) + QByteArray::number(double(hundredths) / 100.0, 'f', 2);
        } else if (n > 1 && line.startsWith("node_memory_MemAvailable_bytes ")) {
            out += "node_memory_MemAvailable_bytes 2e+10";
        } else {
            out += line;
        }
        if (i + 1 < lines.size())
            out += '\n';
    }
    return out;
}

// Drives a source as the sampler would, every answer recorded.
class Driver
{
public:
    Driver(const QUrl &url, int timeoutMs, int tickMs)
        : source(url, timeoutMs)
        , samples(&source, &Source::sampleReady)
        , failures(&source, &Source::failed)
    {
        timer.setInterval(tickMs);
        QObject::connect(&timer, &QTimer::timeout, &source, [this] { source.requestSample(++ticks); });
    }
    void start()
    {
        source.requestSample(++ticks);
        timer.start();
    }
    void stop() { timer.stop(); }
    Sample sample(qsizetype i) const { return samples.at(i).at(1).value<Sample>(); }
    QString lastFailure() const { return failures.isEmpty() ? QString() : failures.last().at(1).toString(); }

    NodeExporterSource source;
    QSignalSpy samples;
    QSignalSpy failures;
    QTimer timer;
    quint64 ticks = 0;
};

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// Lines that must come out as a sample or a warning: neither blank nor a comment.
int contentLines(const QByteArray &text)
{
    int n = 0;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith('#'))
            ++n;
    }
    return n;
}

// The real exporter, stopped however the test ends.
class ExporterProcess
{
public:
    ~ExporterProcess()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(3000)) {
            process.kill();
            process.waitForFinished(3000);
        }
    }
    QProcess process;
};

QString findNodeExporter()
{
    for (const QString &name : { QStringLiteral("prometheus-node-exporter"), QStringLiteral("node_exporter") }) {
        const QString path = QStandardPaths::findExecutable(name);
        if (!path.isEmpty())
            return path;
    }
    const QString debian = QStringLiteral("/usr/bin/prometheus-node-exporter");
    return QFileInfo(debian).isExecutable() ? debian : QString();
}
// How the fake node_exporter fails in failures().
enum class Failure { NotFound, Html, NotNodeExporter, Stall, Refused, Huge };
} // namespace

Q_DECLARE_METATYPE(Failure)

class TestNodeExporterSource : public QObject
{
    Q_OBJECT
private slots:
    void captureAdvances();
    void cpuAndMemoryFromTheCapture();
    void failures_data();
    void failures();
    void realNodeExporter();
};

// The advanced capture really is what the test means: the fixture parsed, the counters moved.
void TestNodeExporterSource::captureAdvances()
{
    const QByteArray fixture = TestUtil::readFixture("node_exporter_debian12.txt");
    QVERIFY2(!fixture.isEmpty(), "tests/fixtures/node_exporter_debian12.txt is missing");
    // Only the 11 node_cpu_seconds_total lines that advance and MemAvailable change.
    const QList<QByteArray> before = fixture.split('\n');
    const QList<QByteArray> after = capture(fixture, 2).split('\n');
    QCOMPARE(after.size(), before.size());
    int changed = 0;
    for (qsizetype i = 0; i < before.size(); ++i)
        changed += before[i] == after[i] ? 0 : 1;
    QCOMPARE(changed, 12);
    const NodeExporterReading a = readNodeExporter(parsePrometheusText(capture(fixture, 1)).samples);
    const NodeExporterReading b = readNodeExporter(parsePrometheusText(capture(fixture, 2)).samples);
    QVERIFY(a.cpu && b.cpu && a.memory && b.memory);
    // user: cpu0 1281.49 + cpu1 1412.15 = 2693.64 s; the later capture 4.00 s more.
    QCOMPARE(a.cpu->ticks[CpuTimes::User], quint64(269364));
    QCOMPARE(b.cpu->ticks[CpuTimes::User] - a.cpu->ticks[CpuTimes::User], quint64(400));
    QCOMPARE(a.memory->totalKiB, quint64(24682416));
    QCOMPARE(a.memory->availableKiB, quint64(23779384));
    QCOMPARE(b.memory->availableKiB, quint64(19531250));
}

// CPU % from node_cpu_seconds_total deltas equals the hand-computed value; memory % exact.
void TestNodeExporterSource::cpuAndMemoryFromTheCapture()
{
    const QByteArray fixture = TestUtil::readFixture("node_exporter_debian12.txt");
    QVERIFY(!fixture.isEmpty());
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/metrics"), [&fixture](const FakeHttpServer::Request &r) {
        return FakeHttpServer::text(200, capture(fixture, r.number), "text/plain; version=0.0.4; charset=utf-8");
    });

    Driver driver(server.url(QStringLiteral("/metrics")), 1000, 100);
    driver.start();
    // node_exporter is scraped at most twice a second, whatever the interval.
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount(QStringLiteral("/metrics")) >= 4, kWaitMs);
    QTest::qWait(150);
    driver.stop();
    QCOMPARE(server.maxOpenRequests(), 1);
    QCOMPARE(quint64(driver.samples.count() + driver.failures.count()), driver.ticks);

    int first = 0;
    int later = 0;
    for (qsizetype i = 0; i < driver.samples.size(); ++i) {
        const Sample s = driver.sample(i);
        QVERIFY(s.has(Metric::MemoryPercent));
        QVERIFY(!s.has(Metric::ServerUp));
        if (!s.has(Metric::CpuPercent)) {
            // The first scrape: memory, but one CPU reading is no rate.
            QCOMPARE(s.value(Metric::MemoryPercent), kMemoryPercent1);
            QCOMPARE(s.value(Metric::MemoryUsedMb), kMemoryMb1);
            QCOMPARE(later, 0);
            ++first;
            continue;
        }
        QCOMPARE(s.value(Metric::CpuPercent), kCpuPercent);
        QCOMPARE(s.value(Metric::MemoryPercent), kMemoryPercent2);
        QCOMPARE(s.value(Metric::MemoryUsedMb), kMemoryMb2);
        ++later;
    }
    QVERIFY(first >= 1);
    QVERIFY(later >= 3);
}

void TestNodeExporterSource::failures_data()
{
    QTest::addColumn<Failure>("failure");
    QTest::addColumn<QString>("keyword");

    using F = Failure;
    QTest::addRow("404") << F::NotFound << QStringLiteral("HTTP 404");
    QTest::addRow("HTML page") << F::Html << QStringLiteral("not Prometheus metrics");
    QTest::addRow("metrics, but not node_exporter's") << F::NotNodeExporter << QStringLiteral("node_cpu_seconds_total");
    QTest::addRow("headers, then stalls forever") << F::Stall << QStringLiteral("no answer within");
    QTest::addRow("connection refused") << F::Refused << QStringLiteral("refused");
    QTest::addRow("20 MB body") << F::Huge << QStringLiteral("larger than 8 MiB");
}

// A node_exporter that does not answer properly: every tick fails at once with the reason.
void TestNodeExporterSource::failures()
{
    QFETCH(Failure, failure);
    QFETCH(QString, keyword);

    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeHttpServer::Response response;
    switch (failure) {
    case Failure::NotFound:
        response = FakeHttpServer::text(404, "404 page not found\n");
        break;
    case Failure::Html:
        response = FakeHttpServer::text(200, "<html><body><h1>Node Exporter</h1></body></html>", "text/html");
        break;
    case Failure::NotNodeExporter:
        response = FakeHttpServer::text(200,
            "# TYPE vllm:num_requests_running gauge\n"
            "vllm:num_requests_running{model_name=\"m\"} 8.0\n");
        break;
    case Failure::Stall:
        response = FakeHttpServer::behaving(FakeHttpServer::Behaviour::HeadersThenStall);
        break;
    case Failure::Refused:
        break;
    case Failure::Huge:
        response = FakeHttpServer::behaving(FakeHttpServer::Behaviour::Huge);
        break;
    }
    server.setFallback([response](const FakeHttpServer::Request &) { return response; });
    QUrl url = server.url(QStringLiteral("/metrics"));
    if (failure == Failure::Refused)
        url.setPort(freePort());

    Driver driver(url, 400, 100);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(driver.lastFailure().contains(keyword), 3000);
    QTest::qWait(300);
    driver.stop();
    QVERIFY2(driver.lastFailure().contains(keyword), qPrintable(driver.lastFailure()));
    QCOMPARE(driver.samples.count(), 0);
    QCOMPARE(quint64(driver.failures.count()), driver.ticks); // every tick answered at once
    QVERIFY(server.maxOpenRequests() <= 1);
    qDebug("%s", qPrintable(driver.lastFailure()));
}

// Debian's prometheus-node-exporter (installed by scripts/deps.sh for the tests), on a free loopback
// port: its real output parses (every line a sample or a warning), and two scrapes give CPU % and
// memory % in range, the memory close to what /proc/meminfo says on this same machine.
void TestNodeExporterSource::realNodeExporter()
{
    const QString binary = findNodeExporter();
    if (binary.isEmpty())
        QSKIP("prometheus-node-exporter is not installed (apt-get install prometheus-node-exporter)");
    const quint16 port = freePort();
    QVERIFY(port > 0);
    const QString address = QStringLiteral("127.0.0.1:%1").arg(port);
    ExporterProcess exporter;
    exporter.process.setProcessChannelMode(QProcess::MergedChannels);
    exporter.process.start(binary, { QStringLiteral("--web.listen-address=") + address });
    QVERIFY2(exporter.process.waitForStarted(5000), qPrintable(exporter.process.errorString()));
    const QUrl url(QStringLiteral("http://%1/metrics").arg(address));

    // Poll until it answers.
    QNetworkAccessManager network;
    QByteArray body;
    QElapsedTimer clock;
    clock.start();
    while (body.isEmpty() && clock.elapsed() < kWaitMs) {
        QVERIFY2(exporter.process.state() == QProcess::Running, exporter.process.readAll().constData());
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(2000);
        if (reply->isFinished() && reply->error() == QNetworkReply::NoError)
            body = reply->readAll();
        reply->deleteLater();
        if (body.isEmpty())
            QTest::qWait(100);
    }
    QVERIFY2(!body.isEmpty(), exporter.process.readAll().constData());

    const PromParseResult parsed = parsePrometheusText(body);
    QVERIFY(parsed.isExposition);
    for (const ParseWarning &w : parsed.warnings)
        qWarning("line %d: %s", w.line, qPrintable(w.detail));
    QCOMPARE(int(parsed.samples.size() + parsed.warnings.size()), contentLines(body));
    QVERIFY(parsed.samples.size() > 100);
    const NodeExporterReading reading = readNodeExporter(parsed.samples);
    QVERIFY(reading.cpu);
    QVERIFY(reading.memory);
    QVERIFY(!reading.memory->availableEstimated);

    Driver driver(url, 2000, 100);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(
        !driver.samples.isEmpty() && driver.sample(driver.samples.size() - 1).has(Metric::CpuPercent), kWaitMs);
    driver.stop();
    const Sample s = driver.sample(driver.samples.size() - 1);
    const double cpu = s.value(Metric::CpuPercent);
    const double memory = s.value(Metric::MemoryPercent);
    QVERIFY2(cpu >= 0 && cpu <= 100, qPrintable(QString::number(cpu)));
    QVERIFY2(memory > 0 && memory <= 100, qPrintable(QString::number(memory)));
    QVERIFY(s.value(Metric::MemoryUsedMb) > 0);
    const MemInfoResult local = parseMemInfo(TestUtil::readFile(QStringLiteral("/proc/meminfo")));
    if (local.info) {
        // The same machine a moment apart: within a few percent (others are compiling here).
        QVERIFY2(std::abs(local.info->usedPercent() - memory) < 5,
            qPrintable(QStringLiteral("%1 vs %2").arg(local.info->usedPercent()).arg(memory)));
        QCOMPARE(reading.memory->totalKiB, local.info->totalKiB);
    }
    qDebug("node_exporter: %lld samples, %lld warnings; CPU %.1f %%, memory %.1f %%", qint64(parsed.samples.size()),
        qint64(parsed.warnings.size()), cpu, memory);
}

QTEST_GUILESS_MAIN(TestNodeExporterSource)
#include "tst_nodeexportersource.moc"
