// The session's markers (MarkerStore): time order, ids and the added/changed/removed signals.
#include "markerstore.h"

#include <QSignalSpy>
#include <QTest>

namespace {
Marker markerAt(qint64 timeMs, const QString &label, const QString &notes = {})
{
    Marker m;
    m.timeMs = timeMs;
    m.label = label;
    m.notes = notes;
    return m;
}

QStringList labelsOf(const MarkerStore &store)
{
    QStringList labels;
    for (const Marker &m : store.markers())
        labels << m.label;
    return labels;
}
} // namespace

class TestMarkerStore : public QObject
{
    Q_OBJECT
private slots:
    void keepsTimeOrder_data();
    void keepsTimeOrder();
    void addTrimsAndNamesTheRecordedLabel();
    void update();
    void controlCharactersAreCleaned();
    void updateWithoutChangeIsSilent();
    void remove();
    void unknownIds();
    void aboutToSignalsComeFirst();
};

void TestMarkerStore::keepsTimeOrder_data()
{
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<QList<int>>("addedIndexes");
    QTest::addColumn<QStringList>("order");

    // Labels are "m<n>" in the order added.
    QTest::addRow("in order") << QList<qint64> { 1000, 2000, 3000 } << QList<int> { 0, 1, 2 }
                              << QStringList { QStringLiteral("m0"), QStringLiteral("m1"), QStringLiteral("m2") };
    QTest::addRow("reversed") << QList<qint64> { 3000, 2000, 1000 } << QList<int> { 0, 0, 0 }
                              << QStringList { QStringLiteral("m2"), QStringLiteral("m1"), QStringLiteral("m0") };
    // 3000 at 0; 1000 before it at 0; 2000 between at 1; 2500 at 2.
    QTest::addRow("shuffled") << QList<qint64> { 3000, 1000, 2000, 2500 } << QList<int> { 0, 0, 1, 2 }
                              << QStringList { QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3"),
                                     QStringLiteral("m0") };
    // A marker at a time already marked goes after the ones there (stable).
    QTest::addRow("equal times stay in the order added")
        << QList<qint64> { 2000, 1000, 2000, 2000 } << QList<int> { 0, 0, 2, 3 }
        << QStringList { QStringLiteral("m1"), QStringLiteral("m0"), QStringLiteral("m2"), QStringLiteral("m3") };
}

void TestMarkerStore::keepsTimeOrder()
{
    QFETCH(QList<qint64>, times);
    QFETCH(QList<int>, addedIndexes);
    QFETCH(QStringList, order);

    MarkerStore store;
    QSignalSpy added(&store, &MarkerStore::added);
    QVERIFY(added.isValid());
    QList<int> ids;
    for (int i = 0; i < times.size(); ++i)
        ids << store.add(markerAt(times[i], QStringLiteral("m%1").arg(i)));

    // Ids count up from 1 in the order added, whatever the time.
    QList<int> expectedIds;
    for (int i = 0; i < times.size(); ++i)
        expectedIds << i + 1;
    QCOMPARE(ids, expectedIds);

    QCOMPARE(added.count(), times.size());
    for (int i = 0; i < added.count(); ++i) {
        const auto marker = added.at(i).at(0).value<Marker>();
        QCOMPARE(marker.id, ids[i]);
        QCOMPARE(marker.label, QStringLiteral("m%1").arg(i));
        QCOMPARE(marker.timeMs, times[i]);
        QCOMPARE(added.at(i).at(1).toInt(), addedIndexes[i]);
    }
    QCOMPARE(labelsOf(store), order);
    for (int i = 1; i < store.markers().size(); ++i)
        QVERIFY(store.markers()[i - 1].timeMs <= store.markers()[i].timeMs);
    for (int id : ids)
        QCOMPARE(store.find(id)->id, id);
}

void TestMarkerStore::addTrimsAndNamesTheRecordedLabel()
{
    MarkerStore store;
    const int a = store.add(markerAt(10, QStringLiteral("  load test \n")));
    QCOMPARE(store.find(a)->label, QStringLiteral("load test"));
    QCOMPARE(store.find(a)->recordedLabel, QStringLiteral("load test"));

    Marker imported = markerAt(20, QStringLiteral("edited later"));
    imported.recordedLabel = QStringLiteral("as first written");
    imported.id = 77; // ignored: the store hands out ids
    imported.machine = QStringLiteral("mac2");
    const int b = store.add(imported);
    QCOMPARE(b, 2);
    QCOMPARE(store.find(b)->recordedLabel, QStringLiteral("as first written"));
    QCOMPARE(store.find(b)->machine, QStringLiteral("mac2"));
    QVERIFY(store.find(77) == nullptr);
}

// What a dialog passes on (a paste, say) never puts a control character into the log; tab and
// newline stay.
void TestMarkerStore::controlCharactersAreCleaned()
{
    MarkerStore store;
    const int id = store.add(markerAt(10, QStringLiteral("a\u0000b\u001b"), QStringLiteral("x\ty\r\nz\u0085")));
    QCOMPARE(store.find(id)->label, QStringLiteral("ab"));
    QCOMPARE(store.find(id)->notes, QStringLiteral("x\ty\nz"));
    QVERIFY(store.update(id, QStringLiteral("c\u0007d"), QStringLiteral("\u0000")));
    QCOMPARE(store.find(id)->label, QStringLiteral("cd"));
    QCOMPARE(store.find(id)->notes, QString());
    QCOMPARE(MarkerText::problem(QStringLiteral("ok\tfine\nhere"), QStringLiteral("x\ny")), QString());
    const QString problem = MarkerText::problem(QStringLiteral("fine"), QStringLiteral("ab\u0000"));
    QVERIFY2(problem.contains(QLatin1String("notes")), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("U+0000")), qPrintable(problem));
    QVERIFY2(problem.contains(QLatin1String("position 3")), qPrintable(problem));
}

void TestMarkerStore::update()
{
    MarkerStore store;
    store.add(markerAt(1000, QStringLiteral("a")));
    const int id = store.add(markerAt(2000, QStringLiteral("b"), QStringLiteral("old notes")));
    store.add(markerAt(3000, QStringLiteral("c")));
    QSignalSpy changed(&store, &MarkerStore::changed);

    QVERIFY(store.update(id, QStringLiteral("  renamed "), QStringLiteral("new, \"notes\"\n")));
    QCOMPARE(changed.count(), 1);
    const auto marker = changed.at(0).at(0).value<Marker>();
    QCOMPARE(marker.id, id);
    QCOMPARE(marker.label, QStringLiteral("renamed"));
    QCOMPARE(marker.notes, QStringLiteral("new, \"notes\"\n"));
    QCOMPARE(marker.recordedLabel, QStringLiteral("b")); // the log row keeps its label
    QCOMPARE(marker.timeMs, qint64(2000));
    QCOMPARE(changed.at(0).at(1).toInt(), 1);
    QCOMPARE(labelsOf(store), (QStringList { QStringLiteral("a"), QStringLiteral("renamed"), QStringLiteral("c") }));

    // Notes only.
    QVERIFY(store.update(id, QStringLiteral("renamed"), QString()));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(store.find(id)->notes, QString());
}

void TestMarkerStore::updateWithoutChangeIsSilent()
{
    MarkerStore store;
    const int id = store.add(markerAt(5, QStringLiteral("same"), QStringLiteral("n")));
    QSignalSpy changed(&store, &MarkerStore::changed);
    QVERIFY(store.update(id, QStringLiteral("same"), QStringLiteral("n")));
    QVERIFY(store.update(id, QStringLiteral(" same "), QStringLiteral("n"))); // trims to the same label
    QCOMPARE(changed.count(), 0);
}

void TestMarkerStore::remove()
{
    MarkerStore store;
    const int a = store.add(markerAt(1000, QStringLiteral("a")));
    const int b = store.add(markerAt(2000, QStringLiteral("b")));
    const int c = store.add(markerAt(3000, QStringLiteral("c")));
    QSignalSpy removed(&store, &MarkerStore::removed);

    QVERIFY(store.remove(b));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).value<Marker>().id, b);
    QCOMPARE(removed.at(0).at(0).value<Marker>().label, QStringLiteral("b"));
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QVERIFY(store.find(b) == nullptr);
    QCOMPARE(store.indexOf(b), -1);
    QCOMPARE(store.indexOf(c), 1);
    QCOMPARE(labelsOf(store), (QStringList { QStringLiteral("a"), QStringLiteral("c") }));

    QVERIFY(store.remove(a));
    QCOMPARE(removed.at(1).at(1).toInt(), 0);
    QVERIFY(store.remove(c));
    QVERIFY(store.markers().isEmpty());

    // Ids are not reused after removal.
    QCOMPARE(store.add(markerAt(0, QStringLiteral("d"))), 4);
}

void TestMarkerStore::unknownIds()
{
    MarkerStore store;
    const int id = store.add(markerAt(1, QStringLiteral("x")));
    QSignalSpy changed(&store, &MarkerStore::changed);
    QSignalSpy removed(&store, &MarkerStore::removed);
    QVERIFY(!store.update(id + 1, QStringLiteral("y"), QString()));
    QVERIFY(!store.remove(0));
    QVERIFY(!store.remove(-3));
    QVERIFY(store.remove(id));
    QVERIFY(!store.remove(id)); // twice
    QVERIFY(!store.update(id, QStringLiteral("y"), QString()));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(removed.count(), 1);
    QVERIFY(store.find(id) == nullptr);
}

// Item models announce rows before the list changes: aboutToBeAdded/aboutToBeRemoved come first,
// with the same index, while the list is still as it was.
void TestMarkerStore::aboutToSignalsComeFirst()
{
    MarkerStore store;
    QStringList log;
    connect(&store, &MarkerStore::aboutToBeAdded, this,
        [&](int index) { log << QStringLiteral("aboutToBeAdded %1, size %2").arg(index).arg(store.markers().size()); });
    connect(&store, &MarkerStore::added, this, [&](const Marker &m, int index) {
        log << QStringLiteral("added %1 %2, size %3").arg(m.label).arg(index).arg(store.markers().size());
    });
    connect(&store, &MarkerStore::aboutToBeRemoved, this, [&](int index) {
        log << QStringLiteral("aboutToBeRemoved %1 (%2), size %3")
                   .arg(index)
                   .arg(store.markers()[index].label)
                   .arg(store.markers().size());
    });
    connect(&store, &MarkerStore::removed, this, [&](const Marker &m, int index) {
        log << QStringLiteral("removed %1 %2, size %3").arg(m.label).arg(index).arg(store.markers().size());
    });

    store.add(markerAt(2000, QStringLiteral("late")));
    const int early = store.add(markerAt(1000, QStringLiteral("early")));
    QVERIFY(store.remove(early));
    QVERIFY(!store.remove(early)); // no signal for an unknown id

    QCOMPARE(log,
        (QStringList { QStringLiteral("aboutToBeAdded 0, size 0"), QStringLiteral("added late 0, size 1"),
            QStringLiteral("aboutToBeAdded 0, size 1"), QStringLiteral("added early 0, size 2"),
            QStringLiteral("aboutToBeRemoved 0 (early), size 2"), QStringLiteral("removed early 0, size 1") }));
}

QTEST_GUILESS_MAIN(TestMarkerStore)
#include "tst_markerstore.moc"
