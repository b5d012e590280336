// FlatJson: the scanner of the flat objects of JSON-lines logs.
#include "flatjson.h"

#include <QTest>

#include <cmath>
#include <cstring>

class TestFlatJson : public QObject
{
    Q_OBJECT
private slots:
    void numbers_data();
    void numbers();
    void invalid_data();
    void invalid();
    void stringsAndNesting();
    void scannerAsParseObject_data();
    void scannerAsParseObject();
};

void TestFlatJson::numbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("value");
    QTest::addRow("integer") << QByteArray("42") << 42.0;
    QTest::addRow("decimal") << QByteArray("1.234") << 1.234;
    QTest::addRow("negative") << QByteArray("-0.5") << -0.5;
    QTest::addRow("exponent") << QByteArray("1e-3") << 0.001;
    QTest::addRow("Unix time, 16 digits") << QByteArray("1640995200.123456") << 1640995200.123456;
    QTest::addRow("17 digits") << QByteArray("0.12345678901234567") << 0.12345678901234567;
    QTest::addRow("Infinity") << QByteArray("Infinity") << double(INFINITY);
    QTest::addRow("-Infinity") << QByteArray("-Infinity") << -double(INFINITY);
}

void TestFlatJson::numbers()
{
    QFETCH(QByteArray, text);
    QFETCH(double, value);
    const QByteArray object = "{\"v\": " + text + " }";
    std::vector<FlatJson::Member> members;
    QVERIFY(FlatJson::parseObject(object.constData(), object.constData() + object.size(), members));
    QCOMPARE(members.size(), size_t(1));
    QCOMPARE(int(members[0].type), int(FlatJson::Type::Number));
    QCOMPARE(members[0].number, value);
}

void TestFlatJson::invalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("no key") << QByteArray("{1: 2}");
    QTest::addRow("text after a number") << QByteArray("{\"a\": 1.5x}");
    QTest::addRow("bare word") << QByteArray("{\"a\": yes}");
    QTest::addRow("unterminated string") << QByteArray("{\"a\": \"b}");
    QTest::addRow("unbalanced nesting") << QByteArray("{\"a\": [[1]}");
    QTest::addRow("missing brace") << QByteArray("{\"a\": 1");
    QTest::addRow("trailing comma") << QByteArray("{\"a\": 1,}");
}

void TestFlatJson::invalid()
{
    QFETCH(QByteArray, text);
    std::vector<FlatJson::Member> members;
    QVERIFY(!FlatJson::parseObject(text.constData(), text.constData() + text.size(), members));
}

void TestFlatJson::stringsAndNesting()
{
    const QByteArray object
        = R"({"k\"ey": "caf\u00e9 \ud83d\ude00 \"q\" \\", "n": {"a": [1, "}"]}, "t": true, "z": null})";
    std::vector<FlatJson::Member> members;
    const char *end = FlatJson::parseObject(object.constData(), object.constData() + object.size(), members);
    QCOMPARE(end, object.constData() + object.size());
    QCOMPARE(members.size(), size_t(4));
    QCOMPARE(FlatJson::keyBytes(members[0]), QByteArray("k\"ey"));
    QCOMPARE(QString::fromUtf8(FlatJson::valueBytes(members[0])), QStringLiteral("caf\u00e9 \U0001F600 \"q\" \\"));
    QCOMPARE(int(members[1].type), int(FlatJson::Type::Nested));
    QCOMPARE(members[1].raw, QByteArrayView(R"({"a": [1, "}"]})"));
    QCOMPARE(int(members[2].type), int(FlatJson::Type::True));
    QCOMPARE(int(members[3].type), int(FlatJson::Type::Null));
}

// The Scanner's path for objects with the keys of the one before gives what parseObject gives, on
// objects that have them and on objects that only look like them.
void TestFlatJson::scannerAsParseObject_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    const QByteArray a = R"({"function": "fn_7", "execution_time": 0.12346, "timestamp": 1795357800.12, "n": 4})";
    QTest::addRow("same keys") << a
                               << QByteArray(R"({"function": "g\"h", "execution_time": -1, "timestamp": NaN, "n": 4})");
    QTest::addRow("same keys, other value types")
        << a << QByteArray(R"({"function": null, "execution_time": "x", "timestamp": [1, {"}": 2}], "n": true})");
    QTest::addRow("a space more before a value")
        << a << QByteArray(R"({"function":  "fn_7", "execution_time": 0.12346, "timestamp": 1795357800.12, "n": 4})");
    QTest::addRow("same keys, a space more before the brace")
        << a << QByteArray(R"({"function": "fn_7", "execution_time": 0.12346, "timestamp": 1795357800.12, "n": 4 })");
    QTest::addRow("a member more") << a
                                   << QByteArray(
                                          R"({"function": "f", "execution_time": 1, "timestamp": 2, "n": 4, "m": 5})");
    QTest::addRow("a member less") << a << QByteArray(R"({"function": "f", "execution_time": 1, "timestamp": 2})");
    QTest::addRow("a trailing comma") << a
                                      << QByteArray(
                                             R"({"function": "f", "execution_time": 1, "timestamp": 2, "n": 4,})");
    QTest::addRow("cut short") << a << QByteArray(R"({"function": "f", "execution_time": 1, "timestamp": 2, "n": )");
    QTest::addRow("no brace") << a << QByteArray(R"({"function": "f", "execution_time": 1, "timestamp": 2, "n": 4)");
    QTest::addRow("unterminated string") << a
                                         << QByteArray(
                                                R"({"function": "f, "execution_time": 1, "timestamp": 2, "n": 4})");
    QTest::addRow("number then text") << a
                                      << QByteArray(
                                             R"({"function": "f", "execution_time": 1.5x, "timestamp": 2, "n": 4})");
    QTest::addRow("same keys, numbers not plain")
        << a << QByteArray(R"({"function": "f", "execution_time": 1e-3, "timestamp": 5., "n": -Infinity})");
    QTest::addRow("same keys, 16 digits")
        << a << QByteArray(R"({"function": "f", "execution_time": 0.123456789012345678, "timestamp": 1, "n": 4})");
    QTest::addRow("same keys, escaped") << QByteArray(R"({"k\"ey": 1, "b": 2})")
                                        << QByteArray(R"({"k\"ey": "v", "b": 3})");
    QTest::addRow("empty objects") << QByteArray("{}") << QByteArray("{ }");
    QTest::addRow("then empty") << a << QByteArray("{}");
    QTest::addRow("same keys, text after the object")
        << a << QByteArray(R"({"function": "f", "execution_time": 1, "timestamp": 2, "n": 4} tail)");
}

void TestFlatJson::scannerAsParseObject()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    FlatJson::Scanner scanner;
    std::vector<FlatJson::Member> members, expected;
    scanner.parseObject(first.constData(), first.constData() + first.size(), members);
    const char *b = second.constData();
    const char *e = b + second.size();
    const char *got = scanner.parseObject(b, e, members);
    const char *want = FlatJson::parseObject(b, e, expected);
    QCOMPARE(got, want);
    // The rows named "same keys" take the Scanner's own path.
    QCOMPARE(scanner.sameKeys(), QByteArray(QTest::currentDataTag()).startsWith("same keys"));
    if (!want)
        return;
    QCOMPARE(members.size(), expected.size());
    for (size_t i = 0; i < members.size(); ++i) {
        QCOMPARE(members[i].key, expected[i].key);
        QCOMPARE(members[i].key.data(), expected[i].key.data());
        QCOMPARE(members[i].keyEscaped, expected[i].keyEscaped);
        QCOMPARE(int(members[i].type), int(expected[i].type));
        QCOMPARE(members[i].raw.data(), expected[i].raw.data());
        QCOMPARE(members[i].raw.size(), expected[i].raw.size());
        QCOMPARE(members[i].escaped, expected[i].escaped);
        QCOMPARE(std::memcmp(&members[i].number, &expected[i].number, sizeof(double)), 0);
    }
}

QTEST_GUILESS_MAIN(TestFlatJson)
#include "tst_flatjson.moc"
