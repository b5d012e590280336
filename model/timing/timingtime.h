#pragma once

#include <QString>

// Times in timing logs: Unix seconds as a number, or ISO 8601 text ("2026-11-22T14:30:22.125+01:00",
// a space instead of the T as Python's str(datetime) writes, no offset: the local time of this
// computer, as the instrumented program wrote it). NaN when neither.
namespace TimingTime {
double parse(const QString &text);
} // namespace TimingTime
