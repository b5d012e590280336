// /proc/meminfo parsing and used memory (MemInfo).
#include "meminfoparser.h"
#include "testutil.h"

#include <QTest>

class TestMemInfo : public QObject
{
    Q_OBJECT
private slots:
    void parsesFixture_data();
    void parsesFixture();
    void parsesText_data();
    void parsesText();
    void rejectsTextWithoutTotal_data();
    void rejectsTextWithoutTotal();
};

// Used = MemTotal - MemAvailable (SOURCES.md C.2); without MemAvailable (before Linux 3.14)
// available = MemFree + Buffers + Cached + SReclaimable - Shmem.
void TestMemInfo::parsesFixture_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<quint64>("totalKiB");
    QTest::addColumn<quint64>("availableKiB");
    QTest::addColumn<bool>("estimated");
    QTest::addColumn<quint64>("usedKiB");
    QTest::addColumn<double>("usedMiB");
    QTest::addColumn<double>("usedPercent");

    // 24684092 - 24218940 = 465152 KiB = 454.25 MiB; 465152 / 24684092 = 1.88442 %.
    QTest::addRow("SOURCES C.2 fields") << QStringLiteral("proc_meminfo_sources_vm.txt") << quint64(24684092)
                                        << quint64(24218940) << false << quint64(465152) << 454.25
                                        << 100.0 * 465152 / 24684092;
    // 24682416 - 24240144 = 442272 KiB = 431.90625 MiB.
    QTest::addRow("Debian 12 build machine")
        << QStringLiteral("proc_meminfo_debian12.txt") << quint64(24682416) << quint64(24240144) << false
        << quint64(442272) << 431.90625 << 100.0 * 442272 / 24682416;
    // 1234560 + 345678 + 4567890 + 400000 - 123456 = 6424672 available; 8061404 - 6424672 = 1636732 used.
    QTest::addRow("Linux 2.6.32, no MemAvailable")
        << QStringLiteral("proc_meminfo_linux2632.txt") << quint64(8061404) << quint64(6424672) << true
        << quint64(1636732) << 1598.37109375 << 100.0 * 1636732 / 8061404;
    // No SReclaimable or Shmem yet: 512000 + 100000 + 800000 = 1412000; 2074712 - 1412000 = 662712.
    QTest::addRow("Linux 2.6.18, no MemAvailable, SReclaimable, Shmem")
        << QStringLiteral("proc_meminfo_linux2618.txt") << quint64(2074712) << quint64(1412000) << true
        << quint64(662712) << 647.1796875 << 100.0 * 662712 / 2074712;
}

void TestMemInfo::parsesFixture()
{
    QFETCH(QString, file);
    QFETCH(quint64, totalKiB);
    QFETCH(quint64, availableKiB);
    QFETCH(bool, estimated);
    QFETCH(quint64, usedKiB);
    QFETCH(double, usedMiB);
    QFETCH(double, usedPercent);

    const QByteArray text = TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData()));
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const MemInfoResult r = parseMemInfo(text);
    QVERIFY(r.info.has_value());
    QCOMPARE(r.info->totalKiB, totalKiB);
    QCOMPARE(r.info->availableKiB, availableKiB);
    QCOMPARE(r.info->availableEstimated, estimated);
    QCOMPARE(r.info->usedKiB(), usedKiB);
    QCOMPARE(r.info->usedMiB(), usedMiB);
    QCOMPARE(r.info->usedPercent(), usedPercent);
    // An estimate is worth a warning; a kernel-provided MemAvailable is not.
    QCOMPARE(r.warnings.size(), estimated ? 1 : 0);
}

void TestMemInfo::parsesText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<quint64>("availableKiB");
    QTest::addColumn<double>("usedPercent");

    QTest::addRow("a quarter used") << QByteArray("MemTotal: 4096 kB\nMemFree: 1000 kB\nMemAvailable: 3072 kB\n")
                                    << quint64(3072) << 25.0;
    // Available is capped at the total: never a negative used value.
    QTest::addRow("MemAvailable above MemTotal")
        << QByteArray("MemTotal: 1000 kB\nMemAvailable: 1500 kB\n") << quint64(1000) << 0.0;
    QTest::addRow("nothing available") << QByteArray("MemTotal: 1000 kB\nMemAvailable: 0 kB\n") << quint64(0) << 100.0;
    // Page counts without a unit are skipped, not read as kB.
    QTest::addRow("HugePages lines are page counts")
        << QByteArray("HugePages_Total:    512\nMemTotal: 2000 kB\nMemAvailable: 500 kB\nHugePages_Free: 9999\n")
        << quint64(500) << 75.0;
    QTest::addRow("CRLF line ends") << QByteArray("MemTotal:  800 kB\r\nMemAvailable:  200 kB\r\n") << quint64(200)
                                    << 75.0;
    // A big tmpfs: Shmem above Cached + SReclaimable must not wrap the unsigned estimate:
    // available = MemFree + Buffers = 300 + 100.
    QTest::addRow("Shmem larger than the caches, old kernel") << QByteArray(
        "MemTotal: 1000 kB\nMemFree: 300 kB\nBuffers: 100 kB\nCached: 200 kB\nShmem: 500 kB\n"
        "SReclaimable: 50 kB\n") << quint64(400) << 60.0;
    // An estimate larger than the total is capped as well.
    QTest::addRow("estimate above total")
        << QByteArray("MemTotal: 1000 kB\nMemFree: 900 kB\nCached: 900 kB\n") << quint64(1000) << 0.0;
    QTest::addRow("unreadable line skipped")
        << QByteArray("MemTotal: 1000 kB\nMemAvailable: lots kB\nMemAvailable: 600 kB\n") << quint64(600) << 40.0;
}

void TestMemInfo::parsesText()
{
    QFETCH(QByteArray, text);
    QFETCH(quint64, availableKiB);
    QFETCH(double, usedPercent);

    const MemInfoResult r = parseMemInfo(text);
    QVERIFY(r.info.has_value());
    QCOMPARE(r.info->availableKiB, availableKiB);
    QCOMPARE(r.info->usedPercent(), usedPercent);
    QCOMPARE(r.info->usedKiB(), r.info->totalKiB - availableKiB);
}

void TestMemInfo::rejectsTextWithoutTotal_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("no MemTotal") << QByteArray("MemFree: 100 kB\nMemAvailable: 100 kB\n");
    QTest::addRow("zero MemTotal") << QByteArray("MemTotal: 0 kB\nMemAvailable: 0 kB\n");
    QTest::addRow("MemTotal without unit") << QByteArray("MemTotal: 1000\n");
    QTest::addRow("not meminfo at all") << QByteArray("cpu  1 2 3 4\n");
}

void TestMemInfo::rejectsTextWithoutTotal()
{
    QFETCH(QByteArray, text);

    const MemInfoResult r = parseMemInfo(text);
    QVERIFY(!r.info.has_value());
    QCOMPARE(r.warnings.size(), 1);
    QCOMPARE(r.warnings.first().line, 0);
    QVERIFY(r.warnings.first().detail.contains(QLatin1String("MemTotal")));
}

QTEST_GUILESS_MAIN(TestMemInfo)
#include "tst_meminfo.moc"
