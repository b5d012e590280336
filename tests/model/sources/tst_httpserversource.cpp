// A model server over HTTP (HttpServerSource, through HttpFetcher), against a loopback server
// (FakeHttpServer) that serves the real expositions of SOURCES.md §A with counters that advance
// between scrapes, the health endpoints of the servers that have no metrics, the probe requests,
// and hostile answers. Last, a Session of two machines, one of whose servers stalls forever.
#include "csv.h"
#include "fakehttpserver.h"
#include "fakemodelservers.h"
#include "httpserversource.h"
#include "logreader.h"
#include "machinesetup.h"
#include "metricsexposition.h"
#include "session.h"
#include "testutil.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

namespace {
constexpr int kWaitMs = 10000;

using namespace ModelServers;

// Known, different amounts per scrape, so that every rate is the one of its own interval.
double incrementAt(int n)
{
    return 40 + 37 * (n % 5);
}

// What the fake server answered at each scrape: the counter and the server's wall clock.
struct Scrape
{
    int n = 0;
    double tokens = 0;
    qint64 answeredMs = 0;
};

// Serves /metrics of a flavour; the counter advances by incrementAt(n) per scrape, or follows
// `counterAt` when given (a reset).
void serveMetrics(FakeHttpServer &server, Flavour flavour, double base, std::shared_ptr<QList<Scrape>> log,
    std::function<double(int, double)> counterAt = {})
{
    server.route(QStringLiteral("/metrics"), [=](const FakeHttpServer::Request &r) {
        const int n = r.number;
        double tokens = log->isEmpty() ? base : log->last().tokens + incrementAt(n);
        if (counterAt)
            tokens = counterAt(n, log->isEmpty() ? base : log->last().tokens);
        log->append({ n, tokens, QDateTime::currentMSecsSinceEpoch() });
        return FakeHttpServer::text(200, exposition(flavour, tokens, n), "text/plain; version=0.0.4; charset=utf-8");
    });
}

// ---------------------------------------------------------------------------------------------

// Drives a source in this thread as the sampler would: requestSample() on a timer, every answer
// and state change recorded.
class Driver
{
public:
    Driver(const HttpServerSource::Options &options, int tickMs)
        : source(options)
        , samples(&source, &Source::sampleReady)
        , failures(&source, &Source::failed)
        , states(&source, &Source::serverStateChanged)
    {
        timer.setInterval(tickMs);
        QObject::connect(&timer, &QTimer::timeout, &source, [this] { source.requestSample(++ticks); });
    }
    void start()
    {
        source.requestSample(++ticks);
        timer.start();
    }
    void stop() { timer.stop(); }
    Sample sample(qsizetype i) const { return samples.at(i).at(1).value<Sample>(); }
    Sample lastSample() const { return sample(samples.size() - 1); }
    ServerState state() const { return source.state(); }

    HttpServerSource source;
    QSignalSpy samples;
    QSignalSpy failures;
    QSignalSpy states;
    QTimer timer;
    quint64 ticks = 0;
};

HttpServerSource::Options options(const QUrl &base, ServerKind kind, int timeoutMs = 1000)
{
    HttpServerSource::Options o;
    o.baseUrl = base;
    o.kind = kind;
    o.timeoutMs = timeoutMs;
    o.minPollMs = 50;
    return o;
}

// The longest the event loop of this thread went without running a 20 ms timer.
class GapMeter
{
public:
    GapMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_max = std::max(m_max, m_clock.restart());
            ++m_ticks;
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 maxGapMs() const { return m_max; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_max = 0;
    int m_ticks = 0;
};

QString describeState(const ServerState &s)
{
    static const char *const names[] = { "Unknown", "Up", "Loading", "Down" };
    return QLatin1String(names[s.status]) + QStringLiteral(": ") + s.detail;
}

// A port on 127.0.0.1 that nothing listens on.
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

int postCount(const FakeHttpServer &server)
{
    return int(std::count_if(server.requests().cbegin(), server.requests().cend(),
        [](const FakeHttpServer::Request &r) { return r.method == "POST"; }));
}
} // namespace

Q_DECLARE_METATYPE(ModelServers::Flavour)

// The servers that have no metrics, as healthOnly() serves them.
enum class HealthServer {
    Ollama,            // Ollama's routes
    Mlx,               // mlx_lm.server's /health and /v1/models
    LlamaNoMetrics404, // llama.cpp's /health; /metrics 404
    LlamaNoMetrics501, // llama-server without --metrics: /metrics 501 with its message
};
Q_DECLARE_METATYPE(HealthServer)

class TestHttpServerSource : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void ratesFromCounters_data();
    void ratesFromCounters();
    void counterResetIsARestart_data();
    void counterResetIsARestart();
    void healthOnly_data();
    void healthOnly();
    void loadingModel_data();
    void loadingModel();
    void hostileServer_data();
    void hostileServer();
    void recoversAfterDown();
    void serverRestartsWithOtherEndpoints_data();
    void serverRestartsWithOtherEndpoints();
    void unrecognisedMetricsInAuto();
    void probeOllama();
    void probeOpenAi();
    void probeIsOffByDefault();
    void twoMachinesOneStalled();
    void outOfRangeValuesAreNotLogged_data();
    void outOfRangeValuesAreNotLogged();
};

void TestHttpServerSource::initTestCase()
{
    TestUtil::setTimeZone("UTC");
}

void TestHttpServerSource::ratesFromCounters_data()
{
    QTest::addColumn<Flavour>("flavour");
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<ServerKind>("detected");
    QTest::addColumn<double>("base");

    const struct
    {
        const char *name;
        Flavour flavour;
        ServerKind kind;
        double base;
    } kinds[] = {
        { "llamacpp", Flavour::LlamaCpp, ServerKind::LlamaCpp, 1024 },
        { "vllm", Flavour::Vllm, ServerKind::Vllm, 27453 },
        { "sglang:", Flavour::SglangColon, ServerKind::Sglang, 245000 },
        { "sglang_", Flavour::SglangUnderscore, ServerKind::Sglang, 245000 },
        { "tgi", Flavour::Tgi, ServerKind::Tgi, 27453 },
    };
    for (const auto &k : kinds) {
        QTest::addRow("%s", k.name) << k.flavour << k.kind << k.kind << k.base;
        QTest::addRow("%s, auto-detected", k.name) << k.flavour << ServerKind::Auto << k.kind << k.base;
    }
}

// Tokens/s = Δcounter / Δwall time between two scrapes, checked against the rate the server itself
// served; active requests and requests_total exact.
void TestHttpServerSource::ratesFromCounters()
{
    QFETCH(Flavour, flavour);
    QFETCH(ServerKind, kind);
    QFETCH(ServerKind, detected);
    QFETCH(double, base);

    FakeHttpServer server;
    QVERIFY(server.listen());
    auto log = std::make_shared<QList<Scrape>>();
    serveMetrics(server, flavour, base, log);

    constexpr int kScrapes = 5;
    Driver driver(options(server.url(), kind), 250);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount(QStringLiteral("/metrics")) > kScrapes, kWaitMs);
    driver.stop();

    QCOMPARE(driver.state().status, ServerState::Up);
    QVERIFY2(driver.state().detail.contains(serverKindDisplayName(detected)), qPrintable(driver.state().detail));
    QVERIFY2(driver.state().detail.contains(QLatin1String("/metrics")), qPrintable(driver.state().detail));
    QCOMPARE(driver.failures.count(), 0);
    QCOMPARE(server.totalRequests(), server.requestCount(QStringLiteral("/metrics"))); // found at once
    QCOMPARE(server.maxOpenRequests(), 1);
    qDebug("%d scrapes over %d connections", server.totalRequests(), server.acceptedConnections());

    // Every sample is matched to its scrape by its active-requests value.
    QList<int> checked;
    QList<qint64> clockDifferences;
    for (qsizetype i = 0; i < driver.samples.size(); ++i) {
        const Sample s = driver.sample(i);
        if (!s.has(Metric::ServerUp))
            continue; // ticks before the first answer
        QCOMPARE(s.value(Metric::ServerUp), 1.0);
        QVERIFY(s.has(Metric::ActiveRequests));
        const auto scrape = std::find_if(log->cbegin(), log->cend(),
            [&](const Scrape &sc) { return activeFor(flavour, sc.n) == s.value(Metric::ActiveRequests); });
        QVERIFY2(scrape != log->cend(), qPrintable(QString::number(s.value(Metric::ActiveRequests))));
        const int n = scrape->n;
        const std::optional<double> requests = requestsFor(flavour, n);
        if (requests)
            QCOMPARE(s.value(Metric::RequestsTotal), *requests);
        else
            QVERIFY(!s.has(Metric::RequestsTotal));
        if (n == 1) {
            QVERIFY(!s.has(Metric::TokensPerSecond)); // one reading is no rate
            continue;
        }
        QVERIFY(s.has(Metric::TokensPerSecond));
        const double rate = s.value(Metric::TokensPerSecond);
        const Scrape &before = (*log)[n - 2];
        const double delta = scrape->tokens - before.tokens;
        QCOMPARE(delta, incrementAt(n));
        const qint64 serverMs = scrape->answeredMs - before.answeredMs;
        // The source times its scrapes by when each answer arrived, the server by when it wrote it;
        // both read the same wall clock in whole ms. So the interval the rate implies differs from
        // the server's only by ±2 ms of rounding plus the difference between the two answers'
        // delivery delays (loopback, same process: 0-2 ms typically, up to 12 ms seen on this shared
        // 2-core machine while others compiled). 40 ms (16 % of 250 ms) allows that. A wrong counter,
        // the servers' own throughput gauges, seconds taken as ms, a sum over the wrong label sets or
        // another scrape's delta (the deltas differ by 24 % or more) are all outside it.
        const double impliedMs = delta / rate * 1000.0;
        const qint64 difference = std::llround(impliedMs) - serverMs;
        QVERIFY2(std::abs(difference) <= 40,
            qPrintable(QStringLiteral("scrape %1: %2 tokens/s, %3 tokens in %4 ms by the server's clock, %5 ms "
                                      "implied")
                           .arg(n)
                           .arg(rate)
                           .arg(delta)
                           .arg(serverMs)
                           .arg(impliedMs)));
        if (!checked.contains(n)) {
            checked << n;
            clockDifferences << std::abs(difference);
        }
    }
    QVERIFY2(checked.size() >= kScrapes - 2, qPrintable(QString::number(checked.size())));
    qDebug("interval differences (ms): %s", qPrintable([&] {
        QStringList l;
        for (qint64 d : std::as_const(clockDifferences))
            l << QString::number(d);
        return l.join(QLatin1Char(' '));
    }()));
}

void TestHttpServerSource::counterResetIsARestart_data()
{
    QTest::addColumn<bool>("dropConnections");
    QTest::addRow("counter drops") << false;
    QTest::addRow("server restarts (connections dropped)") << true;
}

// A counter that goes down is a server restart: the rate counts from the new value, never negative.
void TestHttpServerSource::counterResetIsARestart()
{
    QFETCH(bool, dropConnections);

    FakeHttpServer server;
    QVERIFY(server.listen());
    auto log = std::make_shared<QList<Scrape>>();
    constexpr int kResetAt = 4;
    constexpr double kAfterReset = 120;
    // 50000, +inc, +inc, then 120 (restarted and already generated 120 tokens), then +inc…
    // SGLang: one series per counter, so the whole sum restarts (a vLLM restart restarts every engine).
    serveMetrics(server, Flavour::SglangColon, 50000, log, [](int n, double last) {
        if (n == 1)
            return 50000.0;
        return n == kResetAt ? kAfterReset : last + incrementAt(n);
    });
    Driver driver(options(server.url(), ServerKind::Sglang), 250);
    if (dropConnections) {
        // A restarted server's keep-alive connections are gone.
        QObject::connect(
            &server, &FakeHttpServer::requestReceived, &server, [&server](const FakeHttpServer::Request &r) {
                if (r.number == kResetAt - 1)
                    QTimer::singleShot(50, &server, [&server] { server.dropConnections(); });
            });
    }
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount(QStringLiteral("/metrics")) >= kResetAt + 3, kWaitMs);
    driver.stop();

    bool sawReset = false;
    int ratesAfter = 0;
    for (qsizetype i = 0; i < driver.samples.size(); ++i) {
        const Sample s = driver.sample(i);
        if (!s.has(Metric::TokensPerSecond))
            continue;
        const double rate = s.value(Metric::TokensPerSecond);
        QVERIFY2(rate >= 0, qPrintable(QString::number(rate)));
        const int n = int(s.value(Metric::ActiveRequests) - activeFor(Flavour::SglangColon, 0));
        QVERIFY(n >= 2 && n <= log->size());
        const Scrape &now = (*log)[n - 1];
        const Scrape &before = (*log)[n - 2];
        const double expectedTokens = n == kResetAt ? kAfterReset : incrementAt(n);
        // As in ratesFromCounters: the implied interval within 40 ms of the server's.
        const double impliedMs = expectedTokens / rate * 1000.0;
        QVERIFY2(std::abs(impliedMs - double(now.answeredMs - before.answeredMs)) <= 40,
            qPrintable(QStringLiteral("scrape %1: %2 tokens/s, expected %3 tokens in %4 ms")
                           .arg(n)
                           .arg(rate)
                           .arg(expectedTokens)
                           .arg(now.answeredMs - before.answeredMs)));
        sawReset = sawReset || n == kResetAt;
        ratesAfter += n > kResetAt ? 1 : 0;
    }
    // Without a dropped connection the reset scrape itself has a rate. When the restart also drops
    // the connection, the scrape may fail once (Down, the rate starts again): then it has none.
    if (!dropConnections)
        QVERIFY(sawReset);
    QVERIFY(ratesAfter >= 2);
    QCOMPARE(driver.state().status, ServerState::Up);
    const Sample last = driver.lastSample();
    const int lastN = int(last.value(Metric::ActiveRequests) - activeFor(Flavour::SglangColon, 0));
    QVERIFY(lastN > kResetAt);
    QCOMPARE(last.value(Metric::RequestsTotal), *requestsFor(Flavour::SglangColon, lastN));
}

void TestHttpServerSource::healthOnly_data()
{
    QTest::addColumn<HealthServer>("server");
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("what");

    using H = HealthServer;
    const QString openAi = serverKindDisplayName(ServerKind::OpenAi);
    QTest::addRow("ollama /api/version") << H::Ollama << ServerKind::Ollama << QStringLiteral("/api/version")
                                         << QStringLiteral("Ollama");
    // Ollama also serves /v1/models, which Auto finds first.
    QTest::addRow("ollama, auto-detected") << H::Ollama << ServerKind::Auto << QStringLiteral("/v1/models") << openAi;
    QTest::addRow("openai /v1/models (mlx_lm)")
        << H::Mlx << ServerKind::OpenAi << QStringLiteral("/v1/models") << openAi;
    QTest::addRow("lmstudio /v1/models") << H::Mlx << ServerKind::LmStudio << QStringLiteral("/v1/models")
                                         << QStringLiteral("LM Studio");
    QTest::addRow("mlx_lm, auto-detected")
        << H::Mlx << ServerKind::Auto << QStringLiteral("/health") << QStringLiteral("server");
    QTest::addRow("llama.cpp /health, /metrics 404")
        << H::LlamaNoMetrics404 << ServerKind::LlamaCpp << QStringLiteral("/health") << QStringLiteral("llama.cpp");
    // What llama-server without --metrics really answers.
    QTest::addRow("llama.cpp /health, /metrics 501")
        << H::LlamaNoMetrics501 << ServerKind::LlamaCpp << QStringLiteral("/health") << QStringLiteral("llama.cpp");
    QTest::addRow("llama.cpp without --metrics, auto-detected")
        << H::LlamaNoMetrics501 << ServerKind::Auto << QStringLiteral("/health") << QStringLiteral("server");
}

// Servers without metrics: up from their health endpoint, tokens/s empty, and the detail says so.
void TestHttpServerSource::healthOnly()
{
    QFETCH(HealthServer, server);
    QFETCH(ServerKind, kind);
    QFETCH(QString, path);
    QFETCH(QString, what);

    FakeHttpServer fake;
    QVERIFY(fake.listen());
    switch (server) {
    case HealthServer::Ollama:
        serveOllama(fake);
        break;
    case HealthServer::Mlx:
        serveMlx(fake);
        break;
    case HealthServer::LlamaNoMetrics404:
        fake.route(QStringLiteral("/health"), FakeHttpServer::json(200, "{\"status\": \"ok\" }"));
        break;
    case HealthServer::LlamaNoMetrics501:
        fake.route(QStringLiteral("/health"), FakeHttpServer::json(200, "{\"status\": \"ok\" }"));
        fake.route(QStringLiteral("/metrics"),
            FakeHttpServer::json(501,
                "{\"error\":{\"code\":501,\"message\":\"This server does not support "
                "metrics endpoint. Start it with `--metrics`\",\"type\":"
                "\"not_supported_error\"}}"));
        break;
    }
    Driver driver(options(fake.url(), kind), 100);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(fake.requestCount(path) >= 3, kWaitMs);
    driver.stop();

    const ServerState state = driver.state();
    QCOMPARE(state.status, ServerState::Up);
    QVERIFY2(state.detail.contains(QLatin1String("health only")), qPrintable(state.detail));
    QVERIFY2(state.detail.contains(path), qPrintable(state.detail));
    QVERIFY2(state.detail.contains(what), qPrintable(state.detail));
    int up = 0;
    for (qsizetype i = 0; i < driver.samples.size(); ++i) {
        const Sample s = driver.sample(i);
        QVERIFY(!s.has(Metric::TokensPerSecond)); // empty, never 0
        QVERIFY(!s.has(Metric::ActiveRequests));
        QVERIFY(!s.has(Metric::RequestsTotal));
        if (s.has(Metric::ServerUp)) {
            QCOMPARE(s.value(Metric::ServerUp), 1.0);
            ++up;
        }
    }
    QVERIFY(up >= 2);
    // Found once, then only that endpoint is polled.
    const int polled = fake.requestCount(path);
    QVERIFY(fake.totalRequests() - polled <= 3);
    QCOMPARE(postCount(fake), 0);
    QCOMPARE(fake.maxOpenRequests(), 1);
}

void TestHttpServerSource::loadingModel_data()
{
    QTest::addColumn<ServerKind>("kind");
    QTest::addRow("llamacpp") << ServerKind::LlamaCpp;
    QTest::addRow("auto") << ServerKind::Auto;
}

// llama.cpp's 503 "Loading model" is Loading, server_up 0; then the model is up.
void TestHttpServerSource::loadingModel()
{
    QFETCH(ServerKind, kind);

    FakeHttpServer server;
    QVERIFY(server.listen());
    bool loading = true;
    auto loadingOr = [&loading](FakeHttpServer::Response ready) {
        return [&loading, ready](const FakeHttpServer::Request &) {
            return loading ? FakeHttpServer::json(503, kLoadingBody) : ready;
        };
    };
    server.route(QStringLiteral("/metrics"), loadingOr(FakeHttpServer::text(200, llamaCpp(100, 1))));
    server.route(QStringLiteral("/health"), loadingOr(FakeHttpServer::json(200, "{\"status\": \"ok\" }")));

    Driver driver(options(server.url(), kind), 100);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.totalRequests() >= 4, kWaitMs);
    QCOMPARE(driver.state().status, ServerState::Loading);
    QVERIFY2(driver.state().detail.contains(QLatin1String("loading"), Qt::CaseInsensitive),
        qPrintable(driver.state().detail));
    const Sample whileLoading = driver.lastSample();
    QCOMPARE(whileLoading.value(Metric::ServerUp), 0.0);
    QVERIFY(!whileLoading.has(Metric::TokensPerSecond));

    loading = false;
    QTRY_COMPARE_WITH_TIMEOUT(driver.state().status, ServerState::Up, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(driver.lastSample().value(Metric::ServerUp), 1.0, kWaitMs);
    driver.stop();
    QCOMPARE(driver.lastSample().value(Metric::ActiveRequests), 1.0);
    // Unknown → Loading → Up, each change said once.
    QCOMPARE(driver.states.count(), 2);
    QCOMPARE(driver.states.at(0).at(0).value<ServerState>().status, ServerState::Loading);
    QCOMPARE(server.maxOpenRequests(), 1);
}

enum class Hostile {
    HtmlPage,
    HtmlErrorPage,
    JsonBody,
    EmptyBody,
    Truncated,
    HugeWithLength,
    HugeChunked,
    HeadersThenStall,
    NeverAnswers,
    Status500,
    Status503NotLoading,
    Refused,
    Garbage,
    GarbageStaysOpen,
    ClosesAtOnce,
};
Q_DECLARE_METATYPE(Hostile)

void TestHttpServerSource::hostileServer_data()
{
    QTest::addColumn<Hostile>("hostile");
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<ServerState::Status>("status");
    QTest::addColumn<QString>("keyword");

    const struct
    {
        const char *name;
        Hostile hostile;
        const char *keyword;
        bool autoRow;         // Auto walks its endpoints on an answer; a failed connection is the same
        bool autoFindsHealth; // Auto goes on to /health, which answers 200 as well
    } cases[] = {
        { "HTML page with 200", Hostile::HtmlPage, "not with Prometheus metrics", true, true },
        { "HTML error page (502)", Hostile::HtmlErrorPage, "HTTP 502", true, false },
        { "JSON with 200", Hostile::JsonBody, "not with Prometheus metrics", true, true },
        { "empty 200", Hostile::EmptyBody, "not with Prometheus metrics: an empty body", true, true },
        { "truncated body", Hostile::Truncated, "closed", false, false },
        { "20 MB body, Content-Length", Hostile::HugeWithLength, "larger than 8 MiB", false, false },
        { "20 MB body, chunked", Hostile::HugeChunked, "larger than 8 MiB", true, false },
        { "headers, then stalls forever", Hostile::HeadersThenStall, "no answer within 0.4 s", true, false },
        { "accepts, never answers", Hostile::NeverAnswers, "no answer within 0.4 s", false, false },
        { "500", Hostile::Status500, "HTTP 500", true, false },
        { "503 without Loading model (vLLM engine dead)", Hostile::Status503NotLoading, "HTTP 503", true, false },
        { "connection refused", Hostile::Refused, "refused", true, false },
        { "garbage bytes, then close", Hostile::Garbage, "not an HTTP answer", false, false },
        { "garbage bytes, connection left open", Hostile::GarbageStaysOpen, "not an HTTP answer", false, false },
        { "closes without answering", Hostile::ClosesAtOnce, "closed", false, false },
    };
    for (const auto &c : cases) {
        QTest::addRow("%s", c.name) << c.hostile << ServerKind::Vllm << ServerState::Down
                                    << QString::fromLatin1(c.keyword);
        // Auto reads any 2xx of /health as up (vLLM's /health is an empty 200), and says it is
        // health only: a web server that answers 200 everywhere is "up, health only".
        if (!c.autoRow)
            continue;
        if (c.autoFindsHealth)
            QTest::addRow("%s, auto", c.name)
                << c.hostile << ServerKind::Auto << ServerState::Up << QStringLiteral("/health (health only");
        else
            QTest::addRow("%s, auto", c.name)
                << c.hostile << ServerKind::Auto << ServerState::Down << QString::fromLatin1(c.keyword);
    }
}

// Each hostile answer: Down (server_up 0) with a reason that names the problem, within the timeout
// and a margin; every tick still answered at once; never two requests at a time; no freeze.
void TestHttpServerSource::hostileServer()
{
    QFETCH(Hostile, hostile);
    QFETCH(ServerKind, kind);
    QFETCH(ServerState::Status, status);
    QFETCH(QString, keyword);

    FakeHttpServer server;
    QVERIFY(server.listen());
    using B = FakeHttpServer::Behaviour;
    FakeHttpServer::Response response;
    switch (hostile) {
    case Hostile::HtmlPage:
        response = FakeHttpServer::text(200,
            "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n"
            "<body><h1>Welcome to nginx!</h1></body>\n</html>\n",
            "text/html");
        break;
    case Hostile::HtmlErrorPage:
        response = FakeHttpServer::text(502,
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>"
            "\r\n</body>\r\n</html>\r\n",
            "text/html");
        break;
    case Hostile::JsonBody:
        response = FakeHttpServer::json(200, "{\"object\":\"list\",\"data\":[]}");
        break;
    case Hostile::EmptyBody:
        response = FakeHttpServer::text(200, QByteArray());
        break;
    case Hostile::Truncated:
        response = FakeHttpServer::text(200, vllm(27453, 1));
        response.behaviour = B::Truncated;
        response.truncateAt = response.body.size() / 3;
        break;
    case Hostile::HugeWithLength:
        response = FakeHttpServer::behaving(B::Huge);
        break;
    case Hostile::HugeChunked:
        response = FakeHttpServer::behaving(B::HugeChunked);
        break;
    case Hostile::HeadersThenStall:
        response = FakeHttpServer::behaving(B::HeadersThenStall);
        break;
    case Hostile::NeverAnswers:
        response = FakeHttpServer::behaving(B::StallBeforeHeaders);
        break;
    case Hostile::Status500:
        response = FakeHttpServer::text(500, "Internal Server Error");
        break;
    case Hostile::Status503NotLoading:
        response = FakeHttpServer::text(503, QByteArray());
        break;
    case Hostile::Refused:
        break;
    case Hostile::Garbage:
        response = FakeHttpServer::behaving(B::Garbage);
        break;
    case Hostile::GarbageStaysOpen:
        response = FakeHttpServer::behaving(B::Garbage);
        response.closeAfterGarbage = false;
        break;
    case Hostile::ClosesAtOnce:
        response = FakeHttpServer::behaving(B::CloseWithoutAnswer);
        break;
    }
    server.setFallback([response](const FakeHttpServer::Request &) { return response; });
    QUrl base = server.url();
    if (hostile == Hostile::Refused)
        base.setPort(closedPort());

    constexpr int kTimeoutMs = 400;
    GapMeter gaps;
    Driver driver(options(base, kind, kTimeoutMs), 100);
    QElapsedTimer clock;
    clock.start();
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(driver.state().status != ServerState::Unknown, kWaitMs);
    const qint64 decidedMs = clock.elapsed();
    const ServerState state = driver.state();
    QVERIFY2(state.status == status, qPrintable(describeState(state)));
    QVERIFY2(state.detail.contains(keyword), qPrintable(describeState(state)));
    QVERIFY2(!state.detail.trimmed().isEmpty(), qPrintable(describeState(state)));
    // At most the timeout, plus the margin of Auto trying its four endpoints one after the other.
    QVERIFY2(decidedMs <= kTimeoutMs + 1000, qPrintable(QString::number(decidedMs)));

    // It keeps polling, one request at a time, and says the same.
    const int before = server.totalRequests();
    QTRY_VERIFY_WITH_TIMEOUT(hostile == Hostile::Refused || server.totalRequests() > before, kWaitMs);
    QTest::qWait(hostile == Hostile::Refused ? 300 : 0);
    driver.stop();
    QCOMPARE(driver.state().status, status);
    QVERIFY(server.maxOpenRequests() <= 1);
    QCOMPARE(quint64(driver.samples.count()), driver.ticks); // every tick answered at once
    QCOMPARE(driver.failures.count(), 0);
    const Sample last = driver.lastSample();
    QCOMPARE(last.value(Metric::ServerUp), status == ServerState::Up ? 1.0 : 0.0);
    QVERIFY(!last.has(Metric::TokensPerSecond));
    QVERIFY(!last.has(Metric::ActiveRequests));
    QVERIFY2(gaps.maxGapMs() < 250, qPrintable(QStringLiteral("event loop blocked %1 ms").arg(gaps.maxGapMs())));
    qDebug("%s", qPrintable(describeState(state)));
}

// After being down, the same server coming back is up again with rates.
void TestHttpServerSource::recoversAfterDown()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    bool broken = true;
    FakeHttpServer::Handler serve = [&broken](const FakeHttpServer::Request &r) {
        if (broken)
            return FakeHttpServer::behaving(FakeHttpServer::Behaviour::HeadersThenStall);
        return FakeHttpServer::text(200, vllm(1000 + 50 * r.number, r.number));
    };
    server.route(QStringLiteral("/metrics"), serve);

    Driver driver(options(server.url(), ServerKind::Vllm, 300), 100);
    driver.start();
    QTRY_COMPARE_WITH_TIMEOUT(driver.state().status, ServerState::Down, kWaitMs);
    broken = false;
    QTRY_COMPARE_WITH_TIMEOUT(driver.state().status, ServerState::Up, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(driver.lastSample().has(Metric::TokensPerSecond), kWaitMs);
    driver.stop();
    QVERIFY(driver.lastSample().value(Metric::TokensPerSecond) > 0);
    QCOMPARE(driver.lastSample().value(Metric::ServerUp), 1.0);
    QCOMPARE(server.maxOpenRequests(), 1);
}

void TestHttpServerSource::serverRestartsWithOtherEndpoints_data()
{
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<bool>("metricsBefore");

    QTest::addRow("llama.cpp restarted with --metrics") << ServerKind::LlamaCpp << false;
    QTest::addRow("auto, restarted with --metrics") << ServerKind::Auto << false;
    QTest::addRow("llama.cpp restarted without --metrics") << ServerKind::LlamaCpp << true;
    QTest::addRow("auto, restarted without --metrics") << ServerKind::Auto << true;
}

// llama-server restarted with or without --metrics on the same port (down in between): the source
// follows what it now serves, as it does when it first meets such a server.
void TestHttpServerSource::serverRestartsWithOtherEndpoints()
{
    QFETCH(ServerKind, kind);
    QFETCH(bool, metricsBefore);

    FakeHttpServer server;
    QVERIFY(server.listen());
    const quint16 port = server.port();
    bool metrics = metricsBefore;
    server.route(QStringLiteral("/health"), FakeHttpServer::json(200, "{\"status\": \"ok\" }"));
    server.route(QStringLiteral("/metrics"), [&metrics](const FakeHttpServer::Request &r) {
        if (metrics)
            return FakeHttpServer::text(200, llamaCpp(100.0 * r.number, r.number));
        return FakeHttpServer::json(501,
            "{\"error\":{\"code\":501,\"message\":\"This server does not support "
            "metrics endpoint. Start it with `--metrics`\",\"type\":"
            "\"not_supported_error\"}}");
    });
    Driver driver(options(server.url(), kind, 400), 100);
    driver.start();
    const QString before = metricsBefore ? QStringLiteral("/metrics") : QStringLiteral("/health (health only");
    QTRY_VERIFY_WITH_TIMEOUT(
        driver.state().status == ServerState::Up && driver.state().detail.contains(before), kWaitMs);

    // Stopped, then started again with the other setting.
    server.close();
    QTRY_COMPARE_WITH_TIMEOUT(driver.state().status, ServerState::Down, kWaitMs);
    metrics = !metricsBefore;
    QVERIFY(server.listen(port));

    const QString after = metricsBefore ? QStringLiteral("/health (health only") : QStringLiteral("/metrics");
    // A server that goes down and comes back is looked at afresh: it may have changed.
    // (qWaitFor, not QTRY: a failing QTRY waits twice as long again to say how long it would need.)
    const bool followed = QTest::qWaitFor(
        [&] { return driver.state().status == ServerState::Up && driver.state().detail.contains(after); }, 1200);
    QVERIFY2(followed, qPrintable(describeState(driver.state())));
    QTRY_COMPARE_WITH_TIMEOUT(driver.lastSample().value(Metric::ServerUp), 1.0, kWaitMs);
    driver.stop();
}

// A Prometheus endpoint of no known model server (here node_exporter) in Auto: up, no tokens/s, and
// the detail names no kind it does not know.
void TestHttpServerSource::unrecognisedMetricsInAuto()
{
    const QByteArray nodeExporter = TestUtil::readFixture("node_exporter_debian12.txt");
    QVERIFY(!nodeExporter.isEmpty());
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.route(QStringLiteral("/metrics"), FakeHttpServer::text(200, nodeExporter));
    Driver driver(options(server.url(), ServerKind::Auto), 100);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount(QStringLiteral("/metrics")) >= 3, kWaitMs);
    driver.stop();
    QCOMPARE(driver.state().status, ServerState::Up);
    QCOMPARE(driver.lastSample().value(Metric::ServerUp), 1.0);
    QVERIFY(!driver.lastSample().has(Metric::TokensPerSecond));
    QVERIFY(!driver.lastSample().has(Metric::ActiveRequests));
    // The detail names no kind it does not know (not the "Detect automatically" of the dialog).
    QVERIFY2(
        !driver.state().detail.contains(serverKindDisplayName(ServerKind::Auto)), qPrintable(driver.state().detail));
}

// The optional probe against Ollama: a model from /api/tags, then /api/generate; tokens/s from the
// server's eval_count / eval_duration, in the one row after the answer.
void TestHttpServerSource::probeOllama()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    serveOllama(server);
    // The final object of a non-streamed /api/generate, from Ollama's docs/api.md.
    server.route(QStringLiteral("/api/generate"),
        FakeHttpServer::json(200,
            "{\"model\":\"llama3.2:latest\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
            "\"response\":\"OK\",\"done\":true,\"context\":[1,2,3],"
            "\"total_duration\":5043500667,\"load_duration\":5025959,"
            "\"prompt_eval_count\":26,\"prompt_eval_duration\":325953000,"
            "\"eval_count\":259,\"eval_duration\":4232710000}"));
    HttpServerSource::Options o = options(server.url(), ServerKind::Ollama);
    o.probe = true;
    o.probeIntervalS = 30;
    Driver driver(o, 100);
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(server.requestCount(QStringLiteral("/api/generate")) == 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(driver.lastSample().has(Metric::TokensPerSecond), kWaitMs);
    const qsizetype probeRow = driver.samples.size() - 1;
    QTRY_VERIFY_WITH_TIMEOUT(driver.samples.size() >= probeRow + 4, kWaitMs);
    driver.stop();

    // 259 tokens in 4.23271 s (SOURCES.md A.5: 61.2 tok/s).
    QCOMPARE(driver.sample(probeRow).value(Metric::TokensPerSecond), 259 / 4.23271);
    QCOMPARE(driver.sample(probeRow).value(Metric::ServerUp), 1.0);
    for (qsizetype i = 0; i < driver.samples.size(); ++i) {
        if (i != probeRow)
            QVERIFY2(!driver.sample(i).has(Metric::TokensPerSecond), qPrintable(QString::number(i)));
    }
    QCOMPARE(server.requestCount(QStringLiteral("/api/generate")), 1); // every 30 s
    QCOMPARE(server.requestCount(QStringLiteral("/api/tags")), 1);

    const auto post = std::find_if(server.requests().cbegin(), server.requests().cend(),
        [](const FakeHttpServer::Request &r) { return r.method == "POST"; });
    QVERIFY(post != server.requests().cend());
    QCOMPARE(post->path, QStringLiteral("/api/generate"));
    QVERIFY(post->headers.value("content-type").startsWith("application/json"));
    const QJsonObject request = QJsonDocument::fromJson(post->body).object();
    QCOMPARE(request.value(QStringLiteral("model")).toString(), QStringLiteral("llama3.2:latest")); // the first
    QCOMPARE(request.value(QStringLiteral("stream")).toBool(true), false);
    QVERIFY(!request.value(QStringLiteral("prompt")).toString().isEmpty());
    const int predict
        = request.value(QStringLiteral("options")).toObject().value(QStringLiteral("num_predict")).toInt();
    QVERIFY2(predict > 0 && predict <= 32, qPrintable(QString::number(predict))); // tiny
    QCOMPARE(postCount(server), 1);
}

// The probe against an OpenAI-compatible server (mlx_lm, LM Studio): /v1/models, then
// /v1/chat/completions; tokens/s = usage.completion_tokens over the request's wall time.
void TestHttpServerSource::probeOpenAi()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    serveMlx(server);
    constexpr int kDelayMs = 400;
    constexpr double kTokens = 16;
    FakeHttpServer::Response completion = FakeHttpServer::json(200,
        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1762300000,\"model\":"
        "\"mlx-community/Qwen2.5-7B-Instruct-4bit\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        "\"assistant\",\"content\":\"OK\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":12,"
        "\"completion_tokens\":16,\"total_tokens\":28}}");
    completion.delayMs = kDelayMs;
    server.route(QStringLiteral("/v1/chat/completions"), completion);
    HttpServerSource::Options o = options(server.url(), ServerKind::OpenAi);
    o.probe = true;
    Driver driver(o, 100);
    QElapsedTimer clock;
    clock.start();
    driver.start();
    QTRY_VERIFY_WITH_TIMEOUT(driver.lastSample().has(Metric::TokensPerSecond), kWaitMs);
    driver.stop();

    const double rate = driver.lastSample().value(Metric::TokensPerSecond);
    // The answer took kDelayMs and a little more: the rate is at most 16 / 0.4 s, and not far below.
    QVERIFY2(rate <= kTokens / (kDelayMs / 1000.0) && rate >= kTokens / ((kDelayMs + 300) / 1000.0),
        qPrintable(QString::number(rate)));
    QCOMPARE(postCount(server), 1);
    const auto post = std::find_if(server.requests().cbegin(), server.requests().cend(),
        [](const FakeHttpServer::Request &r) { return r.method == "POST"; });
    QCOMPARE(post->path, QStringLiteral("/v1/chat/completions"));
    const QJsonObject request = QJsonDocument::fromJson(post->body).object();
    QCOMPARE(
        request.value(QStringLiteral("model")).toString(), QStringLiteral("mlx-community/Qwen2.5-7B-Instruct-4bit"));
    QCOMPARE(request.value(QStringLiteral("stream")).toBool(true), false);
    const int maxTokens = request.value(QStringLiteral("max_tokens")).toInt();
    QVERIFY2(maxTokens > 0 && maxTokens <= 32, qPrintable(QString::number(maxTokens)));
    QVERIFY(!request.value(QStringLiteral("messages")).toArray().isEmpty());
}

// Without probe (the default) no POST is ever sent, to any kind of server.
void TestHttpServerSource::probeIsOffByDefault()
{
    QVERIFY(!HttpServerSource::Options().probe);

    FakeHttpServer ollama;
    QVERIFY(ollama.listen());
    serveOllama(ollama);
    FakeHttpServer mlx;
    QVERIFY(mlx.listen());
    serveMlx(mlx);
    FakeHttpServer llama;
    QVERIFY(llama.listen());
    serveMetrics(llama, Flavour::LlamaCpp, 100, std::make_shared<QList<Scrape>>());

    HttpServerSource::Options a;
    a.baseUrl = ollama.url();
    a.kind = ServerKind::Ollama;
    a.minPollMs = 50;
    HttpServerSource::Options b = a;
    b.baseUrl = mlx.url();
    b.kind = ServerKind::Auto;
    // A metrics server is never probed, even when asked to.
    HttpServerSource::Options c = a;
    c.baseUrl = llama.url();
    c.kind = ServerKind::LlamaCpp;
    c.probe = true;
    c.probeIntervalS = 0;
    Driver da(a, 50), db(b, 50), dc(c, 50);
    da.start();
    db.start();
    dc.start();
    QTest::qWait(1200);
    da.stop();
    db.stop();
    dc.stop();
    QCOMPARE(da.state().status, ServerState::Up);
    QCOMPARE(db.state().status, ServerState::Up);
    QCOMPARE(dc.state().status, ServerState::Up);
    for (const FakeHttpServer *s : { &ollama, &mlx, &llama }) {
        QCOMPARE(postCount(*s), 0);
        QCOMPARE(s->requestCount(QStringLiteral("/api/tags")), 0);
        QCOMPARE(s->requestCount(QStringLiteral("/api/generate")), 0);
        QCOMPARE(s->requestCount(QStringLiteral("/v1/chat/completions")), 0);
    }
}

// A Session of two machines, sampled together; one machine's server sends headers and then stalls
// forever. The other's rows keep coming at the interval with its values, the stalled one's cells
// are empty or server_up 0, and this thread's event loop never stops for long.
void TestHttpServerSource::twoMachinesOneStalled()
{
    FakeHttpServer good;
    QVERIFY(good.listen());
    auto log = std::make_shared<QList<Scrape>>();
    serveMetrics(good, Flavour::Vllm, 27453, log);
    FakeHttpServer stalled;
    QVERIFY(stalled.listen());
    stalled.setFallback([](const FakeHttpServer::Request &) {
        return FakeHttpServer::behaving(FakeHttpServer::Behaviour::HeadersThenStall);
    });

    QList<MachineConfig> machines(2);
    machines[0].id = QStringLiteral("good");
    machines[0].serverUrl = good.url().toString();
    machines[0].serverKind = ServerKind::Vllm;
    machines[1].id = QStringLiteral("stalled");
    machines[1].serverUrl = stalled.url().toString();
    machines[1].serverKind = ServerKind::Auto;

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    GapMeter gaps;
    Session session;
    addMachines(session, machines, false);
    QCOMPARE(session.machines().size(), 2);
    constexpr double kInterval = 0.5;
    session.setIntervalSeconds(kInterval);
    QSignalSpy frames(&session, &Session::frameCompleted);
    QString error;
    QVERIFY2(session.start(dir.path(), &error), qPrintable(error));
    QElapsedTimer clock;
    clock.start();
    // The default timeout (2 s) passes, and then a few more intervals.
    QTRY_VERIFY_WITH_TIMEOUT(session.machines()[1]->serverState().status == ServerState::Down, kWaitMs);
    const qint64 downAfter = clock.elapsed();
    QTest::qWait(1500);
    const qint64 ranMs = clock.elapsed();
    session.stop();

    const ServerState stalledState = session.machines()[1]->serverState();
    QVERIFY2(stalledState.detail.contains(QLatin1String("no answer within")), qPrintable(stalledState.detail));
    QVERIFY2(downAfter < 2000 + 1500, qPrintable(QString::number(downAfter)));
    QCOMPARE(session.machines()[0]->serverState().status, ServerState::Up);
    QVERIFY(stalled.maxOpenRequests() <= 1);
    QVERIFY(stalled.totalRequests() >= 2); // it went on trying after the first timeout

    QList<Csv::Record> rows = Csv::parse(TestUtil::readFile(session.log().csvPath()));
    QVERIFY(!rows.isEmpty());
    const QStringList header = rows.takeFirst().fields;
    const int goodUp = int(header.indexOf(QStringLiteral("good_server_up")));
    const int goodTokens = int(header.indexOf(QStringLiteral("good_tokens_per_second")));
    const int stalledUp = int(header.indexOf(QStringLiteral("stalled_server_up")));
    const int stalledTokens = int(header.indexOf(QStringLiteral("stalled_tokens_per_second")));
    QVERIFY(goodUp > 0 && goodTokens > 0 && stalledUp > 0 && stalledTokens > 0);

    // A row per interval, none skipped for the stalled machine.
    const int expectedRows = int(ranMs / (kInterval * 1000));
    QVERIFY2(
        rows.size() >= expectedRows - 2, qPrintable(QStringLiteral("%1 rows in %2 ms").arg(rows.size()).arg(ranMs)));
    int withRate = 0;
    qint64 previousMs = 0;
    qint64 maxRowGap = 0;
    for (const Csv::Record &r : std::as_const(rows)) {
        const qint64 t = QDateTime::fromString(r.fields[0], Qt::ISODateWithMs).toMSecsSinceEpoch();
        if (previousMs)
            maxRowGap = std::max(maxRowGap, t - previousMs);
        previousMs = t;
        QVERIFY2(r.fields[goodUp] == QLatin1String("1") || r.fields[goodUp].isEmpty(), qPrintable(r.fields[goodUp]));
        withRate += r.fields[goodTokens].isEmpty() ? 0 : 1;
        QVERIFY2(r.fields[stalledUp].isEmpty() || r.fields[stalledUp] == QLatin1String("0"),
            qPrintable(r.fields[stalledUp]));
        QVERIFY(r.fields[stalledTokens].isEmpty());
    }
    QVERIFY2(withRate >= rows.size() - 3, qPrintable(QStringLiteral("%1 of %2").arg(withRate).arg(rows.size())));
    QVERIFY2(rows.last().fields[stalledUp] == QLatin1String("0"), qPrintable(rows.last().fields[stalledUp]));
    QVERIFY2(maxRowGap <= kInterval * 1000 + 250, qPrintable(QString::number(maxRowGap)));
    QVERIFY2(gaps.maxGapMs() < 200, qPrintable(QStringLiteral("event loop blocked %1 ms").arg(gaps.maxGapMs())));
    QVERIFY(gaps.ticks() > ranMs / 40);
}

void TestHttpServerSource::outOfRangeValuesAreNotLogged_data()
{
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<QByteArray>("bad");     // the line that is out of range, added to every scrape
    QTest::addColumn<QByteArray>("good");    // lines in range, added to every scrape
    QTest::addColumn<QString>("column");     // the log column that must stay empty
    QTest::addColumn<QString>("family");     // and its /metrics family
    QTest::addColumn<QString>("goodColumn"); // a column the good lines fill
    QTest::addColumn<QString>("reason");     // what the server's state says

    // The fault of issue 18, item 7, as it was found: logged as -5, and a reader warning on every row.
    QTest::addRow("llama.cpp requests_processing -5")
        << ServerKind::LlamaCpp << QByteArray("llamacpp:requests_processing -5\n") << QByteArray()
        << u"active_requests"_qs << u"perfdash_active_requests"_qs << u"tokens_per_second"_qs
        << u"llama.cpp reported llamacpp:requests_processing = -5; not recorded"_qs;
    // One negative label set makes the sum meaningless, whatever the others say.
    QTest::addRow("vLLM negative success counter in one label set")
        << ServerKind::Vllm
        << QByteArray("vllm:request_success_total{finished_reason=\"length\"} -3\n"
                      "vllm:request_success_total{finished_reason=\"stop\"} 10\n")
        << QByteArray("vllm:num_requests_running 2\n") << u"requests_total"_qs << u"perfdash_requests_total"_qs
        << u"active_requests"_qs << u"vLLM reported vllm:request_success_total = -3; not recorded"_qs;
    QTest::addRow("SGLang running requests +Inf")
        << ServerKind::Sglang << QByteArray("sglang:num_running_reqs +Inf\n")
        << QByteArray("sglang:num_requests_total 12\n") << u"active_requests"_qs << u"perfdash_active_requests"_qs
        << u"requests_total"_qs << u"SGLang reported sglang:num_running_reqs = inf; not recorded"_qs;
    QTest::addRow("TGI generated-token counter negative")
        << ServerKind::Tgi << QByteArray("tgi_request_generated_tokens_sum -100\n")
        << QByteArray("tgi_batch_current_size 1\n") << u"tokens_per_second"_qs << u"perfdash_tokens_per_second"_qs
        << u"active_requests"_qs << u"TGI reported tgi_request_generated_tokens_sum = -100; not recorded"_qs;
    // Finite and not negative, but past what a count can be (LOG_FORMAT.md's range ends at 1e300).
    QTest::addRow("llama.cpp requests_processing 1e301")
        << ServerKind::LlamaCpp << QByteArray("llamacpp:requests_processing 1e301\n") << QByteArray()
        << u"active_requests"_qs << u"perfdash_active_requests"_qs << u"tokens_per_second"_qs
        << u"llama.cpp reported active_requests = 1e+301; not recorded"_qs;
}

// Issue 18, item 7: a model server's value out of its range (LOG_FORMAT.md: counts and tokens/s
// >= 0, finite) was logged and exposed at /metrics as it came. Through a Session and the real HTTP
// path: the cell is empty ("not measured") in every row, /metrics leaves it out, the log reads back
// without a warning, the rest of the scrape is still recorded and the server's state says why.
void TestHttpServerSource::outOfRangeValuesAreNotLogged()
{
    QFETCH(ServerKind, kind);
    QFETCH(QByteArray, bad);
    QFETCH(QByteArray, good);
    QFETCH(QString, column);
    QFETCH(QString, family);
    QFETCH(QString, goodColumn);
    QFETCH(QString, reason);

    FakeHttpServer server;
    QVERIFY(server.listen());
    const QByteArray tokens = kind == ServerKind::LlamaCpp ? "llamacpp:tokens_predicted_total"
        : kind == ServerKind::Vllm                         ? "vllm:generation_tokens_total"
        : kind == ServerKind::Sglang                       ? "sglang:generation_tokens_total"
                                                           : "tgi_request_generated_tokens_sum";
    server.route(QStringLiteral("/metrics"), [=](const FakeHttpServer::Request &r) {
        QByteArray body = bad + good;
        if (!bad.startsWith(tokens))
            body += tokens + ' ' + QByteArray::number(1000 + 50 * r.number) + '\n';
        return FakeHttpServer::text(200, body, "text/plain; version=0.0.4; charset=utf-8");
    });

    QList<MachineConfig> machines(1);
    machines[0].id = QStringLiteral("m");
    machines[0].serverUrl = server.url().toString();
    machines[0].serverKind = kind;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session session;
    addMachines(session, machines, false);
    session.setIntervalSeconds(0.2);
    QString error;
    QVERIFY2(session.start(dir.path(), &error), qPrintable(error));
    const MachineMonitor *machine = session.machines()[0];
    QTRY_VERIFY_WITH_TIMEOUT(machine->serverState().status == ServerState::Up, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(session.log().rowsWritten() >= 4, kWaitMs);
    const QByteArray exposition = MetricsExposition::format(session, QDateTime::currentMSecsSinceEpoch());
    session.stop();

    const ServerState state = machine->serverState();
    QCOMPARE(state.status, ServerState::Up);
    QVERIFY2(state.detail.contains(reason), qPrintable(describeState(state)));

    QList<Csv::Record> rows = Csv::parse(TestUtil::readFile(session.log().csvPath()));
    QVERIFY(rows.size() > 1);
    const QStringList header = rows.takeFirst().fields;
    const int cell = int(header.indexOf(u"m_"_qs + column));
    const int goodCell = int(header.indexOf(u"m_"_qs + goodColumn));
    const int up = int(header.indexOf(u"m_server_up"_qs));
    QVERIFY(cell > 0 && goodCell > 0 && up > 0);
    int withGood = 0;
    for (const Csv::Record &r : std::as_const(rows)) {
        QVERIFY2(r.fields[cell].isEmpty(), qPrintable(column + u" = "_qs + r.fields[cell]));
        withGood += r.fields[goodCell].isEmpty() ? 0 : 1;
    }
    QVERIFY2(withGood > 0, qPrintable(goodColumn));
    QCOMPARE(rows.last().fields[up], u"1"_qs);

    QVERIFY2(!exposition.contains(QByteArray(family.toUtf8() + "{machine=\"m\"}")), exposition.constData());
    QVERIFY2(exposition.contains("perfdash_server_up{machine=\"m\"} 1"), exposition.constData());

    const LogReadResult read = LogReader::read(session.log().csvPath());
    QVERIFY2(read.data, qPrintable(read.error));
    for (const LogWarning &w : read.data->warnings)
        QFAIL(qPrintable(w.message));
}

QTEST_GUILESS_MAIN(TestHttpServerSource)
#include "tst_httpserversource.moc"
