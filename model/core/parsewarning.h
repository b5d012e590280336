#pragma once

#include <QList>
#include <QString>

// A problem found while parsing text, with the 1-based line it was found on (0: the whole input).
struct ParseWarning
{
    int line = 0;
    QString detail;
};

using ParseWarnings = QList<ParseWarning>;
