// ChromeTrace: calls, markers and counters written as a Chrome trace and read back, both as JSON
// (the events one by one) and through TimingReader's own trace reader (shape E).
#include "chrometrace.h"
#include "timingreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {
constexpr double kT0 = 1795354200.0; // 2026-11-22T13:30:00Z

TimingData sample()
{
    TimingData d;
    TimingBuilder b(d);
    const int file = b.file(QStringLiteral("made.log"));
    const int load = b.function(QStringView(u"load"));
    const int infer = b.function(QStringView(u"infer"));
    b.addCall(load, kT0, 0.25, true, file, 1);
    const qsizetype second = b.addCall(infer, kT0 + 1, 1.5, false, file, 2);
    b.setNumber(b.numericColumn("tokens"), second, 42);
    b.setText(b.textColumn("uuid"), second, QStringView(u"abc"));
    d.markers.append({ kT0 + 0.5, QStringLiteral("checkpoint"), QStringLiteral("made.log") });
    return d;
}

QJsonArray events(const QByteArray &trace)
{
    return QJsonDocument::fromJson(trace).object().value(QStringLiteral("traceEvents")).toArray();
}
} // namespace

class TestChromeTrace : public QObject
{
    Q_OBJECT
private slots:
    void eventsParseBack();
    void readBackAsTrace();
};

void TestChromeTrace::eventsParseBack()
{
    TimingSeries cpu { QStringLiteral("m1 CPU %"), {}, { kT0, kT0 + 1 }, { 12.5, 80 } };
    const QJsonArray all = events(ChromeTrace::write(sample(), { cpu }));
    QList<QJsonObject> calls, instants, counters;
    for (const QJsonValue &v : all) {
        const QJsonObject e = v.toObject();
        const QString ph = e.value(QStringLiteral("ph")).toString();
        (ph == u"X" ? calls : ph == u"i" ? instants : ph == u"C" ? counters : calls).append(e);
        if (ph == u"M")
            calls.removeLast();
    }
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls[0].value(QStringLiteral("name")).toString(), QStringLiteral("load"));
    QCOMPARE(calls[0].value(QStringLiteral("ts")).toDouble(), kT0 * 1e6);
    QCOMPARE(calls[0].value(QStringLiteral("dur")).toDouble(), 250000.0);
    QCOMPARE(calls[1].value(QStringLiteral("dur")).toDouble(), 1500000.0);
    QVERIFY(calls[0].value(QStringLiteral("tid")) != calls[1].value(QStringLiteral("tid")));
    const QJsonObject args = calls[1].value(QStringLiteral("args")).toObject();
    QCOMPARE(args.value(QStringLiteral("tokens")).toDouble(), 42.0);
    QCOMPARE(args.value(QStringLiteral("uuid")).toString(), QStringLiteral("abc"));
    QCOMPARE(args.value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(instants.size(), 1);
    QCOMPARE(instants[0].value(QStringLiteral("name")).toString(), QStringLiteral("checkpoint"));
    QCOMPARE(instants[0].value(QStringLiteral("ts")).toDouble(), (kT0 + 0.5) * 1e6);
    QCOMPARE(counters.size(), 2);
    QCOMPARE(counters[1].value(QStringLiteral("args")).toObject().value(QStringLiteral("value")).toDouble(), 80.0);
}

void TestChromeTrace::readBackAsTrace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("trace.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(ChromeTrace::write(sample()));
    f.close();
    const TimingReadResult read = TimingReader::read(path);
    QVERIFY2(read.data, qPrintable(read.error));
    const TimingData &d = *read.data;
    QCOMPARE(d.size(), 2);
    QCOMPARE(d.functionName(0), QStringLiteral("load"));
    QCOMPARE(d.functionName(1), QStringLiteral("infer"));
    QCOMPARE(d.start[0], kT0);
    QCOMPARE(d.duration[1], 1.5);
    QCOMPARE(d.markers.size(), 1);
    QCOMPARE(d.markers[0].name, QStringLiteral("checkpoint"));
}

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
