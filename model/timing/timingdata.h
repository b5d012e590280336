#pragma once

#include "bytetable.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdint>
#include <vector>

// The calls of a timing log (reference/TIMING_LOGS.md, shapes A–E; PRODUCT.md F8) as columns: one
// entry per call in every per-call array, in the order read (files in the order opened, lines in
// order). Plain values: readers fill it through TimingBuilder, TimingStats reads it, the GUI shows it.

// Something a reader noticed and survived: the file, its 1-based line (0: the whole file or a place
// without lines, such as an event of a JSON document, which the message then names).
struct TimingWarning
{
    QString file;
    int line = 0;
    QString message;
};

// An error a log recorded: a failed call (shape A/C/D `error`, success false) or a record of error.log
// (shape B) joined to its call by UUID. `call` is the call's index, or -1 when no call matched.
struct TimingError
{
    qint64 call = -1;
    QString function;
    QString uuid;
    QString type; // the exception type, when recorded
    QString message;
    QString traceback;
    double time = std::nan(""); // Unix s, when known
    QString file;
    int line = 0;
};

// A numeric call attribute, sparse: the calls that have it (ascending) and their values.
struct NumericColumn
{
    QString name;
    std::vector<std::uint32_t> rows;
    std::vector<double> values;
};

// A text call attribute, sparse: the calls that have it and an index into `values` (interned).
struct TextColumn
{
    QString name;
    QStringList values;
    std::vector<std::uint32_t> rows;
    std::vector<int> valueIndex;
};

// A sampled quantity beside the calls: a collector's memory and GPU samples (shape C), a model
// server's 100 ms snapshots (shape D), a trace's counters (shape E). Times in Unix s.
struct TimingSeries
{
    QString name;
    QString file;
    std::vector<double> time;
    std::vector<double> value;
};

// A moment with a name: a trace's instant event (shape E, `ph: "i"`).
struct TimingMarker
{
    double time = 0;
    QString name;
    QString file;
};

// What a file said about the machine it ran on (shape D `hardware_specs_<tier>.json`): its scalar
// fields as text, nested ones as compact JSON.
struct TimingSpec
{
    QString file;
    QString tier;
    QList<QPair<QString, QString>> fields;
};

struct TimingData
{
    // Per call, in the order read (not sorted by time: a timeline sorts its own view). start and
    // duration in seconds (start: Unix s); end() = start + duration. Attribute names the readers
    // give one meaning whatever the file called them: "uuid" (text), "memory_delta_mb" (shape B's
    // memory delta), "hardware_tier" (text, shape D).
    QStringList functions;     // the name table
    std::vector<int> function; // an index into functions
    std::vector<double> start;
    std::vector<double> duration;
    std::vector<std::uint8_t> ok; // 1: succeeded, 0: failed (an error recorded)
    std::vector<int> fileIndex;   // an index into files
    std::vector<int> line;        // the 1-based line the call was read from (0: none)
    QStringList files;            // the files read, in the order read

    std::vector<NumericColumn> numeric; // extra numeric fields of the calls
    std::vector<TextColumn> text;       // extra text fields of the calls
    QList<TimingError> errors;
    QList<TimingSeries> series;
    QList<TimingMarker> markers;
    QList<TimingSpec> specs;
    QList<TimingWarning> warnings;
    qint64 skippedLines = 0;      // lines without a JSON object (plain log messages): counted, not warned
    qint64 warningsNotListed = 0; // warnings past TimingBuilder::kMaxWarnings: counted only

    qsizetype size() const { return qsizetype(start.size()); }
    double end(qsizetype i) const { return start[size_t(i)] + duration[size_t(i)]; }
    QString functionName(qsizetype i) const { return functions.value(function[size_t(i)]); }
    // The numeric column of that name, or nullptr.
    const NumericColumn *numericColumn(const QString &name) const;
    const TextColumn *textColumn(const QString &name) const;
    // Appends another read (new calls of a followed file): names, attributes and files re-indexed.
    void append(const TimingData &other);
};

// Fills a TimingData: interns function names and attribute names straight from the bytes read.
class TimingBuilder
{
public:
    static constexpr int kMaxAttributes = 256; // distinct attribute names kept; more: one warning
    static constexpr int kMaxWarnings = 1000;  // warnings listed; more are counted in warningsNotListed

    explicit TimingBuilder(TimingData &data);

    TimingData &data() { return m_data; }
    int file(const QString &path);
    int function(QByteArrayView utf8);
    int function(QStringView name);
    // Room for that many calls in the per-call columns, and in the first attribute columns made
    // (no reallocation while they come; address space only until written).
    void reserve(qsizetype calls);
    // Appends a call; returns its index.
    qsizetype addCall(int function, double start, double duration, bool ok, int file, int line);
    // The column of that attribute name, or -1 past kMaxAttributes (warned once).
    int numericColumn(QByteArrayView utf8Name);
    int textColumn(QByteArrayView utf8Name);
    void setNumber(int column, qsizetype call, double value);
    void setText(int column, qsizetype call, QByteArrayView utf8Value);
    void setText(int column, qsizetype call, QStringView value);
    void warn(int file, int line, const QString &message);
    // Appends another TimingData (a piece of the same file read on another thread, new calls of a
    // followed file): names, attributes and files re-indexed, `lineOffset` added to its lines.
    void append(const TimingData &other, int lineOffset = 0);
    // The same; while no call has been added yet, the columns of `other` (one file) are taken over
    // instead of copied.
    void append(TimingData &&other, int lineOffset = 0);

private:
    bool roomForAttribute(int file);
    int internText(int column, QByteArrayView utf8Value); // the value's index in the column
    void rehash();
    TimingData &m_data;
    ByteTable m_functions;
    QHash<QByteArray, int> m_numeric;
    QHash<QByteArray, int> m_text;
    std::vector<ByteTable> m_textValues;
    bool m_warnedAttributes = false;
    qsizetype m_reserve = 0;
};
