#pragma once

#include "promapi.h"

// The fast path of PromApi::parseAnswer: a scanner made for the one shape a refresh brings (a
// success with a vector or matrix result), reading the bytes in one pass without building a JSON
// document: a fleet answer of 100 machines is parsed in a fraction of QJsonDocument's time
// (bench_promfleet). Returns false for anything else (an error answer, another result type,
// malformed or unusual JSON), and the caller takes the general path.
namespace PromFastJson {
bool parseSeriesAnswer(QByteArrayView body, PromApiAnswer *answer);
} // namespace PromFastJson
