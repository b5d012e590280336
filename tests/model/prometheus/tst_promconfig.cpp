// Where a Prometheus fleet is configured and read back: the machines file's "prometheus" list,
// analyze's times, the step of a range for a window's width, and frames as the log reader's columns.
#include "machineconfig.h"
#include "prometheushistory.h"

#include <QDateTime>
#include <QTest>

#include <cmath>

class TestPromConfig : public QObject
{
    Q_OBJECT
private slots:
    void machinesFileWithPrometheus()
    {
        const MachineConfigResult r
            = parseMachinesJson("{\"machines\": [{\"id\": \"box\", \"host\": \"box.lab\"}], \"prometheus\": ["
                                "{\"url\": \"http://prom.lab:9090\", \"selector\": \"job=\\\"node\\\"\", "
                                "\"token_file\": \"/etc/perfdash/token\"}, {\"url\": \"https://prom2.lab/prometheus\", "
                                "\"user\": \"me\", \"password\": \"pw\", \"timeout_s\": 10, \"colour\": 1}]}");
        QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.machines.size(), 1);
        QCOMPARE(r.prometheus.size(), 2);
        QCOMPARE(r.prometheus[0].url, QStringLiteral("http://prom.lab:9090"));
        QCOMPARE(r.prometheus[0].selector, QStringLiteral("job=\"node\""));
        QCOMPARE(r.prometheus[0].tokenFile, QStringLiteral("/etc/perfdash/token"));
        QCOMPARE(r.prometheus[1].user, QStringLiteral("me"));
        QCOMPARE(r.prometheus[1].timeoutSeconds, 10);
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.warnings[0].contains(QStringLiteral("colour")));
    }
    void prometheusAlone()
    {
        const MachineConfigResult r = parseMachinesJson("{\"prometheus\": [{\"url\": \"http://p:9090\"}]}");
        QVERIFY(r.errors.isEmpty());
        QCOMPARE(r.prometheus.size(), 1);
        QVERIFY(r.machines.isEmpty());
    }
    // machinesToJson() writes the "prometheus" list back: read again, the same servers.
    void prometheusWrittenBack()
    {
        MachineConfig box;
        box.id = box.name = QStringLiteral("box");
        PrometheusServerConfig a;
        a.url = QStringLiteral("http://prom.lab:9090");
        a.selector = QStringLiteral("{job=\"node\"}");
        a.tokenFile = QStringLiteral("~/.config/perfdash/token");
        PrometheusServerConfig b;
        b.url = QStringLiteral("https://prom2.lab/prometheus");
        b.user = QStringLiteral("me");
        b.password = QStringLiteral("pw");
        b.timeoutSeconds = 12;
        const QByteArray json = machinesToJson({ box }, { a, b });
        const MachineConfigResult r = parseMachinesJson(json);
        QVERIFY2(r.errors.isEmpty() && r.warnings.isEmpty(), json.constData());
        QCOMPARE(r.machines.size(), 1);
        QCOMPARE(r.prometheus.size(), 2);
        QVERIFY(r.prometheus[0] == a);
        QVERIFY(r.prometheus[1] == b);
        QCOMPARE(machinesToJson(r.machines, r.prometheus), json);
        // Without servers, no "prometheus" key; servers alone keep an empty "machines" list.
        QVERIFY(!machinesToJson({ box }).contains("prometheus"));
        const MachineConfigResult alone = parseMachinesJson(machinesToJson({}, { a }));
        QVERIFY(alone.errors.isEmpty());
        QCOMPARE(alone.prometheus.size(), 1);
    }
    void badPrometheusEntries_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("not an array") << QByteArray("{\"prometheus\": {\"url\": \"http://p\"}}");
        QTest::addRow("no url") << QByteArray("{\"prometheus\": [{\"selector\": \"a=1\"}]}");
        QTest::addRow("ftp") << QByteArray("{\"prometheus\": [{\"url\": \"ftp://p\"}]}");
        QTest::addRow("url a number") << QByteArray(R"({"prometheus": [{"url": 9090}]})");
        QTest::addRow("timeout 0") << QByteArray("{\"prometheus\": [{\"url\": \"http://p\", \"timeout_s\": 0}]}");
    }
    void badPrometheusEntries()
    {
        QFETCH(QByteArray, json);
        const MachineConfigResult r = parseMachinesJson(json);
        QVERIFY(!r.errors.isEmpty());
        QVERIFY(r.prometheus.isEmpty());
    }

    void times_data()
    {
        const qint64 now = 1796600000000;
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("now") << QStringLiteral("now") << true << now;
        QTest::addRow("-2h") << QStringLiteral("-2h") << true << now - 7200000;
        QTest::addRow("-30m") << QStringLiteral("-30m") << true << now - 1800000;
        QTest::addRow("-1h30m") << QStringLiteral("-1h30m") << true << now - 5400000;
        QTest::addRow("iso Z") << QStringLiteral("2026-12-06T23:00:00Z") << true
                               << QDateTime(QDate(2026, 12, 6), QTime(23, 0), Qt::UTC).toMSecsSinceEpoch();
        QTest::addRow("iso offset") << QStringLiteral("2026-12-07T00:00:00.500+01:00") << true
                                    << QDateTime(QDate(2026, 12, 6), QTime(23, 0, 0, 500), Qt::UTC).toMSecsSinceEpoch();
        QTest::addRow("epoch") << QStringLiteral("1796600000.25") << true << qint64(1796600000250);
        QTest::addRow("-abc") << QStringLiteral("-abc") << false << qint64(0);
        QTest::addRow("words") << QStringLiteral("yesterday") << false << qint64(0);
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, ms);
        qint64 got = 0;
        QCOMPARE(PrometheusHistory::parseTime(text, 1796600000000, &got), ok);
        if (ok)
            QCOMPARE(got, ms);
    }

    void steps()
    {
        const qint64 hour = 3600000;
        // An hour over 1200 px at a 15 s scrape: 3 s a pixel, but never finer than a scrape.
        QCOMPARE(PrometheusHistory::stepForWidth(0, hour, 1200, 15000), qint64(15000));
        // A day over 1200 px: 72 s a pixel.
        QCOMPARE(PrometheusHistory::stepForWidth(0, 24 * hour, 1200, 15000), qint64(72000));
        // A minute over 1200 px at 1 s: 1 s.
        QCOMPARE(PrometheusHistory::stepForWidth(0, 60000, 1200, 1000), qint64(1000));
        // 30 days at 1 s asked: coarsened to at most 11,000 points.
        QVERIFY(30 * 24 * hour / PrometheusHistory::clampStep(0, 30 * 24 * hour, 1000, 1000)
            <= PrometheusHistory::kMaxPoints);
        QCOMPARE(PrometheusHistory::clampStep(0, hour, 0, 5000), qint64(5000));
    }

    void framesAsColumns()
    {
        const QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"instance":"a:1","perfdash_metric":"node_up"},"values":[[10,"1"],[20,"1"],[30,"1"],[40,"1"]]},
            {"metric":{"instance":"a:1","perfdash_metric":"cpu_percent"},"values":[[10,"5"],[20,"6"]]},
            {"metric":{"instance":"b:1","perfdash_metric":"server_up"},"values":[[20,"1"],[30,"0"]]},
            {"metric":{"instance":"b:1","perfdash_metric":"gpu_percent"},"values":[[20,"50"]]}]}})";
        FleetIds ids;
        const LogData d = PrometheusHistory::toLogData(FleetAssembly::assemble(PromApi::parseAnswer(body, 200), ids));
        // t=40 has only node_up (no metric): no snapshot.
        QCOMPARE(d.timeMs, std::vector<qint64>({ 10000, 20000, 30000 }));
        QCOMPARE(d.machines, QStringList({ QStringLiteral("a_1"), QStringLiteral("b_1") }));
        QCOMPARE(d.series(0, Metric::CpuPercent)->at(0), 5.0);
        QCOMPARE(d.series(0, Metric::CpuPercent)->at(1), 6.0);
        QVERIFY(std::isnan(d.series(0, Metric::CpuPercent)->at(2)));
        QVERIFY(d.series(0, Metric::ServerUp));    // a core column, empty
        QVERIFY(!d.series(0, Metric::GpuPercent)); // never measured: no column
        QCOMPARE(d.series(1, Metric::ServerUp)->at(2), 0.0);
        QCOMPARE(d.series(1, Metric::GpuPercent)->at(1), 50.0);
        QVERIFY(d.hasUtcOffsets);
    }
};

QTEST_GUILESS_MAIN(TestPromConfig)
#include "tst_promconfig.moc"
