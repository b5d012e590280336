#include "promfastjson.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace {

class Scanner
{
public:
    explicit Scanner(QByteArrayView bytes)
        : m_p(bytes.data())
        , m_end(bytes.data() + bytes.size())
    { }

    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }
    // A string without escapes as raw bytes (the common case); with escapes: false.
    bool rawString(QByteArrayView *out)
    {
        if (!take('"'))
            return false;
        const char *start = m_p;
        while (m_p != m_end && *m_p != '"') {
            if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        *out = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    bool number(double *out)
    {
        skipSpace();
        char buffer[48];
        qsizetype n = 0;
        while (m_p != m_end && n < qsizetype(sizeof buffer) - 1
            && (std::isdigit(static_cast<unsigned char>(*m_p)) || *m_p == '.' || *m_p == '-' || *m_p == '+'
                || *m_p == 'e' || *m_p == 'E'))
            buffer[n++] = *m_p++;
        if (n == 0)
            return false;
        buffer[n] = 0;
        char *end = nullptr;
        *out = std::strtod(buffer, &end);
        return end == buffer + n;
    }
    // [ <seconds>, "<value>" ]
    bool point(qint64 *timeMs, double *value)
    {
        double seconds = 0;
        QByteArrayView text;
        if (!take('[') || !number(&seconds) || !take(',') || !rawString(&text) || !take(']'))
            return false;
        bool ok = false;
        *value = PromApi::parseValue(text, &ok);
        *timeMs = std::llround(seconds * 1000.0);
        return ok;
    }

private:
    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    const char *m_p;
    const char *m_end;
};

// {"name": "value", …}; label names repeat in every series: the previous series' strings are reused.
bool readLabels(Scanner &s, PromSeries *series, const PromSeries *previous)
{
    if (!s.take('{'))
        return false;
    if (s.take('}'))
        return true;
    do {
        QByteArrayView key;
        QByteArrayView value;
        if (!s.rawString(&key) || !s.take(':') || !s.rawString(&value))
            return false;
        const qsizetype i = series->labels.size();
        const bool sameKey = previous && i < previous->labels.size()
            && previous->labels[i].first == QLatin1String(key.data(), key.size());
        series->labels.append(
            { sameKey ? previous->labels[i].first : QString::fromUtf8(key), QString::fromUtf8(value) });
    } while (s.take(','));
    // Sorted by name, as the general path (QJsonObject) gives them; Prometheus writes them so.
    const auto byName
        = [](const QPair<QString, QString> &a, const QPair<QString, QString> &b) { return a.first < b.first; };
    if (!std::is_sorted(series->labels.begin(), series->labels.end(), byName))
        std::sort(series->labels.begin(), series->labels.end(), byName);
    return s.take('}');
}

// {"metric": {…}, "value": […]} or {"metric": {…}, "values": [[…], …]}
bool readSeries(Scanner &s, bool matrix, PromSeries *series, const PromSeries *previous)
{
    if (!s.take('{'))
        return false;
    bool hasMetric = false;
    bool hasPoints = false;
    do {
        QByteArrayView key;
        if (!s.rawString(&key) || !s.take(':'))
            return false;
        qint64 t = 0;
        double v = 0;
        if (key == "metric" && !hasMetric) {
            hasMetric = readLabels(s, series, previous);
            if (!hasMetric)
                return false;
        } else if (key == "value" && !matrix && !hasPoints) {
            if (!s.point(&t, &v))
                return false;
            series->timesMs.push_back(t);
            series->values.push_back(v);
            hasPoints = true;
        } else if (key == "values" && matrix && !hasPoints) {
            if (!s.take('['))
                return false;
            if (!s.take(']')) {
                do {
                    if (!s.point(&t, &v))
                        return false;
                    series->timesMs.push_back(t);
                    series->values.push_back(v);
                } while (s.take(','));
                if (!s.take(']'))
                    return false;
            }
            hasPoints = true;
        } else {
            return false; // anything else: the general path
        }
    } while (s.take(','));
    return s.take('}') && hasMetric && hasPoints;
}

// {"resultType": "vector"|"matrix", "result": [ … ]}, in that order (as Prometheus writes it).
bool readData(Scanner &s, PromApiAnswer *answer)
{
    QByteArrayView key;
    QByteArrayView type;
    if (!s.take('{') || !s.rawString(&key) || key != "resultType" || !s.take(':') || !s.rawString(&type))
        return false;
    const bool matrix = type == "matrix";
    if (!matrix && type != "vector")
        return false;
    answer->type = matrix ? PromApiAnswer::Type::Matrix : PromApiAnswer::Type::Vector;
    if (!s.take(',') || !s.rawString(&key) || key != "result" || !s.take(':') || !s.take('['))
        return false;
    if (!s.take(']')) {
        do {
            PromSeries series;
            if (!readSeries(s, matrix, &series, answer->series.isEmpty() ? nullptr : &answer->series.constLast()))
                return false;
            answer->series.append(std::move(series));
        } while (s.take(','));
        if (!s.take(']'))
            return false;
    }
    return s.take('}');
}

} // namespace

bool PromFastJson::parseSeriesAnswer(QByteArrayView body, PromApiAnswer *answer)
{
    // {"status":"success","data":{…}[,"warnings":[…]]}
    Scanner s(body);
    QByteArrayView key;
    QByteArrayView status;
    if (!s.take('{') || !s.rawString(&key) || key != "status" || !s.take(':') || !s.rawString(&status)
        || status != "success" || !s.take(',') || !s.rawString(&key) || key != "data" || !s.take(':')
        || !readData(s, answer))
        return false;
    while (s.take(',')) {
        if (!s.rawString(&key) || key != "warnings" || !s.take(':') || !s.take('['))
            return false;
        if (!s.take(']')) {
            do {
                QByteArrayView w;
                if (!s.rawString(&w))
                    return false;
                answer->warnings << QString::fromUtf8(w);
            } while (s.take(','));
            if (!s.take(']'))
                return false;
        }
    }
    if (!s.take('}') || !s.atEnd())
        return false;
    answer->ok = true;
    return true;
}
