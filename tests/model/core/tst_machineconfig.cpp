// The machines file (MachineConfig): the issue's example, every rule with its exact message, the
// round trip through machinesToJson, and inputs meant to break the parser.
#include "machineconfig.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

Q_DECLARE_METATYPE(MachineConfig)

namespace {
// {"machines": [ <entries> ]}
QByteArray file(const QByteArray &entries)
{
    return "{\"machines\": [" + entries + "]}";
}

QStringList idsOf(const QList<MachineConfig> &machines)
{
    QStringList ids;
    for (const MachineConfig &m : machines)
        ids << m.id;
    return ids;
}

MachineConfig machine(const QString &id, const QString &name = {})
{
    MachineConfig m;
    m.id = id;
    m.name = name.isEmpty() ? id : name;
    return m;
}

const char *const KindNames = "auto, llamacpp, vllm, sglang, tgi, ollama, lmstudio, mlx, openai";
} // namespace

class TestMachineConfig : public QObject
{
    Q_OBJECT
private slots:
    void issueExample();
    void everyField();
    void defaults();
    void rules_data();
    void rules();
    void serverKinds_data();
    void serverKinds();
    void validIds_data();
    void validIds();
    void topLevel_data();
    void topLevel();
    void hostile_data();
    void hostile();
    void tooManyProblemsAreCounted();
    void roundTrip_data();
    void roundTrip();
    void writesStableOrderWithoutDefaults();
    void equality();
    void validateMachine_data();
    void validateMachine();
    void validateMachinesNamesDuplicates();
    void validateMachinesAgreesWithTheFile_data();
    void validateMachinesAgreesWithTheFile();
    void writesControlCharactersAsJsonEscapes();
};

void TestMachineConfig::issueExample()
{
    const QByteArray json = TestUtil::readFixture("machines_example.json");
    QVERIFY(!json.isEmpty());
    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(r.errors, QStringList());
    QCOMPARE(r.warnings, QStringList());
    QCOMPARE(r.machines.size(), 1);
    const MachineConfig &m = r.machines.first();
    QCOMPARE(m.id, QStringLiteral("mac1"));
    QCOMPARE(m.name, QStringLiteral("Mac Studio 1 (GPT-OSS)"));
    QCOMPARE(m.host, QStringLiteral("192.0.2.10"));
    QCOMPARE(m.port, 22);
    QCOMPARE(m.user, QStringLiteral("grader"));
    QCOMPARE(m.keyFile, QStringLiteral("~/.ssh/id_ed25519"));
    QCOMPARE(m.knownHosts, QStringLiteral("~/.ssh/known_hosts"));
    QCOMPARE(m.serverUrl, QString());
    QCOMPARE(m.serverKind, ServerKind::Auto);
    QCOMPARE(m.probe, false);
    QCOMPARE(m.nodeExporterUrl, QString());
}

void TestMachineConfig::everyField()
{
    const QByteArray json = TestUtil::readFixture("machines_import.json");
    QVERIFY(!json.isEmpty());
    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(idsOf(r.machines), (QStringList { QStringLiteral("mac1"), QStringLiteral("gpu_box") }));
    QCOMPARE(
        r.warnings, QStringList { QStringLiteral("machine 2 (\"gpu_box\"): unknown field \"colour\" is ignored.") });
    QCOMPARE(r.errors, QStringList { QStringLiteral("machine 3: \"id\" is required.") });

    const MachineConfig &gpu = r.machines.at(1);
    QCOMPARE(gpu.name, QStringLiteral("GPU box (vLLM)"));
    QCOMPARE(gpu.host, QString()); // HTTP only: not sampled over SSH
    QCOMPARE(gpu.serverUrl, QStringLiteral("http://192.0.2.20:8000"));
    QCOMPARE(gpu.serverKind, ServerKind::Vllm);
    QCOMPARE(gpu.probe, true);
    QCOMPARE(gpu.probeIntervalSeconds, 60);
    QCOMPARE(gpu.nodeExporterUrl, QStringLiteral("http://192.0.2.20:9100/metrics"));
}

void TestMachineConfig::defaults()
{
    const MachineConfigResult r = parseMachinesJson(file(R"({"id": "box"})"));
    QCOMPARE(r.errors, QStringList());
    QCOMPARE(r.machines.size(), 1);
    const MachineConfig &m = r.machines.first();
    QCOMPARE(m.name, QStringLiteral("box")); // the name defaults to the id
    QCOMPARE(m.host, QString());
    QCOMPARE(m.port, 22);
    QCOMPARE(m.user, QString());
    QCOMPARE(m.keyFile, QString());
    QCOMPARE(m.knownHosts, QString());
    QCOMPARE(m.timeoutSeconds, 10);
    QCOMPARE(m.serverKind, ServerKind::Auto);
    QCOMPARE(m.probe, false);
    QCOMPARE(m.probeIntervalSeconds, 30);
    QCOMPARE(m, MachineConfig(machine(QStringLiteral("box"))));
}

void TestMachineConfig::rules_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("ids");      // the machines kept
    QTest::addColumn<QStringList>("errors");   // exactly
    QTest::addColumn<QStringList>("warnings"); // exactly

    const QStringList none;
    const QStringList a { QStringLiteral("a") };
    const QStringList ab { QStringLiteral("a"), QStringLiteral("b") };
    auto s = [](const char *text) { return QString::fromUtf8(text); };

    // id
    QTest::addRow("id missing") << file(R"({"host": "h"})") << none
                                << QStringList { s(R"(machine 1: "id" is required.)") } << none;
    QTest::addRow("id empty") << file(R"({"id": ""})") << none << QStringList { s(R"(machine 1: "id" is required.)") }
                              << none;
    QTest::addRow("id a number") << file(R"({"id": 7})") << none
                                 << QStringList { s(R"(machine 1: "id" must be a string, not 7.)") } << none;
    QTest::addRow("id null") << file(R"({"id": null})") << none
                             << QStringList { s(R"(machine 1: "id" must be a string, not null.)") } << none;
    QTest::addRow("id uppercase")
        << file(R"({"id": "a"}, {"id": "Mac1"})") << a
        << QStringList { s(
               R"(machine 2 ("Mac1"): "id" must be lowercase letters a-z, digits and _ only, not "Mac1".)") }
        << none;
    QTest::addRow("id with a hyphen")
        << file(R"({"id": "mac-1"})") << none
        << QStringList { s(
               R"(machine 1 ("mac-1"): "id" must be lowercase letters a-z, digits and _ only, not "mac-1".)") }
        << none;
    QTest::addRow("id with a space")
        << file(R"({"id": "mac 1"})") << none
        << QStringList { s(
               R"(machine 1 ("mac 1"): "id" must be lowercase letters a-z, digits and _ only, not "mac 1".)") }
        << none;
    QTest::addRow("id not ASCII")
        << file(R"({"id": "café"})") << none
        << QStringList { s(
               R"(machine 1 ("café"): "id" must be lowercase letters a-z, digits and _ only, not "café".)") }
        << none;
    QTest::addRow("id digits and underscores")
        << file(R"({"id": "_0_9_"})") << QStringList { s("_0_9_") } << none << none;
    QTest::addRow("id local is reserved")
        << file(R"({"id": "local"})") << none
        << QStringList { s(R"(machine 1 ("local"): "id" cannot be "local": that id is reserved for this computer.)") }
        << none;
    QTest::addRow("id duplicate names both entries")
        << file(R"({"id": "a", "host": "h1"}, {"id": "b"}, {"id": "a", "host": "h2"})") << ab
        << QStringList { s(R"(machine 3 ("a"): the id "a" is already used by machine 1.)") } << none;

    // name
    QTest::addRow("name defaults to id") << file(R"({"id": "a", "name": ""})") << a << none << none;
    QTest::addRow("name not a string") << file(R"({"id": "a", "name": ["x"]})") << none
                                       << QStringList { s(
                                              R"(machine 1 ("a"): "name" must be a string, not an array.)") }
                                       << none;

    // port
    QTest::addRow("port a string (the issue's example)")
        << file(R"({"id": "b"}, {"id": "mac1", "port": "abc"})") << QStringList { s("b") }
        << QStringList { s(R"(machine 2 ("mac1"): "port" must be a whole number from 1 to 65535, not "abc".)") }
        << none;
    const struct
    {
        const char *name;
        const char *value;
        const char *shown;
    } badPorts[] = {
        { "port 0", "0", "0" },
        { "port 65536", "65536", "65536" },
        { "port -22", "-22", "-22" },
        { "port 22.5", "22.5", "22.5" },
        { "port \"22\"", "\"22\"", "\"22\"" },
        { "port null", "null", "null" },
        { "port true", "true", "true" },
        { "port object", "{}", "an object" },
        { "port 1e300", "1e300", "1e+300" },
    };
    for (const auto &bad : badPorts) {
        QTest::addRow("%s", bad.name)
            << file(QByteArray(R"({"id": "a", "port": )") + bad.value + "}") << none
            << QStringList { s(R"(machine 1 ("a"): "port" must be a whole number from 1 to 65535, not )") + s(bad.shown)
                   + u'.' }
            << none;
    }
    QTest::addRow("port 1") << file(R"({"id": "a", "port": 1})") << a << none << none;
    QTest::addRow("port 65535") << file(R"({"id": "a", "port": 65535})") << a << none << none;

    // strings must be strings
    for (const char *key : { "host", "user", "key_file", "known_hosts", "server_url", "node_exporter_url" }) {
        QTest::addRow("%s a number", key)
            << file(QByteArray(R"({"id": "a", ")") + key + R"(": 22})") << none
            << QStringList { s(R"(machine 1 ("a"): ")") + s(key) + s(R"(" must be a string, not 22.)") } << none;
        QTest::addRow("%s false", key) << file(QByteArray(R"({"id": "a", ")") + key + R"(": false})") << none
                                       << QStringList { s(R"(machine 1 ("a"): ")") + s(key)
                                              + s(R"(" must be a string, not false.)") }
                                       << none;
    }

    // URLs
    for (const char *key : { "server_url", "node_exporter_url" }) {
        for (const char *bad : { "ftp://box:8080", "box:8080", "http://", "http://exa mple.com/", "not a url",
                 "file:///tmp/x", "https://[::1" }) {
            QTest::addRow("%s %s", key, bad)
                << file(QByteArray(R"({"id": "a", ")") + key + R"(": ")" + bad + R"("})") << none
                << QStringList { s(R"(machine 1 ("a"): ")") + s(key)
                       + s(R"(" must be an http:// or https:// URL with a host, not ")") + s(bad) + s("\".") }
                << none;
        }
        for (const char *good :
            { "http://192.0.2.10:8080", "https://box.example/metrics", "HTTP://Box:9100", "http://[::1]:8000/v1" }) {
            QTest::addRow("%s %s", key, good)
                << file(QByteArray(R"({"id": "a", ")") + key + R"(": ")" + good + R"("})") << a << none << none;
        }
        QTest::addRow("%s empty is none", key)
            << file(QByteArray(R"({"id": "a", ")") + key + R"(": ""})") << a << none << none;
    }
    QTest::addRow("server and no host (HTTP only)")
        << file(R"({"id": "a", "server_url": "http://192.0.2.1:1234", "server_kind": "lmstudio"})") << a << none
        << none;

    // server_kind
    QTest::addRow("server_kind unknown") << file(R"({"id": "a", "server_kind": "kobold"})") << none
                                         << QStringList { s(R"(machine 1 ("a"): "server_kind" must be one of )")
                                                + s(KindNames) + s(R"(, not "kobold".)") }
                                         << none;
    QTest::addRow("server_kind a number")
        << file(R"({"id": "a", "server_kind": 3})") << none
        << QStringList { s(R"(machine 1 ("a"): "server_kind" must be one of )") + s(KindNames) + s(", not 3.") }
        << none;

    // probe
    QTest::addRow("probe true") << file(R"({"id": "a", "probe": true})") << a << none << none;
    QTest::addRow("probe \"yes\"") << file(R"({"id": "a", "probe": "yes"})") << none
                                   << QStringList { s(R"(machine 1 ("a"): "probe" must be true or false, not "yes".)") }
                                   << none;
    QTest::addRow("probe 1") << file(R"({"id": "a", "probe": 1})") << none
                             << QStringList { s(R"(machine 1 ("a"): "probe" must be true or false, not 1.)") } << none;
    for (const char *bad : { "4", "3601", "0", "10.5", "\"60\"", "null" }) {
        QString shown = s(bad);
        QTest::addRow("probe_interval_s %s", bad)
            << file(QByteArray(R"({"id": "a", "probe": true, "probe_interval_s": )") + bad + "}") << none
            << QStringList { s(R"(machine 1 ("a"): "probe_interval_s" must be a whole number of seconds from 5 to 3600, not )")
                   + shown + u'.' }
            << none;
    }
    QTest::addRow("probe_interval_s 5") << file(R"({"id": "a", "probe_interval_s": 5})") << a << none << none;
    QTest::addRow("probe_interval_s 3600") << file(R"({"id": "a", "probe_interval_s": 3600})") << a << none << none;

    // timeout_s
    for (const char *bad : { "0", "301", "2.5", "\"10\"", "null", "-1" }) {
        QTest::addRow("timeout_s %s", bad)
            << file(QByteArray(R"({"id": "a", "host": "h", "timeout_s": )") + bad + "}") << none
            << QStringList { s(R"(machine 1 ("a"): "timeout_s" must be a whole number of seconds from 1 to 300, not )")
                   + s(bad) + u'.' }
            << none;
    }
    QTest::addRow("timeout_s 1") << file(R"({"id": "a", "timeout_s": 1})") << a << none << none;
    QTest::addRow("timeout_s 300") << file(R"({"id": "a", "timeout_s": 300})") << a << none << none;

    // unknown fields
    QTest::addRow("unknown field is a warning")
        << file(R"({"id": "a", "hots": "h"}, {"id": "b", "password": "x", "Port": 22})") << ab << none
        << QStringList { s(R"(machine 1 ("a"): unknown field "hots" is ignored.)"),
               s(R"(machine 2 ("b"): unknown field "Port" is ignored.)"),
               s(R"(machine 2 ("b"): unknown field "password" is ignored.)") };

    // entries
    QTest::addRow("every problem of an entry is named; the others are kept")
        << file(R"({"id": "a"}, {"id": "c", "port": 0, "probe": "no", "extra": 1}, {"id": "b"})") << ab
        << QStringList { s(R"(machine 2 ("c"): "port" must be a whole number from 1 to 65535, not 0.)"),
               s(R"(machine 2 ("c"): "probe" must be true or false, not "no".)") }
        << QStringList { s(R"(machine 2 ("c"): unknown field "extra" is ignored.)") };
    QTest::addRow("entry not an object") << file(R"(1, "a", null, [], true, {"id": "a"})") << a
                                         << QStringList { s("machine 1 must be an object, not 1."),
                                                s(R"(machine 2 must be an object, not "a".)"),
                                                s("machine 3 must be an object, not null."),
                                                s("machine 4 must be an object, not an array."),
                                                s("machine 5 must be an object, not true.") }
                                         << none;
    QTest::addRow("no machines") << file("") << none << none << none;
    QTest::addRow("placeholders in a value stay as written")
        << file(R"({"id": "%2", "probe_interval_s": 1, "%1": 0})") << none
        << QStringList {
               s(R"(machine 1 ("%2"): "id" must be lowercase letters a-z, digits and _ only, not "%2".)"),
               s(R"(machine 1 ("%2"): "probe_interval_s" must be a whole number of seconds from 5 to 3600, not 1.)"),
           }
        << QStringList { s(R"(machine 1 ("%2"): unknown field "%1" is ignored.)") };
    QTest::addRow("a long bad value is cut short")
        << file(QByteArray(R"({"id": "a", "host": "h", "port": ")") + QByteArray(200, 'x') + "\"}") << none
        << QStringList { s(R"(machine 1 ("a"): "port" must be a whole number from 1 to 65535, not ")")
               + QString(57, u'x') + s("…\".") }
        << none;
}

void TestMachineConfig::rules()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, errors);
    QFETCH(QStringList, warnings);

    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(r.errors, errors);
    QCOMPARE(r.warnings, warnings);
    QCOMPARE(idsOf(r.machines), ids);
}

void TestMachineConfig::serverKinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<ServerKind>("kind");
    QTest::addRow("auto") << QStringLiteral("auto") << ServerKind::Auto;
    QTest::addRow("llamacpp") << QStringLiteral("llamacpp") << ServerKind::LlamaCpp;
    QTest::addRow("vllm") << QStringLiteral("vllm") << ServerKind::Vllm;
    QTest::addRow("sglang") << QStringLiteral("sglang") << ServerKind::Sglang;
    QTest::addRow("tgi") << QStringLiteral("tgi") << ServerKind::Tgi;
    QTest::addRow("ollama") << QStringLiteral("ollama") << ServerKind::Ollama;
    QTest::addRow("lmstudio") << QStringLiteral("lmstudio") << ServerKind::LmStudio;
    QTest::addRow("mlx") << QStringLiteral("mlx") << ServerKind::Mlx;
    QTest::addRow("openai") << QStringLiteral("openai") << ServerKind::OpenAi;
}

void TestMachineConfig::serverKinds()
{
    QFETCH(QString, name);
    QFETCH(ServerKind, kind);
    const MachineConfigResult r = parseMachinesJson(
        file(R"({"id": "a", "server_url": "http://h:1", "server_kind": ")" + name.toUtf8() + "\"}"));
    QCOMPARE(r.errors, QStringList());
    QCOMPARE(r.machines.size(), 1);
    QCOMPARE(r.machines.first().serverKind, kind);

    // And back: the kind's name is written unless it is the default.
    MachineConfig m = machine(QStringLiteral("a"));
    m.serverKind = kind;
    QCOMPARE(machinesToJson({ m }).contains(QByteArray("\"server_kind\": \"" + name.toUtf8() + '"')),
        kind != ServerKind::Auto);
}

void TestMachineConfig::validIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::addRow("lowercase") << QStringLiteral("mac1") << true;
    QTest::addRow("underscores") << QStringLiteral("gpu_box_2") << true;
    QTest::addRow("one underscore") << QStringLiteral("_") << true;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("uppercase") << QStringLiteral("Mac1") << false;
    QTest::addRow("hyphen") << QStringLiteral("mac-1") << false;
    QTest::addRow("dot") << QStringLiteral("mac.1") << false;
    QTest::addRow("space") << QStringLiteral("mac 1") << false;
    QTest::addRow("non-ASCII letter") << QStringLiteral("ü") << false;
    QTest::addRow("fullwidth digit") << QStringLiteral("mac１") << false;
    // "local" is a valid id as such; the parser reserves it for this computer.
    QTest::addRow("local") << QStringLiteral("local") << true;
}

void TestMachineConfig::validIds()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(isValidMachineId(id), valid);
}

void TestMachineConfig::topLevel_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error"); // the start of the one error

    QTest::addRow("empty") << QByteArray() << QStringLiteral("The machines file is not valid JSON: ");
    QTest::addRow("not JSON") << QByteArray("machines: [mac1]")
                              << QStringLiteral("The machines file is not valid JSON: ");
    QTest::addRow("trailing comma") << QByteArray(R"({"machines": [{"id": "a"},]})")
                                    << QStringLiteral("The machines file is not valid JSON: ");
    QTest::addRow("array") << QByteArray(R"([{"id": "a"}])")
                           << QStringLiteral(
                                  "The machines file must be a JSON object with a \"machines\" array, not an array.");
    QTest::addRow("no machines key") << QByteArray(R"({"machine": []})")
                                     << QStringLiteral("The machines file has no \"machines\" array.");
    QTest::addRow("machines an object") << QByteArray(R"({"machines": {"id": "a"}})")
                                        << QStringLiteral("\"machines\" must be an array of machines, not an object.");
    QTest::addRow("machines null") << QByteArray(R"({"machines": null})")
                                   << QStringLiteral("\"machines\" must be an array of machines, not null.");
    QTest::addRow("machines a string") << QByteArray(R"({"machines": "mac1"})")
                                       << QStringLiteral("\"machines\" must be an array of machines, not \"mac1\".");
}

void TestMachineConfig::topLevel()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(r.machines.size(), 0);
    QCOMPARE(r.warnings, QStringList());
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors.first().startsWith(error), qPrintable(r.errors.first()));
    QVERIFY(r.errors.first().endsWith(u'.'));
}

void TestMachineConfig::hostile_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("machines");
    QTest::addColumn<QString>("firstError"); // the start of it; empty: no error

    QRandomGenerator random(42);
    QByteArray garbage(5 * 1024 * 1024, Qt::Uninitialized);
    for (char &c : garbage)
        c = char(random.bounded(256));
    QTest::addRow("5 MB of garbage") << garbage << 0 << QStringLiteral("The machines file is not valid JSON");

    QByteArray braces(5 * 1024 * 1024, '{');
    QTest::addRow("5 MB of open braces") << braces << 0 << QStringLiteral("The machines file is not valid JSON");

    const QByteArray deep = QByteArray(100'000, '[') + QByteArray(100'000, ']');
    QTest::addRow("deep nesting") << deep << 0 << QStringLiteral("The machines file is not valid JSON");

    const QByteArray deepInEntry
        = file(R"({"id": "a", "x": )" + QByteArray(100'000, '[') + QByteArray(100'000, ']') + "}");
    QTest::addRow("deep nesting in an entry")
        << deepInEntry << 0 << QStringLiteral("The machines file is not valid JSON");

    // Deep but within the JSON parser's limit: the nesting is an unknown field's value.
    const QByteArray nested = file(R"({"id": "a", "x": )" + QByteArray(500, '[') + QByteArray(500, ']') + "}");
    QTest::addRow("nested arrays in an unknown field") << nested << 1 << QString();

    QTest::addRow("nested nulls") << file(R"(null, [null, [null]], {"id": null, "host": [null, {"a": null}]})") << 0
                                  << QStringLiteral("machine 1 must be an object, not null.");
    QTest::addRow("an array of numbers") << QByteArray(R"({"machines": [1, 2, 3.5, -0, 1e308]})") << 0
                                         << QStringLiteral("machine 1 must be an object, not 1.");
    QTest::addRow("NUL bytes in a string")
        << file(QByteArray("{\"id\": \"a\", \"host\": \"h\\u0000x\"}")) << 1 << QString();
    // Editors on Windows write one; Qt's JSON parser skips it.
    QTest::addRow("UTF-8 BOM") << "\xEF\xBB\xBF" + file(R"({"id": "a"})") << 1 << QString();

    QByteArray many = "{\"machines\": [";
    for (int i = 0; i < 20'000; ++i)
        many += (i ? "," : "") + QByteArray(R"({"id": "m)") + QByteArray::number(i) + R"(", "host": "192.0.2.1"})";
    many += "]}";
    QTest::addRow("20000 machines") << many << 20'000 << QString();

    const QByteArray longName = file(R"({"id": "a", "name": ")" + QByteArray(4 * 1024 * 1024, 'n') + "\"}");
    QTest::addRow("a 4 MB name") << longName << 1 << QString();
}

void TestMachineConfig::hostile()
{
    QFETCH(QByteArray, json);
    QFETCH(int, machines);
    QFETCH(QString, firstError);
    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(r.machines.size(), machines);
    if (firstError.isEmpty()) {
        QCOMPARE(r.errors, QStringList());
    } else {
        QVERIFY(!r.errors.isEmpty());
        QVERIFY2(r.errors.first().startsWith(firstError), qPrintable(r.errors.first()));
    }
    QVERIFY(r.errors.size() <= 101);
    QVERIFY(r.warnings.size() <= 101);
}

void TestMachineConfig::tooManyProblemsAreCounted()
{
    // 200,000 bad entries make a hundred messages and a count, not a million messages.
    QByteArray json = "{\"machines\": [";
    for (int i = 0; i < 200'000; ++i)
        json += i ? ",{\"id\":\"a\",\"zz\":0,\"port\":0}" : "{\"id\":\"a\",\"zz\":0,\"port\":0}";
    json += "]}";
    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(r.machines.size(), 0);
    QCOMPARE(r.errors.size(), 101);
    QCOMPARE(
        r.errors.first(), QStringLiteral("machine 1 (\"a\"): \"port\" must be a whole number from 1 to 65535, not 0."));
    QCOMPARE(r.errors.last(), QStringLiteral("… and 199900 more errors."));
    QCOMPARE(r.warnings.size(), 101);
    QCOMPARE(r.warnings.last(), QStringLiteral("… and 199900 more warnings."));
}

void TestMachineConfig::roundTrip_data()
{
    QTest::addColumn<QList<MachineConfig>>("machines");

    QTest::addRow("none") << QList<MachineConfig> {};
    QTest::addRow("defaults") << QList<MachineConfig> { machine(QStringLiteral("a")) };

    MachineConfig mac = machine(QStringLiteral("mac1"), QStringLiteral("Mac Studio 1 (GPT-OSS)"));
    mac.host = QStringLiteral("192.0.2.10");
    mac.user = QStringLiteral("grader");
    mac.keyFile = QStringLiteral("~/.ssh/id_ed25519");
    mac.knownHosts = QStringLiteral("~/.ssh/known_hosts");
    QTest::addRow("the issue's example") << QList<MachineConfig> { mac };

    MachineConfig all = machine(QStringLiteral("gpu_box_2"), QStringLiteral("GPU box"));
    all.host = QStringLiteral("gpu.example");
    all.port = 65535;
    all.user = QStringLiteral("root");
    all.keyFile = QStringLiteral("/keys/id_rsa");
    all.knownHosts = QStringLiteral("/keys/known_hosts");
    all.timeoutSeconds = 300;
    all.serverUrl = QStringLiteral("https://gpu.example:8443/v1");
    all.serverKind = ServerKind::Sglang;
    all.probe = true;
    all.probeIntervalSeconds = 3600;
    all.nodeExporterUrl = QStringLiteral("http://gpu.example:9100/metrics");
    QTest::addRow("every field") << QList<MachineConfig> { all };

    MachineConfig odd = machine(QStringLiteral("odd"),
        QStringLiteral("Quote \" backslash \\ slash / tab \t newline \n bell \x07 DEL \x7f "
                       "第三本 🚀 é"));
    odd.user = QStringLiteral("Zoë");
    odd.keyFile = QStringLiteral("C:\\Users\\Zoë\\.ssh\\id_ed25519");
    odd.port = 1;
    odd.probeIntervalSeconds = 5;
    QTest::addRow("characters that need escaping") << QList<MachineConfig> { odd };

    // A file may hold "\ud800": JSON reads it as a lone surrogate, which UTF-8 cannot carry
    // (found by fuzz_machineconfig: it came back as U+FFFD).
    MachineConfig lone = machine(QStringLiteral("lone"),
        QStringLiteral("high ") + QChar(0xD800) + QStringLiteral(" low ") + QChar(0xDC00) + QStringLiteral(" reversed ")
            + QChar(0xDC00) + QChar(0xD800) + QStringLiteral(" last ") + QChar(0xDBFF));
    lone.host = QString(QChar(0xDFFF));
    QTest::addRow("lone surrogates") << QList<MachineConfig> { lone };

    MachineConfig httpOnly = machine(QStringLiteral("lm"));
    httpOnly.serverUrl = QStringLiteral("http://192.0.2.3:1234");
    httpOnly.serverKind = ServerKind::LmStudio;
    QList<MachineConfig> several { mac, all, httpOnly, odd };
    for (int i = 0; i < 50; ++i)
        several << machine(QStringLiteral("m%1").arg(i), QStringLiteral("Machine %1").arg(i));
    QTest::addRow("several") << several;
}

void TestMachineConfig::roundTrip()
{
    QFETCH(QList<MachineConfig>, machines);
    const QByteArray json = machinesToJson(machines);

    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);

    const MachineConfigResult r = parseMachinesJson(json);
    QCOMPARE(r.errors, QStringList());
    QCOMPARE(r.warnings, QStringList());
    QCOMPARE(r.machines.size(), machines.size());
    for (qsizetype i = 0; i < machines.size(); ++i)
        QVERIFY2(r.machines.at(i) == machines.at(i), qPrintable(QStringLiteral("machine %1").arg(i + 1)));
    QCOMPARE(machinesToJson(r.machines), json); // and stable
}

void TestMachineConfig::writesStableOrderWithoutDefaults()
{
    MachineConfig mac = machine(QStringLiteral("mac1"), QStringLiteral("Mac Studio 1 (GPT-OSS)"));
    mac.host = QStringLiteral("192.0.2.10");
    mac.user = QStringLiteral("grader");
    mac.keyFile = QStringLiteral("~/.ssh/id_ed25519");
    MachineConfig gpu = machine(QStringLiteral("gpu"));
    gpu.nodeExporterUrl = QStringLiteral("http://gpu:9100/metrics");
    gpu.probe = true;
    gpu.serverKind = ServerKind::Vllm;
    gpu.serverUrl = QStringLiteral("http://gpu:8000");
    gpu.port = 2222;
    gpu.timeoutSeconds = 30;

    QCOMPARE(machinesToJson({ mac, gpu }), QByteArray(R"json({
    "machines": [
        {
            "id": "mac1",
            "name": "Mac Studio 1 (GPT-OSS)",
            "host": "192.0.2.10",
            "user": "grader",
            "key_file": "~/.ssh/id_ed25519"
        },
        {
            "id": "gpu",
            "port": 2222,
            "timeout_s": 30,
            "server_url": "http://gpu:8000",
            "server_kind": "vllm",
            "probe": true,
            "node_exporter_url": "http://gpu:9100/metrics"
        }
    ]
}
)json"));
    QCOMPARE(machinesToJson({}), QByteArray("{\n    \"machines\": []\n}\n"));
}

void TestMachineConfig::equality()
{
    const MachineConfig a = machine(QStringLiteral("a"));
    QVERIFY(a == a);
    QVERIFY(!(a != a));
    auto differs = [&](auto change) {
        MachineConfig b = a;
        change(b);
        return a != b && !(a == b);
    };
    QVERIFY(differs([](MachineConfig &m) { m.id = QStringLiteral("b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.name = QStringLiteral("b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.host = QStringLiteral("b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.port = 23; }));
    QVERIFY(differs([](MachineConfig &m) { m.user = QStringLiteral("b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.keyFile = QStringLiteral("b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.knownHosts = QStringLiteral("b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.timeoutSeconds = 11; }));
    QVERIFY(differs([](MachineConfig &m) { m.serverUrl = QStringLiteral("http://b"); }));
    QVERIFY(differs([](MachineConfig &m) { m.serverKind = ServerKind::Tgi; }));
    QVERIFY(differs([](MachineConfig &m) { m.probe = true; }));
    QVERIFY(differs([](MachineConfig &m) { m.probeIntervalSeconds = 31; }));
    QVERIFY(differs([](MachineConfig &m) { m.nodeExporterUrl = QStringLiteral("http://b"); }));
}

// The rules on values, as the machines dialog checks the machines it edits (no JSON between).
void TestMachineConfig::validateMachine_data()
{
    QTest::addColumn<MachineConfig>("machine");
    QTest::addColumn<QStringList>("problems");
    auto s = [](const char *text) { return QString::fromUtf8(text); };
    auto with = [](auto change) {
        MachineConfig m;
        m.id = QStringLiteral("a");
        change(m);
        return m;
    };

    QTest::addRow("valid") << with([](MachineConfig &) {}) << QStringList {};
    QTest::addRow("id empty") << with([](MachineConfig &m) { m.id.clear(); })
                              << QStringList { s(R"(m: "id" is required.)") };
    QTest::addRow("id with a space") << with([](MachineConfig &m) {
        m.id = QStringLiteral("a b");
    }) << QStringList { s(R"(m: "id" must be lowercase letters a-z, digits and _ only, not "a b".)") };
    QTest::addRow("id local") << with([](MachineConfig &m) {
        m.id = QStringLiteral("local");
    }) << QStringList { s(R"(m: "id" cannot be "local": that id is reserved for this computer.)") };
    QTest::addRow("port 0") << with([](MachineConfig &m) { m.port = 0; })
                            << QStringList { s(R"(m: "port" must be a whole number from 1 to 65535, not 0.)") };
    QTest::addRow("port 65536") << with([](MachineConfig &m) { m.port = 65536; })
                                << QStringList { s(R"(m: "port" must be a whole number from 1 to 65535, not 65536.)") };
    QTest::addRow("timeout 0") << with([](MachineConfig &m) {
        m.timeoutSeconds = 0;
    }) << QStringList { s(R"(m: "timeout_s" must be a whole number of seconds from 1 to 300, not 0.)") };
    QTest::addRow("probe interval 4") << with([](MachineConfig &m) {
        m.probeIntervalSeconds = 4;
    }) << QStringList { s(R"(m: "probe_interval_s" must be a whole number of seconds from 5 to 3600, not 4.)") };
    QTest::addRow("server URL not http") << with([](MachineConfig &m) {
        m.serverUrl = QStringLiteral("ftp://box");
    }) << QStringList { s(R"(m: "server_url" must be an http:// or https:// URL with a host, not "ftp://box".)") };
    QTest::addRow("node_exporter URL without a host") << with([](MachineConfig &m) {
        m.nodeExporterUrl = QStringLiteral("http://");
    }) << QStringList { s(R"(m: "node_exporter_url" must be an http:// or https:// URL with a host, not "http://".)") };
    QTest::addRow("every problem, in the file's order of keys")
        << with([](MachineConfig &m) {
               m.id = QStringLiteral("X");
               m.timeoutSeconds = 301;
               m.port = -1;
               m.serverUrl = QStringLiteral("box");
           })
        << QStringList { s(R"(m: "id" must be lowercase letters a-z, digits and _ only, not "X".)"),
               s(R"(m: "port" must be a whole number from 1 to 65535, not -1.)"),
               s(R"(m: "server_url" must be an http:// or https:// URL with a host, not "box".)"),
               s(R"(m: "timeout_s" must be a whole number of seconds from 1 to 300, not 301.)") };
}

void TestMachineConfig::validateMachine()
{
    QFETCH(MachineConfig, machine);
    QFETCH(QStringList, problems);
    QCOMPARE(::validateMachine(machine, QStringLiteral("m")), problems);
}

void TestMachineConfig::validateMachinesNamesDuplicates()
{
    MachineConfig bad = machine(QStringLiteral("a"));
    bad.port = 0;
    const QList<MachineConfig> list { bad, machine(QStringLiteral("a")), machine(QStringLiteral("b")),
        machine(QStringLiteral("a")), machine(QString()) };
    QList<bool> valid;
    const QStringList expected { QString::fromUtf8(
                                     R"(machine 1 ("a"): "port" must be a whole number from 1 to 65535, not 0.)"),
        QString::fromUtf8(R"(machine 4 ("a"): the id "a" is already used by machine 2.)"),
        QString::fromUtf8(R"(machine 5: "id" is required.)") };
    QCOMPARE(validateMachines(list, &valid), expected);
    QCOMPARE(valid, (QList<bool> { false, true, true, false, false }));
}

// The dialog used to find bad rows by writing the list as a file and reading it back: checking
// the list itself must say the same.
void TestMachineConfig::validateMachinesAgreesWithTheFile_data()
{
    QTest::addColumn<QList<MachineConfig>>("machines");
    MachineConfig ports = machine(QStringLiteral("p"));
    ports.port = 70000;
    ports.probeIntervalSeconds = 1;
    MachineConfig urls = machine(QStringLiteral("u"));
    urls.serverUrl = QStringLiteral("not a url");
    urls.nodeExporterUrl = QStringLiteral("https://");
    MachineConfig many = machine(QStringLiteral("Many"));
    many.timeoutSeconds = 1000;
    QTest::addRow("valid") << QList<MachineConfig> { machine(QStringLiteral("a")), machine(QStringLiteral("b")) };
    QTest::addRow("values") << QList<MachineConfig> { ports, urls, many };
    QTest::addRow("ids") << QList<MachineConfig> { machine(QString()), machine(QStringLiteral("local")),
        machine(QStringLiteral("a")), machine(QStringLiteral("a")), ports, machine(QStringLiteral("p")) };
    QList<MachineConfig> lots;
    for (int i = 0; i < 150; ++i)
        lots << many;
    QTest::addRow("more than the messages kept") << lots;
}

void TestMachineConfig::validateMachinesAgreesWithTheFile()
{
    QFETCH(QList<MachineConfig>, machines);
    QList<bool> valid;
    const QStringList problems = validateMachines(machines, &valid);
    const MachineConfigResult read = parseMachinesJson(machinesToJson(machines));
    QCOMPARE(problems, read.errors);
    QList<MachineConfig> kept;
    for (qsizetype i = 0; i < machines.size(); ++i) {
        if (valid.at(i))
            kept << machines.at(i);
    }
    QCOMPARE(read.machines, kept);
}

// Qt's JSON writer escapes the strings: what JSON requires, and nothing a reader would misread.
void TestMachineConfig::writesControlCharactersAsJsonEscapes()
{
    MachineConfig m = machine(QStringLiteral("a"), QStringLiteral("q\"\\\n\x01"));
    const QByteArray json = machinesToJson({ m });
    const QByteArray expected = R"("name": "q\"\\\n\u0001")";
    QVERIFY2(json.contains(expected), json.constData());
}

QTEST_GUILESS_MAIN(TestMachineConfig)
#include "tst_machineconfig.moc"
