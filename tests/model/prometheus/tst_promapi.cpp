// The parser of Prometheus' HTTP API answers, against captured and hand-made bodies (fixtures/README.md).
#include "promapi.h"

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

class TestPromApi : public QObject
{
    Q_OBJECT
private slots:
    void values_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::addRow("integer") << QByteArray("42") << true << 42.0;
        QTest::addRow("fraction") << QByteArray("61.25") << true << 61.25;
        QTest::addRow("exponent") << QByteArray("8.128902e+06") << true << 8128902.0;
        QTest::addRow("+Inf") << QByteArray("+Inf") << true << qInf();
        QTest::addRow("-Inf") << QByteArray("-Inf") << true << -qInf();
        QTest::addRow("empty") << QByteArray() << false << 0.0;
        QTest::addRow("text") << QByteArray("abc") << false << 0.0;
        QTest::addRow("trailing") << QByteArray("1.5x") << false << 0.0;
    }
    void values()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(double, value);
        bool parsed = false;
        const double v = PromApi::parseValue(text, &parsed);
        QCOMPARE(parsed, ok);
        if (ok)
            QCOMPARE(v, value);
    }
    void nanIsAValue()
    {
        bool ok = false;
        QVERIFY(std::isnan(PromApi::parseValue("NaN", &ok)));
        QVERIFY(ok);
    }
    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::addRow("15s") << QStringLiteral("15s") << qint64(15000);
        QTest::addRow("1m30s") << QStringLiteral("1m30s") << qint64(90000);
        QTest::addRow("500ms") << QStringLiteral("500ms") << qint64(500);
        QTest::addRow("2h") << QStringLiteral("2h") << qint64(7200000);
        QTest::addRow("bad") << QStringLiteral("fast") << qint64(0);
        QTest::addRow("no unit") << QStringLiteral("15") << qint64(0);
    }
    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(PromApi::parseDurationMs(text), ms);
    }

    void capturedVector()
    {
        const PromApiAnswer a = PromApi::parseAnswer(fixture("query_fleet_vector.json"), 200);
        QVERIFY2(a.ok, qPrintable(a.errorText()));
        QCOMPARE(a.type, PromApiAnswer::Type::Vector);
        QCOMPARE(a.series.size(), 6);
        QCOMPARE(a.series[0].label(u"perfdash_metric"), QStringLiteral("target_up"));
        QCOMPARE(a.series[0].timesMs.front(), qint64(1796598161198));
        QCOMPARE(a.series[2].label(u"nodename"), QStringLiteral("vm"));
        QCOMPARE(a.series[4].label(u"perfdash_metric"), QStringLiteral("memory_percent"));
        QCOMPARE(a.series[4].values.front(), 6.950590857831617);
    }
    void capturedMatrix()
    {
        const PromApiAnswer a = PromApi::parseAnswer(fixture("query_range_fleet_matrix.json"), 200);
        QVERIFY2(a.ok, qPrintable(a.errorText()));
        QCOMPARE(a.type, PromApiAnswer::Type::Matrix);
        QVERIFY(!a.series.isEmpty());
        for (const PromSeries &s : a.series) {
            QCOMPARE(s.timesMs.size(), s.values.size());
            QVERIFY(std::is_sorted(s.timesMs.begin(), s.timesMs.end()));
        }
        QCOMPARE(a.series[0].timesMs.size(), size_t(6));
        QCOMPARE(a.series[0].timesMs[1] - a.series[0].timesMs[0], qint64(2000));
    }
    void errorAnswer()
    {
        const PromApiAnswer a = PromApi::parseAnswer(fixture("error_bad_data.json"), 400);
        QVERIFY(!a.ok);
        QCOMPARE(a.errorType, QStringLiteral("bad_data"));
        QVERIFY(a.error.contains(QStringLiteral("parse error")));
        QVERIFY(a.errorText().startsWith(QStringLiteral("bad_data: invalid parameter")));
        const PromApiAnswer t = PromApi::parseAnswer(fixture("error_timeout.json"), 503);
        QCOMPARE(t.errorType, QStringLiteral("timeout"));
    }
    void notJson()
    {
        const PromApiAnswer a = PromApi::parseAnswer("<html>Bad Gateway</html>\nmore", 502);
        QVERIFY(!a.ok);
        QCOMPARE(a.errorType, QStringLiteral("http"));
        QCOMPARE(a.error, QStringLiteral("HTTP 502: <html>Bad Gateway</html>"));
        const PromApiAnswer b = PromApi::parseAnswer("garbage", 200);
        QVERIFY(!b.ok);
        QCOMPARE(b.errorType, QStringLiteral("json"));
        const PromApiAnswer c = PromApi::parseAnswer(
            R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}})", 200);
        QVERIFY2(!c.ok, "a value that is not a string");
    }
    void scalarAndSpecialValues()
    {
        const PromApiAnswer s = PromApi::parseAnswer(fixture("scalar_inf.json"), 200);
        QVERIFY(s.ok);
        QCOMPARE(s.type, PromApiAnswer::Type::Scalar);
        QCOMPARE(s.scalar, qInf());
        const PromApiAnswer v = PromApi::parseAnswer(fixture("vector_nan_inf.json"), 200);
        QVERIFY(v.ok);
        QCOMPARE(v.series.size(), 3);
        QVERIFY(std::isnan(v.series[0].values[0]));
        QCOMPARE(v.series[1].values[0], -qInf());
        QCOMPARE(v.series[2].values[0], qInf());
    }
    void warnings()
    {
        const PromApiAnswer a = PromApi::parseAnswer(fixture("warnings_empty_vector.json"), 200);
        QVERIFY(a.ok);
        QVERIFY(a.series.isEmpty());
        QCOMPARE(a.warnings.size(), 1);
        QVERIFY(a.warnings[0].startsWith(QStringLiteral("PromQL info")));
    }
    void targets()
    {
        const PromTargetsAnswer captured = PromApi::parseTargets(fixture("targets.json"), 200);
        QVERIFY(captured.ok);
        QCOMPARE(captured.targets.size(), 1);
        QCOMPARE(captured.targets[0].instance, QStringLiteral("127.0.0.1:19101"));
        QCOMPARE(captured.targets[0].health, QStringLiteral("up"));
        QCOMPARE(captured.targets[0].scrapeIntervalMs, qint64(1000));
        const PromTargetsAnswer down = PromApi::parseTargets(fixture("targets_one_down.json"), 200);
        QCOMPARE(down.targets.size(), 2);
        QCOMPARE(down.targets[0].health, QStringLiteral("down"));
        QVERIFY(down.targets[0].lastError.contains(QStringLiteral("connection refused")));
        QCOMPARE(down.targets[0].scrapeIntervalMs, qint64(15000));
        QCOMPARE(down.targets[1].scrapeIntervalMs, qint64(90000));
    }
    // The fast scanner and the general path agree on every answer; what the scanner does not
    // expect (escapes, other keys, other orders) goes the general way with the same result.
    void fastAndGeneralPathsAgree_data()
    {
        QTest::addColumn<QByteArray>("body");
        for (const char *name : { "query_fleet_vector.json", "query_range_fleet_matrix.json", "vector_nan_inf.json",
                 "fleet_mixed_vector.json", "warnings_empty_vector.json", "scalar_inf.json" })
            QTest::addRow("%s", name) << fixture(name);
        QTest::addRow("escaped label") << fixture("escaped_label_vector.json");
        QTest::addRow("data first") << fixture("data_first_vector.json");
        QTest::addRow("spaces") << QByteArray(
            " { \"status\" : \"success\" , \"data\" : { \"resultType\" : \"matrix\" , \"result\" : [ { \"metric\" : { "
            "} , \"values\" : [ [ 1 , \"2\" ] , [ 2 , \"3\" ] ] } ] } } ");
        QTest::addRow("cut") << fixture("query_fleet_vector.json").chopped(10);
        QTest::addRow("trailing garbage") << fixture("query_fleet_vector.json") + "x";
        QTest::addRow("bad value") << QByteArray(
            R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"two"]}]}})");
    }
    void fastAndGeneralPathsAgree()
    {
        QFETCH(QByteArray, body);
        const PromApiAnswer fast = PromApi::parseAnswer(body, 200);
        const PromApiAnswer general = PromApi::parseAnswerGeneric(body, 200);
        QCOMPARE(fast.ok, general.ok);
        QCOMPARE(fast.errorType, general.errorType);
        QCOMPARE(fast.type, general.type);
        QCOMPARE(fast.warnings, general.warnings);
        QCOMPARE(fast.series.size(), general.series.size());
        for (qsizetype i = 0; i < fast.series.size(); ++i) {
            QCOMPARE(fast.series[i].labels, general.series[i].labels);
            QCOMPARE(fast.series[i].timesMs, general.series[i].timesMs);
            QCOMPARE(fast.series[i].values.size(), general.series[i].values.size());
            for (size_t p = 0; p < fast.series[i].values.size(); ++p) {
                const double a = fast.series[i].values[p];
                const double b = general.series[i].values[p];
                QVERIFY(a == b || (std::isnan(a) && std::isnan(b)));
            }
        }
    }
    void escapedLabelIsDecoded()
    {
        const PromApiAnswer a = PromApi::parseAnswer(fixture("escaped_label_vector.json"), 200);
        QVERIFY(a.ok);
        QCOMPARE(a.series[0].label(u"a"), QStringLiteral("x\"y\u00e9"));
    }

    void buildInfo()
    {
        QString error;
        QCOMPARE(PromApi::parseBuildVersion(fixture("buildinfo.json"), 200, &error), QStringLiteral("2.42.0+ds"));
        QVERIFY(error.isEmpty());
        QVERIFY(PromApi::parseBuildVersion("nope", 404, &error).isEmpty());
        QVERIFY(error.startsWith(QStringLiteral("HTTP 404")));
    }
};

QTEST_GUILESS_MAIN(TestPromApi)
#include "tst_promapi.moc"
