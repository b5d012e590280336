#pragma once

#include "flatjson.h"
#include "timingdata.h"

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <utility>
#include <vector>

// Shape A (JSON lines, one call per line, maybe after a logging prefix) and shape B's timing.log
// and error.log (JSON records), fed bytes in pieces of any size: complete lines are read at once, a
// partial last line is kept until its line end comes (or finish()).
//
// Per line: the JSON is the first '{' (of at most kMaxTries) that starts a valid object with a
// "function" key, or an error record (a "traceback", "exception_type" or "error_type" key and no
// duration); a '{' inside a prefix message that starts no such object is passed over. Lines without one are
// counted in TimingData::skippedLines, not warned. A call needs a finite execution_time >= 0
// (shape B: also "duration") and a time: "start_time", else "timestamp" (Unix s or ISO 8601, the
// end of the call) minus the duration; otherwise it is skipped with a warning. Every other field
// is an attribute: numbers in numeric columns, strings (and nested JSON, as text) in text columns.
// A call with a non-empty "error" or "success": false is a failed call (TimingData::errors).
// Error records are kept in TimingData::errors with call -1; TimingReader joins them by "uuid".
class JsonLinesParser
{
public:
    static constexpr int kMaxTries = 16;

    JsonLinesParser(TimingBuilder &builder, int file);

    void feed(QByteArrayView bytes);
    // Reads a last line without a line end. Call once at the end of the input.
    void finish();
    // Forgets a kept partial line and starts counting lines again at `line` (a truncated file).
    void reset(int line = 1);
    int nextLine() const { return m_line; }
    // False: call lines are passed over (counted in ignoredCalls()), error records still read.
    void setReadCalls(bool read) { m_readCalls = read; }
    qint64 ignoredCalls() const { return m_ignoredCalls; }
    qsizetype pendingBytes() const { return m_partial.size(); }
    // The partial last line kept so far, handed over (TimingFollower carries it to its next read).
    QByteArray takePartial() { return std::exchange(m_partial, {}); }

private:
    void parseLine(const char *b, const char *e);
    void indexRoles();
    bool readCall(int line);
    void readError(int line);
    double timeOf(const FlatJson::Member &m) const;

    TimingBuilder &m_builder;
    int m_file;
    int m_line = 1;
    bool m_readCalls = true;
    qint64 m_ignoredCalls = 0;
    QByteArray m_partial;
    FlatJson::Scanner m_scanner;
    std::vector<FlatJson::Member> m_members;
    const FlatJson::Member *m_indexed = nullptr; // m_members when indexRoles() last ran
    std::vector<int> m_roles;                    // the role of each member (see the .cpp)
    // What the key at each position of the last objects was: lines of one program repeat their
    // keys in the same order, so a key's role and columns are found without hashing it again.
    struct KeyAt
    {
        QByteArray key;
        int role = 0;
        int numeric = -2; // -2: not looked up yet
        int text = -2;
    };
    std::vector<KeyAt> m_keys;
    std::array<const FlatJson::Member *, 16> m_byRole {}; // the first member of each role
};
