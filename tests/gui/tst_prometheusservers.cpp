// Machines… → Add from Prometheus…: a server typed in, tested against a fake Prometheus without
// blocking, saved with the machines, exported and imported with them (issue 15, item 1).
#include "fakehttpserver.h"
#include "machinesdialog.h"
#include "prometheusserverdialog.h"
#include "prometheusserverlist.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
// The answer to `up{…}`: `count` targets node<i>.lab:9100, every third one down.
QByteArray upAnswer(int count)
{
    QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
    for (int i = 0; i < count; ++i) {
        body += (i ? "," : "") + QByteArray("{\"metric\":{\"__name__\":\"up\",\"instance\":\"node")
            + QByteArray::number(i) + ".lab:9100\",\"job\":\"node\"},\"value\":[1700000000.000,\""
            + (i % 3 == 2 ? "0" : "1") + "\"]}";
    }
    return body + "]}}";
}

PrometheusServerDialog *openAdd(MachinesDialog &dialog)
{
    auto *add = dialog.findChild<QPushButton *>(QStringLiteral("addPrometheusButton"));
    if (!add)
        return nullptr;
    QTest::mouseClick(add, Qt::LeftButton);
    return dialog.prometheusList()->editor();
}

template<typename T> T *field(QWidget *w, const char *name)
{
    return w->findChild<T *>(QString::fromLatin1(name));
}
} // namespace

class TestPrometheusServers : public QObject
{
    Q_OBJECT
private slots:
    void addTestAndSave();
    void badUrlOrSelectorDisablesOk();
    void unreachableServerSaysWhy();
    void exportAndImportKeepTheServers();
};

void TestPrometheusServers::addTestAndSave()
{
    FakeHttpServer prom;
    QVERIFY(prom.listen());
    QByteArray query;
    prom.route(QStringLiteral("/api/v1/query"), [&query](const FakeHttpServer::Request &r) {
        query = QUrl::fromPercentEncoding(r.query).toUtf8();
        FakeHttpServer::Response answer = FakeHttpServer::json(200, upAnswer(6));
        answer.delayMs = 300; // the dialog stays usable while it waits
        return answer;
    });
    MachinesDialog dialog({});
    dialog.show();
    PrometheusServerDialog *editor = openAdd(dialog);
    QVERIFY(editor);
    auto *ok = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no URL yet
    field<QLineEdit>(editor, "promUrlEdit")->setText(prom.url().toString());
    field<QLineEdit>(editor, "promSelectorEdit")->setText(QStringLiteral("{job=\"node\"}"));
    field<QComboBox>(editor, "promAuthCombo")->setCurrentIndex(2);
    field<QLineEdit>(editor, "promUserEdit")->setText(QStringLiteral("me"));
    field<QLineEdit>(editor, "promPasswordEdit")->setText(QStringLiteral("secret"));
    QVERIFY(ok->isEnabled());

    QSignalSpy finished(editor, &PrometheusServerDialog::testFinished);
    QElapsedTimer clicked;
    clicked.start();
    QTest::mouseClick(field<QPushButton>(editor, "promTestButton"), Qt::LeftButton);
    QVERIFY2(clicked.elapsed() < 100, "the test query blocked the GUI thread");
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.at(0).at(0).toBool());
    const QString shown = field<QLabel>(editor, "promTestLabel")->text();
    QVERIFY2(shown.contains(QStringLiteral("6 targets")) && shown.contains(QStringLiteral("4 up")), qPrintable(shown));
    QVERIFY2(query.contains("up{job=\"node\"}"), query.constData());

    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.prometheusServers().size(), 1);
    const PrometheusServerConfig s = dialog.prometheusServers().at(0);
    QCOMPARE(s.url, prom.url().toString());
    QCOMPARE(s.selector, QStringLiteral("{job=\"node\"}"));
    QCOMPARE(s.user, QStringLiteral("me"));
    QCOMPARE(s.password, QStringLiteral("secret"));
    QVERIFY(s.tokenFile.isEmpty());
    QCOMPARE(dialog.findChild<QListWidget *>(QStringLiteral("prometheusList"))->count(), 1);

    // Removed again.
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("prometheusList"));
    list->setCurrentRow(0);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("removePrometheusButton")), Qt::LeftButton);
    QVERIFY(dialog.prometheusServers().isEmpty());
}

void TestPrometheusServers::badUrlOrSelectorDisablesOk()
{
    MachinesDialog dialog({});
    PrometheusServerDialog *editor = openAdd(dialog);
    QVERIFY(editor);
    auto *ok = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    field<QLineEdit>(editor, "promUrlEdit")->setText(QStringLiteral("ftp://prom:9090"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!field<QLabel>(editor, "promTestLabel")->text().isEmpty());
    field<QLineEdit>(editor, "promUrlEdit")->setText(QStringLiteral("http://prom:9090"));
    QVERIFY(ok->isEnabled());
    field<QLineEdit>(editor, "promSelectorEdit")->setText(QStringLiteral("job=node"));
    QVERIFY(!ok->isEnabled());
    field<QLineEdit>(editor, "promSelectorEdit")->setText(QStringLiteral("job=\"node\""));
    QVERIFY(ok->isEnabled());
    field<QComboBox>(editor, "promAuthCombo")->setCurrentIndex(1); // token file, none chosen
    QVERIFY(!ok->isEnabled());
    editor->reject();
    QVERIFY(dialog.prometheusServers().isEmpty());
}

void TestPrometheusServers::unreachableServerSaysWhy()
{
    FakeHttpServer prom;
    QVERIFY(prom.listen());
    prom.route(QStringLiteral("/api/v1/query"),
        FakeHttpServer::json(400, R"({"status":"error","errorType":"bad_data","error":"parse error"})"));
    MachinesDialog dialog({});
    PrometheusServerDialog *editor = openAdd(dialog);
    QVERIFY(editor);
    field<QLineEdit>(editor, "promUrlEdit")->setText(prom.url().toString());
    QSignalSpy finished(editor, &PrometheusServerDialog::testFinished);
    editor->test();
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("parse error")),
        qPrintable(finished.at(0).at(1).toString()));
}

void TestPrometheusServers::exportAndImportKeepTheServers()
{
    PrometheusServerConfig server;
    server.url = QStringLiteral("http://prom.lab:9090");
    server.selector = QStringLiteral("job=\"node\"");
    server.tokenFile = QStringLiteral("~/.config/perfdash/prom-token");
    MachineConfig box;
    box.id = box.name = QStringLiteral("box");
    MachinesDialog dialog({ box });
    dialog.setPrometheusServers({ server });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("machines.json"));
    QVERIFY(dialog.exportFile(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const MachineConfigResult back = parseMachinesJson(file.readAll());
    QCOMPARE(back.prometheus.size(), 1);
    QVERIFY(back.prometheus.at(0) == server);

    MachinesDialog other({});
    QVERIFY(other.importFile(path));
    QCOMPARE(other.machines().size(), 1);
    QCOMPARE(other.prometheusServers().size(), 1);
    QVERIFY(other.prometheusServers().at(0) == server);
    QVERIFY(other.importFile(path)); // the same server again: replaced, not doubled
    QCOMPARE(other.prometheusServers().size(), 1);
}

QTEST_MAIN(TestPrometheusServers)
#include "tst_prometheusservers.moc"
