// The remote (SSH) stream parser (RemoteStreamParser): what the sampling script prints on stdout and,
// on macOS, top on stderr. The input is the stdout bytes, then optionally a line
// "##pd-fuzz:stderr" and the stderr bytes. They are fed three ways: each whole (stderr first), each
// in pseudo-random pieces (stderr first), and in pieces of both interleaved. The first two must give
// the same results: bytes may arrive split anywhere (remotestreamparser.h).
#include "fuzzutil.h"
#include "remotestreamparser.h"

#include <cmath>
#include <cstring>

namespace {

const QByteArrayView kSeparator("\n##pd-fuzz:stderr\n");

void feedInPieces(Fuzz::Splitter &split, QByteArrayView bytes, bool toStderr, RemoteStreamParser &p)
{
    while (!bytes.isEmpty()) {
        const qsizetype n = split.piece(bytes.size());
        toStderr ? p.feedStderr(bytes.first(n)) : p.feedStdout(bytes.first(n));
        bytes = bytes.sliced(n);
    }
}

bool sameSample(const Sample &a, const Sample &b)
{
    for (int i = 0; i < kMetricCount; ++i) {
        const double x = a.values[size_t(i)];
        const double y = b.values[size_t(i)];
        if (!((std::isnan(x) && std::isnan(y)) || std::memcmp(&x, &y, sizeof x) == 0))
            return false;
    }
    return a.timeMs == b.timeMs;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype at = input.indexOf(kSeparator);
    const QByteArrayView out = at < 0 ? input : input.first(at + 1); // its line end stays
    const QByteArrayView err = at < 0 ? QByteArrayView() : input.sliced(at + kSeparator.size());
    Fuzz::Splitter split(input);

    RemoteStreamParser whole;
    whole.feedStderr(err);
    whole.feedStdout(out);
    const QList<RemoteStreamParser::Result> expected = whole.takeResults();

    // In pieces, the results taken after each piece as SshSource does.
    RemoteStreamParser pieces;
    feedInPieces(split, err, true, pieces);
    QList<RemoteStreamParser::Result> got;
    for (QByteArrayView rest = out; !rest.isEmpty();) {
        const qsizetype n = split.piece(rest.size());
        pieces.feedStdout(rest.first(n));
        got += pieces.takeResults();
        rest = rest.sliced(n);
    }
    FUZZ_CHECK(got.size() == expected.size());
    for (qsizetype i = 0; i < got.size(); ++i)
        FUZZ_CHECK(got[i].requestId == expected[i].requestId && sameSample(got[i].sample, expected[i].sample));
    FUZZ_CHECK(pieces.os() == whole.os());
    FUZZ_CHECK(pieces.overflowed() == whole.overflowed());

    // Both streams interleaved, as the channel delivers them: no check but the sanitizers'.
    if (err.isEmpty())
        return 0;
    RemoteStreamParser mixed;
    QByteArrayView restOut = out;
    QByteArrayView restErr = err;
    while (!restOut.isEmpty() || !restErr.isEmpty()) {
        const bool toStderr = restOut.isEmpty() || (!restErr.isEmpty() && split.next() % 2);
        QByteArrayView &rest = toStderr ? restErr : restOut;
        const qsizetype n = split.piece(rest.size());
        toStderr ? mixed.feedStderr(rest.first(n)) : mixed.feedStdout(rest.first(n));
        rest = rest.sliced(n);
        for (const RemoteStreamParser::Result &r : mixed.takeResults())
            (void)r.sample.isEmpty();
    }
    return 0;
}
