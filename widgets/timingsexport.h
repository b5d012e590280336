#pragma once

#include "timingstats.h"

#include <QByteArray>
#include <QSize>
#include <QString>

class QWidget;

// What the Timings tab writes: the per-function statistics as CSV (JSON is TimingReport::toJson, the
// trace ChromeTrace::write), and where to.
namespace TimingsExport {

// One row per function, the columns of the table in seconds and fractions (not formatted), then the
// mean and max of each numeric attribute any function has.
QByteArray statisticsCsv(const TimingSummary &summary);
// Writes bytes to a file; false with the reason in *error.
bool writeFile(const QString &path, const QByteArray &bytes, QString *error);
// Asks for a picture file (PNG or SVG) and its size; false when cancelled.
bool askPicture(QWidget *parent, const QString &suggestedPath, QSize onScreen, QString *path, QSize *size);

} // namespace TimingsExport
