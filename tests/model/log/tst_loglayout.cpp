// The columns and rows of the session log (LogLayout), its timestamps (LogTime) and the cell format
// of each metric (metric.h), checked against LOG_FORMAT.md.
#include "csv.h"
#include "loglayout.h"
#include "logreader.h"
#include "logtime.h"
#include "metric.h"
#include "testutil.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

namespace {
// 2026-11-22T13:30:22.125Z, the first row of the LOG_FORMAT.md example (14:30:22.125+01:00).
constexpr qint64 kExampleMs = 1795354222125;

const QByteArray kExampleHeader = QByteArrayLiteral(
    "timestamp,mac1_cpu_percent,mac1_memory_percent,mac1_memory_used_mb,mac1_server_up,mac1_tokens_per_"
    "second,"
    "mac1_active_requests,mac1_requests_total,mac2_cpu_percent,mac2_memory_percent,mac2_memory_used_mb,"
    "mac2_server_up,mac2_tokens_per_second,mac2_active_requests,mac2_requests_total,event,notes\n");

Sample sampleOf(std::initializer_list<std::pair<Metric, double>> values)
{
    Sample s;
    for (const auto &[metric, value] : values)
        s.set(metric, value);
    return s;
}
} // namespace

Q_DECLARE_METATYPE(Metric)

class TestLogLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();

    void logTime_data();
    void logTime();

    void metricSuffixes();
    void formatMetricValue_data();
    void formatMetricValue();
    void metricValueInRange_data();
    void metricValueInRange();

    void splitColumn_data();
    void splitColumn();
    void headerForMachines_data();
    void headerForMachines();
    void gpuAndTemperatureColumnsForTheMachinesThatMayHaveThem();
    void rowsOfTheFormatExample();
    void rowFollowsAnExistingHeader();
    void headerWithoutTimestampIsInvalid();
    void markerRowRoundTrips();
    void fromFileReadsTheHeaderAsTheReader_data();
    void fromFileReadsTheHeaderAsTheReader();
};

void TestLogLayout::initTestCase()
{
    TestUtil::setTimeZone("Europe/Paris");
}

void TestLogLayout::cleanup()
{
    TestUtil::setTimeZone("Europe/Paris");
}

void TestLogLayout::logTime_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");

    QTest::addRow("UTC") << QByteArray("UTC") << kExampleMs << QStringLiteral("2026-11-22T13:30:22.125+00:00");
    QTest::addRow("Paris, winter") << QByteArray("Europe/Paris") << kExampleMs
                                   << QStringLiteral("2026-11-22T14:30:22.125+01:00");
    // 2026-07-01T12:00:00Z
    QTest::addRow("Berlin, summer") << QByteArray("Europe/Berlin") << qint64(1782907200000)
                                    << QStringLiteral("2026-07-01T14:00:00.000+02:00");
    QTest::addRow("New York") << QByteArray("America/New_York") << kExampleMs
                              << QStringLiteral("2026-11-22T08:30:22.125-05:00");
    QTest::addRow("half-hour offset") << QByteArray("Asia/Kolkata") << kExampleMs
                                      << QStringLiteral("2026-11-22T19:00:22.125+05:30");
    QTest::addRow("quarter-hour offset") << QByteArray("Asia/Kathmandu") << kExampleMs
                                         << QStringLiteral("2026-11-22T19:15:22.125+05:45");
    QTest::addRow("negative half-hour offset")
        << QByteArray("America/St_Johns") << kExampleMs << QStringLiteral("2026-11-22T10:00:22.125-03:30");
    // Chatham is on daylight time (+13:45) in November: the local date is the next day.
    QTest::addRow("next day") << QByteArray("Pacific/Chatham") << kExampleMs
                              << QStringLiteral("2026-11-23T03:15:22.125+13:45");
    // The hour Berlin repeats when summer time ends (2026-10-25, 03:00 CEST -> 02:00 CET): the same
    // wall clock twice, told apart by the offset. 00:30Z and 01:30Z.
    QTest::addRow("repeated hour, first")
        << QByteArray("Europe/Berlin") << qint64(1792888200000) << QStringLiteral("2026-10-25T02:30:00.000+02:00");
    QTest::addRow("repeated hour, second")
        << QByteArray("Europe/Berlin") << qint64(1792891800000) << QStringLiteral("2026-10-25T02:30:00.000+01:00");
    QTest::addRow("milliseconds padded") << QByteArray("UTC") << qint64(1795354222005)
                                         << QStringLiteral("2026-11-22T13:30:22.005+00:00");
    QTest::addRow("the epoch") << QByteArray("UTC") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000+00:00");
}

void TestLogLayout::logTime()
{
    QFETCH(QByteArray, zone);
    QFETCH(qint64, ms);
    QFETCH(QString, text);

    if (zone != "UTC" && !QFile::exists(QStringLiteral("/usr/share/zoneinfo/") + QLatin1String(zone)))
        QSKIP("this time zone is not installed (tzdata)");
    TestUtil::setTimeZone(zone.constData());
    QCOMPARE(LogTime::format(ms), text);
}

void TestLogLayout::metricSuffixes()
{
    QStringList suffixes;
    for (Metric m : kAllMetrics) {
        suffixes << metricSuffix(m);
        QCOMPARE(metricFromSuffix(metricSuffix(m)), std::optional<Metric>(m));
    }
    // The table of LOG_FORMAT.md, in its order.
    QCOMPARE(suffixes,
        (QStringList { QStringLiteral("cpu_percent"), QStringLiteral("memory_percent"),
            QStringLiteral("memory_used_mb"), QStringLiteral("server_up"), QStringLiteral("tokens_per_second"),
            QStringLiteral("active_requests"), QStringLiteral("requests_total"), QStringLiteral("gpu_percent"),
            QStringLiteral("gpu_memory_mb"), QStringLiteral("temperature_c") }));
    QVERIFY(!metricFromSuffix(u"cpu").has_value());
    QVERIFY(!metricFromSuffix(u"CPU_PERCENT").has_value());
    QVERIFY(!metricFromSuffix(u"").has_value());
}

void TestLogLayout::formatMetricValue_data()
{
    QTest::addColumn<Metric>("metric");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::addRow("cpu, one decimal") << Metric::CpuPercent << 37.5 << QStringLiteral("37.5");
    QTest::addRow("cpu, rounded") << Metric::CpuPercent << 91.2345 << QStringLiteral("91.2");
    QTest::addRow("cpu, whole") << Metric::CpuPercent << 12.0 << QStringLiteral("12.0");
    QTest::addRow("memory MiB") << Metric::MemoryUsedMb << 117760.0 << QStringLiteral("117760.0");
    QTest::addRow("server up") << Metric::ServerUp << 1.0 << QStringLiteral("1");
    QTest::addRow("server down is 0, not empty") << Metric::ServerUp << 0.0 << QStringLiteral("0");
    QTest::addRow("tokens, two decimals") << Metric::TokensPerSecond << 42.8 << QStringLiteral("42.80");
    QTest::addRow("active requests") << Metric::ActiveRequests << 2.0 << QStringLiteral("2");
    QTest::addRow("requests total") << Metric::RequestsTotal << 118.0 << QStringLiteral("118");
    QTest::addRow("count rounded") << Metric::RequestsTotal << 118.6 << QStringLiteral("119");
    QTest::addRow("temperature below zero") << Metric::TemperatureC << -5.26 << QStringLiteral("-5.3");
    QTest::addRow("NaN is empty") << Metric::CpuPercent << nan << QString();
    QTest::addRow("inf is empty") << Metric::MemoryUsedMb << inf << QString();
    QTest::addRow("NaN count is empty") << Metric::RequestsTotal << nan << QString();
}

void TestLogLayout::formatMetricValue()
{
    QFETCH(Metric, metric);
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(::formatMetricValue(metric, value), text);
}

void TestLogLayout::metricValueInRange_data()
{
    QTest::addColumn<Metric>("metric");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("inRange");

    QTest::addRow("cpu 0") << Metric::CpuPercent << 0.0 << true;
    QTest::addRow("cpu 100") << Metric::CpuPercent << 100.0 << true;
    QTest::addRow("cpu above 100") << Metric::CpuPercent << 100.01 << false;
    QTest::addRow("cpu negative") << Metric::CpuPercent << -0.5 << false;
    QTest::addRow("gpu above 100") << Metric::GpuPercent << 101.0 << false;
    QTest::addRow("server_up 1") << Metric::ServerUp << 1.0 << true;
    QTest::addRow("server_up 0.5") << Metric::ServerUp << 0.5 << false;
    QTest::addRow("server_up 2") << Metric::ServerUp << 2.0 << false;
    QTest::addRow("negative count") << Metric::ActiveRequests << -1.0 << false;
    QTest::addRow("big memory") << Metric::MemoryUsedMb << 2.0e6 << true;
    QTest::addRow("1e999 is not finite") << Metric::MemoryUsedMb << std::numeric_limits<double>::infinity() << false;
    QTest::addRow("NaN") << Metric::TokensPerSecond << std::numeric_limits<double>::quiet_NaN() << false;
    QTest::addRow("cold sensor") << Metric::TemperatureC << -20.0 << true;
}

void TestLogLayout::metricValueInRange()
{
    QFETCH(Metric, metric);
    QFETCH(double, value);
    QFETCH(bool, inRange);
    QCOMPARE(::metricValueInRange(metric, value), inRange);
}

void TestLogLayout::splitColumn_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("machine");
    QTest::addColumn<int>("metric"); // -1: none

    QTest::addRow("simple") << QStringLiteral("mac1_cpu_percent") << QStringLiteral("mac1")
                            << metricIndex(Metric::CpuPercent);
    QTest::addRow("id with underscores") << QStringLiteral("mac_studio_2_memory_used_mb")
                                         << QStringLiteral("mac_studio_2") << metricIndex(Metric::MemoryUsedMb);
    QTest::addRow("gpu memory") << QStringLiteral("box_gpu_memory_mb") << QStringLiteral("box")
                                << metricIndex(Metric::GpuMemoryMb);
    // The id ends in a word that is also in a suffix: the longest suffix that matches wins.
    QTest::addRow("id ending in gpu") << QStringLiteral("x_gpu_cpu_percent") << QStringLiteral("x_gpu")
                                      << metricIndex(Metric::CpuPercent);
    QTest::addRow("id named active") << QStringLiteral("active_active_requests") << QStringLiteral("active")
                                     << metricIndex(Metric::ActiveRequests);
    QTest::addRow("requests_total") << QStringLiteral("m2_requests_total") << QStringLiteral("m2")
                                    << metricIndex(Metric::RequestsTotal);
    QTest::addRow("temperature") << QStringLiteral("m_temperature_c") << QStringLiteral("m")
                                 << metricIndex(Metric::TemperatureC);
    QTest::addRow("suffix alone has no machine") << QStringLiteral("cpu_percent") << QString() << -1;
    QTest::addRow("underscore and suffix") << QStringLiteral("_cpu_percent") << QString() << -1;
    QTest::addRow("unknown column") << QStringLiteral("mac1_fan_rpm") << QString() << -1;
    QTest::addRow("timestamp") << QStringLiteral("timestamp") << QString() << -1;
}

void TestLogLayout::splitColumn()
{
    QFETCH(QString, name);
    QFETCH(QString, machine);
    QFETCH(int, metric);

    const LogLayout::Column c = LogLayout::splitColumn(name);
    QCOMPARE(c.name, name);
    QCOMPARE(c.machine, machine);
    QCOMPARE(c.metric ? metricIndex(*c.metric) : -1, metric);
}

void TestLogLayout::headerForMachines_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QByteArray>("header");

    QTest::addRow("LOG_FORMAT example") << QStringList { QStringLiteral("mac1"), QStringLiteral("mac2") }
                                        << kExampleHeader;
    QTest::addRow("one machine") << QStringList { QStringLiteral("mac_studio_2") }
                                 << QByteArray("timestamp,mac_studio_2_cpu_percent,mac_studio_2_memory_percent,"
                                               "mac_studio_2_memory_used_mb,mac_studio_2_server_up,"
                                               "mac_studio_2_tokens_per_second,mac_studio_2_active_requests,"
                                               "mac_studio_2_requests_total,event,notes\n");
    QTest::addRow("no machines") << QStringList() << QByteArray("timestamp,event,notes\n");
}

void TestLogLayout::headerForMachines()
{
    QFETCH(QStringList, ids);
    QFETCH(QByteArray, header);

    const LogLayout layout = LogLayout::forMachines(ids);
    QVERIFY(layout.isValid());
    QCOMPARE(layout.header(), header);
    QCOMPARE(layout.columns().size(), 3 + 7 * ids.size());
}

// An SSH machine may have a GPU and sensors: its group gets the optional columns, the others do not,
// and a row writes what was measured there and leaves the rest empty.
void TestLogLayout::gpuAndTemperatureColumnsForTheMachinesThatMayHaveThem()
{
    const LogLayout layout
        = LogLayout::forMachines({ QStringLiteral("local"), QStringLiteral("box") }, { QStringLiteral("box") });
    QCOMPARE(layout.header(),
        QByteArray("timestamp,local_cpu_percent,local_memory_percent,local_memory_used_mb,local_server_up,"
                   "local_tokens_per_second,local_active_requests,local_requests_total,box_cpu_percent,"
                   "box_memory_percent,box_memory_used_mb,box_server_up,box_tokens_per_second,"
                   "box_active_requests,box_requests_total,box_gpu_percent,box_gpu_memory_mb,box_temperature_c,"
                   "event,notes\n"));
    QHash<QString, Sample> samples;
    samples.insert(QStringLiteral("box"),
        sampleOf({ { Metric::CpuPercent, 10 }, { Metric::GpuPercent, 87.5 }, { Metric::TemperatureC, 71 } }));
    const QList<QByteArray> cells = layout.row(kExampleMs, samples).trimmed().split(',');
    QCOMPARE(cells.size(), 20);
    QCOMPARE(cells[15], QByteArray("87.5"));
    QVERIFY(cells[16].isEmpty()); // GPU memory not measured: empty, never 0
    QCOMPARE(cells[17].toDouble(), 71.0);
}

// The three rows of the LOG_FORMAT.md example, as this writer formats them (fixed decimals per
// metric: "117760.0" where the hand-written example has "117760").
void TestLogLayout::rowsOfTheFormatExample()
{
    const LogLayout layout = LogLayout::forMachines({ QStringLiteral("mac1"), QStringLiteral("mac2") });

    QHash<QString, Sample> samples;
    samples.insert(QStringLiteral("mac1"),
        sampleOf({ { Metric::CpuPercent, 37.5 }, { Metric::MemoryPercent, 61.2 }, { Metric::MemoryUsedMb, 117760 },
            { Metric::ServerUp, 1 }, { Metric::TokensPerSecond, 42.8 }, { Metric::ActiveRequests, 2 },
            { Metric::RequestsTotal, 118 } }));
    samples.insert(QStringLiteral("mac2"),
        sampleOf({ { Metric::CpuPercent, 12.0 }, { Metric::MemoryPercent, 48.9 }, { Metric::MemoryUsedMb, 94100 },
            { Metric::ServerUp, 1 }, { Metric::TokensPerSecond, 0 }, { Metric::ActiveRequests, 0 },
            { Metric::RequestsTotal, 57 } }));
    QCOMPARE(layout.row(kExampleMs, samples),
        QByteArray("2026-11-22T14:30:22.125+01:00,37.5,61.2,117760.0,1,42.80,2,118,12.0,48.9,94100.0,1,0.00,0,57,,"
                   "\n"));

    // mac2 unreachable except for the failed server check, which is a measured 0.
    samples.insert(QStringLiteral("mac1"),
        sampleOf({ { Metric::CpuPercent, 91.2 }, { Metric::MemoryPercent, 63.0 }, { Metric::MemoryUsedMb, 121200 },
            { Metric::ServerUp, 1 }, { Metric::TokensPerSecond, 8.4 }, { Metric::ActiveRequests, 4 },
            { Metric::RequestsTotal, 119 } }));
    samples.insert(QStringLiteral("mac2"), sampleOf({ { Metric::ServerUp, 0 } }));
    QCOMPARE(layout.row(kExampleMs + 5006, samples),
        QByteArray("2026-11-22T14:30:27.131+01:00,91.2,63.0,121200.0,1,8.40,4,119,,,,0,,,,,\n"));

    Marker marker;
    marker.timeMs = kExampleMs + 7277;
    marker.recordedLabel = QStringLiteral("Qwen crashed");
    marker.notes = QStringLiteral("During the third notebook, \"cell 14\"");
    QCOMPARE(layout.markerRow(marker),
        QByteArray("2026-11-22T14:30:29.402+01:00,,,,,,,,,,,,,,,Qwen crashed,\"During "
                   "the third notebook, \"\"cell 14\"\"\"\n"));

    // A machine missing from the samples gets empty cells; so do metrics it did not measure.
    QCOMPARE(layout.row(kExampleMs, {}), QByteArray("2026-11-22T14:30:22.125+01:00,,,,,,,,,,,,,,,,\n"));
}

// Appending to a log written by another version: its own column order, unknown columns left empty,
// the GPU columns it has filled in.
void TestLogLayout::rowFollowsAnExistingHeader()
{
    const QStringList header { QStringLiteral("notes"), QStringLiteral("b_server_up"), QStringLiteral(" timestamp "),
        QStringLiteral("a_fan_rpm"), QStringLiteral("a_gpu_percent"), QStringLiteral("event"),
        QStringLiteral("a_cpu_percent") };
    const LogLayout layout = LogLayout::fromHeader(header);
    QVERIFY(layout.isValid());
    QCOMPARE(layout.columns().size(), 7);
    QCOMPARE(layout.columns()[3].machine, QString());
    QVERIFY(!layout.columns()[3].metric.has_value());

    QHash<QString, Sample> samples;
    samples.insert(QStringLiteral("a"), sampleOf({ { Metric::CpuPercent, 5.0 }, { Metric::GpuPercent, 77.7 } }));
    samples.insert(QStringLiteral("b"), sampleOf({ { Metric::ServerUp, 1 } }));
    QCOMPARE(layout.row(kExampleMs, samples, QStringLiteral("ev"), QStringLiteral("a, b")),
        QByteArray("\"a, b\",1,2026-11-22T14:30:22.125+01:00,,77.7,ev,5.0\n"));
    QCOMPARE(layout.header(), QByteArray("notes,b_server_up,timestamp,a_fan_rpm,a_gpu_percent,event,a_cpu_percent\n"));
}

void TestLogLayout::headerWithoutTimestampIsInvalid()
{
    QVERIFY(!LogLayout().isValid());
    QVERIFY(!LogLayout::fromHeader({ QStringLiteral("time"), QStringLiteral("a_cpu_percent") }).isValid());
    QVERIFY(LogLayout::fromHeader({ QStringLiteral("a_cpu_percent"), QStringLiteral("timestamp") }).isValid());
}

void TestLogLayout::markerRowRoundTrips()
{
    const LogLayout layout = LogLayout::forMachines({ QStringLiteral("m") });
    Marker marker;
    marker.timeMs = kExampleMs;
    marker.recordedLabel = QStringLiteral("load, phase 2");
    marker.notes = QString::fromUtf8("\"quoted\", comma\nnew line \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x9a\x80");

    const QByteArray row = layout.markerRow(marker);
    QVERIFY(row.endsWith('\n'));
    const QList<Csv::Record> records = Csv::parse(row);
    QCOMPARE(records.size(), 1);
    const QStringList fields = records.first().fields;
    QCOMPARE(fields.size(), 10);
    QCOMPARE(fields[0], QStringLiteral("2026-11-22T14:30:22.125+01:00"));
    for (int i = 1; i <= 7; ++i)
        QVERIFY(fields[i].isEmpty());
    QCOMPARE(fields[8], marker.recordedLabel);
    QCOMPARE(fields[9], marker.notes);
}

// The appender (LogLayout::fromFile) and the reader read a header alike: the same machines, the
// same unknown columns, and a file the reader refuses is no layout to append to.
void TestLogLayout::fromFileReadsTheHeaderAsTheReader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addRow("plain") << QByteArray("timestamp,a_cpu_percent,b_memory_used_mb,event,notes\n");
    QTest::addRow("BOM, CRLF and blanks") << QByteArray("\xEF\xBB\xBF timestamp ,a_cpu_percent\r\n");
    QTest::addRow("text after a closing quote") << QByteArray("\"time\"stamp,\"a_cpu\"_percent,x\n");
    QTest::addRow("duplicates") << QByteArray("timestamp,a_cpu_percent,timestamp,a_cpu_percent,zz,zz\n");
    QTest::addRow("BOM inside a name") << QByteArray("a_cpu_percent,\xEF\xBB\xBFtimestamp,timestamp\n");
    QTest::addRow("no timestamp") << QByteArray("time,a_cpu_percent\n");
    QTest::addRow("NUL in the header") << QByteArray("timestamp,a_cpu\0_percent\n");
}

void TestLogLayout::fromFileReadsTheHeaderAsTheReader()
{
    QFETCH(QByteArray, header);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("log.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(header), header.size());
    file.close();

    const LogLayout layout = LogLayout::fromFile(path);
    const LogReadResult read = LogReader::read(path);
    QCOMPARE(layout.isValid(), read.data.has_value());
    if (!read.data)
        return;
    QStringList machines;
    QStringList unknown;
    QSet<QString> seen;
    for (const LogLayout::Column &c : layout.columns()) {
        if (c.metric && !machines.contains(c.machine))
            machines << c.machine;
        const bool special = c.name == u"timestamp" || c.name == u"event" || c.name == u"notes";
        if (!c.metric && !special && !seen.contains(c.name))
            unknown << c.name;
        seen.insert(c.name);
    }
    QCOMPARE(machines, read.data->machines);
    QCOMPARE(unknown, read.data->unknownColumns);
}

QTEST_GUILESS_MAIN(TestLogLayout)
#include "tst_loglayout.moc"
