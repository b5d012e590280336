#pragma once

#include <QString>

// A moment the person (or a script) marked, with a label and notes.
struct Marker
{
    int id = 0;        // unique within a session; 0 = not stored yet
    qint64 timeMs = 0; // the marked moment, ms since the Unix epoch
    QString label;
    QString notes;
    QString machine;       // a machine id, or empty for all machines
    QString recordedLabel; // the label in the log row; with timeMs it names the marker in the sidecar
};
