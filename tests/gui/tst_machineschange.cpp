// Saving *Machines…* while the dashboard runs (issue 13, item 4): adding, editing or removing a
// machine changes only that machine. The other machines keep their history and charts, the markers
// stay, the log in the Analysis tab stays open, and recording goes on — in a new file when the
// columns change, which the status bar says.
#include "analysispage.h"
#include "csv.h"
#include "fakesources.h"
#include "machinemonitor.h"
#include "machinepanel.h"
#include "machinesdialog.h"
#include "mainwindow.h"
#include "markerspanel.h"
#include "session.h"
#include "timechart.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace {
constexpr int kWaitMs = 10000;

// Runs `act` on the machines dialog once it is open (it is modal: exec() blocks the caller).
void whenMachinesDialogOpens(const std::function<void(MachinesDialog *)> &act, int triesLeft = 250)
{
    QTimer::singleShot(triesLeft == 250 ? 0 : 20, [act, triesLeft] {
        if (auto *dialog = qobject_cast<MachinesDialog *>(QApplication::activeModalWidget()))
            act(dialog);
        else if (triesLeft > 0)
            whenMachinesDialogOpens(act, triesLeft - 1);
    });
}

QPushButton *saveButton(MachinesDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
}

QList<Csv::Record> readCsv(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return Csv::parse(f.readAll());
}

QJsonObject readSidecar(const QString &csvPath)
{
    QFile f(csvPath.chopped(4) + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The rows of a log whose event cell is `label`.
int markerRows(const QString &csvPath, const QString &label)
{
    int n = 0;
    for (const Csv::Record &r : readCsv(csvPath)) {
        if (r.fields.size() >= 2 && r.fields[r.fields.size() - 2] == label)
            ++n;
    }
    return n;
}

Sample systemSample()
{
    Sample s;
    s.set(Metric::CpuPercent, 25);
    s.set(Metric::MemoryPercent, 50);
    s.set(Metric::MemoryUsedMb, 4096);
    return s;
}

Sample serverSample()
{
    Sample s;
    s.set(Metric::ServerUp, 1);
    s.set(Metric::TokensPerSecond, 30);
    s.set(Metric::ActiveRequests, 1);
    return s;
}

// A model server that refuses connections: the machine's samples say server down, promptly.
MachineConfig serverMachine(const QString &id, const QString &name)
{
    MachineConfig config;
    config.id = id;
    config.name = name;
    config.serverUrl = QStringLiteral("http://127.0.0.1:9");
    return config;
}
} // namespace

class TestMachinesChange : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void savingMachinesKeepsTheSession();

private:
    bool saveInDialog(const std::function<void(MachinesDialog *)> &edit);
    MachinePanel *panelOf(const QString &name) const;

    QTemporaryDir m_config;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMachinesChange::initTestCase()
{
    QVERIFY(m_config.isValid());
    // Keep the person's real settings out of the test (Save writes the machines there).
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
}

void TestMachinesChange::cleanup()
{
    m_window.reset();
    m_session.reset();
}

// Opens File → Machines… as the person does, lets `edit` change the list, and clicks Save.
bool TestMachinesChange::saveInDialog(const std::function<void(MachinesDialog *)> &edit)
{
    QAction *action = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->text() == QStringLiteral("&Machines…"))
            action = a;
    }
    if (!action)
        return false;
    bool saved = false;
    whenMachinesDialogOpens([&](MachinesDialog *dialog) {
        edit(dialog);
        QPushButton *save = saveButton(dialog);
        if (!save->isEnabled())
            qWarning() << "the machines dialog refuses to save:" << dialog->problems();
        save->click();
        saved = true;
    });
    action->trigger();
    return saved;
}

MachinePanel *TestMachinesChange::panelOf(const QString &name) const
{
    for (MachinePanel *panel : m_window->findChildren<MachinePanel *>()) {
        if (panel->machine()->info().name == name)
            return panel;
    }
    return nullptr;
}

void TestMachinesChange::savingMachinesKeepsTheSession()
{
    QTemporaryDir logs;
    m_session = std::make_unique<Session>();
    Session &session = *m_session;
    session.setIntervalSeconds(0.1);
    MachineMonitor *local = session.addMachine({ QStringLiteral("local"), QStringLiteral("This computer") });
    local->addSource(std::make_unique<FakeSource>(systemSample()));
    MachineInfo info2 { QStringLiteral("m2"), QStringLiteral("Second") };
    info2.hasSystemMetrics = false;
    info2.hasServer = true;
    MachineMonitor *second = session.addMachine(info2);
    second->addSource(std::make_unique<FakeSource>(serverSample()));
    m_window = std::make_unique<MainWindow>(&session);
    m_window->setConfiguredMachines({ serverMachine(QStringLiteral("m2"), QStringLiteral("Second")) });
    QString error;
    QVERIFY2(session.start(logs.path(), &error), qPrintable(error));
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    // History accumulates; a marker; a log open in the Analysis tab.
    QTRY_VERIFY_WITH_TIMEOUT(local->history().size() >= 10 && second->history().size() >= 10, kWaitMs);
    session.addMarker(QDateTime::currentMSecsSinceEpoch(), QStringLiteral("Before the change"), QStringLiteral("n"));
    const QString firstCsv = session.log().csvPath();
    QTRY_COMPARE_WITH_TIMEOUT(markerRows(firstCsv, QStringLiteral("Before the change")), 1, kWaitMs);
    const QString analysed = QStringLiteral(PERFDASH_FIXTURES_DIR "/logs/crlf_bom.csv");
    QSignalSpy shown(m_window->analysisPage(), &AnalysisPage::analysisShown);
    m_window->openLog(analysed);
    QVERIFY(shown.wait(20'000));
    auto *markersTable = m_window->markersPanel()->findChild<QTableView *>();
    QVERIFY(markersTable);
    QCOMPARE(markersTable->model()->rowCount(), 1);
    const qsizetype localHistory = local->history().size();
    const qsizetype secondHistory = second->history().size();
    TimeChart *localCpu = panelOf(QStringLiteral("This computer"))->charts().first();

    // 1. Add a third machine: a new column set, so a new log file, said in the status bar.
    QVERIFY(saveInDialog([](MachinesDialog *dialog) {
        dialog->findChild<QPushButton *>(QStringLiteral("addButton"))->click();
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Third")); // id "third"
        dialog->findChild<QLineEdit *>(QStringLiteral("serverUrlEdit"))->setText(QStringLiteral("http://127.0.0.1:9"));
    }));
    QCOMPARE(session.machines().size(), 3);
    QCOMPARE(session.machines().at(0), local); // the very same machines, history and all
    QCOMPARE(session.machines().at(1), second);
    QCOMPARE(session.machines().at(2)->info().id, QStringLiteral("third"));
    QVERIFY(local->history().size() >= localHistory);
    QVERIFY(second->history().size() >= secondHistory);
    QCOMPARE(panelOf(QStringLiteral("This computer"))->charts().first(), localCpu);
    QVERIFY(panelOf(QStringLiteral("Third")));
    QCOMPARE(markersTable->model()->rowCount(), 1);
    QCOMPARE(session.markers()->markers().size(), 1);
    QCOMPARE(m_window->analysisPage()->path(), analysed);
    QTRY_VERIFY_WITH_TIMEOUT(session.log().csvPath() != firstCsv, kWaitMs);
    const QString secondCsv = session.log().csvPath();
    QVERIFY(session.log().isOpen());
    QVERIFY2(m_window->statusBar()->currentMessage()
            == QStringLiteral("Machines changed: recording continues in %1").arg(secondCsv),
        qPrintable(m_window->statusBar()->currentMessage()));
    QVERIFY(readCsv(secondCsv).value(0).fields.contains(QStringLiteral("third_server_up")));
    // The new file has the session's markers, and links to the previous one, which ended.
    QCOMPARE(markerRows(secondCsv, QStringLiteral("Before the change")), 1);
    QCOMPARE(readSidecar(secondCsv).value(QStringLiteral("continues")).toString(), QFileInfo(firstCsv).fileName());
    QVERIFY(readSidecar(firstCsv).value(QStringLiteral("ended")).isString());
    QCOMPARE(readSidecar(firstCsv).value(QStringLiteral("continued_in")).toString(), QFileInfo(secondCsv).fileName());
    QTRY_VERIFY_WITH_TIMEOUT(readCsv(secondCsv).size() >= 5, kWaitMs); // rows go on
    QTRY_VERIFY_WITH_TIMEOUT(session.machines().at(2)->history().size() >= 2, kWaitMs);
    QVERIFY(local->history().size() > localHistory);

    // 2. Rename the second machine: it alone starts again; the columns and so the file stay.
    MachineMonitor *third = session.machines().at(2);
    const qsizetype thirdHistory = third->history().size();
    QVERIFY(saveInDialog([](MachinesDialog *dialog) {
        dialog->findChild<QListWidget *>(QStringLiteral("machineList"))->setCurrentRow(0);
        dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("Second box"));
    }));
    QCOMPARE(session.machines().size(), 3);
    QCOMPARE(session.machines().at(0), local);
    QCOMPARE(session.machines().at(1)->info().name, QStringLiteral("Second box"));
    QCOMPARE(session.machines().at(2), third); // unchanged: not restarted
    QVERIFY(third->history().size() >= thirdHistory);
    QVERIFY(panelOf(QStringLiteral("Second box")));
    QVERIFY(!panelOf(QStringLiteral("Second")));
    QTest::qWait(300);
    QCOMPARE(session.log().csvPath(), secondCsv);
    QCOMPARE(readSidecar(secondCsv)
                 .value(QStringLiteral("machines"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
        QStringLiteral("Second box"));

    // 3. Remove the second machine, the first of the list: a new file again, everything else kept.
    QVERIFY(saveInDialog([](MachinesDialog *dialog) {
        dialog->findChild<QListWidget *>(QStringLiteral("machineList"))->setCurrentRow(0);
        dialog->findChild<QPushButton *>(QStringLiteral("removeButton"))->click();
    }));
    QCOMPARE(session.machines(), (QList<MachineMonitor *> { local, third }));
    QVERIFY(!panelOf(QStringLiteral("Second box")));
    QVERIFY(panelOf(QStringLiteral("Third")));
    QTRY_VERIFY_WITH_TIMEOUT(session.log().csvPath() != secondCsv, kWaitMs);
    const QString thirdCsv = session.log().csvPath();
    QVERIFY(!readCsv(thirdCsv).value(0).fields.contains(QStringLiteral("m2_server_up")));
    QVERIFY(readCsv(thirdCsv).value(0).fields.contains(QStringLiteral("third_server_up")));
    QCOMPARE(markerRows(thirdCsv, QStringLiteral("Before the change")), 1);
    QCOMPARE(markersTable->model()->rowCount(), 1);
    QCOMPARE(m_window->analysisPage()->path(), analysed);
    QVERIFY(m_window->statusBar()->currentMessage().endsWith(thirdCsv));
    const qsizetype localNow = local->history().size();
    QTRY_VERIFY_WITH_TIMEOUT(local->history().size() > localNow, kWaitMs);
    for (TimeChart *chart : m_window->charts())
        chart->refresh(); // no chart reads a removed machine's history
}

QTEST_MAIN(TestMachinesChange)
#include "tst_machineschange.moc"
