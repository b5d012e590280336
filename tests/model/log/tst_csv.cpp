// RFC 4180 pieces of the session log: Csv::escape and Csv::parse.
#include "csv.h"

#include <QTest>

class TestCsv : public QObject
{
    Q_OBJECT
private slots:
    void escape_data();
    void escape();
    void parse_data();
    void parse();
    void recordLines_data();
    void recordLines();
    void unterminatedRecords_data();
    void unterminatedRecords();
    void nulEndsTheData();
    void roundTrip_data();
    void roundTrip();
};

void TestCsv::escape_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("escaped");

    QTest::addRow("plain") << QStringLiteral("Qwen crashed") << QByteArray("Qwen crashed");
    QTest::addRow("empty") << QString() << QByteArray();
    QTest::addRow("number") << QStringLiteral("37.5") << QByteArray("37.5");
    QTest::addRow("comma") << QStringLiteral("a,b") << QByteArray("\"a,b\"");
    QTest::addRow("quotes doubled") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::addRow("only a quote") << QStringLiteral("\"") << QByteArray("\"\"\"\"");
    QTest::addRow("LF") << QStringLiteral("one\ntwo") << QByteArray("\"one\ntwo\"");
    QTest::addRow("CR") << QStringLiteral("one\rtwo") << QByteArray("\"one\rtwo\"");
    QTest::addRow("spaces are kept unquoted") << QStringLiteral("  padded  ") << QByteArray("  padded  ");
    QTest::addRow("semicolon and tab unquoted") << QStringLiteral("a;b\tc") << QByteArray("a;b\tc");
    QTest::addRow("UTF-8") << QString::fromUtf8("\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x9a\x80")
                           << QByteArray("\xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x9a\x80");
    QTest::addRow("UTF-8 with comma") << QString::fromUtf8("\xe4\xb8\xad,\xe6\x96\x87")
                                      << QByteArray("\"\xe4\xb8\xad,\xe6\x96\x87\"");
    // The example of LOG_FORMAT.md.
    QTest::addRow("LOG_FORMAT example note") << QStringLiteral("During the third notebook, \"cell 14\"")
                                             << QByteArray("\"During the third notebook, \"\"cell 14\"\"\"");
}

void TestCsv::escape()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, escaped);
    QCOMPARE(Csv::escape(field), escaped);
}

void TestCsv::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<QStringList>>("records");

    using L = QList<QStringList>;
    QTest::addRow("empty") << QByteArray() << L {};
    QTest::addRow("one record") << QByteArray("a,b,c\n")
                                << L { { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") } };
    QTest::addRow("two records") << QByteArray("a,b\n1,2\n")
                                 << L { { QStringLiteral("a"), QStringLiteral("b") },
                                        { QStringLiteral("1"), QStringLiteral("2") } };
    QTest::addRow("empty fields") << QByteArray(",x,,\n")
                                  << L { { QString(), QStringLiteral("x"), QString(), QString() } };
    QTest::addRow("blank line is one empty field")
        << QByteArray("a\n\nb\n") << L { { QStringLiteral("a") }, { QString() }, { QStringLiteral("b") } };
    QTest::addRow("quoted comma") << QByteArray("\"a,b\",c\n") << L { { QStringLiteral("a,b"), QStringLiteral("c") } };
    QTest::addRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\"\n") << L { { QStringLiteral("say \"hi\"") } };
    QTest::addRow("quoted empty") << QByteArray("\"\",x\n") << L { { QString(), QStringLiteral("x") } };
    QTest::addRow("quoted newline") << QByteArray("1,\"one\ntwo\",3\n")
                                    << L { { QStringLiteral("1"), QStringLiteral("one\ntwo"), QStringLiteral("3") } };
    QTest::addRow("CRLF line ends") << QByteArray("a,b\r\n1,2\r\n")
                                    << L { { QStringLiteral("a"), QStringLiteral("b") },
                                           { QStringLiteral("1"), QStringLiteral("2") } };
    QTest::addRow("CRLF inside quotes is data") << QByteArray("\"x\r\ny\"\r\n") << L { { QStringLiteral("x\r\ny") } };
    QTest::addRow("UTF-8 BOM dropped") << QByteArray("\xEF\xBB\xBFtimestamp,notes\n")
                                       << L { { QStringLiteral("timestamp"), QStringLiteral("notes") } };
    QTest::addRow("quote inside unquoted field is text")
        << QByteArray("5\" disk,x\n") << L { { QStringLiteral("5\" disk"), QStringLiteral("x") } };
    QTest::addRow("UTF-8") << QByteArray("\xe4\xb8\xad\xe6\x96\x87,\"\xf0\x9f\x9a\x80,\"\n")
                           << L { { QString::fromUtf8("\xe4\xb8\xad\xe6\x96\x87"),
                                  QString::fromUtf8("\xf0\x9f\x9a\x80,") } };
    QTest::addRow("LOG_FORMAT marker row")
        << QByteArray("2026-11-22T14:30:29.402+01:00,,,Qwen crashed,\"During the third notebook, \"\"cell 14\"\"\"\n")
        << L { { QStringLiteral("2026-11-22T14:30:29.402+01:00"), QString(), QString(), QStringLiteral("Qwen crashed"),
               QStringLiteral("During the third notebook, \"cell 14\"") } };
}

void TestCsv::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<QStringList>, records);

    const QList<Csv::Record> parsed = Csv::parse(text);
    QCOMPARE(parsed.size(), records.size());
    for (int i = 0; i < parsed.size(); ++i) {
        QCOMPARE(parsed[i].fields, records[i]);
        QVERIFY(parsed[i].terminated);
        QVERIFY(!parsed[i].openQuote);
    }
}

// The physical line each record starts on, counting the line ends inside quoted fields.
void TestCsv::recordLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<int>>("lines");

    QTest::addRow("one per line") << QByteArray("a\nb\nc\n") << QList<int> { 1, 2, 3 };
    QTest::addRow("two-line field") << QByteArray("h\n\"x\ny\"\nz\n") << QList<int> { 1, 2, 4 };
    QTest::addRow("three-line field and CRLF")
        << QByteArray("h\r\n\"1\r\n2\r\n3\",q\r\nz\r\n") << QList<int> { 1, 2, 5 };
    QTest::addRow("blank lines count") << QByteArray("h\n\n\nz\n") << QList<int> { 1, 2, 3, 4 };
    QTest::addRow("BOM does not shift lines") << QByteArray("\xEF\xBB\xBFh\nz\n") << QList<int> { 1, 2 };
}

void TestCsv::recordLines()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<int>, lines);

    QList<int> got;
    for (const Csv::Record &r : Csv::parse(text))
        got << r.line;
    QCOMPARE(got, lines);
}

void TestCsv::unterminatedRecords_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("lastFields");
    QTest::addColumn<int>("lastLine");
    QTest::addColumn<bool>("openQuote");

    QTest::addRow("cut after a field") << QByteArray("h1,h2\n1,2\n3,") << QStringList { QStringLiteral("3"), QString() }
                                       << 3 << false;
    QTest::addRow("cut without line end")
        << QByteArray("h\nlast") << QStringList { QStringLiteral("last") } << 2 << false;
    QTest::addRow("cut inside a quote") << QByteArray("h,n\n1,\"half a\nnote")
                                        << QStringList { QStringLiteral("1"), QStringLiteral("half a\nnote") } << 2
                                        << true;
    QTest::addRow("quote opened on the last byte") << QByteArray("h\n\"") << QStringList { QString() } << 2 << true;
}

void TestCsv::unterminatedRecords()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, lastFields);
    QFETCH(int, lastLine);
    QFETCH(bool, openQuote);

    const QList<Csv::Record> records = Csv::parse(text);
    QVERIFY(records.size() >= 2);
    QVERIFY(records.first().terminated);
    const Csv::Record &last = records.last();
    QCOMPARE(last.fields, lastFields);
    QCOMPARE(last.line, lastLine);
    QVERIFY(!last.terminated);
    QCOMPARE(last.openQuote, openQuote);
}

// A NUL byte is in no CSV text (the log reader calls the record damaged): the record stops before
// the field that holds it, flagged, and nothing after it is read.
void TestCsv::nulEndsTheData()
{
    const QList<Csv::Record> records = Csv::parse(QByteArray("h1,h2\n1,x\0y,3\n4,5\n", 18));
    QCOMPARE(records.size(), 2);
    QVERIFY(!records.first().nul);
    QCOMPARE(records.last().fields, QStringList { QStringLiteral("1") });
    QCOMPARE(records.last().line, 2);
    QVERIFY(records.last().nul);
    QVERIFY(!records.last().terminated);
}

// escape, join with commas, end with \n, parse: the same fields come back, exactly.
void TestCsv::roundTrip_data()
{
    QTest::addColumn<QStringList>("fields");

    QTest::addRow("plain") << QStringList { QStringLiteral("a"), QStringLiteral("b") };
    QTest::addRow("empties") << QStringList { QString(), QString(), QString() };
    QTest::addRow("commas and quotes") << QStringList { QStringLiteral("x,y"), QStringLiteral("\"quoted\""),
        QStringLiteral("\"\""), QStringLiteral(",") };
    QTest::addRow("line ends") << QStringList { QStringLiteral("a\nb"), QStringLiteral("c\r\nd"), QStringLiteral("\r"),
        QStringLiteral("\n\n") };
    QTest::addRow("leading and trailing spaces") << QStringList { QStringLiteral(" a "), QStringLiteral("\t") };
    QTest::addRow("Chinese and emoji") << QStringList {
        QString::fromUtf8("\xe6\xa8\xa1\xe5\x9e\x8b\xe5\xb4\xa9\xe6\xba\x83\xe4\xba\x86"),
        QString::fromUtf8("\xf0\x9f\x94\xa5\xf0\x9f\x98\x80, \"\xf0\x9f\x9a\x80\"\n\xe7\xac\xac\xe4\xba\x8c"
                          "\xe8\xa1\x8c")
    };
    QTest::addRow("everything in one note") << QStringList { QStringLiteral("event"),
        QString::fromUtf8("Crash, then \"retry\"\nsecond line \xe4\xb8\xad\xe6\x96\x87 "
                          "\xf0\x9f\x9a\x80\r\nthird, \"\"end\"\"") };
}

void TestCsv::roundTrip()
{
    QFETCH(QStringList, fields);

    QByteArray text;
    for (int i = 0; i < fields.size(); ++i) {
        if (i)
            text += ',';
        text += Csv::escape(fields[i]);
    }
    text += '\n';
    const QList<Csv::Record> records = Csv::parse(text);
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first().fields, fields);
    QVERIFY(records.first().terminated);
}

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
