#include "timingdata.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TimingData", text);
}

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
    TimingBuilder b(*this);
    const qsizetype base = size();
    std::vector<int> fn(size_t(other.functions.size()));
    for (qsizetype i = 0; i < other.functions.size(); ++i)
        fn[size_t(i)] = b.function(other.functions[i]);
    std::vector<int> files(size_t(other.files.size()));
    for (qsizetype i = 0; i < other.files.size(); ++i)
        files[size_t(i)] = b.file(other.files[i]);
    for (qsizetype i = 0; i < other.size(); ++i) {
        const size_t k = size_t(i);
        b.addCall(fn[size_t(other.function[k])], other.start[k], other.duration[k], other.ok[k],
            files[size_t(other.fileIndex[k])], other.line[k]);
    }
    for (const NumericColumn &c : other.numeric) {
        const int col = b.numericColumn(c.name.toUtf8());
        for (size_t j = 0; col >= 0 && j < c.rows.size(); ++j)
            b.setNumber(col, base + c.rows[j], c.values[j]);
    }
    for (const TextColumn &c : other.text) {
        const int col = b.textColumn(c.name.toUtf8());
        for (size_t j = 0; col >= 0 && j < c.rows.size(); ++j)
            b.setText(col, base + c.rows[j], c.values[c.valueIndex[j]]);
    }
    for (TimingError e : other.errors) {
        if (e.call >= 0)
            e.call += base;
        errors.append(e);
    }
    series += other.series;
    markers += other.markers;
    specs += other.specs;
    warnings += other.warnings;
    skippedLines += other.skippedLines;
    warningsNotListed += other.warningsNotListed;
}

TimingBuilder::TimingBuilder(TimingData &data)
    : m_data(data)
{
    for (qsizetype i = 0; i < data.functions.size(); ++i)
        m_functions.insert(data.functions[i].toUtf8(), int(i));
    for (size_t i = 0; i < data.numeric.size(); ++i)
        m_numeric.insert(data.numeric[i].name.toUtf8(), int(i));
    for (size_t i = 0; i < data.text.size(); ++i) {
        m_text.insert(data.text[i].name.toUtf8(), int(i));
        QHash<QByteArray, int> values;
        for (qsizetype v = 0; v < data.text[i].values.size(); ++v)
            values.insert(data.text[i].values[v].toUtf8(), int(v));
        m_textValues.push_back(std::move(values));
    }
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
    const auto it = m_functions.constFind(key(utf8));
    if (it != m_functions.constEnd())
        return it.value();
    const int index = int(m_data.functions.size());
    m_data.functions.append(QString::fromUtf8(utf8));
    m_functions.insert(utf8.toByteArray(), index);
    return index;
}

int TimingBuilder::function(QStringView name)
{
    return function(QByteArrayView(name.toUtf8()));
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

void TimingBuilder::setText(int column, qsizetype call, QByteArrayView utf8Value)
{
    TextColumn &c = m_data.text[size_t(column)];
    QHash<QByteArray, int> &values = m_textValues[size_t(column)];
    auto it = values.constFind(key(utf8Value));
    int index = 0;
    if (it != values.constEnd()) {
        index = it.value();
    } else {
        index = int(c.values.size());
        c.values.append(QString::fromUtf8(utf8Value));
        values.insert(utf8Value.toByteArray(), index);
    }
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
