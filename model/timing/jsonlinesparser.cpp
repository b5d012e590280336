#include "jsonlinesparser.h"

#include "timingtime.h"

#include <QCoreApplication>

#include <cmath>
#include <cstring>

namespace {
using FlatJson::Member;
using FlatJson::Type;

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonLinesParser", text);
}

// The roles of the fields a reader looks for; everything else is an attribute.
enum Role { None, Function, Duration, Timestamp, Start, End, Error, Success, Traceback, ErrorType, Message, Uuid };

Role roleOf(QByteArrayView key)
{
    static const struct
    {
        QByteArrayView name;
        Role role;
    } kRoles[] = { { "function", Function }, { "execution_time", Duration }, { "duration", Duration },
        { "timestamp", Timestamp }, { "start_time", Start }, { "end_time", End }, { "error", Error },
        { "success", Success }, { "traceback", Traceback }, { "exception_type", ErrorType },
        { "error_type", ErrorType }, { "message", Message }, { "error_message", Message }, { "uuid", Uuid },
        { "call_id", Uuid }, { "call_uuid", Uuid } };
    for (const auto &r : kRoles) {
        if (key.size() == r.name.size() && std::memcmp(key.data(), r.name.data(), size_t(key.size())) == 0)
            return r.role;
    }
    return None;
}

bool isAscii(const char *b, const char *e)
{
    unsigned char any = 0;
    for (; b < e; ++b)
        any |= static_cast<unsigned char>(*b);
    return any < 0x80;
}

QString text(const Member &m)
{
    return m.type == Type::Null ? QString() : QString::fromUtf8(FlatJson::valueBytes(m));
}
} // namespace

JsonLinesParser::JsonLinesParser(TimingBuilder &builder, int file)
    : m_builder(builder)
    , m_file(file)
{ }

void JsonLinesParser::reset(int line)
{
    m_partial.clear();
    m_line = line;
}

void JsonLinesParser::feed(QByteArrayView bytes)
{
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    if (!m_partial.isEmpty()) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl) {
            m_partial.append(p, end - p);
            return;
        }
        m_partial.append(p, nl - p);
        parseLine(m_partial.constData(), m_partial.constData() + m_partial.size());
        m_partial.clear();
        p = nl + 1;
    }
    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl) {
            m_partial.append(p, end - p);
            return;
        }
        parseLine(p, nl);
        p = nl + 1;
    }
}

void JsonLinesParser::finish()
{
    if (m_partial.isEmpty())
        return;
    parseLine(m_partial.constData(), m_partial.constData() + m_partial.size());
    m_partial.clear();
}

void JsonLinesParser::parseLine(const char *b, const char *e)
{
    if (e > b && e[-1] == '\r')
        --e;
    const int line = m_line++;
    const char *p = b;
    for (int tries = 0; tries < kMaxTries; ++tries) {
        p = static_cast<const char *>(std::memchr(p, '{', size_t(e - p)));
        if (!p)
            break;
        if (m_scanner.parseObject(p, e, m_members)) {
            // The keys of the last object: their roles are known (m_byRole points into m_members).
            if (!m_scanner.sameKeys() || m_members.data() != m_indexed)
                indexRoles();
            // An error record (error.log) names an exception and has no duration; a call may name its error.
            const bool errorRecord = (m_byRole[Traceback] || m_byRole[ErrorType]) && !m_byRole[Duration];
            if (m_byRole[Function] || errorRecord) {
                if (!isAscii(b, e) && !QByteArrayView(b, e - b).isValidUtf8())
                    m_builder.warn(m_file, line, tr("bytes that are not UTF-8 (replaced by U+FFFD)"));
                if (errorRecord)
                    readError(line);
                else if (m_readCalls)
                    readCall(line);
                else
                    ++m_ignoredCalls;
                return;
            }
        }
        ++p;
    }
    ++m_builder.data().skippedLines;
}

void JsonLinesParser::indexRoles()
{
    m_indexed = m_members.data();
    m_byRole.fill(nullptr);
    m_roles.resize(m_members.size());
    if (m_keys.size() < m_members.size())
        m_keys.resize(m_members.size());
    for (size_t i = 0; i < m_members.size(); ++i) {
        const Member &m = m_members[i];
        KeyAt &at = m_keys[i];
        if (m.keyEscaped || at.key.size() != m.key.size()
            || std::memcmp(at.key.constData(), m.key.data(), size_t(m.key.size())) != 0) {
            at.key = FlatJson::keyBytes(m);
            at.key.detach();
            at.role = roleOf(at.key);
            at.numeric = at.text = -2;
        }
        const int r = at.role;
        m_roles[i] = r;
        if (r != None && !m_byRole[size_t(r)])
            m_byRole[size_t(r)] = &m;
    }
}

double JsonLinesParser::timeOf(const Member &m) const
{
    if (m.type == Type::Number)
        return m.number;
    if (m.type != Type::String)
        return std::nan("");
    return TimingTime::parse(QString::fromUtf8(FlatJson::valueBytes(m)));
}

bool JsonLinesParser::readCall(int line)
{
    const Member *fn = m_byRole[Function];
    const Member *dur = m_byRole[Duration];
    if (!dur || dur->type != Type::Number || !std::isfinite(dur->number) || dur->number < 0) {
        m_builder.warn(m_file, line,
            dur ? tr("execution_time is not a finite number of seconds >= 0: call skipped")
                : tr("no execution_time: call skipped"));
        return false;
    }
    const double duration = dur->number;
    double start = std::nan("");
    if (const Member *s = m_byRole[Start])
        start = timeOf(*s);
    if (!std::isfinite(start)) {
        if (const Member *t = m_byRole[Timestamp])
            start = timeOf(*t) - duration;
        else if (const Member *t = m_byRole[End])
            start = timeOf(*t) - duration;
    }
    if (!std::isfinite(start)) {
        m_builder.warn(m_file, line, tr("no usable timestamp or start_time: call skipped"));
        return false;
    }
    const Member *err = m_byRole[Error];
    const Member *success = m_byRole[Success];
    const bool failed = (err && err->type != Type::Null && !(err->type == Type::String && err->raw.isEmpty())
                            && err->type != Type::False)
        || (success && success->type == Type::False);
    const int function = m_builder.function(FlatJson::valueBytes(*fn));
    const qsizetype call = m_builder.addCall(function, start, duration, !failed, m_file, line);
    for (size_t i = 0; i < m_members.size(); ++i) {
        const Member &m = m_members[i];
        const int role = m_roles[i];
        if (role == Function || role == Duration || role == Start || role == Timestamp || role == End)
            continue;
        KeyAt &at = m_keys[i];
        if (m.type == Type::Number || m.type == Type::True || m.type == Type::False) {
            if (at.numeric == -2)
                at.numeric = m_builder.numericColumn(at.key);
            if (at.numeric >= 0)
                m_builder.setNumber(at.numeric, call,
                    m.type == Type::Number     ? m.number
                        : m.type == Type::True ? 1.0
                                               : 0.0);
        } else if (m.type == Type::String || m.type == Type::Nested) {
            if (at.text == -2)
                at.text = m_builder.textColumn(role == Uuid ? QByteArray("uuid") : at.key);
            if (at.text >= 0)
                m_builder.setText(at.text, call, FlatJson::valueBytes(m));
        }
    }
    if (failed) {
        TimingError e;
        e.call = call;
        e.function = m_builder.data().functions[function];
        e.message = err ? text(*err) : QString();
        e.type = m_byRole[ErrorType] ? text(*m_byRole[ErrorType]) : QString();
        e.time = start + duration;
        e.file = m_builder.data().files.value(m_file);
        e.line = line;
        m_builder.data().errors.append(e);
    }
    return true;
}

void JsonLinesParser::readError(int line)
{
    TimingError e;
    auto textOf = [this](Role r) { return m_byRole[r] ? text(*m_byRole[r]) : QString(); };
    e.function = textOf(Function);
    e.traceback = textOf(Traceback);
    e.type = textOf(ErrorType);
    e.message = m_byRole[Message] ? textOf(Message) : textOf(Error);
    e.uuid = textOf(Uuid);
    if (m_byRole[Timestamp])
        e.time = timeOf(*m_byRole[Timestamp]);
    e.file = m_builder.data().files.value(m_file);
    e.line = line;
    m_builder.data().errors.append(e);
}
