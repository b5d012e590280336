// The local HTTP API's request reading (HttpRequestParser), fed as HttpListener feeds it: the
// connection's bytes arrive in pseudo-random pieces, parse() is called again on the grown buffer
// after each, and a complete request is cut from the front of the buffer (pipelining). The requests
// and the refusal must be the same as when every byte is there at the first call; and the same with
// small limits, so that the 431 and 413 refusals are reached too.
#include "fuzzutil.h"
#include "httprequestparser.h"

#include <QList>

namespace {

struct Outcome
{
    QList<HttpRequest> requests;
    HttpRequestParser::Status last = HttpRequestParser::Status::Incomplete;
    int errorStatus = 0;
    QString errorMessage;
};

void checkRequest(const HttpRequest &r, const HttpLimits &limits)
{
    FUZZ_CHECK(!r.method.isEmpty() && r.target.startsWith('/') && r.target.startsWith(r.path));
    FUZZ_CHECK(r.path.size() == r.target.size() || r.target.at(r.path.size()) == '?');
    FUZZ_CHECK(r.body.size() <= limits.maxBodyBytes);
    for (const auto &h : r.headers)
        FUZZ_CHECK(!h.first.isEmpty());
}

// Reads the requests of one connection; `splitter` null: every byte is there from the start.
Outcome readConnection(QByteArrayView input, const HttpLimits &limits, Fuzz::Splitter *splitter)
{
    Outcome o;
    HttpRequestParser parser(limits);
    QByteArray buffer;
    qsizetype arrived = 0;
    while (arrived < input.size()) {
        const qsizetype n = splitter ? splitter->piece(input.size() - arrived) : input.size();
        buffer.append(input.sliced(arrived, n));
        arrived += n;
        for (;;) {
            HttpRequest request;
            qsizetype used = -1;
            o.last = parser.parse(buffer, &request, &used);
            if (o.last == HttpRequestParser::Status::Incomplete) {
                FUZZ_CHECK(parser.isStarted() == !buffer.isEmpty());
                break;
            }
            if (o.last == HttpRequestParser::Status::Failed) {
                o.errorStatus = parser.errorStatus();
                o.errorMessage = parser.errorMessage();
                FUZZ_CHECK(o.errorStatus >= 400 && o.errorStatus < 600 && !o.errorMessage.isEmpty());
                return o;
            }
            FUZZ_CHECK(used > 0 && used <= buffer.size());
            FUZZ_CHECK(!parser.isStarted());
            checkRequest(request, limits);
            o.requests.append(request);
            buffer.remove(0, used);
        }
    }
    return o;
}

void checkSame(const Outcome &a, const Outcome &b)
{
    FUZZ_CHECK(a.last == b.last && a.errorStatus == b.errorStatus && a.errorMessage == b.errorMessage);
    FUZZ_CHECK(a.requests.size() == b.requests.size());
    for (qsizetype i = 0; i < a.requests.size(); ++i) {
        const HttpRequest &x = a.requests[i];
        const HttpRequest &y = b.requests[i];
        FUZZ_CHECK(x.method == y.method && x.target == y.target && x.path == y.path && x.headers == y.headers
            && x.body == y.body && x.keepAlive == y.keepAlive);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const HttpLimits &limits : { HttpLimits {}, HttpLimits { 200, 100 } }) {
        Fuzz::Splitter splitter(input);
        const Outcome whole = readConnection(input, limits, nullptr);
        const Outcome pieces = readConnection(input, limits, &splitter);
        checkSame(whole, pieces);
    }
    return 0;
}
