// The HTTP API setting: a bad address keeps the dialog open with the reason, Generate makes a
// token, and what was typed comes back.
#include "httpapidialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

class TestHttpApiDialog : public QObject
{
    Q_OBJECT

private slots:
    void showsTheStatusAndReturnsTheValues();
    void badAddressKeepsItOpen_data();
    void badAddressKeepsItOpen();
    void generateMakesAToken();
};

void TestHttpApiDialog::showsTheStatusAndReturnsTheValues()
{
    HttpApiDialog dialog(false, QStringLiteral("127.0.0.1:8765"), {}, QStringLiteral("The HTTP API is off."));
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("status"))->text(), QStringLiteral("The HTTP API is off."));
    QVERIFY(!dialog.isApiEnabled());
    dialog.findChild<QCheckBox *>()->setChecked(true);
    auto *bind = dialog.findChild<QLineEdit *>(QStringLiteral("bind"));
    bind->clear();
    QTest::keyClicks(bind, QStringLiteral(" 0.0.0.0:9000 "));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.isApiEnabled());
    QCOMPARE(dialog.bind(), QStringLiteral("0.0.0.0:9000"));
    QCOMPARE(dialog.token(), QString());
}

void TestHttpApiDialog::badAddressKeepsItOpen_data()
{
    QTest::addColumn<QString>("bind");
    QTest::addRow("no port") << QStringLiteral("127.0.0.1");
    QTest::addRow("host name") << QStringLiteral("example.org:80");
    QTest::addRow("port too big") << QStringLiteral("127.0.0.1:70000");
}

void TestHttpApiDialog::badAddressKeepsItOpen()
{
    QFETCH(QString, bind);
    HttpApiDialog dialog(true, bind, {}, {});
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    bool told = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        told = told || (label->isVisible() && label->text().contains(bind));
    QVERIFY(told);
    // Switched off, the address does not matter.
    dialog.findChild<QCheckBox *>()->setChecked(false);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestHttpApiDialog::generateMakesAToken()
{
    HttpApiDialog dialog(true, QStringLiteral("0.0.0.0:8765"), {}, {});
    QPushButton *generate = nullptr;
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->text().contains(QStringLiteral("Generate")))
            generate = b;
    }
    QVERIFY(generate);
    generate->click();
    const QString first = dialog.token();
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(first).hasMatch());
    generate->click();
    QVERIFY(dialog.token() != first);
}

QTEST_MAIN(TestHttpApiDialog)
#include "tst_httpapidialog.moc"
