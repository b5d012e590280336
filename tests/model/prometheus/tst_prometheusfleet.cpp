// A fleet read through a fake Prometheus (FakeHttpServer): 200 synthetic instances join a session
// with one or two requests per refresh, never one per machine; Prometheus unreachable, slow,
// answering an error, and a target down each show on the machines' connection state while the
// session goes on.
#include "fakehttpserver.h"
#include "prometheusclient.h"
#include "prometheusfleet.h"
#include "prometheushistory.h"
#include "session.h"
#include "syntheticfleet.h"

#include <QDateTime>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <optional>

namespace {
constexpr int kWaitMs = 10000;

QByteArray targetsBody(const QByteArray &interval, const QByteArray &downInstance = {})
{
    QByteArray t
        = R"({"status":"success","data":{"activeTargets":[{"labels":{"instance":"node0.lab:9100","job":"node"},)"
          R"("health":"up","lastError":"","scrapeInterval":")"
        + interval + R"("})";
    if (!downInstance.isEmpty())
        t += R"(,{"labels":{"instance":")" + downInstance
            + R"(","job":"node"},"health":"down","lastError":"connection refused","scrapeInterval":")" + interval
            + R"("})";
    return t + "]}}";
}

MachineMonitor *machineById(Session &session, const QString &id)
{
    for (MachineMonitor *m : session.machines()) {
        if (m->info().id == id)
            return m;
    }
    return nullptr;
}

// Waits until `machine`'s connection state text contains `text`.
bool waitForConnection(MachineMonitor *machine, const QString &text)
{
    return QTest::qWaitFor([&] { return machine->connectionState().text().contains(text); }, kWaitMs);
}
} // namespace

class TestPrometheusFleet : public QObject
{
    Q_OBJECT
private slots:
    void twoHundredMachinesInOneQueryPerRefresh()
    {
        FakeHttpServer prom;
        prom.route(QStringLiteral("/api/v1/targets"), FakeHttpServer::json(200, targetsBody("1s")));
        prom.route(QStringLiteral("/api/v1/query"), [](const FakeHttpServer::Request &) {
            return FakeHttpServer::json(200, SyntheticFleet::answer(200, QDateTime::currentMSecsSinceEpoch()));
        });
        QVERIFY(prom.listen());
        Session session;
        session.setIntervalSeconds(0.5);
        PrometheusServerConfig config;
        config.url = prom.url().toString();
        PrometheusFleet fleet(&session, config);
        QString error;
        QVERIFY2(fleet.start(&error), qPrintable(error));
        QCOMPARE(fleet.waitForFirstRefresh(kWaitMs), QString());
        QCOMPARE(session.machines().size(), 200);
        QVERIFY(session.start({}, &error));

        // The sources answer from the fleet's reading: values of machine 7 (SyntheticFleet).
        MachineMonitor *m7 = machineById(session, QStringLiteral("node7_lab_9100"));
        QVERIFY(m7);
        QCOMPARE(m7->info().name, QStringLiteral("node7"));
        QVERIFY(m7->info().hasServer);
        QVERIFY(QTest::qWaitFor([m7] { return !m7->history().isEmpty(); }, kWaitMs));
        const Sample s = m7->history().last();
        QCOMPARE(s.value(Metric::CpuPercent), 10 + 80 * 7 / 97.0);
        QCOMPARE(s.value(Metric::TokensPerSecond), 20 + 100 * 7 / 97.0);
        QCOMPARE(s.value(Metric::ServerUp), 1.0);
        QCOMPARE(s.value(Metric::ActiveRequests), 2.0);
        QCOMPARE(m7->connectionState().kind, ConnectionState::Connected);

        // Over ~4 s at a 1 s scrape interval: about 4 refreshes, each one query for all 200.
        prom.resetCounts();
        QTest::qWait(4200);
        const int queries = prom.requestCount(QStringLiteral("/api/v1/query"));
        QVERIFY2(queries >= 3 && queries <= 6, qPrintable(QString::number(queries)));
        QVERIFY2(prom.totalRequests() <= 3 * queries, qPrintable(QString::number(prom.totalRequests())));
        QCOMPARE(prom.requestCount(QStringLiteral("/api/v1/query_range")), 0);
        session.stop();
    }

    void failures_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::addRow("unreachable") << 0 << QStringLiteral("refused");
        QTest::addRow("slow") << 1 << QStringLiteral("no answer within");
        QTest::addRow("error answer") << 2 << QStringLiteral("timeout: query timed out");
        QTest::addRow("not the API") << 3 << QStringLiteral("HTTP 502");
    }
    // The fleet answers first, then Prometheus fails: every machine says why, the session goes on.
    void failures()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        FakeHttpServer prom;
        prom.route(QStringLiteral("/api/v1/targets"), FakeHttpServer::json(200, targetsBody("1s")));
        bool failing = false;
        prom.route(QStringLiteral("/api/v1/query"), [&failing, kind](const FakeHttpServer::Request &) {
            if (!failing)
                return FakeHttpServer::json(200, SyntheticFleet::answer(3, QDateTime::currentMSecsSinceEpoch()));
            FakeHttpServer::Response r = FakeHttpServer::json(200, {});
            if (kind == 1) {
                r = FakeHttpServer::json(200, SyntheticFleet::answer(3, QDateTime::currentMSecsSinceEpoch()));
                r.delayMs = 3000;
            } else if (kind == 2) {
                r = FakeHttpServer::json(503,
                    R"({"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"})");
            } else if (kind == 3) {
                r = FakeHttpServer::text(502, "Bad Gateway\n");
            }
            return r;
        });
        QVERIFY(prom.listen());
        Session session;
        session.setIntervalSeconds(0.2);
        PrometheusServerConfig config;
        config.url = prom.url().toString();
        config.timeoutSeconds = 1;
        PrometheusFleet fleet(&session, config);
        QString error;
        QVERIFY(fleet.start(&error));
        QCOMPARE(fleet.waitForFirstRefresh(kWaitMs), QString());
        QVERIFY(session.start({}, &error));
        MachineMonitor *m1 = machineById(session, QStringLiteral("node1_lab_9100"));
        QVERIFY(m1);
        QVERIFY(waitForConnection(m1, QStringLiteral("connected")));

        QSignalSpy frames(&session, &Session::frameCompleted);
        failing = true;
        if (kind == 0)
            prom.close();
        QVERIFY2(waitForConnection(m1, expected), qPrintable(m1->connectionState().text()));
        QVERIFY(m1->lastError().contains(expected));
        QCOMPARE(m1->serverState().status, ServerState::Unknown);
        QCOMPARE(fleet.lastError().isEmpty(), false);
        // Never blocks: frames keep coming, at the session's interval.
        const int before = int(frames.size());
        QTest::qWait(1000);
        QVERIFY2(frames.size() - before >= 3, qPrintable(QString::number(frames.size() - before)));
        session.stop();
    }

    void aTargetDownIsSaidOnItsMachine()
    {
        FakeHttpServer prom;
        prom.route(QStringLiteral("/api/v1/targets"), FakeHttpServer::json(200, targetsBody("1s", "node1.lab:9100")));
        prom.route(QStringLiteral("/api/v1/query"), [](const FakeHttpServer::Request &) {
            QByteArray body = SyntheticFleet::answer(2, QDateTime::currentMSecsSinceEpoch());
            // node1 down: its node_exporter target and its server.
            const qsizetype at = body.indexOf(R"("instance":"node1.lab:9100","perfdash_metric":"node_up"})");
            const qsizetype value = body.indexOf(",\"1\"]", at);
            body.replace(value, 5, ",\"0\"]");
            const qsizetype server = body.indexOf(R"("instance":"node1.lab:8080","perfdash_metric":"server_up"})");
            body.replace(body.indexOf(",\"1\"]", server), 5, ",\"0\"]");
            return FakeHttpServer::json(200, body);
        });
        QVERIFY(prom.listen());
        Session session;
        session.setIntervalSeconds(0.2);
        PrometheusServerConfig config;
        config.url = prom.url().toString();
        PrometheusFleet fleet(&session, config);
        QString error;
        QVERIFY(fleet.start(&error));
        QCOMPARE(fleet.waitForFirstRefresh(kWaitMs), QString());
        QVERIFY(session.start({}, &error));
        MachineMonitor *m0 = machineById(session, QStringLiteral("node0_lab_9100"));
        MachineMonitor *m1 = machineById(session, QStringLiteral("node1_lab_9100"));
        QVERIFY(m0 && m1);
        QVERIFY2(waitForConnection(m1, QStringLiteral("target down: connection refused")),
            qPrintable(m1->connectionState().text()));
        QVERIFY(QTest::qWaitFor([m1] { return m1->serverState().status == ServerState::Down; }, kWaitMs));
        QVERIFY(waitForConnection(m0, QStringLiteral("connected")));
        QVERIFY(QTest::qWaitFor([m0] { return m0->serverState().status == ServerState::Up; }, kWaitMs));
        session.stop();
    }

    // A chart window 600 px wide over the last 10 minutes at a 1 s scrape: one range query, a
    // step of a pixel (1 s), and the answer as frames.
    void historyFillsAWindow()
    {
        FakeHttpServer prom;
        QByteArray query;
        prom.route(QStringLiteral("/api/v1/query_range"), [&query](const FakeHttpServer::Request &r) {
            query = r.query;
            QFile f(QStringLiteral(PROM_FIXTURES_DIR "/query_range_fleet_matrix.json"));
            return FakeHttpServer::json(200, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
        });
        QVERIFY(prom.listen());
        PrometheusClient::Options options;
        options.url = prom.url();
        PrometheusClient client(options);
        FleetIds ids;
        const qint64 to = 1796598161000;
        std::optional<PrometheusHistory::Result> result;
        PrometheusHistory::fillWindow(&client, &ids, QStringLiteral("job=\"node\""), to - 600000, to, 600, 1000,
            [&result](const PrometheusHistory::Result &r) { result = r; });
        QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, kWaitMs));
        QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
        QCOMPARE(result->stepMs, qint64(1000));
        const QUrlQuery sent(QString::fromLatin1(query));
        QCOMPARE(sent.queryItemValue(QStringLiteral("step")), QStringLiteral("1.000"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("end")), QStringLiteral("1796598161.000"));
        QVERIFY(
            sent.queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded).contains(QStringLiteral("job=\"node\"")));
        QCOMPARE(prom.totalRequests(), 1);
        QCOMPARE(result->frames.machines.size(), 1);
        QCOMPARE(result->frames.timesMs.size(), size_t(6));
    }

    // A bearer token from token_file, or basic auth, on every request; buildinfo through the client.
    void credentials()
    {
        FakeHttpServer prom;
        QList<QByteArray> seen;
        prom.setFallback([&seen](const FakeHttpServer::Request &r) {
            seen << r.headers.value("authorization");
            if (r.path == QLatin1String("/api/v1/status/buildinfo"))
                return FakeHttpServer::json(200, R"({"status":"success","data":{"version":"2.42.0"}})");
            return FakeHttpServer::json(200, targetsBody("1s"));
        });
        QVERIFY(prom.listen());
        QTemporaryDir dir;
        QFile token(dir.filePath(QStringLiteral("token")));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("s3cret\n");
        token.close();
        QString error;
        PrometheusClient::Options options;
        options.url = prom.url();
        options.bearerToken = PrometheusClient::readTokenFile(token.fileName(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        PrometheusClient bearer(options);
        QString version;
        bearer.buildInfo([&version](const PromApiAnswer &a) { version = a.ok ? a.text : a.errorText(); });
        QVERIFY(QTest::qWaitFor([&version] { return !version.isEmpty(); }, kWaitMs));
        QCOMPARE(version, QStringLiteral("2.42.0"));

        options.bearerToken.clear();
        options.user = QStringLiteral("me");
        options.password = QStringLiteral("pw");
        PrometheusClient basic(options);
        bool done = false;
        basic.targets([&done](const PromTargetsAnswer &) { done = true; });
        QVERIFY(QTest::qWaitFor([&done] { return done; }, kWaitMs));
        QCOMPARE(seen, QList<QByteArray>({ "Bearer s3cret", "Basic " + QByteArray("me:pw").toBase64() }));
    }

    void badConfigurationIsSaidAtStart()
    {
        Session session;
        PrometheusServerConfig config;
        config.url = QStringLiteral("ftp://x");
        QString error;
        QVERIFY(!PrometheusFleet(&session, config).start(&error));
        QVERIFY(error.contains(QStringLiteral("http")));
        config.url = QStringLiteral("http://127.0.0.1:1");
        config.selector = QStringLiteral("job=node");
        QVERIFY(!PrometheusFleet(&session, config).start(&error));
        QVERIFY(error.contains(QStringLiteral("selector")));
        config.selector.clear();
        config.tokenFile = QStringLiteral("/nonexistent/token");
        QVERIFY(!PrometheusFleet(&session, config).start(&error));
        QVERIFY(error.contains(QStringLiteral("token file")));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusFleet)
#include "tst_prometheusfleet.moc"
