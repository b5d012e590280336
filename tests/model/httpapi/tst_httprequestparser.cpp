// HttpRequestParser: the local API's requests, and the limits it enforces on what a request
// declares before any body is read.
#include "httprequestparser.h"

#include <QTest>

using Status = HttpRequestParser::Status;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT
private slots:
    void wholeRequests_data();
    void wholeRequests();
    void refused_data();
    void refused();
    void byteAtATime();
    void pipelinedRequests();
    void declaredBodyTooLargeIsRefusedBeforeItArrives();
    void headWithoutItsEndIsRefusedPastTheLimit();
};

void TestHttpRequestParser::wholeRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addRow("GET") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\n\r\n") << QByteArray("GET")
                         << QByteArray("/health") << QByteArray() << true;
    QTest::addRow("query") << QByteArray("GET /events?since=1 HTTP/1.1\r\n\r\n") << QByteArray("GET")
                           << QByteArray("/events") << QByteArray() << true;
    QTest::addRow("POST") << QByteArray("POST /events HTTP/1.1\r\nContent-Length: 13\r\n\r\n{\"label\":\"x\"}")
                          << QByteArray("POST") << QByteArray("/events") << QByteArray("{\"label\":\"x\"}") << true;
    QTest::addRow("bare line ends") << QByteArray("GET /health HTTP/1.1\nHost: x\n\n") << QByteArray("GET")
                                    << QByteArray("/health") << QByteArray() << true;
    QTest::addRow("Connection: close") << QByteArray("GET / HTTP/1.1\r\nconnection: Close\r\n\r\n") << QByteArray("GET")
                                       << QByteArray("/") << QByteArray() << false;
    QTest::addRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << QByteArray("GET") << QByteArray("/")
                              << QByteArray() << false;
    QTest::addRow("HTTP/1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                                         << QByteArray("GET") << QByteArray("/") << QByteArray() << true;
    QTest::addRow("equal Content-Lengths")
        << QByteArray("PUT /x HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab") << QByteArray("PUT")
        << QByteArray("/x") << QByteArray("ab") << true;
}

void TestHttpRequestParser::wholeRequests()
{
    QFETCH(QByteArray, bytes);
    HttpRequestParser parser;
    HttpRequest request;
    qsizetype used = 0;
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Complete);
    QCOMPARE(used, bytes.size());
    QTEST(request.method, "method");
    QTEST(request.path, "path");
    QTEST(request.body, "body");
    QTEST(request.keepAlive, "keepAlive");
}

void TestHttpRequestParser::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addRow("no target") << QByteArray("GET\r\n\r\n") << 400;
    QTest::addRow("target not a path") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("two spaces") << QByteArray("GET  /health HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("not HTTP") << QByteArray("GET / SPDY/3\r\n\r\n") << 400;
    QTest::addRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::addRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 400;
    QTest::addRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::addRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::addRow("chunked") << QByteArray("POST /events HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
    QTest::addRow("negative length") << QByteArray("POST /events HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::addRow("length with a sign") << QByteArray("POST /events HTTP/1.1\r\nContent-Length: +5\r\n\r\n") << 400;
    QTest::addRow("conflicting lengths") << QByteArray(
        "POST /events HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                                         << 400;
    QTest::addRow("huge length") << QByteArray("POST /events HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")
                                 << 400;
    QTest::addRow("NUL in the method") << QByteArrayLiteral("G\0T / HTTP/1.1\r\n\r\n") << 400;
}

void TestHttpRequestParser::refused()
{
    QFETCH(QByteArray, bytes);
    HttpRequestParser parser;
    HttpRequest request;
    qsizetype used = 0;
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Failed);
    QTEST(parser.errorStatus(), "status");
    QVERIFY(!parser.errorMessage().isEmpty());
}

// A slow client: the request comes a byte at a time and is complete with its last byte.
void TestHttpRequestParser::byteAtATime()
{
    const QByteArray bytes("POST /events HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello");
    HttpRequestParser parser;
    HttpRequest request;
    qsizetype used = 0;
    QVERIFY(!parser.isStarted());
    for (qsizetype n = 1; n < bytes.size(); ++n) {
        QCOMPARE(parser.parse(QByteArrayView(bytes).first(n), &request, &used), Status::Incomplete);
        QVERIFY(parser.isStarted());
    }
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Complete);
    QCOMPARE(request.body, QByteArray("hello"));
    QVERIFY(!parser.isStarted()); // ready for the next one
}

void TestHttpRequestParser::pipelinedRequests()
{
    QByteArray bytes("POST /events HTTP/1.1\r\nContent-Length: 2\r\n\r\nabGET /health HTTP/1.1\r\n\r\nGET /x");
    HttpRequestParser parser;
    HttpRequest request;
    qsizetype used = 0;
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Complete);
    QCOMPARE(request.body, QByteArray("ab"));
    bytes.remove(0, used);
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Complete);
    QCOMPARE(request.path, QByteArray("/health"));
    bytes.remove(0, used);
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Incomplete);
}

// 4 × 500 MB bodies took 3.5 GB: the body was read whole before its size was looked at.
void TestHttpRequestParser::declaredBodyTooLargeIsRefusedBeforeItArrives()
{
    HttpRequestParser parser({ 16 * 1024, 64 * 1024 });
    HttpRequest request;
    qsizetype used = 0;
    const QByteArray head("POST /events HTTP/1.1\r\nContent-Length: 524288000\r\n\r\n");
    QCOMPARE(parser.parse(head, &request, &used), Status::Failed);
    QCOMPARE(parser.errorStatus(), 413);
    QVERIFY2(parser.errorMessage().contains(QLatin1String("65536")), qPrintable(parser.errorMessage()));
}

// 4 × 500 MB headers took 2.2 GB: nothing bounded the head.
void TestHttpRequestParser::headWithoutItsEndIsRefusedPastTheLimit()
{
    HttpRequestParser parser({ 1024, 64 * 1024 });
    HttpRequest request;
    qsizetype used = 0;
    QByteArray bytes("GET / HTTP/1.1\r\nX-Long: ");
    bytes += QByteArray(1000 - bytes.size(), 'a');
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Incomplete);
    bytes += QByteArray(100, 'a');
    QCOMPARE(parser.parse(bytes, &request, &used), Status::Failed);
    QCOMPARE(parser.errorStatus(), 431);
    // Its end arriving past the limit does not make it acceptable either.
    HttpRequestParser again({ 1024, 64 * 1024 });
    const QByteArray ended = bytes + "\r\n\r\n";
    QCOMPARE(again.parse(ended, &request, &used), Status::Failed);
    QCOMPARE(again.errorStatus(), 431);
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
