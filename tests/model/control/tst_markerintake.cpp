// MarkerIntake::add against a real Session: refused at once with a reason, or accepted and answered
// once the log writer has the marker (logged, queued while the log cannot be written, or kept in
// memory when nothing is recorded), never to a context that is gone.
#include "markerintake.h"
#include "session.h"
#include "testutil.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace {
constexpr int kWaitMs = 10000;

QJsonObject request(const QString &label, const QString &machine = {})
{
    QJsonObject o { { QStringLiteral("label"), label }, { QStringLiteral("notes"), QStringLiteral("from a test") } };
    if (!machine.isEmpty())
        o.insert(QStringLiteral("machine"), machine);
    return o;
}

QByteArray fileText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One add(), its answer kept.
struct Answer
{
    std::optional<MarkerIntake::Result> result;
    void add(Session *session, const QJsonObject &request, QObject *context)
    {
        MarkerIntake::add(session, request, {}, context, [this](const MarkerIntake::Result &r) { result = r; });
    }
};
} // namespace

class TestMarkerIntake : public QObject
{
    Q_OBJECT

private slots:
    void refusedAtOnce();
    void withoutALog();
    void logged();
    void queuedWhileTheLogCannotBeWritten();
    void contextGoneNoAnswer();
};

void TestMarkerIntake::refusedAtOnce()
{
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    Answer answer;
    answer.add(&session, request(QStringLiteral("x"), QStringLiteral("m9")), this);
    // Refused before anything is stored: the answer comes before add() returns.
    QVERIFY(answer.result);
    QVERIFY(!answer.result->accepted);
    QCOMPARE(answer.result->error, QStringLiteral("no machine 'm9' in this session (machines: m1)"));
    QVERIFY(session.markers()->markers().isEmpty());

    answer.result.reset();
    answer.add(&session, { { QStringLiteral("label"), QStringLiteral("x") }, { QStringLiteral("when"), 1 } }, this);
    QVERIFY(answer.result);
    QVERIFY(answer.result->error.contains(QStringLiteral("unknown field 'when'")));
    QVERIFY(session.markers()->markers().isEmpty());
}

void TestMarkerIntake::withoutALog()
{
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    QString error;
    QVERIFY2(session.start(QString(), &error), qPrintable(error)); // sampling only
    Answer answer;
    answer.add(&session, request(QStringLiteral("  restart "), QStringLiteral("m1")), this);
    QVERIFY(!answer.result); // answered by the log writer's thread, not from inside add()
    QTRY_VERIFY_WITH_TIMEOUT(answer.result, kWaitMs);
    const MarkerIntake::Result &r = *answer.result;
    QVERIFY(r.accepted);
    QVERIFY(r.error.isEmpty());
    QVERIFY(!r.logged);
    QVERIFY(!r.queued);
    QCOMPARE(r.warning, QStringLiteral("this session is not being recorded"));
    QCOMPARE(r.marker.label, QStringLiteral("restart"));
    QCOMPARE(r.marker.notes, QStringLiteral("from a test"));
    QCOMPARE(r.marker.machine, QStringLiteral("m1"));
    QVERIFY(r.marker.id != 0);
    QCOMPARE(session.markers()->markers().size(), 1);
    session.stop();
}

void TestMarkerIntake::logged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    QString error;
    QVERIFY2(session.start(dir.path(), &error), qPrintable(error));
    Answer answer;
    answer.add(&session, request(QStringLiteral("Qwen crashed")), this);
    QVERIFY(!answer.result);
    QTRY_VERIFY_WITH_TIMEOUT(answer.result, kWaitMs);
    const MarkerIntake::Result &r = *answer.result;
    QVERIFY(r.accepted);
    QVERIFY(r.logged);
    QVERIFY(!r.queued);
    QVERIFY2(r.warning.isEmpty(), qPrintable(r.warning));
    // Answered once the writer has it: the row is in the file already.
    QVERIFY(fileText(session.log().csvPath()).contains("Qwen crashed"));
    session.stop();
}

// As root a read-only directory stops nothing, so RLIMIT_FSIZE stands in for a full disk.
void TestMarkerIntake::queuedWhileTheLogCannotBeWritten()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    session.setIntervalSeconds(0.1);
    QString error;
    QVERIFY2(session.start(dir.path(), &error), qPrintable(error));
    const QString csv = session.log().csvPath();
    Answer answer;
    {
        session.syncLog();
        TestUtil::FileSizeLimit full(QFileInfo(csv).size());
        if (!full.isActive())
            QSKIP("cannot limit the file size (setrlimit RLIMIT_FSIZE)");
        answer.add(&session, request(QStringLiteral("disk full")), this);
        QTRY_VERIFY_WITH_TIMEOUT(answer.result, kWaitMs);
        QVERIFY(!fileText(csv).contains("disk full"));
    }
    const MarkerIntake::Result &r = *answer.result;
    QVERIFY(r.accepted);
    QVERIFY(r.queued);
    QVERIFY(!r.logged);
    QVERIFY2(r.warning.contains(QStringLiteral("kept in memory")), qPrintable(r.warning));
    // Written as soon as the log takes it again.
    QTRY_VERIFY_WITH_TIMEOUT(fileText(csv).contains("disk full"), kWaitMs);
    session.stop();
}

void TestMarkerIntake::contextGoneNoAnswer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session session;
    session.addMachine({ QStringLiteral("m1"), QStringLiteral("one") });
    QString error;
    QVERIFY2(session.start(dir.path(), &error), qPrintable(error));
    auto context = std::make_unique<QObject>();
    Answer answer;
    answer.add(&session, request(QStringLiteral("asker left")), context.get());
    context.reset(); // e.g. the socket that asked closed
    session.syncLog();
    QTest::qWait(100);
    QVERIFY(!answer.result);
    // The marker itself is kept and logged all the same.
    QCOMPARE(session.markers()->markers().size(), 1);
    QVERIFY(fileText(session.log().csvPath()).contains("asker left"));

    // The same with the context alive: answered (the test above can fail).
    answer.add(&session, request(QStringLiteral("asker stayed")), this);
    QTRY_VERIFY_WITH_TIMEOUT(answer.result, kWaitMs);
    session.stop();
}

QTEST_GUILESS_MAIN(TestMarkerIntake)
#include "tst_markerintake.moc"
