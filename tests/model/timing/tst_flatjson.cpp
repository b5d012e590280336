// FlatJson: the scanner of the flat objects of JSON-lines logs.
#include "flatjson.h"

#include <QTest>

#include <cmath>

class TestFlatJson : public QObject
{
    Q_OBJECT
private slots:
    void numbers_data();
    void numbers();
    void invalid_data();
    void invalid();
    void stringsAndNesting();
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

QTEST_GUILESS_MAIN(TestFlatJson)
#include "tst_flatjson.moc"
