// The session-log reader (LogReader::parse, the bytes of a whole log in memory), single-threaded;
// and, for one input in eight (starting threads costs ten times the parse of a small input), again
// cut into two to four chunks parsed at once: the two results must be the same (logreader.h: "the
// same whatever the split"). Each result must hold together.
#include "fuzzutil.h"
#include "logreader.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace {

// The reader's blank (CsvScan::isBlank): spaces, tabs and line ends only; such an event and notes make no marker.
bool isBlank(const QString &text)
{
    for (QChar c : text) {
        if (c != u' ' && c != u'\t' && c != u'\r' && c != u'\n')
            return false;
    }
    return true;
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

void checkConsistent(const LogReadResult &r)
{
    FUZZ_CHECK(!r.cancelled);
    FUZZ_CHECK(r.data.has_value() == r.error.isEmpty());
    if (!r.data)
        return;
    const LogData &d = *r.data;
    const size_t rows = d.timeMs.size();
    FUZZ_CHECK(d.offsetSeconds.size() == rows);
    FUZZ_CHECK(d.line.size() == rows);
    FUZZ_CHECK(std::is_sorted(d.timeMs.begin(), d.timeMs.end()));
    FUZZ_CHECK(d.columnIndex.size() == size_t(d.machines.size()));
    for (const std::vector<double> &column : d.columns)
        FUZZ_CHECK(column.size() == rows);
    for (int machine = 0; machine < d.machines.size(); ++machine) {
        for (Metric m : kAllMetrics) {
            const int c = d.columnIndex[size_t(machine)][size_t(metricIndex(m))];
            FUZZ_CHECK(c >= -1 && c < int(d.columns.size()));
            if (const std::vector<double> *values = d.series(machine, m)) {
                // a cell out of its range or not finite is "not measured" (BadCell), never kept
                for (double v : *values)
                    FUZZ_CHECK(std::isnan(v) || metricValueInRange(m, v));
            }
        }
    }
    for (int l : d.line)
        FUZZ_CHECK(l > 0);
    FUZZ_CHECK(std::is_sorted(d.markers.begin(), d.markers.end(),
        [](const LogMarkerRow &a, const LogMarkerRow &b) { return a.timeMs < b.timeMs; }));
    for (const LogMarkerRow &m : d.markers)
        FUZZ_CHECK(m.line > 0 && !(isBlank(m.event) && isBlank(m.notes)));
    FUZZ_CHECK(d.rows >= qint64(rows) && d.rows >= qint64(d.markers.size()));
    FUZZ_CHECK(d.skippedRecords >= 0);
    for (const LogWarning &w : d.warnings)
        FUZZ_CHECK(w.line >= 0 && !w.message.isEmpty());
}

void checkSame(const LogReadResult &a, const LogReadResult &b)
{
    FUZZ_CHECK(a.error == b.error);
    FUZZ_CHECK(a.data.has_value() == b.data.has_value());
    if (!a.data)
        return;
    const LogData &x = *a.data;
    const LogData &y = *b.data;
    FUZZ_CHECK(x.machines == y.machines);
    FUZZ_CHECK(x.timeMs == y.timeMs);
    FUZZ_CHECK(x.offsetSeconds == y.offsetSeconds);
    FUZZ_CHECK(x.line == y.line);
    FUZZ_CHECK(x.columnIndex == y.columnIndex);
    FUZZ_CHECK(x.columns.size() == y.columns.size());
    for (size_t c = 0; c < x.columns.size(); ++c) {
        FUZZ_CHECK(x.columns[c].size() == y.columns[c].size());
        for (size_t i = 0; i < x.columns[c].size(); ++i)
            FUZZ_CHECK(sameDouble(x.columns[c][i], y.columns[c][i]));
    }
    FUZZ_CHECK(x.unknownColumns == y.unknownColumns);
    FUZZ_CHECK(x.markers.size() == y.markers.size());
    for (qsizetype i = 0; i < x.markers.size(); ++i) {
        const LogMarkerRow &m = x.markers[i];
        const LogMarkerRow &n = y.markers[i];
        FUZZ_CHECK(m.timeMs == n.timeMs && m.offsetSeconds == n.offsetSeconds && m.event == n.event
            && m.notes == n.notes && m.line == n.line);
    }
    FUZZ_CHECK(x.warnings.size() == y.warnings.size());
    for (qsizetype i = 0; i < x.warnings.size(); ++i) {
        const LogWarning &v = x.warnings[i];
        const LogWarning &w = y.warnings[i];
        FUZZ_CHECK(v.kind == w.kind && v.line == w.line && v.message == w.message);
    }
    FUZZ_CHECK(x.rows == y.rows);
    FUZZ_CHECK(x.skippedRecords == y.skippedRecords);
    FUZZ_CHECK(x.hasUtcOffsets == y.hasUtcOffsets);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    LogReader::ParseOptions whole;
    whole.threads = 1;
    const LogReadResult one = LogReader::parse(bytes, nullptr, {}, whole);
    checkConsistent(one);
    Fuzz::Splitter choice(bytes);
    if (!one.data || choice.next() % 8 != 0)
        return 0;
    LogReader::ParseOptions split;
    split.threads = int(2 + choice.next() % 3);
    split.minChunkBytes = qsizetype(1 + choice.next() % 64);
    const LogReadResult chunked = LogReader::parse(bytes, nullptr, {}, split);
    checkConsistent(chunked);
    checkSame(one, chunked);
    return 0;
}
