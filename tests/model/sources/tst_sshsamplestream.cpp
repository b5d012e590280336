// SshSampleStream, the sampling protocol of an SSH connection, without sshd: bytes and times fed by
// hand, the request lines it writes and the events it makes read back.
#include "sshsamplestream.h"

#include <QTest>

namespace {
constexpr qint64 kTimeoutMs = 5000;

// What the remote script prints for request `id` on Linux.
QByteArray block(quint64 id)
{
    return "##pd:begin " + QByteArray::number(id)
        + "\n##pd:meminfo\nMemTotal: 16000000 kB\nMemAvailable: 8000000 kB\n##pd:end\n";
}

QList<int> kinds(const std::vector<SshSampleStream::Event> &events)
{
    QList<int> out;
    for (const SshSampleStream::Event &e : events)
        out << int(e.kind);
    return out;
}

using Event = SshSampleStream::Event;

// A stream whose priming request was answered at t = 1000 (sent at t = 0), its hold over.
SshSampleStream streaming()
{
    SshSampleStream s(kTimeoutMs, 0);
    s.written(s.output().size());
    s.feedStdout(QByteArray("##pd:os Linux\n" + block(1)));
    std::vector<Event> events;
    s.collect(1000, events);
    return s;
}
} // namespace

class TestSshSampleStream : public QObject
{
    Q_OBJECT
private slots:
    void primesFirstAndHoldsTheFirstRequest();
    void answersTheTicksInOrder();
    void answersSplitAnywhere();
    void refusesPastFourInFlight();
    void skippedRequestsFail();
    void connectedStateAtMostOncePerSecond();
    void lateAnswerTimesOut();
    void wakesForTheHoldTheDeadlineOrASecond();
    void keepsTheLastStderr();
};

void TestSshSampleStream::primesFirstAndHoldsTheFirstRequest()
{
    SshSampleStream s(kTimeoutMs, 0);
    QCOMPARE(s.output(), QByteArray("1\n"));
    QVERIFY(!s.streaming());
    QVERIFY(!s.accepting(0));
    s.written(2);
    QVERIFY(s.output().isEmpty());

    s.feedStdout(QByteArray("##pd:os Linux\n" + block(1)));
    std::vector<Event> events;
    s.collect(300, events);
    QVERIFY(s.streaming());
    // The priming answer is no sample; it says the machine is connected, 300 ms away.
    QCOMPARE(kinds(events), QList<int> { Event::Connected });
    QCOMPARE(events[0].os, QStringLiteral("Linux"));
    QCOMPARE(events[0].latencyMs, 300.0);

    QVERIFY(!s.accepting(300 + SshSampleStream::kAfterPrimeMs - 1));
    QVERIFY(s.accepting(300 + SshSampleStream::kAfterPrimeMs));
}

void TestSshSampleStream::answersTheTicksInOrder()
{
    SshSampleStream s = streaming();
    QVERIFY(s.accepting(1500));
    std::vector<Event> events;
    s.request({ 41, 42 }, 1500, events);
    QVERIFY(events.empty());
    QCOMPARE(s.output(), QByteArray("2\n3\n"));
    s.written(4);

    s.feedStdout(QByteArray(block(2) + block(3)));
    s.collect(1550, events);
    QCOMPARE(kinds(events), (QList<int> { Event::Ready, Event::Ready }));
    QCOMPARE(events[0].tick, 41u);
    QCOMPARE(events[1].tick, 42u);
    QCOMPARE(events[1].latencyMs, 50.0);
    QVERIFY(events[0].sample.has(Metric::MemoryUsedMb));
}

void TestSshSampleStream::answersSplitAnywhere()
{
    SshSampleStream s = streaming();
    std::vector<Event> events;
    s.request({ 7 }, 1500, events);
    const QByteArray bytes = block(2);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        s.feedStdout(bytes.sliced(i, 1));
        s.collect(1500 + i, events);
        QCOMPARE(events.size(), size_t(i + 1 == bytes.size() ? 1 : 0));
    }
    QCOMPARE(events[0].tick, 7u);
}

void TestSshSampleStream::refusesPastFourInFlight()
{
    SshSampleStream s = streaming();
    std::vector<Event> events;
    s.request({ 1, 2, 3, 4, 5, 6 }, 2000, events);
    QCOMPARE(kinds(events), (QList<int> { Event::Busy, Event::Busy }));
    QCOMPARE(events[0].tick, 5u);
    QCOMPARE(events[1].tick, 6u);
    QCOMPARE(s.output(), QByteArray("2\n3\n4\n5\n"));
}

void TestSshSampleStream::skippedRequestsFail()
{
    SshSampleStream s = streaming();
    std::vector<Event> events;
    s.request({ 10, 11, 12 }, 1500, events);
    s.feedStdout(block(4)); // the answers to 2 and 3 never come
    s.collect(1600, events);
    QCOMPARE(kinds(events), (QList<int> { Event::Skipped, Event::Skipped, Event::Ready }));
    QCOMPARE(events[0].tick, 10u);
    QCOMPARE(events[1].tick, 11u);
    QCOMPARE(events[2].tick, 12u);
    // An answer to nothing asked is ignored.
    events.clear();
    s.feedStdout(block(9));
    s.collect(1700, events);
    QVERIFY(events.empty());
}

void TestSshSampleStream::connectedStateAtMostOncePerSecond()
{
    SshSampleStream s = streaming(); // said at 1000
    std::vector<Event> events;
    s.request({ 1 }, 1500, events);
    s.feedStdout(block(2));
    s.collect(1600, events);
    QCOMPARE(kinds(events), QList<int> { Event::Ready });
    events.clear();
    s.request({ 2 }, 2000, events);
    s.feedStdout(block(3));
    s.collect(2010, events);
    QCOMPARE(kinds(events), (QList<int> { Event::Connected, Event::Ready }));
    QCOMPARE(events[0].latencyMs, 10.0);
}

void TestSshSampleStream::lateAnswerTimesOut()
{
    SshSampleStream s(kTimeoutMs, 100);
    QVERIFY(!s.timedOut(100 + kTimeoutMs - 1));
    QVERIFY(s.timedOut(100 + kTimeoutMs));
    s.feedStdout(block(1));
    std::vector<Event> events;
    s.collect(200, events);
    QVERIFY(!s.timedOut(1'000'000)); // nothing in flight
}

void TestSshSampleStream::wakesForTheHoldTheDeadlineOrASecond()
{
    SshSampleStream s(kTimeoutMs, 0);
    QCOMPARE(s.wakeAtMs(0), 1000); // a second, before the priming answer's deadline
    QCOMPARE(s.wakeAtMs(4500), kTimeoutMs);
    s.feedStdout(block(1));
    std::vector<Event> events;
    s.collect(300, events);
    QCOMPARE(s.wakeAtMs(300), 300 + SshSampleStream::kAfterPrimeMs);
    QVERIFY(s.accepting(400));
    QCOMPARE(s.wakeAtMs(400), 1400);
}

void TestSshSampleStream::keepsTheLastStderr()
{
    SshSampleStream s(kTimeoutMs, 0);
    s.feedStderr("first\n");
    s.feedStderr("  sh: 1: nvidia-smi: not found \n");
    QCOMPARE(s.stderrTail(), QStringLiteral("sh: 1: nvidia-smi: not found"));
}

QTEST_GUILESS_MAIN(TestSshSampleStream)
#include "tst_sshsamplestream.moc"
