// Hostile input for TimingReader, generated here into a temporary directory: each must end in a
// clear message or a bounded read, never a crash or a hang.
#include "timingreader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {
QByteArray call(const QByteArray &name, const QByteArray &extra = {})
{
    return "{\"function\": \"" + name + "\", \"execution_time\": 1.5, \"timestamp\": 100" + extra + "}";
}

QByteArray nested(int depth, const QByteArray &inner = "1")
{
    return QByteArray(depth, '[') + inner + QByteArray(depth, ']');
}
} // namespace

class TestTimingHostile : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void refused_data();
    void refused();
    void bounded_data();
    void bounded();
    void directories();

private:
    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    QTemporaryDir m_dir;
    int m_files = 0;
};

// Files that are no timing log: nothing read, one line saying what it is or what was expected.
void TestTimingHostile::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("says");
    QByteArray binary(4096, '\0');
    for (int i = 0; i < binary.size(); ++i)
        binary[i] = char((i * 7919) % 251);
    QByteArray utf16 = "\xFF\xFE";
    for (const char c : call("f"))
        utf16 += QByteArray(1, c) + '\0';
    QByteArray utf16NoBom;
    for (const char c : QByteArray(call("f") + "\n"))
        utf16NoBom += QByteArray(1, c) + '\0';
    QTest::addRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::addRow("white space") << QByteArray("\n  \n") << QStringLiteral("white space");
    QTest::addRow("binary") << binary << QStringLiteral("binary");
    QTest::addRow("gzip") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00", 14)
                          << QStringLiteral("gzip");
    QTest::addRow("UTF-16 with BOM") << utf16 << QStringLiteral("UTF-16");
    QTest::addRow("UTF-16 without BOM") << utf16NoBom << QStringLiteral("UTF-16");
    QTest::addRow("plain text") << QByteArray("hello\nworld\n") << QStringLiteral("expected JSON lines");
    QTest::addRow("10,000-level nesting") << nested(10000) << QStringLiteral("expected");
    QTest::addRow("trace nested 10,000 deep")
        << ("{\"traceEvents\": " + nested(10000) + "}") << QStringLiteral("not valid JSON");
    QTest::addRow("unterminated trace") << QByteArray("{\"traceEvents\": [{\"ph\": \"X\"")
                                        << QStringLiteral("not valid JSON");
}

void TestTimingHostile::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, says);
    const QString path = write(QStringLiteral("refused-%1").arg(++m_files), bytes);
    QElapsedTimer timer;
    timer.start();
    const TimingReadResult r = TimingReader::read(path);
    QVERIFY(timer.elapsed() < 10'000);
    QVERIFY(!r.data);
    QVERIFY2(r.error.mid(path.size()).contains(says), qPrintable(r.error));
    QVERIFY(r.error.startsWith(path + QStringLiteral(": ")));
    QVERIFY(!r.error.contains(u'\n'));
}

// Large or deep input that is still a timing log: read within bounds.
void TestTimingHostile::bounded_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("calls");
    QTest::addColumn<qint64>("skipped");
    QTest::addColumn<int>("warnings");
    const QByteArray tenMb(10 << 20, 'x');
    QByteArray wide;
    for (int i = 0; i < 100000; ++i)
        wide += ", \"k" + QByteArray::number(i) + "\": " + QByteArray::number(i);
    QTest::addRow("a 10 MB attribute") << call("big", ", \"blob\": \"" + tenMb + "\"") << qsizetype(1) << qint64(0)
                                       << 0;
    QTest::addRow("a 10 MB line of braces")
        << (call("f") + "\n" + QByteArray(10 << 20, '{') + "\n" + call("g")) << qsizetype(2) << qint64(1) << 0;
    QTest::addRow("a 10 MB line of openings")
        << (call("f") + "\n" + QByteArray("{\"a\":\"").repeated(2 << 20) + "\n") << qsizetype(1) << qint64(1) << 0;
    QTest::addRow("a 100,000-key object") << call("wide", wide) << qsizetype(1) << qint64(0) << 1;
    QTest::addRow("10,000-level nesting in a call")
        << call("deep", ", \"n\": " + nested(10000)) << qsizetype(1) << qint64(0) << 0;
    QTest::addRow("unbalanced nesting") << (call("f") + "\n" + call("deep", ", \"n\": " + QByteArray(10000, '[')))
                                        << qsizetype(1) << qint64(1) << 0;
    QTest::addRow("NUL bytes in a line") << (call("f") + "\n" + QByteArray("{\"function\": \"g\0\", \"x\": 1}", 27)
        + "\n") << qsizetype(1) << qint64(0)
                                         << 1;
}

void TestTimingHostile::bounded()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, calls);
    QFETCH(qint64, skipped);
    QFETCH(int, warnings);
    const QString path = write(QStringLiteral("bounded-%1").arg(++m_files), bytes);
    QElapsedTimer timer;
    timer.start();
    const TimingReadResult r = TimingReader::read(path);
    QVERIFY(timer.elapsed() < 10'000);
    QVERIFY2(r.data, qPrintable(r.error));
    QCOMPARE(r.data->size(), calls);
    QCOMPARE(r.data->skippedLines, skipped);
    QCOMPARE(r.data->warnings.size(), warnings);
}

void TestTimingHostile::directories()
{
    QTemporaryDir empty;
    TimingReadResult r = TimingReader::read(empty.path());
    QVERIFY(!r.data);
    QVERIFY(r.error.contains(QLatin1String("a directory without timing files")));
    QVERIFY(QDir(empty.path()).mkdir(QStringLiteral("timing.log")));
    r = TimingReader::read(QDir(empty.path()).filePath(QStringLiteral("timing.log")));
    QVERIFY(!r.data);
    r = TimingReader::read(m_dir.filePath(QStringLiteral("no such file")));
    QVERIFY(r.error.contains(QLatin1String("no such file")));
    // A FIFO with no writer: opening it would wait forever.
    const QString fifo = m_dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    r = TimingReader::read(fifo);
    QVERIFY(r.error.contains(QLatin1String("not a regular file")));
    QVERIFY(TimingReader::read(m_dir.path()).data); // the directory's files; the FIFO passed over
}

QTEST_GUILESS_MAIN(TestTimingHostile)
#include "tst_timinghostile.moc"
