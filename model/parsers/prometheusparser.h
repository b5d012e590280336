#pragma once

#include "parsewarning.h"

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// One sample of the Prometheus text exposition format: `name{label="value",…} 42 [timestamp]`.
struct PromSample
{
    QString name;
    QList<QPair<QString, QString>> labels; // in the order written, values unescaped
    double value = 0;                      // may be NaN or ±Inf, as written
    std::optional<qint64> timestampMs;

    QString label(QStringView key) const;
};

struct PromParseResult
{
    QList<PromSample> samples;
    ParseWarnings warnings; // one per line that is not a comment, a blank or a valid sample
    // The body was Prometheus text at all: at least one valid sample, and not HTML or JSON.
    bool isExposition = false;
};

// Parses a /metrics body. Pure: comments and HELP/TYPE lines, labels with escaped quotes,
// backslashes and newlines, NaN/+Inf/-Inf, optional timestamps, histogram/summary series, and the
// llama.cpp build that wrapped the whole body in one quoted JSON string.
PromParseResult parsePrometheusText(QByteArrayView body);
