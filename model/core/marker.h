#pragma once

#include <QCoreApplication>
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

namespace MarkerText {

// Why `text` (a marker's label or notes, named `field`) cannot be stored, or an empty string. A
// control character other than tab and newline (a NUL, an escape, a carriage return, DEL, C1) has
// no place in a log a person reads, and a NUL is dropped by readers with the row around it.
inline QString fieldProblem(const QString &text, const QString &field)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c == u'\t' || c == u'\n' || !(c < 0x20 || (c >= 0x7f && c <= 0x9f)))
            continue;
        return QCoreApplication::translate(
            "MarkerText", "the %1 holds a control character (U+%2) at position %3; only tab and newline are allowed")
            .arg(field, QStringLiteral("%1").arg(int(c), 4, 16, QLatin1Char('0')).toUpper())
            .arg(i + 1);
    }
    return {};
}

// The first problem of a marker's label and notes, or an empty string.
inline QString problem(const QString &label, const QString &notes)
{
    const QString inLabel = fieldProblem(label, QStringLiteral("label"));
    return inLabel.isEmpty() ? fieldProblem(notes, QStringLiteral("notes")) : inLabel;
}

// The text with those characters removed, for what a person typed or pasted.
inline QString cleaned(QString text)
{
    text.removeIf([](QChar ch) {
        const char16_t c = ch.unicode();
        return c != u'\t' && c != u'\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f));
    });
    return text;
}

} // namespace MarkerText
