// The fleet query's text, machine ids from instances, and answers turned into samples per machine.
#include "fleetframes.h"
#include "fleetquery.h"

#include <QFile>
#include <QTest>

#include <cmath>

namespace {
QByteArray fixture(const char *name)
{
    QFile f(QStringLiteral(PROM_FIXTURES_DIR "/") + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestFleetFrames : public QObject
{
    Q_OBJECT
private slots:
    void sanitize_data()
    {
        QTest::addColumn<QString>("instance");
        QTest::addColumn<QString>("id");
        QTest::addRow("host:port") << QStringLiteral("Box-1.lab:9100") << QStringLiteral("box_1_lab_9100");
        QTest::addRow("ip") << QStringLiteral("127.0.0.1:9100") << QStringLiteral("127_0_0_1_9100");
        QTest::addRow("ipv6") << QStringLiteral("[::1]:9100") << QStringLiteral("1_9100");
        QTest::addRow("unicode") << QStringLiteral("Grüße") << QStringLiteral("gr_e");
        QTest::addRow("nothing left") << QStringLiteral("::") << QStringLiteral("instance");
        QTest::addRow("reserved") << QStringLiteral("LOCAL") << QStringLiteral("local_instance");
    }
    void sanitize()
    {
        QFETCH(QString, instance);
        QFETCH(QString, id);
        QCOMPARE(FleetIds::sanitize(instance), id);
    }

    void idsAreUniqueAndStable()
    {
        FleetIds ids;
        ids.reserve(QStringLiteral("box_9100"));
        QCOMPARE(ids.idFor(QStringLiteral("box:9100")), QStringLiteral("box_9100_2"));
        QCOMPARE(ids.idFor(QStringLiteral("box.9100")), QStringLiteral("box_9100_3"));
        QCOMPARE(ids.idFor(QStringLiteral("a:1")), QStringLiteral("a_1"));
        // Asked again, in another order, after others came: the same ids.
        QCOMPARE(ids.idFor(QStringLiteral("box.9100")), QStringLiteral("box_9100_3"));
        QCOMPARE(ids.idFor(QStringLiteral("box:9100")), QStringLiteral("box_9100_2"));
    }

    void selectors_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("normalized");
        QTest::addRow("empty") << QString() << true << QString();
        QTest::addRow("one") << QStringLiteral("job=\"node\"") << true << QStringLiteral("job=\"node\"");
        QTest::addRow("braces") << QStringLiteral(" {env=~\"lab.*\", job!=\"x\"} ") << true
                                << QStringLiteral("env=~\"lab.*\", job!=\"x\"");
        QTest::addRow("escaped quote") << QStringLiteral("a=\"x\\\"y\"") << true << QStringLiteral("a=\"x\\\"y\"");
        QTest::addRow("no quotes") << QStringLiteral("job=node") << false << QString();
        QTest::addRow("injection") << QStringLiteral("job=\"a\"} or vector(1) or up{a=\"b\"") << false << QString();
    }
    void selectors()
    {
        QFETCH(QString, selector);
        QFETCH(bool, ok);
        QFETCH(QString, normalized);
        QString error;
        const std::optional<QString> n = FleetQuery::normalizeSelector(selector, &error);
        QCOMPARE(n.has_value(), ok);
        if (ok)
            QCOMPARE(*n, normalized);
        else
            QVERIFY(!error.isEmpty());
    }

    void queryHasEveryMetricAndTheSelector()
    {
        const QString q = FleetQuery::build(QStringLiteral("job=\"x\""), 60000);
        for (Metric m : kAllMetrics)
            QVERIFY2(q.contains(u'"' + metricSuffix(m) + u'"'), qPrintable(metricSuffix(m)));
        QVERIFY(q.contains(QStringLiteral("node_cpu_seconds_total{mode=\"idle\",job=\"x\"}[60s]")));
        QCOMPARE(q.count(QStringLiteral("up{job=\"x\"}")), 3);
        QCOMPARE(FleetQuery::rateWindowMs(1000), qint64(4000));
        QCOMPARE(FleetQuery::rateWindowMs(15000, 120000), qint64(120000));
        QCOMPARE(FleetQuery::rateWindowMs(0), qint64(4000));
    }

    void mixedFleet()
    {
        FleetIds ids;
        const FleetFrames f
            = FleetAssembly::assemble(PromApi::parseAnswer(fixture("fleet_mixed_vector.json"), 200), ids);
        QCOMPARE(f.timesMs.size(), size_t(1));
        QCOMPARE(f.timesMs[0], qint64(1796600000500));
        // alpha's three targets are one machine; sorted by instance.
        QStringList got;
        for (const FleetMachine &m : f.machines)
            got << m.id;
        QCOMPARE(got,
            QStringList({ QStringLiteral("beta_2_lab_9100"), QStringLiteral("alpha_lab_9100"),
                QStringLiteral("delta_lab_9100"), QStringLiteral("gamma_lab_8000") }));
        const int alpha = f.indexOf(QStringLiteral("alpha_lab_9100"));
        QCOMPARE(f.machines[alpha].name, QStringLiteral("alpha"));
        QVERIFY(f.machines[alpha].hasNode && f.machines[alpha].hasServer);
        const Sample &a = f.samples[size_t(alpha)][0];
        QCOMPARE(a.value(Metric::CpuPercent), 37.5);
        QCOMPARE(a.value(Metric::MemoryPercent), 61.25);
        QCOMPARE(a.value(Metric::MemoryUsedMb), 117760.0);
        QCOMPARE(a.value(Metric::ServerUp), 1.0);
        QCOMPARE(a.value(Metric::TokensPerSecond), 42.8);
        QCOMPARE(a.value(Metric::ActiveRequests), 2.0);
        QCOMPARE(a.value(Metric::GpuPercent), 87.0);
        QCOMPARE(a.value(Metric::GpuMemoryMb), 20480.0);
        QCOMPARE(a.value(Metric::TemperatureC), 58.0);
        QVERIFY(!a.has(Metric::RequestsTotal));
        QCOMPARE(f.up[size_t(alpha)][0], 1.0);

        const int beta = f.indexOf(QStringLiteral("beta_2_lab_9100"));
        QCOMPARE(f.machines[beta].name, QStringLiteral("Beta-2.lab:9100"));
        QCOMPARE(f.up[size_t(beta)][0], 0.0);
        QVERIFY(f.samples[size_t(beta)][0].isEmpty());

        const int gamma = f.indexOf(QStringLiteral("gamma_lab_8000"));
        QVERIFY(!f.machines[gamma].hasNode && f.machines[gamma].hasServer);
        QCOMPARE(f.samples[size_t(gamma)][0].value(Metric::ServerUp), 0.0);
        QCOMPARE(f.up[size_t(gamma)][0], 0.0);

        const Sample &d = f.samples[size_t(f.indexOf(QStringLiteral("delta_lab_9100")))][0];
        QCOMPARE(d.value(Metric::CpuPercent), 0.0); // a rounding error, clamped
        QVERIFY(!d.has(Metric::MemoryPercent));     // NaN: not measured
        QVERIFY(!d.has(Metric::ActiveRequests));    // negative: not measured
    }

    // A node_exporter without its uname collector still owns its host's other targets.
    void nodeWithoutUname()
    {
        const QByteArray body
            = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
              "{\"metric\":{\"instance\":\"h:9100\",\"perfdash_metric\":\"cpu_percent\"},\"value\":[1,\"5\"]},"
              "{\"metric\":{\"instance\":\"h:8080\",\"perfdash_metric\":\"server_up\"},\"value\":[1,\"1\"]}]}}";
        FleetIds ids;
        const FleetFrames f = FleetAssembly::assemble(PromApi::parseAnswer(body, 200), ids);
        QCOMPARE(f.machines.size(), 1);
        QCOMPARE(f.machines[0].id, QStringLiteral("h_9100"));
        QCOMPARE(f.samples[0][0].value(Metric::ServerUp), 1.0);
    }

    void matrixHasAFrameForEveryStep()
    {
        FleetIds ids;
        const FleetFrames f
            = FleetAssembly::assemble(PromApi::parseAnswer(fixture("query_range_fleet_matrix.json"), 200), ids);
        QCOMPARE(f.machines.size(), 1);
        QCOMPARE(f.machines[0].name, QStringLiteral("vm"));
        QCOMPARE(f.timesMs.size(), size_t(6));
        for (size_t t = 0; t < f.timesMs.size(); ++t) {
            const Sample &s = f.samples[0][t];
            QCOMPARE(s.timeMs, f.timesMs[t]);
            QVERIFY(s.has(Metric::MemoryPercent));
            QVERIFY(s.value(Metric::MemoryPercent) > 0 && s.value(Metric::MemoryPercent) < 100);
        }
    }

    void aSeriesThatEndsLeavesItsLaterStepsEmpty()
    {
        // A target gone stale halfway: Prometheus returns no points for it after that.
        const QByteArray body = R"({"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"instance":"a:1","perfdash_metric":"node_up"},"values":[[10,"1"],[20,"1"],[30,"1"]]},
            {"metric":{"instance":"a:1","perfdash_metric":"cpu_percent"},"values":[[10,"5"],[20,"6"]]}]}})";
        FleetIds ids;
        const FleetFrames f = FleetAssembly::assemble(PromApi::parseAnswer(body, 200), ids);
        QCOMPARE(f.timesMs.size(), size_t(3));
        QCOMPARE(f.samples[0][1].value(Metric::CpuPercent), 6.0);
        QVERIFY(!f.samples[0][2].has(Metric::CpuPercent));
    }
};

QTEST_GUILESS_MAIN(TestFleetFrames)
#include "tst_fleetframes.moc"
