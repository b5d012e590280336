// ControlProtocol: a marker read from a request's JSON, and the reasons a request is refused with
// (what `perfdash mark` and POST /events print).
#include "controlprotocol.h"

#include <QDir>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace {
const QStringList kMachines = { QStringLiteral("m1"), QStringLiteral("gpu-box") };
} // namespace

class TestControlProtocol : public QObject
{
    Q_OBJECT

private slots:
    void acceptedMarker_data();
    void acceptedMarker();
    void refusedMarker_data();
    void refusedMarker();
    void alsoAllowedKeys();
    void markerToJson();
    void serverNameFollowsTheDirectory();
};

void TestControlProtocol::acceptedMarker_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("notes");
    QTest::addColumn<QString>("machine");

    QTest::addRow("label only") << QJsonObject { { QStringLiteral("label"), QStringLiteral("restart") } }
                                << QStringLiteral("restart") << QString() << QString();
    QTest::addRow("label trimmed") << QJsonObject { { QStringLiteral("label"), QStringLiteral("  Qwen crashed \n") } }
                                   << QStringLiteral("Qwen crashed") << QString() << QString();
    QTest::addRow("notes with tab and newline") << QJsonObject { { QStringLiteral("label"), QStringLiteral("x") },
        { QStringLiteral("notes"), QStringLiteral("a\tb\nc") } }
                                                << QStringLiteral("x") << QStringLiteral("a\tb\nc") << QString();
    QTest::addRow("a machine of the session") << QJsonObject { { QStringLiteral("label"), QStringLiteral("x") },
        { QStringLiteral("machine"), QStringLiteral("gpu-box") } }
                                              << QStringLiteral("x") << QString() << QStringLiteral("gpu-box");
    QTest::addRow("empty machine: the whole session")
        << QJsonObject { { QStringLiteral("label"), QStringLiteral("x") }, { QStringLiteral("machine"), QString() } }
        << QStringLiteral("x") << QString() << QString();
    QTest::addRow("null notes") << QJsonObject { { QStringLiteral("label"), QStringLiteral("x") },
        { QStringLiteral("notes"), QJsonValue::Null } }
                                << QStringLiteral("x") << QString() << QString();
    QTest::addRow("not ASCII") << QJsonObject { { QStringLiteral("label"), QStringLiteral("重启 é") } }
                               << QStringLiteral("重启 é") << QString() << QString();
}

void TestControlProtocol::acceptedMarker()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, label);
    QFETCH(QString, notes);
    QFETCH(QString, machine);
    Marker marker;
    QString error;
    QVERIFY2(ControlProtocol::markerFromJson(request, kMachines, &marker, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(marker.label, label);
    QCOMPARE(marker.notes, notes);
    QCOMPARE(marker.machine, machine);
}

void TestControlProtocol::refusedMarker_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("error");

    const QJsonValue x = QStringLiteral("x");
    QTest::addRow("unknown key") << QJsonObject { { QStringLiteral("label"), x }, { QStringLiteral("colour"), x } }
                                 << QStringLiteral("unknown field 'colour' (a marker has label, notes and machine)");
    QTest::addRow("keys are case-sensitive")
        << QJsonObject { { QStringLiteral("Label"), x } }
        << QStringLiteral("unknown field 'Label' (a marker has label, notes and machine)");
    QTest::addRow("no label") << QJsonObject {} << QStringLiteral("a marker needs a non-empty \"label\" string");
    QTest::addRow("blank label") << QJsonObject { { QStringLiteral("label"), QStringLiteral(" \t ") } }
                                 << QStringLiteral("a marker needs a non-empty \"label\" string");
    QTest::addRow("label a number") << QJsonObject { { QStringLiteral("label"), 3 } }
                                    << QStringLiteral("a marker needs a non-empty \"label\" string");
    QTest::addRow("notes a number") << QJsonObject { { QStringLiteral("label"), x }, { QStringLiteral("notes"), 1 } }
                                    << QStringLiteral("\"notes\" must be a string");
    QTest::addRow("machine a bool") << QJsonObject { { QStringLiteral("label"), x },
        { QStringLiteral("machine"), true } }
                                    << QStringLiteral("\"machine\" must be a string");
    QTest::addRow("bad machine") << QJsonObject { { QStringLiteral("label"), x },
        { QStringLiteral("machine"), QStringLiteral("m9") } }
                                 << QStringLiteral("no machine 'm9' in this session (machines: m1, gpu-box)");
    QTest::addRow("machine differs in case")
        << QJsonObject { { QStringLiteral("label"), x }, { QStringLiteral("machine"), QStringLiteral("M1") } }
        << QStringLiteral("no machine 'M1' in this session (machines: m1, gpu-box)");
    QTest::addRow("escape in the label")
        << QJsonObject { { QStringLiteral("label"), QString(QStringLiteral("a") + QChar(0x1b) + u'b') } }
        << QStringLiteral("the label holds a control character (U+001B) at position 2; only tab and newline are "
                          "allowed");
    QTest::addRow("carriage return in the label")
        << QJsonObject { { QStringLiteral("label"), QString(QStringLiteral("ab") + QChar(u'\r')) } }
        << QStringLiteral("the label holds a control character (U+000D) at position 3; only tab and newline are "
                          "allowed");
    QTest::addRow("NUL in the notes")
        << QJsonObject { { QStringLiteral("label"), x },
               { QStringLiteral("notes"), QString(u'n' + QString(QChar(0)) + QStringLiteral("te")) } }
        << QStringLiteral("the notes holds a control character (U+0000) at position 2; only tab and newline are "
                          "allowed");
    QTest::addRow("DEL in the notes")
        << QJsonObject { { QStringLiteral("label"), x }, { QStringLiteral("notes"), QString(QChar(0x7f)) } }
        << QStringLiteral("the notes holds a control character (U+007F) at position 1; only tab and newline are "
                          "allowed");
    QTest::addRow("C1 control in the label")
        << QJsonObject { { QStringLiteral("label"), QString(u'x' + QString(QChar(0x85))) } }
        << QStringLiteral("the label holds a control character (U+0085) at position 2; only tab and newline are "
                          "allowed");
}

void TestControlProtocol::refusedMarker()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, error);
    Marker marker;
    marker.label = QStringLiteral("untouched");
    QString got;
    QVERIFY(!ControlProtocol::markerFromJson(request, kMachines, &marker, &got));
    QCOMPARE(got, error);
    QCOMPARE(marker.label, QStringLiteral("untouched")); // a refused request changes nothing
}

void TestControlProtocol::alsoAllowedKeys()
{
    const QJsonObject request { { QStringLiteral("label"), QStringLiteral("x") },
        { QStringLiteral("op"), QStringLiteral("mark") } };
    Marker marker;
    QString error;
    QVERIFY(!ControlProtocol::markerFromJson(request, kMachines, &marker, &error));
    QVERIFY2(error.contains(QStringLiteral("'op'")), qPrintable(error));
    error.clear();
    QVERIFY2(ControlProtocol::markerFromJson(request, kMachines, &marker, &error, { QStringLiteral("op") }),
        qPrintable(error));
    QCOMPARE(marker.label, QStringLiteral("x"));
}

void TestControlProtocol::markerToJson()
{
    Marker marker;
    marker.id = 7;
    marker.timeMs = 1795354222125; // 2026-11-22T13:30:22.125Z
    marker.label = QStringLiteral("restart");
    marker.notes = QStringLiteral("after the update");
    marker.machine = QStringLiteral("m1");
    const QJsonObject json = ControlProtocol::markerToJson(marker);
    QCOMPARE(json.value(QStringLiteral("id")).toInt(), 7);
    QCOMPARE(json.value(QStringLiteral("time_ms")).toInteger(), marker.timeMs);
    QVERIFY(json.value(QStringLiteral("time")).toString().startsWith(QStringLiteral("2026-11-2")));
    QCOMPARE(json.value(QStringLiteral("label")).toString(), marker.label);
    QCOMPARE(json.value(QStringLiteral("notes")).toString(), marker.notes);
    QCOMPARE(json.value(QStringLiteral("machine")).toString(), marker.machine);
    // What it writes, it reads back (the keys a reader does not take are allowed by name).
    Marker back;
    QString error;
    QVERIFY2(ControlProtocol::markerFromJson(json, kMachines, &back, &error,
                 { QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("time_ms") }),
        qPrintable(error));
    QCOMPARE(back.label, marker.label);
    QCOMPARE(back.notes, marker.notes);
    QCOMPARE(back.machine, marker.machine);
}

void TestControlProtocol::serverNameFollowsTheDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("logs")));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("other")));
    const QString logs = dir.filePath(QStringLiteral("logs"));
    const QString name = ControlProtocol::serverName(logs);
    QVERIFY2(name.startsWith(QStringLiteral("/tmp/perfdash-%1-").arg(::getuid())), qPrintable(name));
    // One socket per directory, however it is spelled.
    QCOMPARE(ControlProtocol::serverName(logs + QStringLiteral("/.")), name);
    QCOMPARE(ControlProtocol::serverName(dir.filePath(QStringLiteral("other/../logs"))), name);
    QVERIFY(ControlProtocol::serverName(dir.filePath(QStringLiteral("other"))) != name);
    QCOMPARE(
        ControlProtocol::canonicalDirectory(logs + QStringLiteral("/")), ControlProtocol::canonicalDirectory(logs));
}

QTEST_GUILESS_MAIN(TestControlProtocol)
#include "tst_controlprotocol.moc"
