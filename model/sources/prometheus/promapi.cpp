#include "promapi.h"

#include "promfastjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("PromApi", text);
}

// The first line of a body that is not JSON, for "HTTP 502: …".
QString firstLine(QByteArrayView body)
{
    QByteArrayView line = body.first(std::min<qsizetype>(body.size(), 200));
    if (const qsizetype eol = line.indexOf('\n'); eol >= 0)
        line = line.first(eol);
    return QString::fromUtf8(line).trimmed();
}

qint64 secondsToMs(const QJsonValue &v)
{
    return std::llround(v.toDouble() * 1000.0);
}

// Reads {"status": …, "errorType": …, "error": …, "warnings": […]}; returns the "data" object when
// the answer is a success, else fills the error and returns an empty object.
template<typename Answer> QJsonValue envelope(QByteArrayView body, int httpStatus, Answer &out, QStringList *warnings)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject top = doc.object();
    if (warnings) {
        for (const QJsonValue &w : top.value(QLatin1String("warnings")).toArray())
            warnings->append(w.toString());
    }
    const QString status = top.value(QLatin1String("status")).toString();
    if (isObject && status == QLatin1String("error")) {
        QString type = top.value(QLatin1String("errorType")).toString();
        QString text = top.value(QLatin1String("error")).toString();
        if constexpr (std::is_same_v<Answer, PromApiAnswer>)
            out.errorType = type;
        else if (!type.isEmpty())
            text = type + QStringLiteral(": ") + text;
        out.error = text.isEmpty() ? tr("HTTP %1").arg(httpStatus) : text;
        return {};
    }
    if (httpStatus < 200 || httpStatus > 299 || !isObject || status != QLatin1String("success")) {
        if constexpr (std::is_same_v<Answer, PromApiAnswer>)
            out.errorType = httpStatus < 200 || httpStatus > 299 ? QStringLiteral("http") : QStringLiteral("json");
        if (httpStatus < 200 || httpStatus > 299)
            out.error = tr("HTTP %1: %2").arg(httpStatus).arg(firstLine(body));
        else if (!isObject)
            out.error = tr("the answer is not Prometheus API JSON: %1").arg(firstLine(body));
        else
            out.error = tr("the answer's status is \"%1\", not \"success\"").arg(status);
        return {};
    }
    out.ok = true;
    return top.value(QLatin1String("data"));
}

// [ <time>, "<value>" ]
bool readPoint(const QJsonValue &point, qint64 *timeMs, double *value)
{
    const QJsonArray pair = point.toArray();
    if (pair.size() != 2 || !pair.at(0).isDouble() || !pair.at(1).isString())
        return false;
    *timeMs = secondsToMs(pair.at(0));
    bool ok = false;
    *value = PromApi::parseValue(pair.at(1).toString().toUtf8(), &ok);
    return ok;
}

bool readSeries(const QJsonObject &object, bool matrix, PromSeries *series)
{
    const QJsonObject metric = object.value(QLatin1String("metric")).toObject();
    series->labels.reserve(metric.size());
    for (auto it = metric.begin(); it != metric.end(); ++it)
        series->labels.append({ it.key(), it.value().toString() });
    qint64 t = 0;
    double v = 0;
    if (!matrix) {
        if (!readPoint(object.value(QLatin1String("value")), &t, &v))
            return false;
        series->timesMs.push_back(t);
        series->values.push_back(v);
        return true;
    }
    const QJsonArray points = object.value(QLatin1String("values")).toArray();
    series->timesMs.reserve(size_t(points.size()));
    series->values.reserve(size_t(points.size()));
    for (const QJsonValue &p : points) {
        if (!readPoint(p, &t, &v))
            return false;
        series->timesMs.push_back(t);
        series->values.push_back(v);
    }
    return true;
}
} // namespace

double PromApi::parseValue(QByteArrayView text, bool *ok)
{
    if (ok)
        *ok = true;
    if (text == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (text == "+Inf" || text == "Inf")
        return std::numeric_limits<double>::infinity();
    if (text == "-Inf")
        return -std::numeric_limits<double>::infinity();
    char buffer[64];
    if (text.isEmpty() || text.size() >= qsizetype(sizeof buffer)) {
        if (ok)
            *ok = false;
        return std::numeric_limits<double>::quiet_NaN();
    }
    memcpy(buffer, text.data(), size_t(text.size()));
    buffer[text.size()] = 0;
    char *end = nullptr;
    const double v = std::strtod(buffer, &end);
    if (end != buffer + text.size()) {
        if (ok)
            *ok = false;
        return std::numeric_limits<double>::quiet_NaN();
    }
    return v;
}

qint64 PromApi::parseDurationMs(QStringView text)
{
    static const struct
    {
        const char *unit;
        qint64 ms;
    } units[] = { { "ms", 1 }, { "y", 365LL * 86400000 }, { "w", 7LL * 86400000 }, { "d", 86400000 }, { "h", 3600000 },
        { "m", 60000 }, { "s", 1000 } };
    qint64 total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype digits = i;
        while (digits < text.size() && text[digits].isDigit())
            ++digits;
        if (digits == i)
            return 0;
        const qint64 n = text.mid(i, digits - i).toLongLong();
        i = digits;
        bool matched = false;
        for (const auto &u : units) {
            const QLatin1String unit(u.unit);
            if (text.mid(i).startsWith(unit)) {
                total += n * u.ms;
                i += unit.size();
                matched = true;
                break;
            }
        }
        if (!matched)
            return 0;
    }
    return total;
}

PromApiAnswer PromApi::parseAnswer(QByteArrayView body, int httpStatus)
{
    if (httpStatus >= 200 && httpStatus <= 299) {
        PromApiAnswer fast;
        if (PromFastJson::parseSeriesAnswer(body, &fast))
            return fast;
    }
    return parseAnswerGeneric(body, httpStatus);
}

PromApiAnswer PromApi::parseAnswerGeneric(QByteArrayView body, int httpStatus)
{
    PromApiAnswer answer;
    const QJsonObject data = envelope(body, httpStatus, answer, &answer.warnings).toObject();
    if (!answer.ok)
        return answer;
    const QString type = data.value(QLatin1String("resultType")).toString();
    const QJsonValue result = data.value(QLatin1String("result"));
    auto bad = [&answer](const QString &why) {
        answer.ok = false;
        answer.errorType = QStringLiteral("json");
        answer.error = why;
        return answer;
    };
    if (type == QLatin1String("vector") || type == QLatin1String("matrix")) {
        const bool matrix = type == QLatin1String("matrix");
        answer.type = matrix ? PromApiAnswer::Type::Matrix : PromApiAnswer::Type::Vector;
        const QJsonArray list = result.toArray();
        answer.series.reserve(list.size());
        for (const QJsonValue &s : list) {
            PromSeries series;
            if (!readSeries(s.toObject(), matrix, &series))
                return bad(tr("a %1 series with a malformed sample").arg(type));
            answer.series.append(std::move(series));
        }
    } else if (type == QLatin1String("scalar")) {
        answer.type = PromApiAnswer::Type::Scalar;
        if (!readPoint(result, &answer.scalarTimeMs, &answer.scalar))
            return bad(tr("a malformed scalar"));
    } else if (type == QLatin1String("string")) {
        answer.type = PromApiAnswer::Type::String;
        const QJsonArray pair = result.toArray();
        answer.scalarTimeMs = secondsToMs(pair.at(0));
        answer.text = pair.at(1).toString();
    } else {
        return bad(tr("unknown resultType \"%1\"").arg(type));
    }
    return answer;
}

PromTargetsAnswer PromApi::parseTargets(QByteArrayView body, int httpStatus)
{
    PromTargetsAnswer answer;
    const QJsonObject data = envelope(body, httpStatus, answer, nullptr).toObject();
    if (!answer.ok)
        return answer;
    for (const QJsonValue &v : data.value(QLatin1String("activeTargets")).toArray()) {
        const QJsonObject o = v.toObject();
        const QJsonObject labels = o.value(QLatin1String("labels")).toObject();
        PromTarget t;
        t.instance = labels.value(QLatin1String("instance")).toString();
        t.job = labels.value(QLatin1String("job")).toString();
        t.health = o.value(QLatin1String("health")).toString();
        t.lastError = o.value(QLatin1String("lastError")).toString();
        t.scrapeUrl = o.value(QLatin1String("scrapeUrl")).toString();
        t.scrapeIntervalMs = parseDurationMs(o.value(QLatin1String("scrapeInterval")).toString());
        answer.targets.append(t);
    }
    return answer;
}

QString PromApi::parseBuildVersion(QByteArrayView body, int httpStatus, QString *error)
{
    PromTargetsAnswer answer; // only its ok and error are used
    const QJsonObject data = envelope(body, httpStatus, answer, nullptr).toObject();
    if (!answer.ok) {
        if (error)
            *error = answer.error;
        return {};
    }
    return data.value(QLatin1String("version")).toString();
}
