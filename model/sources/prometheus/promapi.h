#pragma once

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <limits>
#include <vector>

// The answers of Prometheus' HTTP API (/api/v1/query, /api/v1/query_range, /api/v1/targets,
// /api/v1/status/buildinfo) as plain values. Pure functions from the body's bytes; never throw.
//
// Sample values travel as JSON strings: "1.5", "NaN", "+Inf", "-Inf" all parse (to NaN and ±inf);
// the caller decides what is measured. Stale markers never reach the API's answers: a series that
// went stale simply has no point at those times.

// One series of a vector (one point) or a matrix (points in time order).
struct PromSeries
{
    QList<QPair<QString, QString>> labels; // sorted by name
    std::vector<qint64> timesMs;           // ms since the epoch
    std::vector<double> values;

    QString label(QStringView name) const
    {
        for (const auto &l : labels) {
            if (l.first == name)
                return l.second;
        }
        return {};
    }
};

struct PromApiAnswer
{
    enum class Type { None, Vector, Matrix, Scalar, String };
    bool ok = false;
    QString errorType;    // "bad_data", "timeout", "execution", … or our own "http", "json"
    QString error;        // the server's words, or why the body is not an answer
    QStringList warnings; // the answer's "warnings"
    Type type = Type::None;
    QList<PromSeries> series; // vector and matrix
    double scalar = std::numeric_limits<double>::quiet_NaN();
    qint64 scalarTimeMs = 0;
    QString text; // a string result

    // "bad_data: parse error at char 5" or "HTTP 502: Bad Gateway", for a person.
    QString errorText() const { return errorType.isEmpty() ? error : errorType + QStringLiteral(": ") + error; }
};

// A target of /api/v1/targets (active ones).
struct PromTarget
{
    QString instance;
    QString job;
    QString health; // "up", "down", "unknown"
    QString lastError;
    QString scrapeUrl;
    qint64 scrapeIntervalMs = 0; // 0: not said (older servers)
};

struct PromTargetsAnswer
{
    bool ok = false;
    QString error;
    QList<PromTarget> targets;
};

namespace PromApi {

// A sample value as the API writes it ("1.5", "NaN", "+Inf", "-Inf", "1e-3"); ok false for text
// that is no number.
double parseValue(QByteArrayView text, bool *ok = nullptr);
// "15s", "1m", "1m30s", "500ms", "2h" (Prometheus durations) in ms; 0 when it does not parse.
qint64 parseDurationMs(QStringView text);

// The body of /api/v1/query or /api/v1/query_range with its HTTP status. A success with a vector
// or a matrix takes a fast scanner (PromFastJson); anything else, or anything it does not expect,
// parseAnswerGeneric (QJsonDocument), with the same result.
PromApiAnswer parseAnswer(QByteArrayView body, int httpStatus);
PromApiAnswer parseAnswerGeneric(QByteArrayView body, int httpStatus);
PromTargetsAnswer parseTargets(QByteArrayView body, int httpStatus);
// The "version" of /api/v1/status/buildinfo, or an empty string with `error` set.
QString parseBuildVersion(QByteArrayView body, int httpStatus, QString *error);

} // namespace PromApi
