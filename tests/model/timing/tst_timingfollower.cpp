// TimingFollower on a JSON-lines log written here: only new calls, a line cut mid-write, truncation
// and rotation (tail -F).
#include "timingfollower.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {
QByteArray line(const char *function, int t)
{
    return "{\"function\": \"" + QByteArray(function)
        + "\", \"execution_time\": 0.5, \"timestamp\": " + QByteArray::number(t) + "}\n";
}

void append(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::Append)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | mode));
    QCOMPARE(f.write(bytes), bytes.size());
}

QStringList names(const TimingData &d)
{
    QStringList out;
    for (qsizetype i = 0; i < d.size(); ++i)
        out << d.functionName(i) + u':' + QString::number(d.line[size_t(i)]);
    return out;
}
} // namespace

class TestTimingFollower : public QObject
{
    Q_OBJECT
private slots:
    void newCallsOnly();
    void truncated();
    void rotated();
    void notJsonLines();
};

void TestTimingFollower::newCallsOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    TimingFollower follower(path);
    QVERIFY(!follower.poll().error.isEmpty()); // not there yet
    const QByteArray third = line("c", 3);
    append(path, line("a", 1) + "INFO a message\n" + line("b", 2) + third.left(10));
    TimingFollower::Update u = follower.poll();
    QVERIFY(u.error.isEmpty());
    QCOMPARE(names(u.calls), (QStringList { QStringLiteral("a:1"), QStringLiteral("b:3") }));
    QCOMPARE(u.calls.skippedLines, 1);
    QVERIFY(!u.restarted);
    QCOMPARE(follower.poll().calls.size(), 0); // nothing new; the cut line still waits
    append(path, third.mid(10) + line("d", 4));
    u = follower.poll();
    QCOMPARE(names(u.calls), (QStringList { QStringLiteral("c:4"), QStringLiteral("d:5") }));
    QCOMPARE(u.calls.start[0], 3 - 0.5);
    // Appended to what was read before, as the GUI holds it.
    TimingData all;
    all.append(u.calls);
    all.append(u.calls);
    QCOMPARE(all.size(), 4);
    QCOMPARE(all.functions.size(), 2);
}

void TestTimingFollower::truncated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    append(path, line("a", 1) + line("b", 2));
    TimingFollower follower(path);
    QCOMPARE(follower.poll().calls.size(), 2);
    append(path, line("x", 9), QIODevice::Truncate);
    const TimingFollower::Update u = follower.poll();
    QVERIFY(u.restarted);
    QCOMPARE(names(u.calls), QStringList { QStringLiteral("x:1") });
}

// timing.log gets one more line, is renamed timing.log.1, and a new timing.log begins: the old
// file's last call, then the new file's, and no call twice.
void TestTimingFollower::rotated()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("timing.log"));
    append(path, line("a", 1));
    TimingFollower follower(path);
    QCOMPARE(follower.poll().calls.size(), 1);
    append(path, line("b", 2));
    QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
    append(path, line("c", 3));
    const TimingFollower::Update u = follower.poll();
    QVERIFY(u.restarted);
    QCOMPARE(names(u.calls), (QStringList { QStringLiteral("b:2"), QStringLiteral("c:1") }));
    QCOMPARE(follower.poll().calls.size(), 0);
}

void TestTimingFollower::notJsonLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("trace.json"));
    append(path, "{\"traceEvents\": []}\n");
    const TimingFollower::Update u = TimingFollower(path).poll();
    QVERIFY(u.error.contains(QLatin1String("only JSON-lines logs are followed")));
    QCOMPARE(u.calls.size(), 0);
}

QTEST_GUILESS_MAIN(TestTimingFollower)
#include "tst_timingfollower.moc"
