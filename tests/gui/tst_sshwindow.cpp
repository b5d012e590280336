// A remote machine over SSH in the real window, against a real loopback sshd: the unknown host key
// is asked about in a dialog with its fingerprint, trusting it records it in known_hosts, and the
// machine's panel then shows "SSH connected" with the last sample's latency.
#include "machinemonitor.h"
#include "machinepanel.h"
#include "machinesetup.h"
#include "mainwindow.h"
#include "session.h"
#include "sshdfixture.h"
#include "timechart.h"

#include <QApplication>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

class TestSshWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void asksAboutUnknownHostKey_data();
    void asksAboutUnknownHostKey();
    void asksForPassphrase();
    void reconnectButtonAsksAgain();

private:
    // The loopback server as a machine called "Loopback box", checked against this known_hosts.
    MachineConfig box(const QString &knownHosts) const;

    SshdFixture m_sshd;
    QTemporaryDir m_config;
};

void TestSshWindow::initTestCase()
{
    // The window's settings go to a scratch folder, never the user's.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit());
    QVERIFY2(m_sshd.prepare(), qPrintable(m_sshd.error()));
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.error()));
}

MachineConfig TestSshWindow::box(const QString &knownHosts) const
{
    MachineConfig config;
    config.id = QStringLiteral("box");
    config.name = QStringLiteral("Loopback box");
    config.host = QStringLiteral("127.0.0.1");
    config.port = m_sshd.port();
    config.keyFile = m_sshd.clientKey();
    config.knownHosts = knownHosts;
    config.timeoutSeconds = 3;
    return config;
}

void TestSshWindow::asksAboutUnknownHostKey_data()
{
    QTest::addColumn<bool>("trust");
    QTest::addRow("trust and connect") << true;
    QTest::addRow("do not connect") << false;
}

void TestSshWindow::asksAboutUnknownHostKey()
{
    QFETCH(bool, trust);
    const QString knownHosts = m_sshd.knownHostsPath(QStringLiteral("gui_known_hosts_%1").arg(trust));
    Session session;
    session.setIntervalSeconds(0.2);
    RemoteSetup remote;
    remote.newHostKeys = SshOptions::NewHostKeys::Ask;
    addMachines(session, { box(knownHosts) }, false, remote);
    QString error;
    QVERIFY(session.start({}, &error));
    MainWindow window(&session);
    window.show();

    QMessageBox *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = window.findChild<QMessageBox *>(QStringLiteral("hostKeyPrompt"))), 15000);
    const QByteArray keygen = m_sshd.runTool(
        QStringLiteral("ssh-keygen"), { QStringLiteral("-l"), QStringLiteral("-f"), m_sshd.hostPublicKeyFile() });
    const QString fingerprint = QString::fromLatin1(keygen.split(' ').value(1));
    QVERIFY(fingerprint.startsWith(QStringLiteral("SHA256:")));
    QVERIFY2(prompt->text().contains(fingerprint), qPrintable(prompt->text()));
    QVERIFY(prompt->text().contains(QStringLiteral("Loopback box")));
    // One machine: no combined view.
    QVERIFY(!window.findChild<TimeChart *>(QStringLiteral("cpuComparison")));

    MachinePanel *panel = window.findChild<MachinePanel *>();
    QVERIFY(panel);
    QVERIFY2(panel->connectionText().startsWith(QStringLiteral("SSH waiting")), qPrintable(panel->connectionText()));

    QPushButton *button = nullptr;
    for (QAbstractButton *b : prompt->buttons()) {
        if (b->text() == (trust ? QStringLiteral("Trust and connect") : QStringLiteral("Do not connect")))
            button = qobject_cast<QPushButton *>(b);
    }
    QVERIFY(button);
    button->click();

    if (trust) {
        QTRY_VERIFY_WITH_TIMEOUT(panel->connectionText().contains(QStringLiteral("last sample")), 15000);
        QVERIFY(panel->connectionText().startsWith(QStringLiteral("SSH connected")));
        QFile f(knownHosts);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith(QStringLiteral("[127.0.0.1]:%1 ssh-ed25519 ").arg(m_sshd.port()).toLatin1()));
        // And samples arrive in the machine's history.
        QTRY_VERIFY_WITH_TIMEOUT(session.machines().value(0)->history().size() >= 2, 15000);
        QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("reconnectButton"))->isVisible());
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(panel->connectionText().startsWith(QStringLiteral("SSH failed: ")), 15000);
        QVERIFY(!QFile::exists(knownHosts));
    }
    session.stop();
}

void TestSshWindow::reconnectButtonAsksAgain()
{
    // The person said no to the host key, checked the fingerprint out of band, and clicks Reconnect.
    Session session;
    session.setIntervalSeconds(0.2);
    RemoteSetup remote;
    remote.newHostKeys = SshOptions::NewHostKeys::Ask;
    addMachines(session, { box(m_sshd.knownHostsPath(QStringLiteral("gui_known_hosts_reconnect"))) }, false, remote);
    QString error;
    QVERIFY(session.start({}, &error));
    MainWindow window(&session);
    window.show();
    MachinePanel *panel = window.findChild<MachinePanel *>();
    QVERIFY(panel);
    auto *reconnect = panel->findChild<QPushButton *>(QStringLiteral("reconnectButton"));
    QVERIFY(reconnect);

    const auto answer = [&](const QString &text) {
        QMessageBox *prompt = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((prompt = window.findChild<QMessageBox *>(QStringLiteral("hostKeyPrompt"))), 15000);
        for (QAbstractButton *b : prompt->buttons()) {
            if (b->text() == text)
                b->click();
        }
    };
    answer(QStringLiteral("Do not connect"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->connectionText().startsWith(QStringLiteral("SSH failed: ")), 15000);
    QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("hostKeyPrompt")));
    QVERIFY(reconnect->isVisible());
    QVERIFY(reconnect->toolTip().contains(QStringLiteral("Loopback box")));
    // The samples fail for the reason the SSH state gives already: not said twice.
    QTRY_VERIFY_WITH_TIMEOUT(!session.machines().value(0)->lastError().isEmpty(), 5000);
    auto *errorLine = panel->findChild<QLabel *>(QStringLiteral("machineState"));
    QVERIFY(errorLine);
    QVERIFY2(!errorLine->isVisible(), qPrintable(errorLine->text()));

    QTest::mouseClick(reconnect, Qt::LeftButton);
    answer(QStringLiteral("Trust and connect"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->connectionText().startsWith(QStringLiteral("SSH connected")), 15000);
    QVERIFY(!reconnect->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(session.machines().value(0)->history().size() >= 2, 15000);
    session.stop();
}

void TestSshWindow::asksForPassphrase()
{
    const QString key = m_sshd.generateKey(QStringLiteral("gui_locked_ed25519"), QStringLiteral("s3cret"));
    QVERIFY(!key.isEmpty());
    QVERIFY(m_sshd.authorize(key));
    const QString knownHosts = m_sshd.knownHostsPath(QStringLiteral("gui_trusted_known_hosts"));
    {
        QFile f(knownHosts);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_sshd.knownHostsLine());
    }
    MachineConfig config = box(knownHosts);
    config.keyFile = key;
    Session session;
    session.setIntervalSeconds(0.2);
    RemoteSetup remote;
    remote.askPassphrase = true;
    addMachines(session, { config }, true, remote); // with this computer
    QString error;
    QVERIFY(session.start({}, &error));
    MainWindow window(&session);
    window.show();

    QInputDialog *prompt = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((prompt = window.findChild<QInputDialog *>(QStringLiteral("passphrasePrompt"))), 15000);
    QVERIFY(prompt->labelText().contains(key));
    QCOMPARE(prompt->textEchoMode(), QLineEdit::Password);
    prompt->setTextValue(QStringLiteral("s3cret"));
    prompt->accept();
    MachinePanel *panel = nullptr;
    MachinePanel *local = nullptr;
    for (MachinePanel *p : window.findChildren<MachinePanel *>())
        (p->machine()->info().id == QLatin1String("box") ? panel : local) = p;
    QVERIFY(panel);
    QTRY_VERIFY_WITH_TIMEOUT(panel->connectionText().startsWith(QStringLiteral("SSH connected")), 15000);
    // This computer's panel has no SSH state.
    QVERIFY(local);
    QCOMPARE(local->machine()->info().id, QStringLiteral("local"));
    QVERIFY(local->connectionText().isEmpty());

    // The combined view: both machines' CPU on one chart, the remote's drawn once it has samples.
    auto *comparison = window.findChild<TimeChart *>(QStringLiteral("cpuComparison"));
    QVERIFY(comparison);
    QTRY_VERIFY_WITH_TIMEOUT(session.machines().value(1)->history().size() >= 3, 15000);
    comparison->refresh();
    QVERIFY(comparison->pointCount(0) > 0);
    QVERIFY(comparison->pointCount(1) > 0);
    session.stop();
}

QTEST_MAIN(TestSshWindow)
#include "tst_sshwindow.moc"
