#include "timingfilesummary.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

TimingShape TimingFileSummary::shapeOf(const QString &path)
{
    if (!QFileInfo(path).isFile()) // a FIFO or a device would wait forever
        return TimingShape::Unknown;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return TimingShape::Unknown;
    return TimingReader::detect(f.read(TimingReader::kHeadBytes));
}

TimingFileSummary TimingFileSummary::of(const QString &path)
{
    TimingFileSummary s;
    s.path = path;
    s.shape = shapeOf(path);
    const TimingReadResult read = TimingReader::read(path);
    if (!read.data) {
        s.error = read.error;
        return s;
    }
    const TimingData &d = *read.data;
    s.calls = d.size();
    s.functions = int(d.functions.size());
    s.errors = int(d.errors.size());
    for (qsizetype i = 0; i < d.size(); ++i) {
        const double from = d.start[size_t(i)];
        const double to = d.end(i);
        s.start = std::isnan(s.start) ? from : std::min(s.start, from);
        s.end = std::isnan(s.end) ? to : std::max(s.end, to);
    }
    return s;
}
