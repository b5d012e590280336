// ByteTable: the interning table of function names and text values.
#include "bytetable.h"

#include <QTest>

class TestByteTable : public QObject
{
    Q_OBJECT
private slots:
    void findsWhatWasInserted();
    void growsPastItsFirstSize();
};

void TestByteTable::findsWhatWasInserted()
{
    ByteTable t;
    QCOMPARE(t.find("a"), -1);
    QCOMPARE(t.find(QByteArrayView()), -1);
    // Every length the hash and the comparison read differently: 0, 1 – 3, 4 – 7, 8, more.
    const QList<QByteArray> keys { "", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi", "fn_1", "fn_10",
        "interleaved", QByteArray("nul\0in", 6), "caf\xC3\xA9", QByteArray(100, 'x') };
    for (int i = 0; i < keys.size(); ++i)
        t.insert(keys[i], i);
    for (int i = 0; i < keys.size(); ++i)
        QCOMPARE(t.find(keys[i]), i);
    // Same hash inputs read differently, same length, one byte off.
    QCOMPARE(t.find("abd"), -1);
    QCOMPARE(t.find("abcdefgi"), -1);
    QCOMPARE(t.find(QByteArray("nul\0io", 6)), -1);
    QCOMPARE(t.find(QByteArray(QByteArray(99, 'x') + 'y')), -1);
    t.clear();
    QCOMPARE(t.find("a"), -1);
}

void TestByteTable::growsPastItsFirstSize()
{
    ByteTable t;
    for (int i = 0; i < 10000; ++i)
        t.insert(QByteArray("name_" + QByteArray::number(i)), i);
    for (int i = 0; i < 10000; ++i)
        QCOMPARE(t.find(QByteArray("name_" + QByteArray::number(i))), i);
    QCOMPARE(t.find("name_10000"), -1);
}

QTEST_GUILESS_MAIN(TestByteTable)
#include "tst_bytetable.moc"
