// The command line of issue 15 as a person types it, against a fake Prometheus (no prometheus
// binary needed): usage errors, an unreachable server, and analyze --prometheus over a range whose
// answer holds a server down for 10 s.
#include "fakehttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

namespace {
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs the binary on the event loop, so a FakeHttpServer of this thread answers it.
Run perfdash(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(PERFDASH_BINARY), arguments);
    Run r;
    if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// A minute of one machine every 5 s from `start` (seconds): its server down from +20 to +30 s.
QByteArray rangeAnswer(qint64 start)
{
    QByteArray up;
    QByteArray server;
    QByteArray cpu;
    for (int i = 0; i <= 12; ++i) {
        const QByteArray t = QByteArray::number(start + 5 * i);
        const char *sep = i ? "," : "";
        up += sep + QByteArray("[") + t + ",\"1\"]";
        server += sep + QByteArray("[") + t + (i >= 4 && i <= 6 ? ",\"0\"]" : ",\"1\"]");
        cpu += sep + QByteArray("[") + t + ",\"" + QByteArray::number(10 + i) + "\"]";
    }
    return R"({"status":"success","data":{"resultType":"matrix","result":[)"
           R"({"metric":{"instance":"box:9100","perfdash_metric":"node_up"},"values":[)"
        + up + R"(]},{"metric":{"instance":"box:9100","perfdash_metric":"server_up"},"values":[)" + server
        + R"(]},{"metric":{"instance":"box:9100","perfdash_metric":"cpu_percent"},"values":[)" + cpu + "]}]}}";
}
} // namespace

class TestPromCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::addRow("from without prometheus") << QStringList { QStringLiteral("analyze"), QStringLiteral("--from"),
            QStringLiteral("-1h") } << QStringLiteral("go with --prometheus");
        QTest::addRow("prometheus without from") << QStringList { QStringLiteral("analyze"),
            QStringLiteral("--prometheus"), QStringLiteral("http://127.0.0.1:1") }
                                                 << QStringLiteral("needs --from");
        QTest::addRow("selector alone") << QStringList { QStringLiteral("log"), QStringLiteral("--prometheus-selector"),
            QStringLiteral("job=\"x\"") }
                                        << QStringLiteral("goes with --prometheus");
        QTest::addRow("step in log") << QStringList { QStringLiteral("log"), QStringLiteral("--step"),
            QStringLiteral("5") } << QStringLiteral("belongs to 'perfdash analyze --prometheus'");
        QTest::addRow("bad step") << QStringList { QStringLiteral("analyze"), QStringLiteral("--prometheus"),
            QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--from"), QStringLiteral("-1h"),
            QStringLiteral("--step"), QStringLiteral("fast") }
                                  << QStringLiteral("--step must be");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run r = perfdash(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void unreachable()
    {
        QTemporaryDir dir;
        const Run log = perfdash({ QStringLiteral("log"), QStringLiteral("--no-local"), QStringLiteral("--prometheus"),
            QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--duration"), QStringLiteral("1"),
            QStringLiteral("--log-dir"), dir.path() });
        QCOMPARE(log.exitCode, 0);
        QVERIFY2(log.err.contains(QStringLiteral("Connection refused")), qPrintable(log.err));
        const Run analyze = perfdash({ QStringLiteral("analyze"), QStringLiteral("--prometheus"),
            QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--from"), QStringLiteral("-1h") });
        QCOMPARE(analyze.exitCode, 1);
        QVERIFY2(analyze.err.contains(QStringLiteral("Connection refused")), qPrintable(analyze.err));
        const Run badTime = perfdash({ QStringLiteral("analyze"), QStringLiteral("--prometheus"),
            QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--from"), QStringLiteral("yesterday") });
        QCOMPARE(badTime.exitCode, 1);
        QVERIFY2(badTime.err.contains(QStringLiteral("--from: 'yesterday' is no time")), qPrintable(badTime.err));
    }

    void analyzeARange()
    {
        const qint64 start = 1796600000;
        FakeHttpServer prom;
        prom.route(QStringLiteral("/api/v1/targets"),
            FakeHttpServer::json(200,
                R"({"status":"success","data":{"activeTargets":[{"labels":{"instance":"box:9100","job":"node"},)"
                R"("health":"up","lastError":"","scrapeInterval":"5s"}]}})"));
        QUrlQuery asked;
        prom.route(QStringLiteral("/api/v1/query_range"), [&asked, start](const FakeHttpServer::Request &r) {
            asked = QUrlQuery(QString::fromLatin1(r.query));
            return FakeHttpServer::json(200, rangeAnswer(start));
        });
        QVERIFY(prom.listen());
        QTemporaryDir dir;
        const Run r = perfdash({ QStringLiteral("analyze"), QStringLiteral("--prometheus"), prom.url().toString(),
            QStringLiteral("--from"), QString::number(start), QStringLiteral("--to"), QString::number(start + 60),
            QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--log-dir"), dir.path() });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(asked.queryItemValue(QStringLiteral("step")), QStringLiteral("5.000"));
        QCOMPARE(asked.queryItemValue(QStringLiteral("start")), QStringLiteral("1796600000.000"));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("snapshots")).toInt(), 13);
        const QJsonObject box
            = root.value(QStringLiteral("machines")).toObject().value(QStringLiteral("box_9100")).toObject();
        QCOMPARE(box.value(QStringLiteral("cpu")).toObject().value(QStringLiteral("max")).toDouble(), 22.0);
        QJsonArray down;
        for (const QJsonValue &v : root.value(QStringLiteral("issues")).toArray()) {
            if (v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("server_down"))
                down.append(v);
        }
        QCOMPARE(down.size(), 1);
        QCOMPARE(down[0].toObject().value(QStringLiteral("machine")).toString(), QStringLiteral("box_9100"));
        QVERIFY(down[0].toObject().value(QStringLiteral("duration_s")).toDouble() >= 10);
    }
};

QTEST_GUILESS_MAIN(TestPromCommandLine)
#include "tst_promcommandline.moc"
