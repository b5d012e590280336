#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>

// RFC 4180 pieces shared by the log writer and readers.
namespace Csv {

// A field as written: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
QByteArray escape(const QString &field);

struct Record
{
    int line = 0; // physical line (1-based) the record starts on
    QStringList fields;
    bool terminated = true; // ended with a line end (false: the data stopped inside it)
    bool openQuote = false; // the data stopped inside a quoted field
    bool nul = false;       // the record holds a NUL byte, which no CSV text does: it and the rest are not read
};

// Splits text into records with the log reader's scanner (internal/csvscanner.h), so both read a
// field alike: a quoted field followed by text is that text appended, as Python's csv reads it.
// Accepts \n and \r\n line ends and a UTF-8 BOM at the start. Pure.
QList<Record> parse(QByteArrayView text);

} // namespace Csv
