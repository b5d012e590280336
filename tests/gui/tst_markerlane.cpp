// MarkerLane: where a chart's marker labels go in their lane, worked out by hand with text 6 px a
// character ("Mmmm…", the shortest a label is cut to, is 30 px; a box pads its text 3 px a side and
// keeps 4 px from the next).
#include "markerlane.h"

#include <QTest>

namespace {
QStringList layout(const QList<qreal> &xs, const QStringList &labels, qreal left, qreal right)
{
    const MarkerLane lane([](const QString &text) { return 6.0 * qreal(text.size()); },
        [](int n) { return QStringLiteral("%1 markers").arg(n); });
    QStringList out;
    for (const MarkerLane::Box &b : lane.layout(xs, labels, left, right))
        out << QStringLiteral("%1+%2 %3×%4").arg(b.left).arg(b.width).arg(b.text).arg(b.count);
    return out;
}
} // namespace

class TestMarkerLane : public QObject
{
    Q_OBJECT
private slots:
    void boxes_data();
    void boxes();
    void boxesNeverOverlap();
};

void TestMarkerLane::boxes_data()
{
    QTest::addColumn<QList<qreal>>("xs");
    QTest::addColumn<QStringList>("labels");
    QTest::addColumn<QStringList>("expected"); // left+width text×count
    QTest::addRow("none") << QList<qreal>() << QStringList() << QStringList();
    QTest::addRow("far apart: whole labels at their lines")
        << QList<qreal> { 10, 200 } << QStringList { QStringLiteral("alpha"), QStringLiteral("beta") }
        << QStringList { QStringLiteral("10+36 alpha×1"), QStringLiteral("200+30 beta×1") };
    // "a long label" wants 78 px; the next line is 60 px on: cut to 56 px (elided by the chart).
    QTest::addRow("close: the first cut where the next begins")
        << QList<qreal> { 0, 60 } << QStringList { QStringLiteral("a long label"), QStringLiteral("b") }
        << QStringList { QStringLiteral("0+56 a long label×1"), QStringLiteral("60+12 b×1") };
    // 20 px apart leaves 16 px, under the 36 px of "Mmmm…": one box counts both.
    QTest::addRow("too close: merged into a count")
        << QList<qreal> { 0, 20 } << QStringList { QStringLiteral("a long label"), QStringLiteral("b") }
        << QStringList { QStringLiteral("0+60 2 markers×2") };
    QTest::addRow("a count takes in the markers under it")
        << QList<qreal> { 0, 20, 40, 100 }
        << QStringList { QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"), QStringLiteral("four") }
        << QStringList { QStringLiteral("0+60 3 markers×3"), QStringLiteral("100+30 four×1") };
    QTest::addRow("at the right end: left of its line")
        << QList<qreal> { 390 } << QStringList { QStringLiteral("alpha") }
        << QStringList { QStringLiteral("364+36 alpha×1") };
    QTest::addRow("the last one too close to the right end: joins the one before")
        << QList<qreal> { 360, 395 } << QStringList { QStringLiteral("alpha"), QStringLiteral("beta") }
        << QStringList { QStringLiteral("340+60 2 markers×2") };
}

void TestMarkerLane::boxes()
{
    QFETCH(QList<qreal>, xs);
    QFETCH(QStringList, labels);
    QFETCH(QStringList, expected);
    QCOMPARE(layout(xs, labels, 0, 400), expected);
}

// Fifty markers at random places: the boxes stay in the lane, in order, apart, and hold them all.
void TestMarkerLane::boxesNeverOverlap()
{
    const MarkerLane lane([](const QString &text) { return 6.0 * qreal(text.size()); },
        [](int n) { return QStringLiteral("%1 markers").arg(n); });
    for (int seed = 1; seed <= 20; ++seed) {
        QList<qreal> xs;
        QStringList labels;
        quint32 r = quint32(seed);
        for (int i = 0; i < 50; ++i) {
            r = r * 1664525u + 1013904223u;
            xs << 100 + qreal(r % 800);
            labels << QStringLiteral("label %1").arg(i);
        }
        std::sort(xs.begin(), xs.end());
        const QList<MarkerLane::Box> boxes = lane.layout(xs, labels, 100, 900);
        int counted = 0;
        for (qsizetype k = 0; k < boxes.size(); ++k) {
            QVERIFY(boxes[k].left >= 100 && boxes[k].left + boxes[k].width <= 900);
            if (k > 0)
                QVERIFY(boxes[k].left >= boxes[k - 1].left + boxes[k - 1].width + MarkerLane::kGap);
            counted += boxes[k].count;
        }
        QCOMPARE(counted, 50);
    }
}

QTEST_APPLESS_MAIN(TestMarkerLane)
#include "tst_markerlane.moc"
