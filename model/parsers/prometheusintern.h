#pragma once

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <cstring>
#include <vector>

// The Prometheus parser's intern cache: a scrape's thousands of repeated names, label values and
// label sets made into strings once, found again by their bytes.
namespace PromIntern {

// A fast hash of a short byte string: 16 bytes a step in two independent lanes, so the
// multiplications overlap. Only for the caches below (ViewCache), which compare the bytes on a hit anyway.
inline size_t hashBytes(const char *data, qsizetype size)
{
    constexpr quint64 kMul = 0xFF51AFD7ED558CCDULL;
    quint64 a = 0x9E3779B97F4A7C15ULL ^ quint64(size);
    quint64 b = 0xC4CEB9FE1A85EC53ULL;
    qsizetype i = 0;
    for (; i + 16 <= size; i += 16) {
        quint64 x, y;
        std::memcpy(&x, data + i, 8);
        std::memcpy(&y, data + i + 8, 8);
        a = (a ^ x) * kMul;
        b = (b ^ y) * kMul;
        a ^= a >> 29;
        b ^= b >> 31;
    }
    if (i + 8 <= size) {
        quint64 x;
        std::memcpy(&x, data + i, 8);
        a = (a ^ x) * kMul;
        a ^= a >> 29;
        i += 8;
    }
    if (i < size) {
        quint64 y = 0;
        std::memcpy(&y, data + i, size_t(size - i));
        b = (b ^ y) * kMul;
        b ^= b >> 31;
    }
    const quint64 h = (a ^ (b >> 1)) * kMul;
    return size_t(h ^ (h >> 32));
}

// A direct-mapped cache from raw bytes (a view into the body, which outlives the parse) to a
// value made from them. A collision just replaces the entry: correct, only slower.
template<typename Value, size_t Size> class ViewCache
{
    static_assert((Size & (Size - 1)) == 0, "a power of two");

public:
    ViewCache()
        : m_entries(Size)
    { }

    // The cached value for `key`, or nullptr; `slot` is where to store() on a miss.
    const Value *find(QByteArrayView key, size_t &slot) const
    {
        slot = hashBytes(key.data(), key.size()) & (Size - 1);
        const Entry &e = m_entries[slot];
        if (e.used && e.key.size() == key.size() && std::memcmp(e.key.data(), key.data(), size_t(key.size())) == 0)
            return &e.value;
        return nullptr;
    }
    const Value &store(size_t slot, QByteArrayView key, Value value)
    {
        Entry &e = m_entries[slot];
        e.key = key;
        e.value = std::move(value);
        e.used = true;
        return e.value;
    }

private:
    struct Entry
    {
        QByteArrayView key;
        Value value;
        bool used = false;
    };
    std::vector<Entry> m_entries;
};

// Label values as written between the quotes: \\, \" and \n are the only escapes.
QString unescapeLabelValue(QByteArrayView raw);

struct LabelView
{
    QByteArrayView name;
    QByteArrayView rawValue; // between the quotes, still escaped
    bool escaped = false;
};

using Labels = QList<QPair<QString, QString>>;

// The strings of one parse: views into its body, which outlives it, are the keys.
class Interner
{
public:
    QString name(QByteArrayView bytes)
    {
        size_t slot;
        if (const QString *s = m_strings.find(bytes, slot))
            return *s;
        return m_strings.store(slot, bytes, QString::fromUtf8(bytes));
    }
    QString value(const LabelView &l)
    {
        if (!l.escaped)
            return name(l.rawValue);
        size_t slot;
        if (const QString *s = m_escapedValues.find(l.rawValue, slot))
            return *s;
        return m_escapedValues.store(slot, l.rawValue, unescapeLabelValue(l.rawValue));
    }
    // The labels of a label block as written (`block`, braces included), parsed into `labels`.
    Labels labelSet(QByteArrayView block, const std::vector<LabelView> &labels)
    {
        size_t slot;
        if (const Labels *cached = m_labelSets.find(block, slot))
            return *cached;
        Labels set;
        set.reserve(qsizetype(labels.size()));
        for (const LabelView &l : labels)
            set.append({ name(l.name), value(l) });
        return m_labelSets.store(slot, block, std::move(set));
    }

private:
    ViewCache<QString, 1024> m_strings;
    ViewCache<QString, 256> m_escapedValues;
    ViewCache<Labels, 512> m_labelSets;
};

} // namespace PromIntern
