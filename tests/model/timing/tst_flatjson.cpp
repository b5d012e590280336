// FlatJson: the scanner of the flat objects of JSON-lines logs.
#include "flatjson.h"

#include <QTest>

#include <charconv>
#include <cmath>
#include <cstring>

class TestFlatJson : public QObject
{
    Q_OBJECT
private slots:
    void numbers_data();
    void numbers();
    void plainDecimalsExact();
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
    // Lengths around the 15 digits read exactly without std::from_chars.
    QTest::addRow("7 digits") << QByteArray("1234567") << 1234567.0;
    QTest::addRow("8 digits") << QByteArray("12345678") << 12345678.0;
    QTest::addRow("9 digits") << QByteArray("123456789") << 123456789.0;
    QTest::addRow("8.8 digits") << QByteArray("-1234567.8765432") << -1234567.8765432;
    QTest::addRow("15 digits") << QByteArray("987654321098765") << 987654321098765.0;
    QTest::addRow("15 digits, point") << QByteArray("0.00000000000001") << 1e-14;
    QTest::addRow("16 digits") << QByteArray("9876543210987654") << 9876543210987654.0;
    QTest::addRow("Unix time, 12 digits") << QByteArray("1795357800.12") << 1795357800.12;
    QTest::addRow("zeros") << QByteArray("000000000.000000") << 0.0;
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
    // The same number right before the end of the bytes (no 8 left after it).
    const QByteArray tight = "{\"v\":" + text + "}";
    QVERIFY(FlatJson::parseObject(tight.constData(), tight.constData() + tight.size(), members));
    QCOMPARE(members[0].number, value);
    QCOMPARE(members[0].raw, QByteArrayView(text));
}

// Plain decimals of up to 15 digits are read exactly (one division by an exact power of ten): bit
// for bit what std::from_chars reads, for every length of integer and fraction part.
void TestFlatJson::plainDecimalsExact()
{
    quint64 seed = 42;
    auto next = [&seed] { return seed = seed * 6364136223846793005u + 1442695040888963407u; };
    std::vector<FlatJson::Member> members;
    int checked = 0;
    for (int round = 0; round < 20000; ++round) {
        const int integer = 1 + int(next() >> 33) % 15;
        const int fraction = int(next() >> 33) % (16 - integer);
        QByteArray text = (next() >> 63) ? "-" : "";
        for (int i = 0; i < integer + fraction; ++i) {
            if (i == integer)
                text += '.';
            text += char('0' + (next() >> 33) % 10);
        }
        const QByteArray object = "{\"v\": " + text + ", \"w\":" + text + "}";
        QVERIFY(FlatJson::parseObject(object.constData(), object.constData() + object.size(), members));
        double expected = 0;
        std::from_chars(text.constData(), text.constData() + text.size(), expected);
        for (const FlatJson::Member &m : members) {
            if (std::memcmp(&m.number, &expected, sizeof(double)) != 0)
                QFAIL(text.constData());
        }
        ++checked;
    }
    QCOMPARE(checked, 20000);
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
