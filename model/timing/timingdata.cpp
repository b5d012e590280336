#include "timingdata.h"

#include "hugepages.h"
#include "parallel.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <utility>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimingData", text);
}

constexpr size_t kReservedColumns = 8;     // attribute columns of each kind given room by reserve()
constexpr size_t kParallelCalls = 1 << 16; // appending this many calls: the columns copied on two threads

QByteArray key(QByteArrayView utf8)
{
    return QByteArray::fromRawData(utf8.data(), utf8.size());
}
} // namespace

const NumericColumn *TimingData::numericColumn(const QString &name) const
{
    for (const NumericColumn &c : numeric) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

const TextColumn *TimingData::textColumn(const QString &name) const
{
    for (const TextColumn &c : text) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

void TimingData::append(const TimingData &other)
{
    TimingBuilder(*this).append(other);
}

TimingBuilder::TimingBuilder(TimingData &data)
    : m_data(data)
{
    rehash();
}

void TimingBuilder::rehash()
{
    m_functions.clear();
    m_numeric.clear();
    m_text.clear();
    m_textValues.clear();
    for (qsizetype i = 0; i < m_data.functions.size(); ++i) {
        const QByteArray name = m_data.functions[i].toUtf8();
        if (m_functions.find(name) < 0)
            m_functions.insert(name, int(i));
    }
    for (size_t i = 0; i < m_data.numeric.size(); ++i)
        m_numeric.insert(m_data.numeric[i].name.toUtf8(), int(i));
    for (size_t i = 0; i < m_data.text.size(); ++i) {
        m_text.insert(m_data.text[i].name.toUtf8(), int(i));
        ByteTable values;
        for (qsizetype v = 0; v < m_data.text[i].values.size(); ++v) {
            const QByteArray value = m_data.text[i].values[v].toUtf8();
            if (values.find(value) < 0)
                values.insert(value, int(v));
        }
        m_textValues.push_back(std::move(values));
    }
}

void TimingBuilder::append(TimingData &&other, int lineOffset)
{
    const bool empty = m_data.size() == 0 && m_data.functions.isEmpty() && m_data.numeric.empty() && m_data.text.empty()
        && m_data.errors.isEmpty();
    if (!empty || lineOffset != 0 || other.files.size() != 1) {
        append(static_cast<const TimingData &>(other), lineOffset);
        return;
    }
    const int f = file(other.files.first());
    m_data.functions = std::move(other.functions);
    m_data.function = std::move(other.function);
    m_data.start = std::move(other.start);
    m_data.duration = std::move(other.duration);
    m_data.ok = std::move(other.ok);
    m_data.fileIndex = std::move(other.fileIndex);
    if (f != 0)
        std::fill(m_data.fileIndex.begin(), m_data.fileIndex.end(), f);
    m_data.line = std::move(other.line);
    m_data.numeric = std::move(other.numeric);
    m_data.text = std::move(other.text);
    m_data.errors = std::move(other.errors);
    m_data.series += other.series;
    m_data.markers += other.markers;
    m_data.specs += other.specs;
    for (const TimingWarning &w : std::as_const(other.warnings)) {
        if (m_data.warnings.size() < kMaxWarnings)
            m_data.warnings.append(w);
        else
            ++m_data.warningsNotListed;
    }
    m_data.skippedLines += other.skippedLines;
    m_data.warningsNotListed += other.warningsNotListed;
    rehash();
}

int TimingBuilder::file(const QString &path)
{
    const qsizetype i = m_data.files.indexOf(path);
    if (i >= 0)
        return int(i);
    m_data.files.append(path);
    return int(m_data.files.size() - 1);
}

int TimingBuilder::function(QByteArrayView utf8)
{
    if (const int found = m_functions.find(utf8); found >= 0)
        return found;
    const int index = int(m_data.functions.size());
    m_data.functions.append(QString::fromUtf8(utf8));
    m_functions.insert(utf8, index);
    return index;
}

int TimingBuilder::function(QStringView name)
{
    return function(QByteArrayView(name.toUtf8()));
}

void TimingBuilder::reserve(qsizetype calls)
{
    m_reserve = calls;
    const size_t n = size_t(m_data.size() + calls);
    m_data.function.reserve(n);
    m_data.start.reserve(n);
    m_data.duration.reserve(n);
    m_data.ok.reserve(n);
    m_data.fileIndex.reserve(n);
    m_data.line.reserve(n);
    adviseHugePages(m_data.function);
    adviseHugePages(m_data.start);
    adviseHugePages(m_data.duration);
    adviseHugePages(m_data.ok);
    adviseHugePages(m_data.fileIndex);
    adviseHugePages(m_data.line);
}

qsizetype TimingBuilder::addCall(int function, double start, double duration, bool ok, int file, int line)
{
    m_data.function.push_back(function);
    m_data.start.push_back(start);
    m_data.duration.push_back(duration);
    m_data.ok.push_back(ok ? 1 : 0);
    m_data.fileIndex.push_back(file);
    m_data.line.push_back(line);
    return m_data.size() - 1;
}

bool TimingBuilder::roomForAttribute(int file)
{
    if (m_numeric.size() + m_text.size() < kMaxAttributes)
        return true;
    if (!m_warnedAttributes) {
        m_warnedAttributes = true;
        warn(file, 0, tr("more than %1 distinct attribute names: the others are not kept").arg(kMaxAttributes));
    }
    return false;
}

int TimingBuilder::numericColumn(QByteArrayView utf8Name)
{
    const auto it = m_numeric.constFind(key(utf8Name));
    if (it != m_numeric.constEnd())
        return it.value();
    if (!roomForAttribute(m_data.files.size() - 1))
        return -1;
    m_data.numeric.push_back(NumericColumn { QString::fromUtf8(utf8Name), {}, {} });
    if (m_data.numeric.size() <= kReservedColumns) {
        m_data.numeric.back().rows.reserve(size_t(m_reserve));
        m_data.numeric.back().values.reserve(size_t(m_reserve));
        adviseHugePages(m_data.numeric.back().rows);
        adviseHugePages(m_data.numeric.back().values);
    }
    const int index = int(m_data.numeric.size() - 1);
    m_numeric.insert(utf8Name.toByteArray(), index);
    return index;
}

int TimingBuilder::textColumn(QByteArrayView utf8Name)
{
    const auto it = m_text.constFind(key(utf8Name));
    if (it != m_text.constEnd())
        return it.value();
    if (!roomForAttribute(m_data.files.size() - 1))
        return -1;
    m_data.text.push_back(TextColumn { QString::fromUtf8(utf8Name), {}, {}, {} });
    if (m_data.text.size() <= kReservedColumns) {
        m_data.text.back().rows.reserve(size_t(m_reserve));
        m_data.text.back().valueIndex.reserve(size_t(m_reserve));
        adviseHugePages(m_data.text.back().rows);
        adviseHugePages(m_data.text.back().valueIndex);
    }
    m_textValues.emplace_back();
    const int index = int(m_data.text.size() - 1);
    m_text.insert(utf8Name.toByteArray(), index);
    return index;
}

void TimingBuilder::setNumber(int column, qsizetype call, double value)
{
    NumericColumn &c = m_data.numeric[size_t(column)];
    c.rows.push_back(std::uint32_t(call));
    c.values.push_back(value);
}

int TimingBuilder::internText(int column, QByteArrayView utf8Value)
{
    ByteTable &values = m_textValues[size_t(column)];
    int index = values.find(utf8Value);
    if (index < 0) {
        TextColumn &c = m_data.text[size_t(column)];
        index = int(c.values.size());
        c.values.append(QString::fromUtf8(utf8Value));
        values.insert(utf8Value, index);
    }
    return index;
}

void TimingBuilder::setText(int column, qsizetype call, QByteArrayView utf8Value)
{
    TextColumn &c = m_data.text[size_t(column)];
    const int index = internText(column, utf8Value);
    c.rows.push_back(std::uint32_t(call));
    c.valueIndex.push_back(index);
}

void TimingBuilder::setText(int column, qsizetype call, QStringView value)
{
    setText(column, call, QByteArrayView(value.toUtf8()));
}

void TimingBuilder::warn(int file, int line, const QString &message)
{
    if (m_data.warnings.size() >= kMaxWarnings) {
        ++m_data.warningsNotListed;
        return;
    }
    m_data.warnings.append(TimingWarning { m_data.files.value(file), line, message });
}

void TimingBuilder::append(const TimingData &other, int lineOffset)
{
    const std::uint32_t base = std::uint32_t(m_data.size());
    std::vector<int> fn(size_t(other.functions.size()));
    for (qsizetype i = 0; i < other.functions.size(); ++i)
        fn[size_t(i)] = function(QStringView(other.functions[i]));
    std::vector<int> files(size_t(other.files.size()));
    for (qsizetype i = 0; i < other.files.size(); ++i)
        files[size_t(i)] = file(other.files[i]);
    // Names and values re-indexed first; then each column copied on its own, the columns shared
    // out between two threads when there are many calls (a piece of a large file).
    std::vector<std::function<void()>> copies;
    const size_t n = size_t(other.size());
    copies.emplace_back([&] {
        m_data.function.reserve(m_data.function.size() + n);
        for (size_t i = 0; i < n; ++i)
            m_data.function.push_back(fn[size_t(other.function[i])]);
    });
    copies.emplace_back([&] {
        m_data.fileIndex.reserve(m_data.fileIndex.size() + n);
        for (size_t i = 0; i < n; ++i)
            m_data.fileIndex.push_back(files[size_t(other.fileIndex[i])]);
    });
    copies.emplace_back([&] {
        m_data.line.reserve(m_data.line.size() + n);
        for (size_t i = 0; i < n; ++i)
            m_data.line.push_back(other.line[i] > 0 ? other.line[i] + lineOffset : 0);
    });
    copies.emplace_back([&] { m_data.start.insert(m_data.start.end(), other.start.begin(), other.start.end()); });
    copies.emplace_back(
        [&] { m_data.duration.insert(m_data.duration.end(), other.duration.begin(), other.duration.end()); });
    copies.emplace_back([&] { m_data.ok.insert(m_data.ok.end(), other.ok.begin(), other.ok.end()); });
    for (const NumericColumn &c : other.numeric) {
        const int col = numericColumn(QByteArrayView(c.name.toUtf8()));
        if (col < 0)
            continue;
        // The column found inside: making the next column may move them all.
        copies.emplace_back([this, &c, col, base] {
            NumericColumn &to = m_data.numeric[size_t(col)];
            to.rows.reserve(to.rows.size() + c.rows.size());
            for (const std::uint32_t row : c.rows)
                to.rows.push_back(row + base);
            to.values.insert(to.values.end(), c.values.begin(), c.values.end());
        });
    }
    std::vector<std::vector<int>> valueOf; // per text column: its value indices here
    valueOf.reserve(other.text.size());
    for (const TextColumn &c : other.text) {
        const int col = textColumn(QByteArrayView(c.name.toUtf8()));
        if (col < 0)
            continue;
        // Every value of a column has a call, and values are numbered as first met: interning
        // them in their order keeps the order they would have had if read here.
        std::vector<int> &of = valueOf.emplace_back(size_t(c.values.size()));
        for (qsizetype v = 0; v < c.values.size(); ++v)
            of[size_t(v)] = internText(col, QByteArrayView(c.values[v].toUtf8()));
        copies.emplace_back([this, &c, col, &of, base] {
            TextColumn &to = m_data.text[size_t(col)];
            to.rows.reserve(to.rows.size() + c.rows.size());
            to.valueIndex.reserve(to.valueIndex.size() + c.rows.size());
            for (size_t j = 0; j < c.rows.size(); ++j) {
                to.rows.push_back(c.rows[j] + base);
                to.valueIndex.push_back(of[size_t(c.valueIndex[j])]);
            }
        });
    }
    // Taken in turn, not shared out in advance: on a busy machine a thread that starts late finds
    // the copies done by the other instead of making it wait for its share.
    const int threads = n >= kParallelCalls ? std::clamp(int(std::thread::hardware_concurrency()), 1, 2) : 1;
    std::atomic<size_t> next { 0 };
    Parallel::runTogether(threads, [&](int) {
        for (size_t i = next++; i < copies.size(); i = next++)
            copies[i]();
    });
    for (TimingError e : other.errors) {
        if (e.call >= 0)
            e.call += base;
        e.line = e.line > 0 ? e.line + lineOffset : 0;
        m_data.errors.append(e);
    }
    m_data.series += other.series;
    m_data.markers += other.markers;
    m_data.specs += other.specs;
    for (TimingWarning w : other.warnings) {
        w.line = w.line > 0 ? w.line + lineOffset : 0;
        if (m_data.warnings.size() < kMaxWarnings)
            m_data.warnings.append(w);
        else
            ++m_data.warningsNotListed;
    }
    m_data.skippedLines += other.skippedLines;
    m_data.warningsNotListed += other.warningsNotListed;
}
