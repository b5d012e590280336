// The Prometheus text exposition parser (parsePrometheusText): the format's corners, the llama.cpp
// body wrapped in a JSON string, the captured and quoted fixtures, and hostile bodies.
#include "prometheusparser.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

namespace {
// One sample as one string, so a whole parse compares as a QStringList:
// `name{key=value,…} value @timestamp`, the value in its shortest exact form (nan, inf, -inf).
QString describe(const PromSample &s)
{
    QString out = s.name;
    if (!s.labels.isEmpty()) {
        QStringList pairs;
        for (const auto &l : s.labels)
            pairs << l.first + QLatin1Char('=') + l.second;
        out += QLatin1Char('{') + pairs.join(QLatin1Char(',')) + QLatin1Char('}');
    }
    out += QLatin1Char(' ') + QString::number(s.value, 'f', QLocale::FloatingPointShortest);
    if (s.timestampMs)
        out += QStringLiteral(" @") + QString::number(*s.timestampMs);
    return out;
}

QStringList describeAll(const QList<PromSample> &samples)
{
    QStringList out;
    for (const PromSample &s : samples)
        out << describe(s);
    return out;
}

QList<int> warningLines(const PromParseResult &r)
{
    QList<int> lines;
    for (const ParseWarning &w : r.warnings)
        lines << w.line;
    return lines;
}

// Lines that must come out as a sample or a warning: neither blank nor a comment.
int contentLines(const QByteArray &text)
{
    int n = 0;
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith('#'))
            ++n;
    }
    return n;
}
} // namespace

class TestPrometheus : public QObject
{
    Q_OBJECT
private slots:
    void parsesSamples_data();
    void parsesSamples();
    void exactValues_data();
    void exactValues();
    void valuesMatchQtConversion();
    void warnsAndSkips_data();
    void warnsAndSkips();
    void isExposition_data();
    void isExposition();
    void fixtures_data();
    void fixtures();
    void nodeExporterEveryLineAccountedFor();
    void jsonWrappedLlamaCppBody_data();
    void jsonWrappedLlamaCppBody();
    void jsonWrappedFixtureEqualsPlainScrape();
    void hostileBodiesFinish_data();
    void hostileBodiesFinish();
    void randomGarbage();
    void mutatedFixtures_data();
    void mutatedFixtures();
    void labelLookup();
};

void TestPrometheus::parsesSamples_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("samples");

    QTest::addRow("one sample") << QByteArray("up 1\n") << QStringList { QStringLiteral("up 1") };
    QTest::addRow("no final line end") << QByteArray("a 1\nb 2")
                                       << QStringList { QStringLiteral("a 1"), QStringLiteral("b 2") };
    QTest::addRow("CRLF line ends") << QByteArray("# TYPE a gauge\r\na{x=\"1\"} 1\r\n\r\nb 2\r\n")
                                    << QStringList { QStringLiteral("a{x=1} 1"), QStringLiteral("b 2") };
    QTest::addRow("comments, HELP, TYPE and blank lines")
        << QByteArray("# HELP a The a. It says a{x=\"y\"} 5 in its help\n# TYPE a counter\n\n   \n"
                      "#just a comment\n  # indented comment\na 3\n# EOF\n")
        << QStringList { QStringLiteral("a 3") };
    QTest::addRow("colons in names (llama.cpp, vLLM)")
        << QByteArray("llamacpp:requests_processing 0\nvllm:num_requests_running{model_name=\"m\"} 8.0\n:x_1 2\n")
        << QStringList { QStringLiteral("llamacpp:requests_processing 0"),
               QStringLiteral("vllm:num_requests_running{model_name=m} 8"), QStringLiteral(":x_1 2") };
    QTest::addRow("escaped quote, backslash and newline") << QByteArray(
        R"(a{path="C:\\dir\\",quote="say \"hi\"",nl="one\ntwo"} 1)"
        "\n") << QStringList { QStringLiteral("a{path=C:\\dir\\,quote=say \"hi\",nl=one\ntwo} 1") };
    QTest::addRow("label value holding } { , = and #")
        << QByteArray("a{x=\"}{,=# \"} 1\n") << QStringList { QStringLiteral("a{x=}{,=# } 1") };
    QTest::addRow("spaces and tabs around tokens")
        << QByteArray("  a { x = \"1\" ,\ty=\"2\" }\t 3  \n\tb 4\t\n")
        << QStringList { QStringLiteral("a{x=1,y=2} 3"), QStringLiteral("b 4") };
    QTest::addRow("trailing comma, empty braces, empty value")
        << QByteArray("a{x=\"1\",} 1\nb{} 2\nc{x=\"\"} 3\n")
        << QStringList { QStringLiteral("a{x=1} 1"), QStringLiteral("b 2"), QStringLiteral("c{x=} 3") };
    QTest::addRow("no blank between labels and value")
        << QByteArray("a{x=\"1\"}7\n") << QStringList { QStringLiteral("a{x=1} 7") };
    QTest::addRow("NaN, +Inf, -Inf in any case")
        << QByteArray("a NaN\nb +Inf\nc -Inf\nd Inf\ne nan\nf +inf\ng -Infinity\n")
        << QStringList { QStringLiteral("a nan"), QStringLiteral("b inf"), QStringLiteral("c -inf"),
               QStringLiteral("d inf"), QStringLiteral("e nan"), QStringLiteral("f inf"), QStringLiteral("g -inf") };
    QTest::addRow("integer and float forms")
        << QByteArray("a 0\nb -0.5\nc 42\nd -17\ne 1e3\nf 1.5E-3\ng 8.128902e+06\nh .5\ni 5.\nj +2.25\nk 1e-400\n")
        << QStringList { QStringLiteral("a 0"), QStringLiteral("b -0.5"), QStringLiteral("c 42"),
               QStringLiteral("d -17"), QStringLiteral("e 1000"), QStringLiteral("f 0.0015"),
               QStringLiteral("g 8128902"), QStringLiteral("h 0.5"), QStringLiteral("i 5"), QStringLiteral("j 2.25"),
               QStringLiteral("k 0") };
    QTest::addRow("timestamps") << QByteArray("a 1 1395066363000\nb{x=\"y\"} 2.5 -5\nc 3   1700000000000  \n")
                                << QStringList { QStringLiteral("a 1 @1395066363000"), QStringLiteral("b{x=y} 2.5 @-5"),
                                       QStringLiteral("c 3 @1700000000000") };
    QTest::addRow("histogram series") << QByteArray(
        "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 3\nh_sum 4.5\nh_count 3\n")
                                      << QStringList { QStringLiteral("h_bucket{le=0.5} 1"),
                                             QStringLiteral("h_bucket{le=+Inf} 3"), QStringLiteral("h_sum 4.5"),
                                             QStringLiteral("h_count 3") };
    QTest::addRow("UTF-8 label values") << QByteArray("a{model=\"通义千问\",x=\"é\"} 1\n")
                                        << QStringList { QStringLiteral("a{model=") + QString::fromUtf8("通义千问")
                                               + QStringLiteral(",x=") + QString::fromUtf8("é")
                                               + QStringLiteral("} 1") };
    // The same names and label sets again and again (what the interning caches see) stay apart.
    QTest::addRow("repeated names and label sets")
        << QByteArray("a{x=\"1\"} 1\na{x=\"2\"} 2\na{x=\"1\"} 3\nb{x=\"1\"} 4\na 5\nb{x=\"\\n\"} 6\nb{x=\"\\\\n\"} 7\n")
        << QStringList { QStringLiteral("a{x=1} 1"), QStringLiteral("a{x=2} 2"), QStringLiteral("a{x=1} 3"),
               QStringLiteral("b{x=1} 4"), QStringLiteral("a 5"), QStringLiteral("b{x=\n} 6"),
               QStringLiteral("b{x=\\n} 7") };
    QTest::addRow("leading blank lines and a byte order mark")
        << QByteArray("\xEF\xBB\xBF\n\n  a 1\n") << QStringList { QStringLiteral("a 1") };
}

void TestPrometheus::parsesSamples()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, samples);

    const PromParseResult r = parsePrometheusText(text);
    QCOMPARE(describeAll(r.samples), samples);
    QCOMPARE(warningLines(r), QList<int>());
    QVERIFY(r.isExposition);
}

void TestPrometheus::exactValues_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<double>("value");

    QTest::addRow("0.1") << QByteArray("0.1") << 0.1;
    QTest::addRow("15 digits, fast path") << QByteArray("123456789012345") << 123456789012345.0;
    QTest::addRow("20 digits") << QByteArray("12345678901234567890") << 12345678901234567890.0;
    QTest::addRow("exponent") << QByteArray("8.128902e+06") << 8128902.0;
    QTest::addRow("vLLM float") << QByteArray("27453.0") << 27453.0;
    QTest::addRow("node_exporter bytes") << QByteArray("2.5274793984e+10") << 25274793984.0;
    QTest::addRow("sglang gauge") << QByteArray("86.50814177726902") << 86.50814177726902;
    QTest::addRow("largest double") << QByteArray("1.7976931348623157e308") << std::numeric_limits<double>::max();
    QTest::addRow("4 decimals, fast path") << QByteArray("0.4215") << 0.4215;
    QTest::addRow("15 digits with a point") << QByteArray("123456789.012345") << 123456789.012345;
    QTest::addRow("16 digits with a point") << QByteArray("1234567890.123456") << 1234567890.123456;
    QTest::addRow("smallest denormal") << QByteArray("5e-324") << std::numeric_limits<double>::denorm_min();
}

void TestPrometheus::exactValues()
{
    QFETCH(QByteArray, token);
    QFETCH(double, value);

    const PromParseResult r = parsePrometheusText(QByteArray("m " + token + '\n'));
    QCOMPARE(r.samples.size(), 1);
    QCOMPARE(r.samples.first().value, value); // exact: QCOMPARE on doubles is fuzzy
    QVERIFY(r.samples.first().value == value);
}

// Random values written the ways exporters write them read back as the very same double as
// Qt's own conversion gives.
void TestPrometheus::valuesMatchQtConversion()
{
    QRandomGenerator random(42);
    QByteArray body;
    QList<QByteArray> tokens;
    for (int i = 0; i < 20'000; ++i) {
        const double magnitude = std::pow(10.0, random.bounded(-8, 16));
        const double v = (random.generateDouble() - 0.25) * magnitude;
        QByteArray token;
        switch (i % 4) {
        case 0:
            token = QByteArray::number(v, 'f', random.bounded(0, 10));
            break;
        case 1:
            token = QByteArray::number(v, 'g', 17);
            break;
        case 2:
            token = QByteArray::number(v, 'e', random.bounded(0, 12));
            break;
        default:
            token = QByteArray::number(qint64(v)) + ".0";
            break;
        }
        tokens << token;
        body += "m " + token + '\n';
    }
    const PromParseResult r = parsePrometheusText(body);
    QCOMPARE(r.samples.size(), tokens.size());
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        bool ok = false;
        const double expected = tokens[i].toDouble(&ok);
        QVERIFY(ok);
        QVERIFY2(r.samples[i].value == expected, tokens[i].constData());
    }
}

void TestPrometheus::warnsAndSkips_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("samples");
    QTest::addColumn<QList<int>>("lines");

    const QStringList ok { QStringLiteral("ok 1") };
    QTest::addRow("name starts with a digit") << QByteArray("1abc 2\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("name only") << QByteArray("ok 1\nlonely\n") << ok << QList<int> { 2 };
    QTest::addRow("labels, no value") << QByteArray("a{x=\"1\"}\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("value not a number") << QByteArray("a xyz\nok 1\nb 1.2.3\nc 0x10\nd 1_000\n") << ok
                                        << QList<int> { 1, 3, 4, 5 };
    QTest::addRow("two signs") << QByteArray("a +-1\nb --1\nc -+Inf\nok 1\n") << ok << QList<int> { 1, 2, 3 };
    QTest::addRow("a signed NaN") << QByteArray("a -NaN\nb +NaN\nok 1\n") << ok << QList<int> { 1, 2 };
    QTest::addRow("a sign alone") << QByteArray("a -\nb +\nok 1\n") << ok << QList<int> { 1, 2 };
    QTest::addRow("overflow") << QByteArray("a 1e400\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("text after the timestamp") << QByteArray("a 1 2 3\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("float timestamp") << QByteArray("ok 1\na 1 1.5\n") << ok << QList<int> { 2 };
    QTest::addRow("timestamp past int64") << QByteArray("ok 1\na 1 9223372036854775808\n") << ok << QList<int> { 2 };
    QTest::addRow("unterminated label value") << QByteArray("a{x=\"1} 2\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("label value not quoted") << QByteArray("a{x=1} 2\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("unknown escape") << QByteArray("a{x=\"\\q\"} 1\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("backslash at the end") << QByteArray("ok 1\na{x=\"\\") << ok << QList<int> { 2 };
    QTest::addRow("label name starts with a digit") << QByteArray("a{1x=\"a\"} 1\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("label name with a colon") << QByteArray("a{x:y=\"a\"} 1\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("no comma between labels") << QByteArray("a{x=\"1\" y=\"2\"} 1\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("no '=' after a label name") << QByteArray("a{x \"1\"} 1\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("unterminated label set") << QByteArray("ok 1\na{x=\"1\"") << ok << QList<int> { 2 };
    QTest::addRow("two commas") << QByteArray("a{x=\"1\",,y=\"2\"} 1\nok 1\n") << ok << QList<int> { 1 };
    QTest::addRow("a value split by a raw newline")
        << QByteArray("a{x=\"one\ntwo\"} 1\nok 1\n") << ok << QList<int> { 1, 2 };
    QTest::addRow("line numbers count blanks, comments and CRLF")
        << QByteArray("# HELP a x\r\n\r\nbad line here\r\nok 1\r\n# TYPE b gauge\r\nb{ 2\r\n") << ok
        << QList<int> { 3, 6 };
}

void TestPrometheus::warnsAndSkips()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, samples);
    QFETCH(QList<int>, lines);

    const PromParseResult r = parsePrometheusText(text);
    QCOMPARE(describeAll(r.samples), samples);
    QCOMPARE(warningLines(r), lines);
    for (const ParseWarning &w : r.warnings)
        QVERIFY2(!w.detail.isEmpty() && w.detail.size() < 120, qPrintable(w.detail));
    QCOMPARE(r.isExposition, !samples.isEmpty());
}

void TestPrometheus::isExposition_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("exposition");
    QTest::addColumn<int>("sampleCount");

    QTest::addRow("empty") << QByteArray() << false << 0;
    QTest::addRow("blank") << QByteArray(" \r\n\t\n") << false << 0;
    QTest::addRow("HTML doctype") << QByteArray("<!DOCTYPE html>\n<html><body>a 1\n</body></html>") << false << 0;
    QTest::addRow("HTML, lowercase, after blank lines")
        << QByteArray("\n\n  <!doctype html>\n<title>x</title>\n") << false << 0;
    QTest::addRow("html element") << QByteArray("<HTML>\n<h1>502 Bad Gateway</h1>\n") << false << 0;
    QTest::addRow("XML") << QByteArray("<?xml version=\"1.0\"?>\n<a>1</a>\n") << false << 0;
    QTest::addRow("JSON object (llama.cpp /health)") << QByteArray("{\"status\": \"ok\" }") << false << 0;
    QTest::addRow("JSON error object") << QByteArray(
        "{\"error\": {\"code\": 503, \"message\": \"Loading model\", \"type\": \"unavailable_error\"}}")
                                       << false << 0;
    QTest::addRow("JSON array") << QByteArray("[{\"name\": \"a\"}]") << false << 0;
    QTest::addRow("only comments") << QByteArray("# HELP a x\n# TYPE a counter\n") << false << 0;
    QTest::addRow("Ollama's greeting") << QByteArray("Ollama is running") << false << 0;
    QTest::addRow("model server 404 text") << QByteArray("404 page not found\n") << false << 0;
    QTest::addRow("one valid sample among bad lines") << QByteArray("what\na 1\nis this\n") << true << 1;
    QTest::addRow("JSON-wrapped exposition") << QByteArray(R"("a 1\nb 2\n")") << true << 2;
    QTest::addRow("JSON-wrapped HTML") << QByteArray(R"("<html>\na 1\n")") << false << 0;
    QTest::addRow("JSON string, nothing in it") << QByteArray(R"("")") << false << 0;
    // Qt's JSON parser reads an unknown escape as the character (as the hand-written one did);
    // a string it cannot read at all is said to be one, and not guessed at.
    QTest::addRow("JSON string with an unknown escape") << QByteArray(R"("a 1\x\nb 2\n")") << true << 1;
    QTest::addRow("JSON string cut inside a \\u escape") << QByteArray(R"("a 1\nb 2\u00)") << false << 0;
}

void TestPrometheus::isExposition()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, exposition);
    QFETCH(int, sampleCount);

    const PromParseResult r = parsePrometheusText(body);
    QCOMPARE(r.isExposition, exposition);
    QCOMPARE(r.samples.size(), sampleCount);
    if (!exposition) {
        // The reason is said once, for the whole body (line 0).
        QVERIFY(!r.warnings.isEmpty());
        QCOMPARE(r.warnings.last().line, 0);
    }
}

void TestPrometheus::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("sampleCount");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");

    const QString vllmModel = QStringLiteral("model_name=meta-llama/Llama-3.1-8B-Instruct");
    QTest::addRow("llama.cpp PR #11512") << QStringLiteral("metrics_llamacpp_pr11512.txt") << 2
                                         << QStringLiteral("llamacpp:requests_processing 0")
                                         << QStringLiteral("llamacpp:requests_deferred 0");
    QTest::addRow("vLLM design doc") << QStringLiteral("metrics_vllm_design_doc.txt") << 4
                                     << QStringLiteral("vllm:num_requests_running{") + vllmModel + QStringLiteral("} 8")
                                     << QStringLiteral("vllm:request_success_total{finished_reason=abort,") + vllmModel
            + QStringLiteral("} 0");
    QTest::addRow("SGLang production doc")
        << QStringLiteral("metrics_sglang_production_doc.txt") << 3
        << QStringLiteral("sglang:num_running_reqs{") + vllmModel + QStringLiteral("} 162")
        << QStringLiteral("sglang:num_queue_reqs{") + vllmModel + QStringLiteral("} 2826");
    QTest::addRow("llama.cpp scrape 1") << QStringLiteral("metrics_llamacpp_scrape1.txt") << 11
                                        << QStringLiteral("llamacpp:prompt_tokens_total 5120")
                                        << QStringLiteral("llamacpp:requests_deferred 0");
    QTest::addRow("vLLM data-parallel scrape 1")
        << QStringLiteral("metrics_vllm_dp_scrape1.txt") << 38
        << QStringLiteral("python_gc_objects_collected_total{generation=0} 12217")
        << QStringLiteral("vllm:e2e_request_latency_seconds_sum{engine=1,") + vllmModel + QStringLiteral("} 172.25");
    QTest::addRow("SGLang underscore scrape 1")
        << QStringLiteral("metrics_sglang_underscore_scrape1.txt") << 6
        << QStringLiteral("sglang_prompt_tokens_total{model_name=Qwen/Qwen2.5-7B-Instruct} 25000000")
        << QStringLiteral("sglang_gen_throughput{model_name=Qwen/Qwen2.5-7B-Instruct} 123.4567");
    QTest::addRow("TGI scrape 1") << QStringLiteral("metrics_tgi_scrape1.txt") << 17
                                  << QStringLiteral("tgi_batch_current_size 4")
                                  << QStringLiteral("tgi_request_generated_tokens_count 100");
    QTest::addRow("node_exporter, Debian 12")
        << QStringLiteral("node_exporter_debian12.txt") << 507 << QStringLiteral("go_gc_duration_seconds{quantile=0} 0")
        << QStringLiteral("promhttp_metric_handler_requests_total{code=503} 0");
}

void TestPrometheus::fixtures()
{
    QFETCH(QString, file);
    QFETCH(int, sampleCount);
    QFETCH(QString, first);
    QFETCH(QString, last);

    const QByteArray text = TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData()));
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const PromParseResult r = parsePrometheusText(text);
    QVERIFY(r.isExposition);
    QCOMPARE(warningLines(r), QList<int>());
    QCOMPARE(r.samples.size(), sampleCount);
    QCOMPARE(describe(r.samples.first()), first);
    QCOMPARE(describe(r.samples.last()), last);
    QCOMPARE(contentLines(text), sampleCount);
}

// The real capture: every line that is not a comment or blank is a sample or a warning, and the
// label values with spaces and parentheses come through whole.
void TestPrometheus::nodeExporterEveryLineAccountedFor()
{
    const QByteArray text = TestUtil::readFixture("node_exporter_debian12.txt");
    QVERIFY(!text.isEmpty());
    const PromParseResult r = parsePrometheusText(text);
    int lineWarnings = 0;
    for (const ParseWarning &w : r.warnings)
        lineWarnings += w.line > 0;
    QCOMPARE(int(r.samples.size()) + lineWarnings, contentLines(text));

    bool sawUname = false;
    for (const PromSample &s : r.samples) {
        QVERIFY2(!s.name.isEmpty(), "a sample without a name");
        if (s.name == u"node_uname_info") {
            sawUname = true;
            QCOMPARE(s.labels.size(), 6);
            QCOMPARE(s.label(u"sysname"), QStringLiteral("Linux"));
            QCOMPARE(s.label(u"version"), QStringLiteral("#1 SMP PREEMPT_DYNAMIC @0"));
            QCOMPARE(s.label(u"domainname"), QStringLiteral("(none)"));
        }
    }
    QVERIFY(sawUname);
}

void TestPrometheus::jsonWrappedLlamaCppBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("samples");
    QTest::addColumn<QList<int>>("lines");

    QTest::addRow("\\n escapes") << QByteArray(R"("# HELP a x\n# TYPE a gauge\na 1\nb 2\n")")
                                 << QStringList { QStringLiteral("a 1"), QStringLiteral("b 2") } << QList<int> {};
    QTest::addRow("escaped quotes around label values")
        << QByteArray(R"("llamacpp:x{slot=\"0\"} 3\n")") << QStringList { QStringLiteral("llamacpp:x{slot=0} 3") }
        << QList<int> {};
    QTest::addRow("an escaped quote inside a label value, escaped again")
        << QByteArray(R"("a{q=\"say \\\"hi\\\"\"} 1")") << QStringList { QStringLiteral("a{q=say \"hi\"} 1") }
        << QList<int> {};
    QTest::addRow("\\r\\n, \\t and \\u escapes")
        << QByteArray(R"("a{x=\"\u00e9\ud83d\ude00\"}\t1\r\nb 2")")
        << QStringList { QStringLiteral("a{x=") + QString::fromUtf8("é\xF0\x9F\x98\x80") + QStringLiteral("} 1"),
               QStringLiteral("b 2") }
        << QList<int> {};
    QTest::addRow("blank around the string")
        << QByteArray("\r\n  \"a 1\\n\"  \r\n") << QStringList { QStringLiteral("a 1") } << QList<int> {};
    QTest::addRow("bad line inside: numbered in the unescaped text")
        << QByteArray(R"("a 1\nnot valid\nb 2")") << QStringList { QStringLiteral("a 1"), QStringLiteral("b 2") }
        << QList<int> { 2 };
    QTest::addRow("truncated: no closing quote")
        << QByteArray(R"("a 1\nb 2\nc{x=\"y)") << QStringList { QStringLiteral("a 1"), QStringLiteral("b 2") }
        << QList<int> { 0, 3 };
}

void TestPrometheus::jsonWrappedLlamaCppBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, samples);
    QFETCH(QList<int>, lines);

    const PromParseResult r = parsePrometheusText(body);
    QCOMPARE(describeAll(r.samples), samples);
    QCOMPARE(warningLines(r), lines);
    QVERIFY(r.isExposition);
}

// Regression for llama.cpp issue #17384: the same scrape, once as text and once as a JSON string.
void TestPrometheus::jsonWrappedFixtureEqualsPlainScrape()
{
    const QByteArray wrapped = TestUtil::readFixture("metrics_llamacpp_json_wrapped.txt");
    const QByteArray plain = TestUtil::readFixture("metrics_llamacpp_scrape2.txt");
    QVERIFY(wrapped.startsWith("\"# HELP llamacpp:") && wrapped.contains("\\n"));
    const PromParseResult a = parsePrometheusText(wrapped);
    const PromParseResult b = parsePrometheusText(plain);
    QVERIFY(a.isExposition);
    QCOMPARE(warningLines(a), QList<int>());
    QCOMPARE(a.samples.size(), 11);
    QCOMPARE(describeAll(a.samples), describeAll(b.samples));
}

void TestPrometheus::hostileBodiesFinish_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("sampleCount");
    QTest::addColumn<QList<int>>("lines");

    constexpr int kTenMB = 10 * 1024 * 1024;
    QTest::addRow("nginx 502 page") << QByteArray(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
        "Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n")
                                    << 0 << QList<int> { 0 };
    QByteArray truncated = TestUtil::readFixture("metrics_vllm_design_doc.txt");
    truncated.truncate(truncated.indexOf("finished_reason=\"abort") + 20);
    QTest::addRow("truncated in a label value") << truncated << 3 << QList<int> { 10 };
    QTest::addRow("NUL bytes") << QByteArray("a 1\0\nb\0 2\n\0\0\0\nc{x=\"\0\"} 3\n\0", 27) << 1
                               << QList<int> { 1, 2, 3, 5 };
    QTest::addRow("10 MB name, no value") << QByteArray(kTenMB, 'a') << 0 << QList<int> { 1, 0 };
    QTest::addRow("10 MB unterminated label value")
        << QByteArray("m{x=\"") + QByteArray(kTenMB, 'v') << 0 << QList<int> { 1, 0 };
    QTest::addRow("10 MB of backslash escapes")
        << QByteArray("m{x=\"") + QByteArray(kTenMB, '\\') + QByteArray("\"} 1") << 1 << QList<int> {};
    QTest::addRow("10 MB label value") << QByteArray("m{x=\"") + QByteArray(kTenMB, 'v') + QByteArray("\"} 1") << 1
                                       << QList<int> {};
    QTest::addRow("10 MB number") << QByteArray("m ") + QByteArray(kTenMB, '7') << 0 << QList<int> { 1, 0 };
    QTest::addRow("10 MB of spaces") << QByteArray(kTenMB, ' ') << 0 << QList<int> { 0 };
    QTest::addRow("10 MB of newlines") << QByteArray(kTenMB, '\n') << 0 << QList<int> { 0 };
    QTest::addRow("10 MB of opening braces") << QByteArray("m") + QByteArray(kTenMB, '{') << 0 << QList<int> { 1, 0 };
    QTest::addRow("10 MB JSON string of backslashes")
        << QByteArray("\"") + QByteArray(kTenMB, '\\') << 0 << QList<int> { 0, 1, 0 };
}

void TestPrometheus::hostileBodiesFinish()
{
    QFETCH(QByteArray, body);
    QFETCH(int, sampleCount);
    QFETCH(QList<int>, lines);

    QElapsedTimer timer;
    timer.start();
    const PromParseResult r = parsePrometheusText(body);
    QVERIFY2(timer.elapsed() < 10'000, "took more than 10 s"); // a few ms in a Release build
    QCOMPARE(r.samples.size(), sampleCount);
    QCOMPARE(warningLines(r), lines);
    for (const ParseWarning &w : r.warnings)
        QVERIFY2(w.detail.size() < 120, "a warning quotes too much of the body");
}

// Random bytes (fixed seed): no crash, warnings in line order, every content line accounted for.
void TestPrometheus::randomGarbage()
{
    QRandomGenerator random(20261122);
    for (int round = 0; round < 20; ++round) {
        QByteArray body(64 * 1024, Qt::Uninitialized);
        for (char &c : body)
            c = char(random.bounded(256));
        if (round % 2)
            body.prepend("a 1\n"); // not HTML or JSON: every line is looked at
        const PromParseResult r = parsePrometheusText(body);
        int previous = 0;
        for (const ParseWarning &w : r.warnings) {
            QVERIFY(w.line == 0 || w.line >= previous);
            previous = std::max(previous, w.line);
            QVERIFY(!w.detail.isEmpty());
        }
        if (round % 2)
            QVERIFY(r.isExposition && r.samples.first().name == u"a");
    }
}

void TestPrometheus::mutatedFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addRow("vLLM") << QStringLiteral("metrics_vllm_dp_scrape1.txt");
    QTest::addRow("node_exporter") << QStringLiteral("node_exporter_debian12.txt");
}

// Real bodies with the format's own punctuation dropped in at random (fixed seed): each line that
// is not blank or a comment still comes out as exactly one sample or one warning.
void TestPrometheus::mutatedFixtures()
{
    QFETCH(QString, file);
    const QByteArray original = TestUtil::readFile(TestUtil::fixturePath(file.toLatin1().constData()));
    QVERIFY(!original.isEmpty());
    const QByteArray alphabet("\"\\{},= \t\n#x1.e+-\0", 17);
    QRandomGenerator random(1234);
    for (int round = 0; round < 200; ++round) {
        QByteArray body = original;
        const int edits = 1 + random.bounded(20);
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = random.bounded(body.size());
            const char c = alphabet[random.bounded(alphabet.size())];
            if (random.bounded(2))
                body[at] = c;
            else
                body.insert(at, c);
        }
        if (round % 10 == 0)
            body.truncate(random.bounded(body.size()));
        const PromParseResult r = parsePrometheusText(body);
        const QByteArray start = body.trimmed().left(1);
        if (start == "<" || start == "{" || start == "\"")
            continue; // HTML, JSON or a JSON string: not looked at line by line
        int lineWarnings = 0;
        for (const ParseWarning &w : r.warnings)
            lineWarnings += w.line > 0;
        QCOMPARE(int(r.samples.size()) + lineWarnings, contentLines(body));
    }
}

void TestPrometheus::labelLookup()
{
    const PromParseResult r = parsePrometheusText("m{a=\"1\",b=\"\",c=\"3\"} 1\n");
    QCOMPARE(r.samples.size(), 1);
    const PromSample &s = r.samples.first();
    QCOMPARE(s.label(u"a"), QStringLiteral("1"));
    QCOMPARE(s.label(u"c"), QStringLiteral("3"));
    QVERIFY(s.label(u"b").isEmpty());
    QVERIFY(s.label(u"missing").isNull());
}

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
