// Model-server /metrics → counters (extractServerCounters), tokens/s from successive scrapes
// (CounterRate) and the server kinds' names.
#include "servermetrics.h"
#include "testutil.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

namespace {
// -1 in the data tables means "not in the scrape" (std::nullopt).
constexpr double kNone = -1.0;

double orNone(const std::optional<double> &v)
{
    return v ? *v : kNone;
}

ServerCounters countersOf(const QByteArray &body, ServerKind hint = ServerKind::Auto)
{
    return extractServerCounters(parsePrometheusText(body).samples, hint);
}

ServerCounters countersOfFixture(const QString &file, ServerKind hint = ServerKind::Auto)
{
    const QByteArray text = TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData()));
    if (text.isEmpty())
        qWarning("fixture %s is missing", qPrintable(file));
    return countersOf(text, hint);
}

using Scrapes = QList<QPair<QString, qint64>>; // fixture, scrape time in ms
using Rates = QList<double>;                   // kNone: no rate
using Readings = QList<QPair<double, qint64>>; // counter, time in ms
} // namespace

class TestServerMetrics : public QObject
{
    Q_OBJECT
private slots:
    void kindNames_data();
    void kindNames();
    void kindFromName_data();
    void kindFromName();
    void fromFixtures_data();
    void fromFixtures();
    void fromText_data();
    void fromText();
    void outOfRangeSamplesAreRejected_data();
    void outOfRangeSamplesAreRejected();
    void tokensPerSecondFromScrapes_data();
    void tokensPerSecondFromScrapes();
    void counterRate_data();
    void counterRate();
    void counterRateReset();
    void counterRateNeverNegative();
};

void TestServerMetrics::kindNames_data()
{
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<bool>("hasMetrics");

    QTest::addRow("llama.cpp") << ServerKind::LlamaCpp << QStringLiteral("llamacpp") << QStringLiteral("llama.cpp")
                               << true;
    QTest::addRow("vLLM") << ServerKind::Vllm << QStringLiteral("vllm") << QStringLiteral("vLLM") << true;
    QTest::addRow("SGLang") << ServerKind::Sglang << QStringLiteral("sglang") << QStringLiteral("SGLang") << true;
    QTest::addRow("TGI") << ServerKind::Tgi << QStringLiteral("tgi") << QStringLiteral("TGI") << true;
    QTest::addRow("Ollama") << ServerKind::Ollama << QStringLiteral("ollama") << QStringLiteral("Ollama") << false;
    QTest::addRow("LM Studio") << ServerKind::LmStudio << QStringLiteral("lmstudio") << QStringLiteral("LM Studio")
                               << false;
    QTest::addRow("mlx_lm") << ServerKind::Mlx << QStringLiteral("mlx") << QStringLiteral("MLX") << false;
    QTest::addRow("OpenAI-compatible") << ServerKind::OpenAi << QStringLiteral("openai")
                                       << QStringLiteral("OpenAI-compatible") << false;
    QTest::addRow("auto") << ServerKind::Auto << QStringLiteral("auto") << QStringLiteral("Detect automatically")
                          << true;
}

void TestServerMetrics::kindNames()
{
    QFETCH(ServerKind, kind);
    QFETCH(QString, name);
    QFETCH(QString, displayName);
    QFETCH(bool, hasMetrics);

    QCOMPARE(serverKindName(kind), name);
    QCOMPARE(serverKindDisplayName(kind), displayName);
    QCOMPARE(serverKindHasMetrics(kind), hasMetrics);
    QCOMPARE(serverKindFromName(name), std::optional<ServerKind>(kind));
}

void TestServerMetrics::kindFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind"); // -1: not a kind

    QTest::addRow("upper case") << QStringLiteral("VLLM") << int(ServerKind::Vllm);
    QTest::addRow("mixed case, blanks") << QStringLiteral(" LlamaCpp ") << int(ServerKind::LlamaCpp);
    QTest::addRow("display name is not a file name") << QStringLiteral("llama.cpp") << -1;
    QTest::addRow("empty") << QString() << -1;
    QTest::addRow("unknown") << QStringLiteral("kobold") << -1;
}

void TestServerMetrics::kindFromName()
{
    QFETCH(QString, name);
    QFETCH(int, kind);

    const std::optional<ServerKind> k = serverKindFromName(name);
    if (kind < 0)
        QVERIFY(!k.has_value());
    else
        QCOMPARE(k, std::optional<ServerKind>(ServerKind(kind)));
}

void TestServerMetrics::fromFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ServerKind>("hint");
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<double>("generated");
    QTest::addColumn<double>("active");
    QTest::addColumn<double>("completed");

    const ServerKind automatic = ServerKind::Auto;
    // Quoted verbatim in SOURCES.md §A: only some of the metrics.
    QTest::addRow("llama.cpp PR #11512") << QStringLiteral("metrics_llamacpp_pr11512.txt") << automatic
                                         << ServerKind::LlamaCpp << kNone << 0.0 << kNone;
    QTest::addRow("vLLM design doc: 131 + 0 successes")
        << QStringLiteral("metrics_vllm_design_doc.txt") << automatic << ServerKind::Vllm << 27453.0 << 8.0 << 131.0;
    QTest::addRow("SGLang production doc") << QStringLiteral("metrics_sglang_production_doc.txt") << automatic
                                           << ServerKind::Sglang << kNone << 162.0 << kNone;
    // Hand-made full scrapes. llama.cpp has no success counter; predicted_tokens_seconds (32) is
    // not the token count.
    QTest::addRow("llama.cpp scrape 1") << QStringLiteral("metrics_llamacpp_scrape1.txt") << automatic
                                        << ServerKind::LlamaCpp << 1000.0 << 2.0 << kNone;
    QTest::addRow("llama.cpp JSON-wrapped") << QStringLiteral("metrics_llamacpp_json_wrapped.txt") << automatic
                                            << ServerKind::LlamaCpp << 1750.0 << 1.0 << kNone;
    // Two engines: 27453 + 12000 tokens, 8 + 5 running, (100 + 31 + 0) + (50 + 2 + 1) successes.
    QTest::addRow("vLLM two engines, summed")
        << QStringLiteral("metrics_vllm_dp_scrape1.txt") << automatic << ServerKind::Vllm << 39453.0 << 13.0 << 184.0;
    QTest::addRow("vLLM scrape 2") << QStringLiteral("metrics_vllm_dp_scrape2.txt") << ServerKind::Vllm
                                   << ServerKind::Vllm << 40353.0 << 10.0 << 192.0;
    QTest::addRow("SGLang sglang_ names") << QStringLiteral("metrics_sglang_underscore_scrape1.txt") << automatic
                                          << ServerKind::Sglang << 8128902.0 << 3.0 << 1234.0;
    QTest::addRow("TGI, histogram _sum") << QStringLiteral("metrics_tgi_scrape1.txt") << automatic << ServerKind::Tgi
                                         << 12345.0 << 4.0 << 98.0;
    QTest::addRow("node_exporter is no model server")
        << QStringLiteral("node_exporter_debian12.txt") << automatic << automatic << kNone << kNone << kNone;
    // A configured kind reads only its own names.
    QTest::addRow("vLLM body, llama.cpp configured")
        << QStringLiteral("metrics_vllm_design_doc.txt") << ServerKind::LlamaCpp << ServerKind::LlamaCpp << kNone
        << kNone << kNone;
    QTest::addRow("Ollama configured: no metrics")
        << QStringLiteral("metrics_llamacpp_scrape1.txt") << ServerKind::Ollama << ServerKind::Ollama << kNone << kNone
        << kNone;
}

void TestServerMetrics::fromFixtures()
{
    QFETCH(QString, file);
    QFETCH(ServerKind, hint);
    QFETCH(ServerKind, kind);
    QFETCH(double, generated);
    QFETCH(double, active);
    QFETCH(double, completed);

    const ServerCounters c = countersOfFixture(file, hint);
    QCOMPARE(c.kind, kind);
    QCOMPARE(orNone(c.generatedTokens), generated);
    QCOMPARE(orNone(c.activeRequests), active);
    QCOMPARE(orNone(c.completedRequests), completed);
}

void TestServerMetrics::fromText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<double>("generated");
    QTest::addColumn<double>("active");
    QTest::addColumn<double>("completed");

    QTest::addRow("vLLM several models") << QByteArray(
        "vllm:num_requests_running{model_name=\"a\"} 2.0\nvllm:num_requests_running{model_name=\"b\"} "
        "3.0\nvllm:num_requests_running{model_name=\"c\"} 0.0\n")
                                         << ServerKind::Vllm << kNone << 5.0 << kNone;
    // Older llama.cpp builds print "Number of request processing.": the name is what counts.
    QTest::addRow("old llama.cpp HELP text")
        << QByteArray("# HELP llamacpp:requests_processing Number of request processing.\n"
                      "# TYPE llamacpp:requests_processing gauge\nllamacpp:requests_processing 3\n")
        << ServerKind::LlamaCpp << kNone << 3.0 << kNone;
    QTest::addRow("HELP text naming another metric")
        << QByteArray("# HELP llamacpp:requests_deferred like llamacpp:requests_processing\n"
                      "llamacpp:requests_deferred 4\n")
        << ServerKind::LlamaCpp << kNone << kNone << kNone;
    QTest::addRow("llama.cpp gauge is not the counter")
        << QByteArray("llamacpp:predicted_tokens_seconds 48.5\nllamacpp:tokens_predicted_seconds_total 12\n")
        << ServerKind::LlamaCpp << kNone << kNone << kNone;
    QTest::addRow("sglang: preferred over sglang_ when both")
        << QByteArray("sglang:generation_tokens_total 100\nsglang_generation_tokens_total 100\n"
                      "sglang_num_running_reqs 2\n")
        << ServerKind::Sglang << 100.0 << 2.0 << kNone;
    QTest::addRow("NaN and Inf samples left out")
        << QByteArray("vllm:num_requests_running{e=\"0\"} NaN\nvllm:num_requests_running{e=\"1\"} 4\n"
                      "vllm:generation_tokens_total +Inf\nvllm:request_success_total NaN\n")
        << ServerKind::Vllm << kNone << 4.0 << kNone;
    QTest::addRow("TGI, no _total suffix")
        << QByteArray("tgi_request_success_total 5\ntgi_request_success 7\ntgi_request_generated_tokens_count 9\n")
        << ServerKind::Tgi << kNone << kNone << 7.0;
    QTest::addRow("the prefix most names carry wins")
        << QByteArray("llamacpp:requests_processing 1\nvllm:num_requests_running 2\nvllm:generation_tokens_total 3\n")
        << ServerKind::Vllm << 3.0 << 2.0 << kNone;
    QTest::addRow("nothing known") << QByteArray("process_cpu_seconds_total 3\nup 1\n") << ServerKind::Auto << kNone
                                   << kNone << kNone;
    QTest::addRow("empty") << QByteArray() << ServerKind::Auto << kNone << kNone << kNone;
}

void TestServerMetrics::fromText()
{
    QFETCH(QByteArray, text);
    QFETCH(ServerKind, kind);
    QFETCH(double, generated);
    QFETCH(double, active);
    QFETCH(double, completed);

    const ServerCounters c = countersOf(text);
    QCOMPARE(c.kind, kind);
    QCOMPARE(orNone(c.generatedTokens), generated);
    QCOMPARE(orNone(c.activeRequests), active);
    QCOMPARE(orNone(c.completedRequests), completed);
}

// Issue 18, item 7: every quantity is a count (finite, >= 0). A negative sample in any label set, a
// sum that overflows, or a name with no finite sample leaves the quantity out and is named, so the
// server's state can say why; the other quantities of the scrape are kept.
void TestServerMetrics::outOfRangeSamplesAreRejected_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("generated");
    QTest::addColumn<double>("active");
    QTest::addColumn<double>("completed");
    QTest::addColumn<QStringList>("rejected");

    QTest::addRow("llama.cpp requests_processing -5")
        << QByteArray("llamacpp:requests_processing -5\nllamacpp:tokens_predicted_total 10\n") << 10.0 << kNone << kNone
        << QStringList { u"llamacpp:requests_processing = -5"_qs };
    QTest::addRow("negative in one label set of two")
        << QByteArray("vllm:num_requests_running{e=\"0\"} 3\nvllm:num_requests_running{e=\"1\"} -1\n"
                      "vllm:request_success_total 7\n")
        << kNone << kNone << 7.0 << QStringList { u"vllm:num_requests_running = -1"_qs };
    QTest::addRow("negative counter") << QByteArray("vllm:generation_tokens_total -0.5\n") << kNone << kNone << kNone
                                      << QStringList { u"vllm:generation_tokens_total = -0.5"_qs };
    QTest::addRow("NaN alone") << QByteArray("llamacpp:requests_processing NaN\n") << kNone << kNone << kNone
                               << QStringList { u"llamacpp:requests_processing = nan"_qs };
    QTest::addRow("-Inf") << QByteArray("tgi_batch_current_size -Inf\ntgi_request_success 3\n") << kNone << kNone << 3.0
                          << QStringList { u"tgi_batch_current_size = -inf"_qs };
    QTest::addRow("sum overflows") << QByteArray("vllm:request_success_total{a=\"1\"} 1.5e308\n"
                                                 "vllm:request_success_total{a=\"2\"} 1.5e308\n")
                                   << kNone << kNone << kNone << QStringList { u"vllm:request_success_total = inf"_qs };
    // A NaN label set next to finite ones says nothing; the finite ones are the count.
    QTest::addRow("NaN beside a finite label set")
        << QByteArray("vllm:num_requests_running{e=\"0\"} NaN\nvllm:num_requests_running{e=\"1\"} 4\n") << kNone << 4.0
        << kNone << QStringList {};
    // sglang: only NaN, sglang_ finite: the second name is the count, nothing rejected.
    QTest::addRow("SGLang NaN colon name, finite underscore name")
        << QByteArray("sglang:num_running_reqs NaN\nsglang_num_running_reqs 2\n") << kNone << 2.0 << kNone
        << QStringList {};
    QTest::addRow("zero is a count") << QByteArray("llamacpp:requests_processing 0\n") << kNone << 0.0 << kNone
                                     << QStringList {};
}

void TestServerMetrics::outOfRangeSamplesAreRejected()
{
    QFETCH(QByteArray, text);
    QFETCH(double, generated);
    QFETCH(double, active);
    QFETCH(double, completed);
    QFETCH(QStringList, rejected);

    const ServerCounters c = countersOf(text);
    QCOMPARE(orNone(c.generatedTokens), generated);
    QCOMPARE(orNone(c.activeRequests), active);
    QCOMPARE(orNone(c.completedRequests), completed);
    QStringList got;
    for (const RejectedServerValue &v : c.rejected)
        got << v.name + u" = "_qs + QString::number(v.value, 'g', QLocale::FloatingPointShortest);
    QCOMPARE(got, rejected);
}

// Tokens/s = Δ(generated-token counter) / Δ(wall time) between scrapes, worked out by hand from
// the fixtures' counters.
void TestServerMetrics::tokensPerSecondFromScrapes_data()
{
    QTest::addColumn<Scrapes>("scrapes");
    QTest::addColumn<Rates>("rates");

    // 1000 → 1750 tokens in 2.5 s = 300/s (the gauge says 48: not used). Then a restart: the
    // counter reads 120, all of it new, over 2 s = 60/s.
    QTest::addRow("llama.cpp, then a restart") << Scrapes { { QStringLiteral("metrics_llamacpp_scrape1.txt"), 10'000 },
        { QStringLiteral("metrics_llamacpp_scrape2.txt"), 12'500 },
        { QStringLiteral("metrics_llamacpp_restarted.txt"), 14'500 } }
                                               << Rates { kNone, 300.0, 60.0 };
    // 1000 → 1750 in 5 s, the second scrape JSON-wrapped.
    QTest::addRow("llama.cpp, JSON-wrapped second scrape")
        << Scrapes { { QStringLiteral("metrics_llamacpp_scrape1.txt"), 0 },
               { QStringLiteral("metrics_llamacpp_json_wrapped.txt"), 5'000 } }
        << Rates { kNone, 150.0 };
    // (27453 + 12000) → (27953 + 12400): 900 tokens in 2 s.
    QTest::addRow("vLLM two engines") << Scrapes { { QStringLiteral("metrics_vllm_dp_scrape1.txt"), 0 },
        { QStringLiteral("metrics_vllm_dp_scrape2.txt"), 2'000 } }
                                      << Rates { kNone, 450.0 };
    // 8.128902e+06 → 8.129352e+06: 450 tokens in 1.5 s.
    QTest::addRow("SGLang exponent form")
        << Scrapes { { QStringLiteral("metrics_sglang_underscore_scrape1.txt"), 1'000 },
               { QStringLiteral("metrics_sglang_underscore_scrape2.txt"), 2'500 } }
        << Rates { kNone, 300.0 };
    // _sum 12345 → 12845: 500 tokens in 2 s.
    QTest::addRow("TGI") << Scrapes { { QStringLiteral("metrics_tgi_scrape1.txt"), 0 },
        { QStringLiteral("metrics_tgi_scrape2.txt"), 2'000 } }
                         << Rates { kNone, 250.0 };
    // The same scrape twice, 1 s apart: 0/s, not "no data".
    QTest::addRow("idle server") << Scrapes { { QStringLiteral("metrics_tgi_scrape1.txt"), 0 },
        { QStringLiteral("metrics_tgi_scrape1.txt"), 1'000 } }
                                 << Rates { kNone, 0.0 };
}

void TestServerMetrics::tokensPerSecondFromScrapes()
{
    QFETCH(Scrapes, scrapes);
    QFETCH(Rates, rates);

    CounterRate rate;
    Rates got;
    for (const auto &[file, timeMs] : scrapes) {
        const ServerCounters c = countersOfFixture(file);
        QVERIFY2(c.generatedTokens.has_value(), qPrintable(file));
        got << orNone(rate.update(*c.generatedTokens, timeMs));
    }
    QCOMPARE(got, rates);
}

void TestServerMetrics::counterRate_data()
{
    QTest::addColumn<Readings>("readings");
    QTest::addColumn<Rates>("rates");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::addRow("first reading") << Readings { { 500, 1'000 } } << Rates { kNone };
    QTest::addRow("steady") << Readings { { 0, 0 }, { 100, 1'000 }, { 250, 2'000 } } << Rates { kNone, 100, 150 };
    QTest::addRow("a quarter second") << Readings { { 0, 0 }, { 3, 250 } } << Rates { kNone, 12 };
    // 1200 → 50: the server restarted and has made 50 tokens since: 50 in 1 s.
    QTest::addRow("counter reset") << Readings { { 1'000, 0 }, { 1'200, 1'000 }, { 50, 2'000 }, { 80, 3'000 } }
                                   << Rates { kNone, 200, 50, 30 };
    QTest::addRow("reset to zero") << Readings { { 1'000, 0 }, { 0, 1'000 } } << Rates { kNone, 0 };
    // Same time: no rate, and the next one is measured from the first reading: 30 in 1 s.
    QTest::addRow("no time passed") << Readings { { 0, 1'000 }, { 10, 1'000 }, { 30, 2'000 } }
                                    << Rates { kNone, kNone, 30 };
    // The clock went back: no rate, and counting starts again from there: 20 in 1 s.
    QTest::addRow("clock went back") << Readings { { 0, 5'000 }, { 10, 4'000 }, { 30, 5'000 } }
                                     << Rates { kNone, kNone, 20 };
    // A NaN counter is no reading: the next is measured from the last good one, 100 in 2 s.
    QTest::addRow("NaN counter") << Readings { { 0, 0 }, { nan, 1'000 }, { 100, 2'000 } } << Rates { kNone, kNone, 50 };
    QTest::addRow("fractional counter (TGI _sum)") << Readings { { 0.5, 0 }, { 2.0, 500 } } << Rates { kNone, 3 };
}

void TestServerMetrics::counterRate()
{
    QFETCH(Readings, readings);
    QFETCH(Rates, rates);

    CounterRate rate;
    Rates got;
    for (const auto &[counter, timeMs] : readings)
        got << orNone(rate.update(counter, timeMs));
    QCOMPARE(got, rates);
}

void TestServerMetrics::counterRateReset()
{
    CounterRate rate;
    QVERIFY(!rate.update(100, 0));
    QCOMPARE(orNone(rate.update(200, 1'000)), 100.0);
    rate.reset(); // e.g. the server went down
    QVERIFY(!rate.update(5'000, 2'000));
    QCOMPARE(orNone(rate.update(5'100, 3'000)), 100.0);
}

// Any sequence of counter readings (up, down, equal; forward and backward times) gives no
// negative and no infinite rate.
void TestServerMetrics::counterRateNeverNegative()
{
    QRandomGenerator random(7);
    CounterRate rate;
    qint64 t = 0;
    for (int i = 0; i < 10'000; ++i) {
        t += random.bounded(-200, 2'000);
        const double counter = double(random.bounded(0, 1'000'000)) / 4.0;
        if (const std::optional<double> r = rate.update(counter, t)) {
            QVERIFY2(*r >= 0 && std::isfinite(*r), qPrintable(QString::number(*r)));
        }
    }
}

QTEST_GUILESS_MAIN(TestServerMetrics)
#include "tst_servermetrics.moc"
