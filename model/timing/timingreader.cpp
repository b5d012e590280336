#include "timingreader.h"

#include "timingformats.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TimingReader", text);
}

// What the first bytes say when they are no text at all; empty when they may be text.
QString notText(const QByteArray &head)
{
    if (head.trimmed().isEmpty())
        return head.isEmpty() ? tr("an empty file") : tr("a file of only white space");
    if (head.startsWith("\x1f\x8b"))
        return tr("gzip-compressed data: decompress it first (gunzip)");
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        return tr("UTF-16 text: timing logs are read as UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)");
    const qsizetype n = std::min<qsizetype>(head.size(), 4096);
    qsizetype nuls = 0, oddNuls = 0, controls = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(head[i]);
        if (c == 0) {
            ++nuls;
            oddNuls += i % 2;
        }
        // Control bytes no text holds (tab, line ends, form feed and ESC of colours are text).
        controls += c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b;
    }
    if (nuls > n / 4 && (oddNuls > nuls * 9 / 10 || oddNuls < nuls / 10))
        return tr("UTF-16 text: timing logs are read as UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)");
    if (controls > n / 16) // a few are damage in a log (warned about where they are), many are no text
        return tr("binary data, not a text log");
    return {};
}

struct Item
{
    QString path;
    TimingShape shape = TimingShape::Unknown;
};

// NAME.N → (NAME, N); anything else → (name, 0).
QPair<QString, int> rotation(const QString &fileName)
{
    static const QRegularExpression numbered(QStringLiteral("^(.+)\\.(\\d{1,3})$"));
    const QRegularExpressionMatch m = numbered.match(fileName);
    return m.hasMatch() ? qMakePair(m.captured(1), m.captured(2).toInt()) : qMakePair(fileName, 0);
}

TimingShape sniff(const QString &path, bool inDirectory, QString *why)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = f.errorString();
        return TimingShape::Unknown;
    }
    return TimingReader::detect(f.read(TimingReader::kHeadBytes), why, inDirectory);
}

// The JSON-lines files of a directory grouped into rotated sets, each oldest first (NAME.5 … NAME.1,
// NAME), with a warning per number missing in a set; then the other files, all in name order.
QList<Item> ordered(const QList<Item> &items, QStringList *gaps)
{
    QMap<QString, QMap<int, Item>> sets; // by the name of the set, then by number
    QMap<QString, Item> others;
    for (const Item &item : items) {
        const QString name = QFileInfo(item.path).fileName();
        if (item.shape == TimingShape::JsonLines) {
            const auto [base, n] = rotation(name);
            sets[base][n] = item;
        } else {
            others[name] = item;
        }
    }
    QMap<QString, QList<Item>> byName;
    for (auto it = sets.cbegin(); it != sets.cend(); ++it) {
        const QMap<int, Item> &set = it.value();
        QList<Item> list;
        for (auto m = set.cend(); m != set.cbegin();) {
            --m;
            list.append(m.value());
        }
        const int highest = set.lastKey();
        for (int n = 1; n < highest; ++n) {
            if (!set.contains(n))
                gaps->append(it.key() + u'.' + QString::number(n));
        }
        byName[it.key()] = list;
    }
    for (auto it = others.cbegin(); it != others.cend(); ++it)
        byName[it.key()].append(it.value());
    QList<Item> out;
    for (const QList<Item> &list : std::as_const(byName))
        out += list;
    return out;
}

bool readItems(const QList<Item> &items, TimingData &data, bool skipJsonLinesCalls, QString *error)
{
    TimingBuilder b(data);
    for (const Item &item : items) {
        QFile f(item.path);
        const int file = b.file(item.path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (items.size() == 1) {
                *error = item.path + QStringLiteral(": ") + f.errorString();
                return false;
            }
            b.warn(file, 0, tr("cannot be read: %1").arg(f.errorString()));
            continue;
        }
        QString why;
        if (item.shape == TimingShape::JsonLines && skipJsonLinesCalls) {
            if (const qint64 passed = TimingFormats::readJsonLines(f, b, file, false))
                b.warn(file, 0, tr("%1 calls not read: the directory's results CSV holds the same calls").arg(passed));
        } else if (!TimingReader::format(item.shape)->read(f, b, file, &why)) {
            if (items.size() == 1) {
                *error = item.path + QStringLiteral(": ") + why;
                return false;
            }
            b.warn(file, 0, why);
        }
    }
    return true;
}

// Shape B's timing.log or results CSV opened alone: the error records of the error.log beside it
// (and its rotated backups, oldest first), to be joined to its calls by UUID as in a directory.
void readErrorLogBeside(const QFileInfo &opened, TimingData &data)
{
    const QString name = QStringLiteral("error.log");
    const QDir dir = opened.dir();
    QList<Item> logs;
    for (const QString &file : dir.entryList({ name, name + QStringLiteral(".*") }, QDir::Files)) {
        const QString path = dir.filePath(file);
        QString why;
        if (rotation(file).first == name && QFileInfo(path) != opened
            && sniff(path, true, &why) == TimingShape::JsonLines)
            logs.append(Item { path, TimingShape::JsonLines });
    }
    QStringList gaps;
    QString error;
    if (!logs.isEmpty())
        readItems(ordered(logs, &gaps), data, true, &error);
}

TimingReadResult readDirectory(const QString &path)
{
    QList<Item> items;
    bool results = false;
    const QFileInfoList entries = QDir(path).entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &fi : entries) {
        QString why;
        const TimingShape shape = sniff(fi.filePath(), true, &why);
        if (shape == TimingShape::Unknown)
            continue;
        results = results || shape == TimingShape::ResultsCsv;
        items.append(Item { fi.filePath(), shape });
    }
    const bool onlySpecs
        = std::all_of(items.cbegin(), items.cend(), [](const Item &i) { return i.shape == TimingShape::Specs; });
    if (items.isEmpty() || onlySpecs)
        return { std::nullopt,
            tr("%1: a directory without timing files (expected %2)").arg(path, TimingReader::expected()) };
    QStringList gaps;
    items = ordered(items, &gaps);
    TimingReadResult r;
    r.data.emplace();
    QString error;
    readItems(items, *r.data, results, &error);
    for (const QString &gap : std::as_const(gaps))
        r.data->warnings.append(TimingWarning {
            QDir(path).filePath(gap), 0, tr("missing from its rotated set: the calls it held are not read") });
    TimingReader::joinErrors(*r.data);
    return r;
}

} // namespace

namespace TimingReader {

QString expected()
{
    return tr("JSON lines of {\"function\", \"execution_time\", \"timestamp\"} (maybe after a log prefix), "
              "a timing_results.csv, a collector export ({\"processing\": …} or CSV), a synthesis_<tier>_*.csv, "
              "or a Chrome trace ({\"traceEvents\": …})");
}

QString shapeName(TimingShape shape)
{
    switch (shape) {
    case TimingShape::JsonLines:
        return tr("JSON lines");
    case TimingShape::ResultsCsv:
        return tr("results CSV");
    case TimingShape::Collector:
        return tr("collector export");
    case TimingShape::Samples:
        return tr("samples CSV");
    case TimingShape::Requests:
        return tr("per-request CSV");
    case TimingShape::Trace:
        return tr("Chrome trace");
    case TimingShape::Specs:
        return tr("hardware description");
    case TimingShape::Unknown:
        break;
    }
    return tr("unknown");
}

const TimingFormat *format(TimingShape shape)
{
    for (const TimingFormat *f : TimingFormats::all()) {
        if (f->shape() == shape)
            return f;
    }
    return nullptr;
}

TimingShape detect(const QByteArray &head, QString *why, bool inDirectory)
{
    if (const QString reason = notText(head); !reason.isEmpty()) {
        if (why)
            *why = reason;
        return TimingShape::Unknown;
    }
    for (const TimingFormat *f : TimingFormats::all()) {
        if ((f->shape() != TimingShape::Specs || inDirectory) && f->recognises(head))
            return f->shape();
    }
    if (why)
        *why = tr("not a timing log: expected %1").arg(expected());
    return TimingShape::Unknown;
}

void joinErrors(TimingData &data)
{
    const TextColumn *uuid = data.textColumn(QStringLiteral("uuid"));
    if (!uuid)
        return;
    QHash<QString, qsizetype> calls;
    for (size_t i = 0; i < uuid->rows.size(); ++i)
        calls.insert(uuid->values[uuid->valueIndex[i]], qsizetype(uuid->rows[i]));
    for (TimingError &e : data.errors) {
        if (e.call >= 0 || e.uuid.isEmpty())
            continue;
        const auto it = calls.constFind(e.uuid);
        if (it == calls.constEnd())
            continue;
        e.call = it.value();
        data.ok[size_t(e.call)] = 0;
        if (e.function.isEmpty())
            e.function = data.functionName(e.call);
    }
}

TimingReadResult read(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return { std::nullopt, tr("%1: no such file or directory").arg(path) };
    if (fi.isDir())
        return readDirectory(path);
    if (!fi.isFile()) // a FIFO, a socket, a device: opening or reading one may wait forever
        return { std::nullopt, tr("%1: not a regular file (a pipe, socket or device)").arg(path) };
    QString why;
    const TimingShape shape = sniff(path, false, &why);
    if (shape == TimingShape::Unknown)
        return { std::nullopt, path + QStringLiteral(": ") + why };
    QList<Item> items { Item { path, shape } };
    QStringList gaps;
    if (shape == TimingShape::JsonLines && rotation(fi.fileName()).second == 0) {
        // Its rotated siblings NAME.1 … NAME.N, oldest first.
        const QDir dir = fi.dir();
        for (const QString &name : dir.entryList({ fi.fileName() + QStringLiteral(".*") }, QDir::Files)) {
            if (rotation(name).first == fi.fileName())
                items.append(Item { dir.filePath(name), TimingShape::JsonLines });
        }
        items = ordered(items, &gaps);
    }
    TimingReadResult r;
    r.data.emplace();
    if (!readItems(items, *r.data, false, &r.error))
        return { std::nullopt, r.error };
    if (r.data->textColumn(QStringLiteral("uuid")))
        readErrorLogBeside(fi, *r.data);
    for (const QString &gap : std::as_const(gaps))
        r.data->warnings.append(TimingWarning {
            fi.dir().filePath(gap), 0, tr("missing from its rotated set: the calls it held are not read") });
    joinErrors(*r.data);
    return r;
}

} // namespace TimingReader
