// End to end: `perfdash timings` run as a person runs it from a terminal, on the hand-made timing
// logs of tests/fixtures/timing and on logs made here; exit codes 0 / 1 / 2 and the JSON.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kBinary = QStringLiteral(PERFDASH_BINARY);

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run run(const QStringList &args)
{
    QProcess p;
    p.start(kBinary, QStringList { QStringLiteral("timings") } + args);
    Run r;
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString fixture(const char *name)
{
    return QStringLiteral(PERFDASH_FIXTURES_DIR "/timing/") + QLatin1String(name);
}
} // namespace

class TestTimings : public QObject
{
    Q_OBJECT
private slots:
    void tableAndRuns();
    void jsonToStandardOutput();
    void jsonFile();
    void runs();
    void hardwareTiers();
    void cannotRead_data();
    void cannotRead();
    void usage_data();
    void usage();
};

void TestTimings::tableAndRuns()
{
    const Run r = run({ fixture("a_prefixed.log") });
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    // optimize_schedule (2 s) before adjust_rc_plan (0.5 s) and café (0.75 s): by total.
    const qsizetype optimize = out.indexOf(QLatin1String("optimize_schedule"));
    const qsizetype cafe = out.indexOf(QStringLiteral("caf\uFFFD"));
    const qsizetype adjust = out.indexOf(QLatin1String("adjust_rc_plan"));
    QVERIFY(optimize > 0 && optimize < cafe && cafe < adjust);
    QVERIFY(out.contains(QLatin1String("Runs")));
    QVERIFY(out.contains(QLatin1String("Warnings: 4")));
    QVERIFY(r.err.isEmpty());
}

void TestTimings::jsonToStandardOutput()
{
    const Run r = run({ fixture("a_prefixed.log"), QStringLiteral("--json"), QStringLiteral("-") });
    QCOMPARE(r.exitCode, 0);
    QJsonParseError e;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &e).object();
    QCOMPARE(e.error, QJsonParseError::NoError);
    const QJsonObject summary = o.value(QLatin1String("summary")).toObject();
    QCOMPARE(summary.value(QLatin1String("calls")).toInt(), 5);
    QCOMPARE(summary.value(QLatin1String("skipped_lines")).toInt(), 2);
    QCOMPARE(summary.value(QLatin1String("runs")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("run")).toInt(), 1);
    const QJsonObject optimize
        = o.value(QLatin1String("functions")).toObject().value(QLatin1String("optimize_schedule")).toObject();
    QCOMPARE(optimize.value(QLatin1String("count")).toInt(), 2);
    QCOMPARE(optimize.value(QLatin1String("total_s")).toDouble(), 2.0);
    QCOMPARE(optimize.value(QLatin1String("median_s")).toDouble(), 1.0); // (0.5 + 1.5) / 2
    QCOMPARE(optimize.value(QLatin1String("p95_s")).toDouble(), 1.45);   // 0.5 + 0.95 × 1
    const QJsonObject n
        = optimize.value(QLatin1String("attributes")).toObject().value(QLatin1String("n_microbatches")).toObject();
    QCOMPARE(n.value(QLatin1String("mean")).toDouble(), 6.0);
    QCOMPARE(n.value(QLatin1String("max")).toDouble(), 8.0);
    const QJsonObject adjust
        = o.value(QLatin1String("functions")).toObject().value(QLatin1String("adjust_rc_plan")).toObject();
    QCOMPARE(adjust.value(QLatin1String("errors")).toInt(), 1);
    QCOMPARE(o.value(QLatin1String("errors")).toArray().size(), 1);
    const QJsonArray warnings = o.value(QLatin1String("warnings")).toArray();
    QCOMPARE(warnings.size(), 4);
    QCOMPARE(warnings[0].toObject().value(QLatin1String("line")).toInt(), 5);
    QCOMPARE(o.value(QLatin1String("runs")).toArray().size(), 1);
    QVERIFY(!r.out.contains("Timings:")); // the JSON alone
}

void TestTimings::jsonFile()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("t.json"));
    Run r = run({ fixture("b_results"), QStringLiteral("--json"), out, QStringLiteral("--top"), QStringLiteral("1") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QString::fromUtf8(r.out).contains(QLatin1String("and 1 more functions")));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject save = o.value(QLatin1String("functions")).toObject().value(QLatin1String("save")).toObject();
    QCOMPARE(save.value(QLatin1String("memory_delta_mb")).toDouble(), 5.0);
    QCOMPARE(o.value(QLatin1String("functions")).toObject().size(), 2); // --top is the table's only
    r = run({ fixture("b_results"), QStringLiteral("--json"), dir.filePath(QStringLiteral("no/such/dir/t.json")) });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.startsWith(QLatin1String("perfdash: cannot write")));
}

// Two runs a day apart (calls 2 s apart: the gap that splits is max(10 × 2 s, 60 s)): latest by
// default, 1, all, and a run that is not there.
void TestTimings::runs()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (int t = 1000; t <= 1006; t += 2)
        f.write("{\"function\": \"a\", \"execution_time\": 1, \"timestamp\": " + QByteArray::number(t) + "}\n");
    f.write("{\"function\": \"b\", \"execution_time\": 2, \"timestamp\": 90000}\n");
    f.close();
    auto calls = [&](const QString &which) {
        const Run r = run({ path, QStringLiteral("--run"), which, QStringLiteral("--json"), QStringLiteral("-") });
        return r.exitCode == 0 ? QJsonDocument::fromJson(r.out)
                                     .object()
                                     .value(QLatin1String("summary"))
                                     .toObject()
                                     .value(QLatin1String("calls"))
                                     .toInt()
                               : -r.exitCode;
    };
    QCOMPARE(calls(QStringLiteral("latest")), 1);
    QCOMPARE(calls(QStringLiteral("1")), 4);
    QCOMPARE(calls(QStringLiteral("all")), 5);
    QCOMPARE(calls(QStringLiteral("3")), -1);
}

// Shape D: the tiers of tests/fixtures/timing/d side by side (worked out in tst_timingreader).
void TestTimings::hardwareTiers()
{
    const Run r = run({ fixture("d"), QStringLiteral("--run"), QStringLiteral("all") });
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY(out.contains(QLatin1String("Hardware tiers")));
    const QStringList lines = out.split(u'\n');
    const auto row = [&lines](const char *tier) {
        for (const QString &l : lines) {
            if (l.startsWith(QLatin1String(tier) + u' '))
                return l.simplified();
        }
        return QString();
    };
    QCOMPARE(row("cpu-small"), QStringLiteral("cpu-small 3 66.7% 1100 ± 100 1.167 2 30.0"));
    QCOMPARE(row("cuda"), QStringLiteral("cuda 1 100.0% 2000 ± - 0.200 0 200.0"));
}

void TestTimings::cannotRead_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    QTest::addRow("not a timing log") << QByteArray("hello\n") << QStringLiteral("expected JSON lines");
    QTest::addRow("gzip") << QByteArray("\x1f\x8b\x08\x00", 4) << QStringLiteral("gzip");
    QTest::addRow("no calls") << QByteArray("{\"function\": \"f\", \"execution_time\": -1, \"timestamp\": 5}\n")
                              << QStringLiteral("no calls");
}

void TestTimings::cannotRead()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size());
    f.close();
    const Run r = run({ path });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(says), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(run({ dir.filePath(QStringLiteral("missing")) }).exitCode, 1);
}

void TestTimings::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("run 0") << QStringList { QStringLiteral("--run"), QStringLiteral("0") };
    QTest::addRow("top not a number") << QStringList { QStringLiteral("--top"), QStringLiteral("many") };
    QTest::addRow("two paths") << QStringList { QStringLiteral("a"), QStringLiteral("b") };
    QTest::addRow("an analyze option") << QStringList { QStringLiteral("--cpu-threshold"), QStringLiteral("5") };
    QTest::addRow("json without a file") << QStringList { QStringLiteral("--json") };
}

void TestTimings::usage()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith(QLatin1String("perfdash: ")));
}

QTEST_GUILESS_MAIN(TestTimings)
#include "tst_timings.moc"
