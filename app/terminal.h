#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>

// What the terminal commands (analyze, timings, mark, log) say, said one way: a message on stderr
// starting "perfdash: ", and output on stdout written whole and flushed.
namespace Terminal {

// Says `message` on stderr ("perfdash: message") and returns 1, the exit status of a command that
// could not do its work.
inline int fail(const QString &message)
{
    std::fputs(qPrintable(QStringLiteral("perfdash: ") + message + u'\n'), stderr);
    return 1;
}

inline void print(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace Terminal
