// The whole path with real parts: a real Prometheus on loopback scraping three real
// prometheus-node-exporter processes and a fake llama.cpp with a known token rate, every second.
// `perfdash log --prometheus` logs the three machines, and `perfdash analyze --prometheus` over the
// last minute finds the fake server's seeded downtime as a server_down period.
#include "fakehttpserver.h"
#include "logreader.h"
#include "prometheusclient.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace {
constexpr double kTokensPerSecond = 50.0;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString address(quint16 port)
{
    return QStringLiteral("127.0.0.1:%1").arg(port);
}

QString idOf(quint16 port)
{
    return QStringLiteral("127_0_0_1_%1").arg(port);
}
} // namespace

class TestPromRealFleet : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        m_prometheus = QStandardPaths::findExecutable(QStringLiteral("prometheus"));
        m_nodeExporter = QStandardPaths::findExecutable(QStringLiteral("prometheus-node-exporter"));
        if (m_nodeExporter.isEmpty())
            m_nodeExporter = QStandardPaths::findExecutable(QStringLiteral("node_exporter"));
        if (m_prometheus.isEmpty() || m_nodeExporter.isEmpty())
            QSKIP("needs the prometheus and prometheus-node-exporter binaries (Debian packages of the same names, "
                  "in scripts/deps.sh's test packages)");
        QVERIFY(m_dir.isValid());
        startParts();
    }

    void logsTheThreeMachines()
    {
        const QString logDir = m_dir.filePath(QStringLiteral("logs"));
        QProcess log;
        log.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("log"), QStringLiteral("--no-local"), QStringLiteral("--prometheus"), m_url,
                QStringLiteral("--interval"), QStringLiteral("1"), QStringLiteral("--duration"), QStringLiteral("5"),
                QStringLiteral("--log-dir"), logDir });
        // The fake llama.cpp answers from this thread: wait on the event loop, never block it.
        QVERIFY(QTest::qWaitFor([&log] { return log.state() == QProcess::NotRunning; }, 30000));
        const QString err = QString::fromUtf8(log.readAllStandardError());
        QCOMPARE(log.exitCode(), 0);
        QVERIFY2(err.contains(QStringLiteral("3 machine(s)")), qPrintable(err));

        const QStringList logs = QDir(logDir).entryList({ QStringLiteral("performance_log_*.csv") });
        QCOMPARE(logs.size(), 1);
        const LogReadResult read = LogReader::read(QDir(logDir).filePath(logs.first()));
        QVERIFY2(read.data, qPrintable(read.error));
        const LogData &d = *read.data;
        QVERIFY2(d.snapshotCount() >= 4, qPrintable(QString::number(d.snapshotCount())));
        QCOMPARE(d.machines.size(), 3);
        for (quint16 port : m_nodePorts) {
            const int m = d.machineIndex(idOf(port));
            QVERIFY2(m >= 0, qPrintable(d.machines.join(u',')));
            for (Metric metric : { Metric::CpuPercent, Metric::MemoryPercent }) {
                int measured = 0;
                for (double v : *d.series(m, metric)) {
                    if (std::isnan(v))
                        continue;
                    ++measured;
                    QVERIFY2(v >= 0 && v <= 100, qPrintable(QString::number(v)));
                }
                QVERIFY2(measured >= 4, qPrintable(metricSuffix(metric)));
            }
            for (double v : *d.series(m, Metric::MemoryUsedMb))
                QVERIFY(std::isnan(v) || v > 1.0);
        }
        // The fake llama.cpp is labelled with the first node_exporter's instance: the same machine.
        const int llama = d.machineIndex(idOf(m_nodePorts[0]));
        int rates = 0;
        for (size_t i = 0; i < d.timeMs.size(); ++i) {
            const double tps = d.series(llama, Metric::TokensPerSecond)->at(i);
            if (std::isnan(tps))
                continue;
            ++rates;
            QVERIFY2(std::abs(tps - kTokensPerSecond) <= 0.05 * kTokensPerSecond, qPrintable(QString::number(tps)));
            QCOMPARE(d.series(llama, Metric::ServerUp)->at(i), 1.0);
            QCOMPARE(d.series(llama, Metric::ActiveRequests)->at(i), 1.0);
        }
        QVERIFY(rates >= 4);
        // The other two have no server: their server cells are empty, never 0.
        for (double v : *d.series(d.machineIndex(idOf(m_nodePorts[1])), Metric::ServerUp))
            QVERIFY(std::isnan(v));
    }

    void analyzeFindsTheSeededDowntime()
    {
        // 6 s down, then up again for 4 s.
        m_llama->close();
        QTest::qWait(6000);
        QVERIFY(m_llama->listen(m_llamaPort));
        QTest::qWait(4000);

        // A marker in the log folder, inside the range: the analysis lists it.
        QProcess mark;
        mark.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("mark"), QStringLiteral("llama restarted"), QStringLiteral("--log-dir"),
                m_dir.filePath(QStringLiteral("logs")) });
        QVERIFY(QTest::qWaitFor([&mark] { return mark.state() == QProcess::NotRunning; }, 30000));
        QCOMPARE(mark.exitCode(), 0);

        const QString json = m_dir.filePath(QStringLiteral("analysis.json"));
        QProcess analyze;
        analyze.start(QStringLiteral(PERFDASH_BINARY),
            { QStringLiteral("analyze"), QStringLiteral("--prometheus"), m_url, QStringLiteral("--from"),
                QStringLiteral("-1m"), QStringLiteral("--json"), json, QStringLiteral("--log-dir"),
                m_dir.filePath(QStringLiteral("logs")) });
        QVERIFY(QTest::qWaitFor([&analyze] { return analyze.state() == QProcess::NotRunning; }, 30000));
        QVERIFY2(analyze.exitCode() == 0, analyze.readAllStandardError().constData());
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("file")).toString(), m_url);
        QVERIFY(root.value(QStringLiteral("machines")).toObject().contains(idOf(m_nodePorts[2])));
        int down = 0;
        for (const QJsonValue &v : root.value(QStringLiteral("issues")).toArray()) {
            const QJsonObject issue = v.toObject();
            if (issue.value(QStringLiteral("kind")).toString() != QLatin1String("server_down"))
                continue;
            QCOMPARE(issue.value(QStringLiteral("machine")).toString(), idOf(m_nodePorts[0]));
            const double seconds = issue.value(QStringLiteral("duration_s")).toDouble();
            QVERIFY2(seconds >= 3 && seconds <= 10, qPrintable(QString::number(seconds)));
            ++down;
        }
        QCOMPARE(down, 1);
        const QJsonArray markers = root.value(QStringLiteral("markers")).toArray();
        QCOMPARE(markers.size(), 1);
        QCOMPARE(markers[0].toObject().value(QStringLiteral("event")).toString(), QStringLiteral("llama restarted"));
    }

    void cleanupTestCase()
    {
        for (auto &p : m_processes) {
            p->terminate();
            p->waitForFinished(5000);
        }
    }

private:
    void startParts()
    {
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
        m_llama = std::make_unique<FakeHttpServer>();
        m_llama->route(QStringLiteral("/metrics"), [t0](const FakeHttpServer::Request &) {
            const double tokens = kTokensPerSecond * double(QDateTime::currentMSecsSinceEpoch() - t0) / 1000.0;
            return FakeHttpServer::text(200,
                "# TYPE llamacpp:tokens_predicted_total counter\nllamacpp:tokens_predicted_total "
                    + QByteArray::number(tokens, 'f', 3)
                    + "\n# TYPE llamacpp:requests_processing gauge\nllamacpp:requests_processing 1\n",
                "text/plain; version=0.0.4");
        });
        QVERIFY(m_llama->listen());
        m_llamaPort = m_llama->port();

        QStringList nodeTargets;
        for (int i = 0; i < 3; ++i) {
            const quint16 port = freePort();
            m_nodePorts << port;
            nodeTargets << u'\'' + address(port) + u'\'';
            start(m_nodeExporter,
                { QStringLiteral("--web.listen-address=") + address(port),
                    QStringLiteral("--collector.disable-defaults"), QStringLiteral("--collector.cpu"),
                    QStringLiteral("--collector.meminfo"), QStringLiteral("--collector.uname") });
        }
        const QString config = QStringLiteral("global:\n  scrape_interval: 1s\n  scrape_timeout: 900ms\n"
                                              "scrape_configs:\n"
                                              "  - job_name: node\n    static_configs:\n      - targets: [%1]\n"
                                              "  - job_name: llama\n    static_configs:\n      - targets: ['%2']\n"
                                              "        labels:\n          instance: '%3'\n")
                                   .arg(nodeTargets.join(u','), address(m_llamaPort), address(m_nodePorts[0]));
        QFile file(m_dir.filePath(QStringLiteral("prometheus.yml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(config.toUtf8());
        file.close();
        const quint16 promPort = freePort();
        m_url = QStringLiteral("http://") + address(promPort);
        start(m_prometheus,
            { QStringLiteral("--config.file=") + file.fileName(),
                QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("tsdb")),
                QStringLiteral("--web.listen-address=") + address(promPort) });
        waitForTargets();
    }

    void start(const QString &program, const QStringList &arguments)
    {
        auto p = std::make_unique<QProcess>();
        p->setStandardOutputFile(QProcess::nullDevice());
        p->setStandardErrorFile(
            m_dir.filePath(QFileInfo(program).fileName() + QStringLiteral(".log")), QIODevice::Append);
        p->start(program, arguments);
        QVERIFY2(p->waitForStarted(5000), qPrintable(program));
        m_processes.push_back(std::move(p));
    }

    // Until the four targets are up and a few scrapes are in (a rate needs two).
    void waitForTargets()
    {
        PrometheusClient::Options options;
        options.url = QUrl(m_url);
        options.timeoutMs = 1000;
        PrometheusClient client(options);
        bool up = false;
        for (int tries = 0; tries < 60 && !up; ++tries) {
            bool answered = false;
            client.targets([&](const PromTargetsAnswer &a) {
                int healthy = 0;
                for (const PromTarget &t : a.targets)
                    healthy += t.health == QLatin1String("up");
                up = healthy == 4;
                answered = true;
            });
            if (!QTest::qWaitFor([&answered] { return answered; }, 2000) || !up)
                QTest::qWait(500);
        }
        QVERIFY2(up, "the four targets did not come up within 30 s");
        QTest::qWait(3000);
    }

    QTemporaryDir m_dir;
    QString m_prometheus;
    QString m_nodeExporter;
    QString m_url;
    QList<quint16> m_nodePorts;
    quint16 m_llamaPort = 0;
    std::unique_ptr<FakeHttpServer> m_llama;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

QTEST_GUILESS_MAIN(TestPromRealFleet)
#include "tst_promrealfleet.moc"
