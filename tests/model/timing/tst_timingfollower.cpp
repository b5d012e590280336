// TimingFollower on a JSON-lines log written here: only new calls, a line cut mid-write, truncation
// and rotation (tail -F).
#include "timingfollower.h"
#include "timingreader.h"

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

// The file read whole as the Timings tab reads it, and where a follower goes on from.
TimingFollower::Resume readWhole(const QString &path, TimingData *read = nullptr)
{
    TimingFollower::Resume resume = TimingFollower::resumeAfter(path);
    TimingReadResult r = TimingReader::read(path);
    if (!r.data)
        return {};
    TimingFollower::finishResume(resume, path, *r.data);
    if (read)
        *read = std::move(*r.data);
    return resume;
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
    void firstFollowStepDoesNotReadTheLoadedFileAgain();
    void resumesInALastLineTheReadTookWhole();
    void resumesInALastLineStillBeingWritten();
    void callsAppendedWhileTheFileWasReadArriveOnce();
    void truncatedOrRotatedAfterTheRead();
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
// file's last call, then the new file's, and no call twice. Not restarted: the calls read before
// are still the log's (in timing.log.1); they replaced all that was shown before.
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
    QVERIFY(!u.restarted);
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

// Issue 14: following a log just opened read all of it again (a 100 MB log twice); the follower
// goes on from where the read ended and reads only what was appended.
void TestTimingFollower::firstFollowStepDoesNotReadTheLoadedFileAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    QByteArray bytes;
    for (int i = 0; i < 20000; ++i)
        bytes += line("old", i);
    bytes += "INFO a message\n";
    append(path, bytes);
    TimingData read;
    const TimingFollower::Resume resume = readWhole(path, &read);
    QVERIFY(resume.valid);
    QCOMPARE(read.size(), 20000);
    QCOMPARE(resume.sizeBefore, bytes.size());

    TimingFollower follower(path, resume);
    TimingFollower::Update u = follower.poll();
    QVERIFY(u.error.isEmpty());
    QVERIFY(!u.restarted);
    QCOMPARE(u.calls.size(), 0);
    const QByteArray added = line("new", 1) + line("new", 2);
    append(path, added);
    u = follower.poll();
    QVERIFY(!u.restarted);
    // Line numbers go on from the last call the read recorded (the message line after it is not known).
    QCOMPARE(names(u.calls), (QStringList { QStringLiteral("new:20001"), QStringLiteral("new:20002") }));
    // Only the new bytes and a look back at the end of the last line read, not the 1.5 MB before.
    QVERIFY2(follower.bytesRead() <= added.size() + 4096, QByteArray::number(follower.bytesRead()).constData());
    QCOMPARE(follower.offset(), bytes.size() + added.size());
}

// The read took a last line without its line end as a whole call: when its line end comes, the
// call is not given again.
void TestTimingFollower::resumesInALastLineTheReadTookWhole()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    const QByteArray b = line("b", 2);
    append(path, line("a", 1) + b.chopped(1));
    TimingData read;
    const TimingFollower::Resume resume = readWhole(path, &read);
    QCOMPARE(names(read), (QStringList { QStringLiteral("a:1"), QStringLiteral("b:2") }));
    TimingFollower follower(path, resume);
    QCOMPARE(follower.poll().calls.size(), 0);
    append(path, "\n" + line("c", 3));
    const TimingFollower::Update u = follower.poll();
    QVERIFY(!u.restarted);
    QCOMPARE(names(u.calls), QStringList { QStringLiteral("c:3") });
}

// The read met a line cut mid-write: the line is read when it is whole.
void TestTimingFollower::resumesInALastLineStillBeingWritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    const QByteArray b = line("b", 2);
    append(path, line("a", 1) + b.left(12));
    TimingData read;
    const TimingFollower::Resume resume = readWhole(path, &read);
    QCOMPARE(read.size(), 1);
    TimingFollower follower(path, resume);
    QCOMPARE(follower.poll().calls.size(), 0);
    append(path, b.mid(12) + line("c", 3));
    const TimingFollower::Update u = follower.poll();
    QVERIFY(!u.restarted);
    QCOMPARE(names(u.calls), (QStringList { QStringLiteral("b:2"), QStringLiteral("c:3") }));
}

// Lines appended between the look at the file's size and the read's own: the read has them, the
// follower passes over them up to the read's last call.
void TestTimingFollower::callsAppendedWhileTheFileWasReadArriveOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("performance.log"));
    append(path, line("a", 1));
    TimingFollower::Resume resume = TimingFollower::resumeAfter(path);
    append(path, line("b", 2) + "INFO between\n" + line("c", 3));
    TimingReadResult r = TimingReader::read(path);
    QVERIFY(r.data);
    append(path, line("d", 5)); // after the read, before the size is looked at again
    TimingFollower::finishResume(resume, path, *r.data);
    QCOMPARE(resume.lastFunction, QStringLiteral("c"));
    TimingFollower follower(path, resume);
    TimingFollower::Update u = follower.poll();
    QCOMPARE(names(u.calls), QStringList { QStringLiteral("d:5") });
    append(path, line("e", 6));
    u = follower.poll();
    QCOMPARE(names(u.calls), QStringList { QStringLiteral("e:6") });

    // The read's last call is not among the lines held (it came before them): they are all new.
    const QString other = dir.filePath(QStringLiteral("other.log"));
    append(other, line("a", 1));
    resume = TimingFollower::resumeAfter(other);
    TimingData firstPart;
    firstPart.files << other;
    TimingFollower::finishResume(resume, other, firstPart);
    append(other, line("b", 2));
    resume.sizeAfter += line("b", 2).size();
    TimingFollower second(other, resume);
    u = second.poll();
    QCOMPARE(u.calls.size(), 1);
    QCOMPARE(u.calls.functionName(0), QStringLiteral("b"));
}

void TestTimingFollower::truncatedOrRotatedAfterTheRead()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("timing.log"));
    append(path, line("a", 1) + line("b", 2));
    TimingFollower::Resume resume = readWhole(path);
    append(path, line("x", 9), QIODevice::Truncate);
    TimingFollower::Update u = TimingFollower(path, resume).poll();
    QVERIFY(u.restarted);
    QCOMPARE(names(u.calls), QStringList { QStringLiteral("x:1") });

    resume = readWhole(path);
    QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
    append(path, line("y", 10));
    u = TimingFollower(path, resume).poll();
    QVERIFY(!u.restarted); // rotated: the calls read are still the log's
    QCOMPARE(names(u.calls), QStringList { QStringLiteral("y:1") });
}

QTEST_GUILESS_MAIN(TestTimingFollower)
#include "tst_timingfollower.moc"
