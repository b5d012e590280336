// The machines dialog driven as a person would: type a machine in, watch the id follow the name,
// get told why Save is off, remove and duplicate, import a machines file and export one.
#include "machinesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

namespace {
MachineConfig machine(const QString &id, const QString &name = {})
{
    MachineConfig m;
    m.id = id;
    m.name = name.isEmpty() ? id : name;
    return m;
}

QStringList idsOf(const QList<MachineConfig> &machines)
{
    QStringList ids;
    for (const MachineConfig &m : machines)
        ids << m.id;
    return ids;
}

QString fixture(const char *name)
{
    return QStringLiteral(PERFDASH_FIXTURES_DIR "/") + QLatin1String(name);
}

// The dialog's widgets, found by objectName as a test (or a screen reader) would.
struct Ui
{
    explicit Ui(MachinesDialog &d)
        : list(d.findChild<QListWidget *>(QStringLiteral("machineList")))
        , name(d.findChild<QLineEdit *>(QStringLiteral("nameEdit")))
        , id(d.findChild<QLineEdit *>(QStringLiteral("idEdit")))
        , host(d.findChild<QLineEdit *>(QStringLiteral("hostEdit")))
        , port(d.findChild<QSpinBox *>(QStringLiteral("portSpin")))
        , user(d.findChild<QLineEdit *>(QStringLiteral("userEdit")))
        , auth(d.findChild<QComboBox *>(QStringLiteral("authCombo")))
        , keyFile(d.findChild<QLineEdit *>(QStringLiteral("keyFileEdit")))
        , knownHosts(d.findChild<QLineEdit *>(QStringLiteral("knownHostsEdit")))
        , timeout(d.findChild<QSpinBox *>(QStringLiteral("timeoutSpin")))
        , serverUrl(d.findChild<QLineEdit *>(QStringLiteral("serverUrlEdit")))
        , serverKind(d.findChild<QComboBox *>(QStringLiteral("serverKindCombo")))
        , probe(d.findChild<QCheckBox *>(QStringLiteral("probeCheck")))
        , probeInterval(d.findChild<QSpinBox *>(QStringLiteral("probeIntervalSpin")))
        , nodeExporter(d.findChild<QLineEdit *>(QStringLiteral("nodeExporterEdit")))
        , problem(d.findChild<QLabel *>(QStringLiteral("problemLabel")))
        , add(d.findChild<QPushButton *>(QStringLiteral("addButton")))
        , remove(d.findChild<QPushButton *>(QStringLiteral("removeButton")))
        , duplicate(d.findChild<QPushButton *>(QStringLiteral("duplicateButton")))
        , save(d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save))
    { }
    bool complete() const
    {
        for (QObject *o :
            std::initializer_list<QObject *> { list, name, id, host, port, user, auth, keyFile, knownHosts, timeout,
                serverUrl, serverKind, probe, probeInterval, nodeExporter, problem, add, remove, duplicate, save }) {
            if (!o)
                return false;
        }
        return true;
    }

    QListWidget *list;
    QLineEdit *name;
    QLineEdit *id;
    QLineEdit *host;
    QSpinBox *port;
    QLineEdit *user;
    QComboBox *auth;
    QLineEdit *keyFile;
    QLineEdit *knownHosts;
    QSpinBox *timeout;
    QLineEdit *serverUrl;
    QComboBox *serverKind;
    QCheckBox *probe;
    QSpinBox *probeInterval;
    QLineEdit *nodeExporter;
    QLabel *problem;
    QPushButton *add;
    QPushButton *remove;
    QPushButton *duplicate;
    QPushButton *save;
};

// Types `text` into a widget, as a person would; keyClicks() only knows ASCII.
void type(QWidget *edit, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(edit, char(c.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, edit, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

// Replaces a widget's text by typing.
void retype(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    type(edit, text);
}
} // namespace

class TestMachinesDialog : public QObject
{
    Q_OBJECT
private slots:
    void addMachineByTyping();
    void idFollowsTheNameUntilEdited_data();
    void idFollowsTheNameUntilEdited();
    void invalidIdDisablesSave_data();
    void invalidIdDisablesSave();
    void invalidValuesDisableSave_data();
    void invalidValuesDisableSave();
    void renamingKeepsTheIdOfAnExistingMachine();
    void removeAndDuplicate();
    void removingTheFirstOfTwoShowsTheOther();
    void importMergesByIdAndShowsProblems();
    void importUnreadableFileSaysWhy();
    void exportWritesAMachinesFile();
    void saveAccepts();
};

void TestMachinesDialog::addMachineByTyping()
{
    MachinesDialog dialog({});
    Ui ui(dialog);
    QVERIFY(ui.complete());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(ui.list->count(), 0);
    QVERIFY(ui.save->isEnabled()); // no machines is a valid list: only this computer
    QVERIFY(!ui.name->isEnabled());

    QTest::mouseClick(ui.add, Qt::LeftButton);
    QCOMPARE(ui.list->count(), 1);
    QVERIFY(ui.name->isEnabled());
    QVERIFY(ui.name->hasFocus());
    QVERIFY(!ui.save->isEnabled()); // no id yet
    QCOMPARE(ui.problem->text(), QStringLiteral("machine 1: \"id\" is required."));

    QTest::keyClicks(ui.name, QStringLiteral("Mac Studio 2 (Qwen)"));
    QCOMPARE(ui.id->text(), QStringLiteral("mac_studio_2_qwen"));
    QCOMPARE(ui.list->item(0)->text(), QStringLiteral("Mac Studio 2 (Qwen)"));
    QVERIFY(ui.save->isEnabled());
    QVERIFY(ui.problem->isHidden());

    QVERIFY(!ui.keyFile->isEnabled()); // ssh-agent by default
    QTest::keyClicks(ui.host, QStringLiteral("192.0.2.11"));
    retype(ui.port, QStringLiteral("2222"));
    QTest::keyClicks(ui.user, QStringLiteral("grader"));
    ui.auth->setFocus();
    QTest::keyClick(ui.auth, Qt::Key_Down); // "Key file"
    QCOMPARE(ui.auth->currentIndex(), 1);
    QVERIFY(ui.keyFile->isEnabled());
    QVERIFY(!ui.save->isEnabled()); // a key file is chosen but not named
    QCOMPARE(ui.problem->text(), QStringLiteral("machine 1: choose a key file, or use ssh-agent."));
    QTest::keyClicks(ui.keyFile, QStringLiteral("~/.ssh/id_ed25519"));
    QVERIFY(ui.save->isEnabled());
    QTest::keyClicks(ui.knownHosts, QStringLiteral("/etc/ssh/ssh_known_hosts"));
    QCOMPARE(ui.timeout->value(), 10);
    retype(ui.timeout, QStringLiteral("25"));
    QTest::keyClicks(ui.serverUrl, QStringLiteral("http://192.0.2.11:8080"));
    ui.serverKind->setCurrentIndex(ui.serverKind->findData(int(ServerKind::LlamaCpp)));
    QVERIFY(!ui.probeInterval->isEnabled());
    ui.probe->setFocus();
    QTest::keyClick(ui.probe, Qt::Key_Space);
    QVERIFY(ui.probe->isChecked());
    QVERIFY(ui.probeInterval->isEnabled());
    retype(ui.probeInterval, QStringLiteral("60"));
    QTest::keyClicks(ui.nodeExporter, QStringLiteral("http://192.0.2.11:9100/metrics"));
    QVERIFY(ui.save->isEnabled());
    QVERIFY(dialog.problems().isEmpty());

    MachineConfig expected;
    expected.id = QStringLiteral("mac_studio_2_qwen");
    expected.name = QStringLiteral("Mac Studio 2 (Qwen)");
    expected.host = QStringLiteral("192.0.2.11");
    expected.port = 2222;
    expected.user = QStringLiteral("grader");
    expected.keyFile = QStringLiteral("~/.ssh/id_ed25519");
    expected.knownHosts = QStringLiteral("/etc/ssh/ssh_known_hosts");
    expected.timeoutSeconds = 25;
    expected.serverUrl = QStringLiteral("http://192.0.2.11:8080");
    expected.serverKind = ServerKind::LlamaCpp;
    expected.probe = true;
    expected.probeIntervalSeconds = 60;
    expected.nodeExporterUrl = QStringLiteral("http://192.0.2.11:9100/metrics");
    const QList<MachineConfig> got = dialog.machines();
    QCOMPARE(got.size(), 1);
    QVERIFY(got.first() == expected);

    // Back to the agent: the key file is not used (nor lost from the field).
    QTest::keyClick(ui.auth, Qt::Key_Up);
    QCOMPARE(dialog.machines().first().keyFile, QString());
    QCOMPARE(ui.keyFile->text(), QStringLiteral("~/.ssh/id_ed25519"));
}

void TestMachinesDialog::idFollowsTheNameUntilEdited_data()
{
    QTest::addColumn<QList<MachineConfig>>("existing");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("id");

    QTest::addRow("lowercase, runs of others one _")
        << QList<MachineConfig> {} << QStringLiteral("GPU Box #2 (vLLM)") << QStringLiteral("gpu_box_2_vllm");
    QTest::addRow("non-ASCII letters are others")
        << QList<MachineConfig> {} << QStringLiteral("Zoë's Mac") << QStringLiteral("zo_s_mac");
    QTest::addRow("nothing usable") << QList<MachineConfig> {} << QStringLiteral("第三本") << QString();
    QTest::addRow("unique") << QList<MachineConfig> { machine(QStringLiteral("mac_1")),
        machine(QStringLiteral("mac_1_2")) }
                            << QStringLiteral("Mac 1") << QStringLiteral("mac_1_3");
    QTest::addRow("not local") << QList<MachineConfig> {} << QStringLiteral("Local") << QStringLiteral("local_2");
}

void TestMachinesDialog::idFollowsTheNameUntilEdited()
{
    QFETCH(QList<MachineConfig>, existing);
    QFETCH(QString, name);
    QFETCH(QString, id);

    MachinesDialog dialog(existing);
    Ui ui(dialog);
    QTest::mouseClick(ui.add, Qt::LeftButton);
    type(ui.name, name);
    QCOMPARE(ui.id->text(), id);
    QCOMPARE(dialog.machines().last().id, id);

    // Once the person edits the id, the name no longer changes it.
    retype(ui.id, QStringLiteral("mine"));
    QTest::keyClicks(ui.name, QStringLiteral(" more"));
    QCOMPARE(ui.id->text(), QStringLiteral("mine"));
    QCOMPARE(dialog.machines().last().id, QStringLiteral("mine"));
    QCOMPARE(dialog.machines().last().name, name + QStringLiteral(" more"));
}

void TestMachinesDialog::invalidIdDisablesSave_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("problem");

    QTest::addRow("uppercase and hyphen") << QStringLiteral("Mac-1")
                                          << QStringLiteral("machine 2 (\"Mac-1\"): \"id\" must be lowercase "
                                                            "letters a-z, digits and _ only, not \"Mac-1\".");
    QTest::addRow("reserved") << QStringLiteral("local")
                              << QStringLiteral(
                                     "machine 2 (\"local\"): \"id\" cannot be \"local\": that id is reserved "
                                     "for this computer.");
    QTest::addRow("taken") << QStringLiteral("a")
                           << QStringLiteral("machine 2 (\"a\"): the id \"a\" is already used by machine 1.");
    QTest::addRow("empty") << QString() << QStringLiteral("machine 2: \"id\" is required.");
}

void TestMachinesDialog::invalidIdDisablesSave()
{
    QFETCH(QString, id);
    QFETCH(QString, problem);

    MachinesDialog dialog({ machine(QStringLiteral("a")) });
    Ui ui(dialog);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(ui.add, Qt::LeftButton);
    QTest::keyClicks(ui.name, QStringLiteral("Box"));
    QVERIFY(ui.save->isEnabled());

    retype(ui.id, id);
    QVERIFY(!ui.save->isEnabled());
    QVERIFY(ui.problem->isVisible());
    QCOMPARE(ui.problem->text(), problem);
    QCOMPARE(dialog.problems(), QStringList { problem });
    QCOMPARE(ui.list->item(1)->foreground().color(), QColor(0xb0, 0x00, 0x20));

    retype(ui.id, QStringLiteral("box"));
    QVERIFY(ui.save->isEnabled());
    QVERIFY(ui.problem->isHidden());
    QCOMPARE(idsOf(dialog.machines()), (QStringList { QStringLiteral("a"), QStringLiteral("box") }));
}

void TestMachinesDialog::invalidValuesDisableSave_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");

    QTest::addRow("server URL not http") << QStringLiteral("serverUrlEdit") << QStringLiteral("ftp://box:21")
                                         << QStringLiteral("machine 1 (\"a\"): \"server_url\" must be an http:// or "
                                                           "https:// URL with a host, not \"ftp://box:21\".");
    QTest::addRow("server URL without host") << QStringLiteral("serverUrlEdit") << QStringLiteral("http://")
                                             << QStringLiteral("machine 1 (\"a\"): \"server_url\" must be an http:// "
                                                               "or https:// URL with a host, not \"http://\".");
    QTest::addRow("node_exporter URL") << QStringLiteral("nodeExporterEdit") << QStringLiteral("box:9100")
                                       << QStringLiteral("machine 1 (\"a\"): \"node_exporter_url\" must be an "
                                                         "http:// or https:// URL with a host, not \"box:9100\".");
}

void TestMachinesDialog::invalidValuesDisableSave()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, problem);

    MachinesDialog dialog({ machine(QStringLiteral("a")) });
    Ui ui(dialog);
    auto *edit = dialog.findChild<QLineEdit *>(field);
    QVERIFY(edit);
    QTest::keyClicks(edit, text);
    QVERIFY(!ui.save->isEnabled());
    QCOMPARE(ui.problem->text(), problem);
    retype(edit, QString());
    QVERIFY(ui.save->isEnabled());
}

void TestMachinesDialog::renamingKeepsTheIdOfAnExistingMachine()
{
    // The id names the log columns: renaming a saved machine must not move its data.
    MachinesDialog dialog({ machine(QStringLiteral("mac1"), QStringLiteral("Mac Studio 1")) });
    Ui ui(dialog);
    QCOMPARE(ui.list->currentRow(), 0);
    QCOMPARE(ui.name->text(), QStringLiteral("Mac Studio 1"));
    QTest::keyClicks(ui.name, QStringLiteral(" (Qwen)"));
    QCOMPARE(ui.id->text(), QStringLiteral("mac1"));
    QCOMPARE(dialog.machines().first().name, QStringLiteral("Mac Studio 1 (Qwen)"));
    QCOMPARE(dialog.machines().first().id, QStringLiteral("mac1"));
}

void TestMachinesDialog::removeAndDuplicate()
{
    MachineConfig b = machine(QStringLiteral("b"), QStringLiteral("Box B"));
    b.host = QStringLiteral("192.0.2.2");
    b.keyFile = QStringLiteral("~/.ssh/id_b");
    MachinesDialog dialog({ machine(QStringLiteral("a")), b, machine(QStringLiteral("c")) });
    Ui ui(dialog);

    ui.list->setCurrentRow(1);
    QCOMPARE(ui.name->text(), QStringLiteral("Box B"));
    QCOMPARE(ui.auth->currentIndex(), 1);
    QCOMPARE(ui.keyFile->text(), QStringLiteral("~/.ssh/id_b"));

    QTest::mouseClick(ui.duplicate, Qt::LeftButton);
    QCOMPARE(ui.list->count(), 4);
    QCOMPARE(ui.list->currentRow(), 2);
    QCOMPARE(ui.name->text(), QStringLiteral("Box B (copy)"));
    QCOMPARE(ui.id->text(), QStringLiteral("box_b_copy"));
    QVERIFY(ui.save->isEnabled());
    const QList<MachineConfig> withCopy = dialog.machines();
    QCOMPARE(idsOf(withCopy),
        (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("box_b_copy"), QStringLiteral("c") }));
    QCOMPARE(withCopy.at(2).host, b.host);
    QCOMPARE(withCopy.at(2).keyFile, b.keyFile);

    ui.list->setCurrentRow(1);
    QTest::mouseClick(ui.remove, Qt::LeftButton);
    QCOMPARE(idsOf(dialog.machines()),
        (QStringList { QStringLiteral("a"), QStringLiteral("box_b_copy"), QStringLiteral("c") }));
    QCOMPARE(ui.list->currentRow(), 1);
    QCOMPARE(ui.name->text(), QStringLiteral("Box B (copy)"));

    for (int i = 0; i < 3; ++i)
        QTest::mouseClick(ui.remove, Qt::LeftButton);
    QCOMPARE(dialog.machines(), QList<MachineConfig>());
    QCOMPARE(ui.list->count(), 0);
    QVERIFY(!ui.name->isEnabled());
    QVERIFY(!ui.remove->isEnabled());
    QVERIFY(ui.save->isEnabled());
}

// Removing a machine that has others after it read an entry past the end of the list (the list's
// current row moved before the entry was gone) and crashed the window on Save (issue 13, item 4).
void TestMachinesDialog::removingTheFirstOfTwoShowsTheOther()
{
    MachinesDialog dialog({ machine(QStringLiteral("a")), machine(QStringLiteral("b"), QStringLiteral("Box B")) });
    Ui ui(dialog);
    ui.list->setCurrentRow(0);
    QTest::mouseClick(ui.remove, Qt::LeftButton);
    QCOMPARE(idsOf(dialog.machines()), QStringList { QStringLiteral("b") });
    QCOMPARE(ui.list->count(), 1);
    QCOMPARE(ui.list->currentRow(), 0);
    QCOMPARE(ui.name->text(), QStringLiteral("Box B"));
    QCOMPARE(ui.id->text(), QStringLiteral("b"));
    QVERIFY(ui.save->isEnabled());
}

void TestMachinesDialog::importMergesByIdAndShowsProblems()
{
    MachinesDialog dialog(
        { machine(QStringLiteral("mac1"), QStringLiteral("Old name")), machine(QStringLiteral("other")) });
    Ui ui(dialog);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // machines_import.json: mac1 (known: replaced), gpu_box (new: appended, with an unknown field)
    // and an entry without an id (an error: left out).
    QVERIFY(dialog.importFile(fixture("machines_import.json")));
    const QList<MachineConfig> got = dialog.machines();
    QCOMPARE(idsOf(got), (QStringList { QStringLiteral("mac1"), QStringLiteral("other"), QStringLiteral("gpu_box") }));
    QCOMPARE(got.at(0).name, QStringLiteral("Mac Studio 1 (Qwen)"));
    QCOMPARE(got.at(0).host, QStringLiteral("192.0.2.10"));
    QCOMPARE(got.at(0).keyFile, QStringLiteral("~/.ssh/id_ed25519"));
    QCOMPARE(got.at(2).serverKind, ServerKind::Vllm);
    QCOMPARE(got.at(2).probeIntervalSeconds, 60);
    QCOMPARE(ui.list->count(), 3);
    QCOMPARE(ui.list->item(0)->text(), QStringLiteral("Mac Studio 1 (Qwen)"));
    QCOMPARE(ui.list->currentRow(), 2); // the last one imported
    QCOMPARE(ui.serverUrl->text(), QStringLiteral("http://192.0.2.20:8000"));
    QVERIFY(ui.save->isEnabled());

    auto *box = dialog.findChild<QMessageBox *>(QStringLiteral("machinesMessage"));
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QCOMPARE(box->icon(), QMessageBox::Warning);
    QVERIFY2(box->text().contains(QStringLiteral("machines_import.json")), qPrintable(box->text()));
    QCOMPARE(box->informativeText(),
        QStringLiteral("machine 3: \"id\" is required.\n"
                       "machine 2 (\"gpu_box\"): unknown field \"colour\" is ignored."));
    box->close();

    // The example file has no problems: no box.
    QTRY_VERIFY(!dialog.findChild<QMessageBox *>(QStringLiteral("machinesMessage")));
    QVERIFY(dialog.importFile(fixture("machines_example.json")));
    QVERIFY(!dialog.findChild<QMessageBox *>(QStringLiteral("machinesMessage")));
    QCOMPARE(dialog.machines().first().name, QStringLiteral("Mac Studio 1 (GPT-OSS)"));
    QCOMPARE(dialog.machines().size(), 3);
}

void TestMachinesDialog::importUnreadableFileSaysWhy()
{
    MachinesDialog dialog({ machine(QStringLiteral("a")) });
    QVERIFY(!dialog.importFile(QStringLiteral("/nonexistent/machines.json")));
    auto *box = dialog.findChild<QMessageBox *>(QStringLiteral("machinesMessage"));
    QVERIFY(box);
    QVERIFY2(
        box->text().startsWith(QStringLiteral("Cannot read /nonexistent/machines.json: ")), qPrintable(box->text()));
    QCOMPARE(idsOf(dialog.machines()), QStringList { QStringLiteral("a") });
    box->close();
}

void TestMachinesDialog::exportWritesAMachinesFile()
{
    MachineConfig gpu = machine(QStringLiteral("gpu"), QStringLiteral("GPU \"box\""));
    gpu.serverUrl = QStringLiteral("http://gpu:8000");
    gpu.serverKind = ServerKind::Tgi;
    const QList<MachineConfig> machines { machine(QStringLiteral("a")), gpu };
    MachinesDialog dialog(machines);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("machines.json"));
    QVERIFY(dialog.exportFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const MachineConfigResult read = parseMachinesJson(file.readAll());
    QCOMPARE(read.errors, QStringList());
    QCOMPARE(read.machines, machines);

    QVERIFY(!dialog.exportFile(dir.filePath(QStringLiteral("no/such/dir/machines.json"))));
    auto *box = dialog.findChild<QMessageBox *>(QStringLiteral("machinesMessage"));
    QVERIFY(box);
    QVERIFY2(box->text().startsWith(QStringLiteral("Cannot write ")), qPrintable(box->text()));
    box->close();
}

void TestMachinesDialog::saveAccepts()
{
    MachinesDialog dialog({});
    Ui ui(dialog);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(ui.add, Qt::LeftButton);
    QTest::mouseClick(ui.save, Qt::LeftButton); // disabled: nothing happens
    QVERIFY(dialog.isVisible());
    QTest::keyClicks(ui.name, QStringLiteral("Box"));
    QTest::mouseClick(ui.save, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(idsOf(dialog.machines()), QStringList { QStringLiteral("box") });
}

QTEST_MAIN(TestMachinesDialog)
#include "tst_machinesdialog.moc"
