// HttpFetcher against a loopback FakeHttpServer: redirects followed the same way over http:// as
// over https://, chunked answers with trailers read whole, and the retry of a request whose
// kept-alive connection the server had closed.
#include "fakehttpserver.h"
#include "httpfetcher.h"
#include "logging.h"

#include <QLoggingCategory>
#include <QTest>

#include <optional>

namespace {
constexpr int kTimeoutMs = 10000;

// Fetches and waits for the answer.
HttpFetcher::Result fetch(HttpFetcher &fetcher, const QUrl &url, const QByteArray &postJson = {})
{
    std::optional<HttpFetcher::Result> result;
    if (!fetcher.fetch(
            url, kTimeoutMs, [&](const HttpFetcher::Result &r) { result = r; }, postJson))
        return {};
    if (!QTest::qWaitFor([&] { return result.has_value(); }, kTimeoutMs + 1000))
        return {};
    return *result;
}
} // namespace

class TestHttpFetcher : public QObject
{
    Q_OBJECT
private slots:
    void httpFollowsRedirects_data();
    void httpFollowsRedirects();
    void redirectedPostBecomesGet_data();
    void redirectedPostBecomesGet();
    void redirectLoopStopsAtTheLimit();
    void redirectWithoutLocationIsTheAnswer();
    void chunkedTrailersAreReadAndTheConnectionStaysInStep();
    void retryOnAClosedKeptAliveConnectionSendsTheSameRequest();
    void debugMessagesOnlyWhenAskedFor();
};

void TestHttpFetcher::httpFollowsRedirects_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("absolute");
    for (int status : { 301, 302, 303, 307, 308 }) {
        QTest::addRow("%d, relative Location", status) << status << false;
        QTest::addRow("%d, absolute Location", status) << status << true;
    }
}

// A model server behind a proxy that moved /metrics: https:// followed it, http:// returned the 3xx.
void TestHttpFetcher::httpFollowsRedirects()
{
    QFETCH(int, status);
    QFETCH(bool, absolute);
    FakeHttpServer server;
    QVERIFY(server.listen());
    const QByteArray target = absolute ? server.url(QStringLiteral("/new")).toEncoded() : QByteArray("/new");
    server.route(QStringLiteral("/old"), FakeHttpServer::redirect(status, target));
    server.route(QStringLiteral("/new"), FakeHttpServer::text(200, "a 1\n"));

    HttpFetcher fetcher;
    const HttpFetcher::Result r = fetch(fetcher, server.url(QStringLiteral("/old")));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("a 1\n"));
    QCOMPARE(server.requestCount(QStringLiteral("/new")), 1);
    QCOMPARE(server.acceptedConnections(), 1); // the redirect's body read, the connection kept
}

void TestHttpFetcher::redirectedPostBecomesGet_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addRow("301") << 301 << QByteArray("GET");
    QTest::addRow("302") << 302 << QByteArray("GET");
    QTest::addRow("303") << 303 << QByteArray("GET");
    QTest::addRow("307") << 307 << QByteArray("POST");
    QTest::addRow("308") << 308 << QByteArray("POST");
}

// As QNetworkAccessManager (the https:// path) does it.
void TestHttpFetcher::redirectedPostBecomesGet()
{
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/old"), FakeHttpServer::redirect(status, "/new"));
    server.route(QStringLiteral("/new"), FakeHttpServer::json(200, "{}"));

    HttpFetcher fetcher;
    const HttpFetcher::Result r = fetch(fetcher, server.url(QStringLiteral("/old")), "{\"x\": 1}");
    QCOMPARE(r.status, 200);
    const FakeHttpServer::Request last = server.requests().last();
    QCOMPARE(last.path, QStringLiteral("/new"));
    QCOMPARE(last.method, method);
    QCOMPARE(last.body, method == "POST" ? QByteArray("{\"x\": 1}") : QByteArray());
}

void TestHttpFetcher::redirectLoopStopsAtTheLimit()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/loop"), FakeHttpServer::redirect(302, "/loop"));

    HttpFetcher fetcher;
    const HttpFetcher::Result r = fetch(fetcher, server.url(QStringLiteral("/loop")));
    QVERIFY2(r.error.contains(QStringLiteral("redirect")), qPrintable(r.error));
    QCOMPARE(server.requestCount(QStringLiteral("/loop")), HttpFetcher::kMaxRedirects + 1);
}

void TestHttpFetcher::redirectWithoutLocationIsTheAnswer()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/old"), FakeHttpServer::text(302, "nowhere\n"));

    HttpFetcher fetcher;
    const HttpFetcher::Result r = fetch(fetcher, server.url(QStringLiteral("/old")));
    QCOMPARE(r.error, QString());
    QCOMPARE(r.status, 302);
    QCOMPARE(r.body, QByteArray("nowhere\n"));
}

// The trailers came after the last chunk, in another segment: the fetcher stopped at the "0",
// and took the trailers for a server talking out of turn (or for the next answer's head).
void TestHttpFetcher::chunkedTrailersAreReadAndTheConnectionStaysInStep()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    FakeHttpServer::Response chunked = FakeHttpServer::behaving(FakeHttpServer::Behaviour::ChunkedWithTrailers);
    chunked.body = "a 1\n";
    chunked.trailers = "X-Checksum: 1234\r\nX-Other: two\r\n";
    chunked.delayMs = 100;
    server.route(QStringLiteral("/metrics"), chunked);
    server.route(QStringLiteral("/next"), FakeHttpServer::text(200, "b 2\n"));

    HttpFetcher fetcher;
    const HttpFetcher::Result first = fetch(fetcher, server.url(QStringLiteral("/metrics")));
    QCOMPARE(first.error, QString());
    QCOMPARE(first.body, QByteArray("a 1\n"));
    const HttpFetcher::Result second = fetch(fetcher, server.url(QStringLiteral("/next")));
    QCOMPARE(second.error, QString());
    QCOMPARE(second.body, QByteArray("b 2\n"));
    QCOMPARE(server.acceptedConnections(), 1);
}

// The server closed the kept-alive connection as the second request arrived: the fetcher asks
// again on a new connection, with the same request (method, path, body).
void TestHttpFetcher::retryOnAClosedKeptAliveConnectionSendsTheSameRequest()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/v1/completions"), [](const FakeHttpServer::Request &request) {
        if (request.number == 2)
            return FakeHttpServer::behaving(FakeHttpServer::Behaviour::CloseWithoutAnswer);
        return FakeHttpServer::json(200, "{\"n\": " + QByteArray::number(request.number) + '}');
    });

    HttpFetcher fetcher;
    QUrl url = server.url(QStringLiteral("/v1/completions"));
    url.setQuery(QStringLiteral("x=1"));
    QCOMPARE(fetch(fetcher, url, "{\"prompt\": \"a\"}").body, QByteArray("{\"n\": 1}"));
    const HttpFetcher::Result r = fetch(fetcher, url, "{\"prompt\": \"b\"}");
    QCOMPARE(r.error, QString());
    QCOMPARE(r.body, QByteArray("{\"n\": 3}"));
    QCOMPARE(server.acceptedConnections(), 2);
    const QList<FakeHttpServer::Request> requests = server.requests();
    QCOMPARE(requests.size(), 3);
    for (qsizetype i : { 1, 2 }) {
        QCOMPARE(requests[i].method, QByteArray("POST"));
        QCOMPARE(requests[i].query, QByteArray("x=1"));
        QCOMPARE(requests[i].body, QByteArray("{\"prompt\": \"b\"}"));
    }
}

namespace {
QStringList g_messages; // "category: text" of each message, while captureMessages() is installed
void captureMessages(QtMsgType, const QMessageLogContext &context, const QString &text)
{
    g_messages << QLatin1String(context.category) + QStringLiteral(": ") + text;
}
} // namespace

// QT_LOGGING_RULES="perfdash.http.debug=true" shows a fetch's connection and its redirects; without
// the rule, nothing.
void TestHttpFetcher::debugMessagesOnlyWhenAskedFor()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/old"), FakeHttpServer::redirect(302, "/new"));
    server.route(QStringLiteral("/new"), FakeHttpServer::text(200, "a 1\n"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessages);
    g_messages.clear();
    {
        HttpFetcher fetcher;
        QCOMPARE(fetch(fetcher, server.url(QStringLiteral("/old"))).status, 200);
    }
    QVERIFY2(g_messages.isEmpty(), qPrintable(g_messages.join(u'\n')));

    QLoggingCategory::setFilterRules(QStringLiteral("perfdash.http.debug=true"));
    {
        HttpFetcher fetcher;
        QCOMPARE(fetch(fetcher, server.url(QStringLiteral("/old"))).status, 200);
    }
    QLoggingCategory::setFilterRules(QString());
    qInstallMessageHandler(previous);
    QVERIFY(!lcHttp().isDebugEnabled());
    QVERIFY2(g_messages.size() >= 2, qPrintable(g_messages.join(u'\n')));
    QVERIFY(g_messages.first().startsWith(QStringLiteral("perfdash.http: connecting to 127.0.0.1")));
    QVERIFY(g_messages.filter(QStringLiteral("perfdash.http: redirect 1 of")).size() == 1);
}

QTEST_GUILESS_MAIN(TestHttpFetcher)
#include "tst_httpfetcher.moc"
