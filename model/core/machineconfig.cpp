#include "machineconfig.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QUrl>

#include <cmath>
#include <optional>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MachineConfig", text);
}

constexpr int DefaultPort = 22;
constexpr int DefaultProbeIntervalSeconds = 30;
constexpr int MinProbeIntervalSeconds = 5;
constexpr int MaxProbeIntervalSeconds = 3600;
// A hostile file (a million bad entries) must not make a million messages: past this many of a
// kind, one line says how many more there were.
constexpr int MaxMessages = 100;

// A value as the person wrote it, for a message: strings quoted and cut short, numbers as numbers.
QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        QString text = value.toString();
        if (text.size() > 60)
            text = text.left(57) + QStringLiteral("…");
        return u'"' + text + u'"';
    }
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 1e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return tr("an array");
    case QJsonValue::Object:
        return tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return tr("nothing");
}

std::optional<int> wholeNumberIn(const QJsonValue &value, int min, int max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d != std::floor(d) || d < min || d > max)
        return std::nullopt;
    return int(d);
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

// Collects the messages of one list, at most MaxMessages of them.
class Messages
{
public:
    explicit Messages(QStringList *out)
        : m_out(out)
    { }
    void add(const QString &message)
    {
        if (m_out->size() < MaxMessages)
            m_out->append(message);
        else
            ++m_dropped;
    }
    void finish(const char *moreText)
    {
        if (m_dropped > 0)
            m_out->append(QCoreApplication::translate("MachineConfig", moreText, nullptr, int(m_dropped)));
    }

private:
    QStringList *m_out;
    qsizetype m_dropped = 0;
};

// Reads one entry of the "machines" array; adds to `errors` and `warnings` naming it as `label`.
std::optional<MachineConfig> parseEntry(
    const QJsonObject &object, const QString &label, Messages &errors, Messages &warnings)
{
    MachineConfig m;
    bool ok = true;
    auto fail = [&](const QString &message) {
        errors.add(message);
        ok = false;
    };
    auto mustBeString = [&](const QString &key, const QJsonValue &value) {
        fail(tr("%1: \"%2\" must be a string, not %3.").arg(label, key, describe(value)));
    };

    const QJsonValue id = object.value(QLatin1String("id"));
    if (id.isUndefined() || (id.isString() && id.toString().isEmpty())) {
        fail(tr("%1: \"id\" is required.").arg(label));
    } else if (!id.isString()) {
        mustBeString(QStringLiteral("id"), id);
    } else if (!isValidMachineId(id.toString())) {
        fail(tr("%1: \"id\" must be lowercase letters a-z, digits and _ only, not %2.").arg(label, describe(id)));
    } else if (id.toString() == u"local") {
        fail(tr("%1: \"id\" cannot be \"local\": that id is reserved for this computer.").arg(label));
    } else {
        m.id = id.toString();
    }

    struct StringField
    {
        const char *key;
        QString MachineConfig::*member;
    };
    static const StringField stringFields[] = {
        { "name", &MachineConfig::name },
        { "host", &MachineConfig::host },
        { "user", &MachineConfig::user },
        { "key_file", &MachineConfig::keyFile },
        { "known_hosts", &MachineConfig::knownHosts },
        { "server_url", &MachineConfig::serverUrl },
        { "node_exporter_url", &MachineConfig::nodeExporterUrl },
    };

    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key == u"id")
            continue;

        bool known = false;
        for (const StringField &field : stringFields) {
            if (key != QLatin1String(field.key))
                continue;
            known = true;
            if (!value.isString()) {
                mustBeString(key, value);
            } else if ((key == u"server_url" || key == u"node_exporter_url") && !value.toString().isEmpty()
                && !isHttpUrl(value.toString())) {
                fail(tr("%1: \"%2\" must be an http:// or https:// URL with a host, not %3.")
                         .arg(label, key, describe(value)));
            } else {
                m.*field.member = value.toString();
            }
        }
        if (known)
            continue;

        if (key == u"port") {
            if (const auto port = wholeNumberIn(value, 1, 65535))
                m.port = *port;
            else
                fail(tr("%1: \"port\" must be a whole number from 1 to 65535, not %2.").arg(label, describe(value)));
        } else if (key == u"timeout_s") {
            if (const auto t = wholeNumberIn(value, MachineConfig::MinTimeoutSeconds, MachineConfig::MaxTimeoutSeconds))
                m.timeoutSeconds = *t;
            else
                fail(tr("%1: \"timeout_s\" must be a whole number of seconds from %2 to %3, not %4.")
                         .arg(label, QString::number(MachineConfig::MinTimeoutSeconds),
                             QString::number(MachineConfig::MaxTimeoutSeconds), describe(value)));
        } else if (key == u"server_kind") {
            const std::optional<ServerKind> kind
                = value.isString() ? serverKindFromName(value.toString()) : std::nullopt;
            if (kind) {
                m.serverKind = *kind;
            } else {
                QStringList names;
                for (ServerKind k : allServerKinds())
                    names << serverKindName(k);
                fail(tr("%1: \"server_kind\" must be one of %2, not %3.")
                         .arg(label, names.join(QStringLiteral(", ")), describe(value)));
            }
        } else if (key == u"probe") {
            if (value.isBool())
                m.probe = value.toBool();
            else
                fail(tr("%1: \"probe\" must be true or false, not %2.").arg(label, describe(value)));
        } else if (key == u"probe_interval_s") {
            if (const auto s = wholeNumberIn(value, MinProbeIntervalSeconds, MaxProbeIntervalSeconds))
                m.probeIntervalSeconds = *s;
            else
                fail(tr("%1: \"probe_interval_s\" must be a whole number of seconds from %2 to %3, not %4.")
                         .arg(label, QString::number(MinProbeIntervalSeconds), QString::number(MaxProbeIntervalSeconds),
                             describe(value)));
        } else {
            QString shown = key;
            if (shown.size() > 60)
                shown = shown.left(57) + QStringLiteral("…");
            warnings.add(tr("%1: unknown field \"%2\" is ignored.").arg(label, shown));
        }
    }

    if (!ok)
        return std::nullopt;
    if (m.name.isEmpty())
        m.name = m.id;
    return m;
}

// JSON string literal, UTF-8, with the escapes JSON requires.
QByteArray quoted(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    qsizetype runStart = 0; // the start of the run of characters copied as they are
    auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += QStringView(text).mid(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        const char *escape = nullptr;
        QByteArray control;
        if (u == u'"')
            escape = "\\\"";
        else if (u == u'\\')
            escape = "\\\\";
        else if (u == u'\n')
            escape = "\\n";
        else if (u == u'\t')
            escape = "\\t";
        else if (u == u'\r')
            escape = "\\r";
        else if (QChar::isHighSurrogate(u) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;                                    // a pair, copied as it is
        else if (u < 0x20 || QChar::isSurrogate(u)) // a lone surrogate ("\ud800" read from a file) too
            control = "\\u" + QByteArray::number(int(u), 16).rightJustified(4, '0');
        if (!escape && control.isEmpty())
            continue;
        flush(i);
        out += escape ? QByteArray(escape) : control;
        runStart = i + 1;
    }
    flush(text.size());
    out += '"';
    return out;
}

} // namespace

bool operator==(const MachineConfig &a, const MachineConfig &b)
{
    return a.id == b.id && a.name == b.name && a.host == b.host && a.port == b.port && a.user == b.user
        && a.keyFile == b.keyFile && a.knownHosts == b.knownHosts && a.timeoutSeconds == b.timeoutSeconds
        && a.serverUrl == b.serverUrl && a.serverKind == b.serverKind && a.probe == b.probe
        && a.probeIntervalSeconds == b.probeIntervalSeconds && a.nodeExporterUrl == b.nodeExporterUrl;
}

bool isValidMachineId(QStringView id)
{
    if (id.isEmpty())
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'_'))
            return false;
    }
    return true;
}

MachineConfigResult parseMachinesJson(const QByteArray &json)
{
    MachineConfigResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors << tr("The machines file is not valid JSON: %1 at character %2.")
                             .arg(parseError.errorString(), QString::number(parseError.offset));
        return result;
    }
    if (!doc.isObject()) {
        result.errors << tr("The machines file must be a JSON object with a \"machines\" array, not %1.")
                             .arg(doc.isArray() ? tr("an array") : tr("nothing"));
        return result;
    }
    const QJsonValue list = doc.object().value(QLatin1String("machines"));
    if (!list.isArray()) {
        result.errors << (list.isUndefined()
                ? tr("The machines file has no \"machines\" array.")
                : tr("\"machines\" must be an array of machines, not %1.").arg(describe(list)));
        return result;
    }

    Messages errors(&result.errors);
    Messages warnings(&result.warnings);
    QHash<QString, int> entryOfId; // id → 1-based entry that has it
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const int n = int(i) + 1;
        const QJsonValue entry = entries.at(i);
        if (!entry.isObject()) {
            errors.add(tr("machine %1 must be an object, not %2.").arg(QString::number(n), describe(entry)));
            continue;
        }
        const QJsonObject object = entry.toObject();
        const QJsonValue id = object.value(QLatin1String("id"));
        QString label = tr("machine %1").arg(n);
        if (id.isString() && !id.toString().isEmpty())
            label = tr("machine %1 (%2)").arg(QString::number(n), describe(id));

        std::optional<MachineConfig> m = parseEntry(object, label, errors, warnings);
        if (!m)
            continue;
        if (const auto first = entryOfId.constFind(m->id); first != entryOfId.constEnd()) {
            errors.add(
                tr("%1: the id \"%2\" is already used by machine %3.").arg(label, m->id, QString::number(*first)));
            continue;
        }
        entryOfId.insert(m->id, n);
        result.machines << *m;
    }
    errors.finish(QT_TRANSLATE_NOOP("MachineConfig", "… and %n more errors."));
    warnings.finish(QT_TRANSLATE_NOOP("MachineConfig", "… and %n more warnings."));
    return result;
}

QByteArray machinesToJson(const QList<MachineConfig> &machines)
{
    QByteArray out = "{\n    \"machines\": [";
    for (qsizetype i = 0; i < machines.size(); ++i) {
        const MachineConfig &m = machines.at(i);
        QList<QPair<const char *, QByteArray>> fields;
        auto add = [&](const char *key, const QByteArray &value) { fields.emplaceBack(key, value); };
        auto addString = [&](const char *key, const QString &value) {
            if (!value.isEmpty())
                add(key, quoted(value));
        };
        add("id", quoted(m.id));
        if (m.name != m.id)
            addString("name", m.name);
        addString("host", m.host);
        if (m.port != DefaultPort)
            add("port", QByteArray::number(m.port));
        addString("user", m.user);
        addString("key_file", m.keyFile);
        addString("known_hosts", m.knownHosts);
        if (m.timeoutSeconds != MachineConfig().timeoutSeconds)
            add("timeout_s", QByteArray::number(m.timeoutSeconds));
        addString("server_url", m.serverUrl);
        if (m.serverKind != ServerKind::Auto)
            add("server_kind", quoted(serverKindName(m.serverKind)));
        if (m.probe)
            add("probe", "true");
        if (m.probeIntervalSeconds != DefaultProbeIntervalSeconds)
            add("probe_interval_s", QByteArray::number(m.probeIntervalSeconds));
        addString("node_exporter_url", m.nodeExporterUrl);

        out += i == 0 ? "\n        {\n" : ",\n        {\n";
        for (qsizetype f = 0; f < fields.size(); ++f) {
            out += "            \"";
            out += fields.at(f).first;
            out += "\": ";
            out += fields.at(f).second;
            out += f + 1 < fields.size() ? ",\n" : "\n";
        }
        out += "        }";
    }
    out += machines.isEmpty() ? "]\n}\n" : "\n    ]\n}\n";
    return out;
}
