#include "machineconfig.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MachineConfig", text);
}

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

// A message about one field, and the field's key: an entry's messages are given in the order of
// its keys ("id" first, then the others as a JSON object orders them), however they were found.
struct FieldMessage
{
    QString key;
    QString text;
};

// The rules a field's value breaks, as their messages; `shown` is the value as written (describe()).
QString idRule(const QString &label, const QString &shown)
{
    return tr("%1: \"id\" must be lowercase letters a-z, digits and _ only, not %2.").arg(label, shown);
}
QString urlRule(const QString &label, const QString &key, const QString &shown)
{
    return tr("%1: \"%2\" must be an http:// or https:// URL with a host, not %3.").arg(label, key, shown);
}
QString portRule(const QString &label, const QString &shown)
{
    return tr("%1: \"port\" must be a whole number from 1 to 65535, not %2.").arg(label, shown);
}
QString timeoutRule(const QString &label, const QString &shown)
{
    return tr("%1: \"timeout_s\" must be a whole number of seconds from %2 to %3, not %4.")
        .arg(label, QString::number(MachineConfig::MinTimeoutSeconds),
            QString::number(MachineConfig::MaxTimeoutSeconds), shown);
}
QString probeIntervalRule(const QString &label, const QString &shown)
{
    return tr("%1: \"probe_interval_s\" must be a whole number of seconds from %2 to %3, not %4.")
        .arg(label, QString::number(MinProbeIntervalSeconds), QString::number(MaxProbeIntervalSeconds), shown);
}

// What is wrong with the values of a machine, whatever it was read from, in the order of the keys.
QList<FieldMessage> checkValues(const MachineConfig &m, const QString &label)
{
    QList<FieldMessage> out;
    auto add = [&](const char *key, const QString &text) { out.append({ QLatin1String(key), text }); };
    auto shown = [](const auto &value) { return describe(QJsonValue(value)); };
    if (m.id.isEmpty())
        add("id", tr("%1: \"id\" is required.").arg(label));
    else if (!isValidMachineId(m.id))
        add("id", idRule(label, shown(m.id)));
    else if (m.id == u"local")
        add("id", tr("%1: \"id\" cannot be \"local\": that id is reserved for this computer.").arg(label));
    if (!m.nodeExporterUrl.isEmpty() && !isHttpUrl(m.nodeExporterUrl))
        add("node_exporter_url", urlRule(label, QStringLiteral("node_exporter_url"), shown(m.nodeExporterUrl)));
    if (m.port < 1 || m.port > 65535)
        add("port", portRule(label, shown(m.port)));
    if (m.probeIntervalSeconds < MinProbeIntervalSeconds || m.probeIntervalSeconds > MaxProbeIntervalSeconds)
        add("probe_interval_s", probeIntervalRule(label, shown(m.probeIntervalSeconds)));
    if (!m.serverUrl.isEmpty() && !isHttpUrl(m.serverUrl))
        add("server_url", urlRule(label, QStringLiteral("server_url"), shown(m.serverUrl)));
    if (m.timeoutSeconds < MachineConfig::MinTimeoutSeconds || m.timeoutSeconds > MachineConfig::MaxTimeoutSeconds)
        add("timeout_s", timeoutRule(label, shown(m.timeoutSeconds)));
    return out;
}

// A JSON number that is whole and fits an int; its range is checkValues()'s.
std::optional<int> wholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d != std::floor(d) || d < std::numeric_limits<int>::min() || d > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(d);
}

QString mustBeString(const QString &label, const QString &key, const QJsonValue &value)
{
    return tr("%1: \"%2\" must be a string, not %3.").arg(label, key, describe(value));
}

struct StringField
{
    const char *key;
    QString MachineConfig::*member;
};
const StringField kStringFields[] = {
    { "name", &MachineConfig::name },
    { "host", &MachineConfig::host },
    { "user", &MachineConfig::user },
    { "key_file", &MachineConfig::keyFile },
    { "known_hosts", &MachineConfig::knownHosts },
    { "server_url", &MachineConfig::serverUrl },
    { "node_exporter_url", &MachineConfig::nodeExporterUrl },
};
struct NumberField
{
    const char *key;
    int MachineConfig::*member;
    QString (*rule)(const QString &label, const QString &shown);
};
const NumberField kNumberFields[] = {
    { "port", &MachineConfig::port, portRule },
    { "timeout_s", &MachineConfig::timeoutSeconds, timeoutRule },
    { "probe_interval_s", &MachineConfig::probeIntervalSeconds, probeIntervalRule },
};

// Reads one field of an entry (not its id) into `m` when its JSON type is right; adds why not to
// `typeErrors` otherwise. False when the key is no field of a machine.
bool readField(MachineConfig &m, const QString &key, const QJsonValue &value, const QString &label,
    QList<FieldMessage> &typeErrors)
{
    auto fail = [&](const QString &message) { typeErrors.append({ key, message }); };
    auto isKey = [&](const auto &field) { return key == QLatin1String(field.key); };
    if (const auto *s = std::find_if(std::begin(kStringFields), std::end(kStringFields), isKey);
        s != std::end(kStringFields)) {
        if (value.isString())
            m.*s->member = value.toString();
        else
            fail(mustBeString(label, key, value));
    } else if (const auto *n = std::find_if(std::begin(kNumberFields), std::end(kNumberFields), isKey);
               n != std::end(kNumberFields)) {
        if (const auto number = wholeNumber(value))
            m.*n->member = *number;
        else
            fail(n->rule(label, describe(value)));
    } else if (key == u"server_kind") {
        const std::optional<ServerKind> kind = value.isString() ? serverKindFromName(value.toString()) : std::nullopt;
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
    } else {
        return false;
    }
    return true;
}

// An entry's messages in the order of its keys: "id" first, then as a JSON object orders them. A
// field whose type was wrong kept its default: its value is not checked again.
QList<FieldMessage> inKeyOrder(const QList<FieldMessage> &typeErrors, const QList<FieldMessage> &valueErrors)
{
    QList<FieldMessage> messages = typeErrors;
    for (const FieldMessage &valueError : valueErrors) {
        const bool typeWrong = std::any_of(typeErrors.cbegin(), typeErrors.cend(),
            [&](const FieldMessage &typeError) { return typeError.key == valueError.key; });
        if (!typeWrong)
            messages.append(valueError);
    }
    std::stable_sort(messages.begin(), messages.end(), [](const FieldMessage &a, const FieldMessage &b) {
        const bool aId = a.key == u"id";
        const bool bId = b.key == u"id";
        return aId != bId ? aId : a.key < b.key;
    });
    return messages;
}

// Reads one entry of the "machines" array: the JSON types here, the values by checkValues(). Adds
// to `errors` and `warnings` naming it as `label`.
std::optional<MachineConfig> parseEntry(
    const QJsonObject &object, const QString &label, Messages &errors, Messages &warnings)
{
    MachineConfig m;
    QList<FieldMessage> typeErrors;
    const QJsonValue id = object.value(QLatin1String("id"));
    if (id.isString())
        m.id = id.toString();
    else if (!id.isUndefined())
        typeErrors.append({ QStringLiteral("id"), mustBeString(label, QStringLiteral("id"), id) });

    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == u"id" || readField(m, key, it.value(), label, typeErrors))
            continue;
        QString shown = key;
        if (shown.size() > 60)
            shown = shown.left(57) + QStringLiteral("…");
        warnings.add(tr("%1: unknown field \"%2\" is ignored.").arg(label, shown));
    }

    const QList<FieldMessage> messages = inKeyOrder(typeErrors, checkValues(m, label));
    for (const FieldMessage &message : messages)
        errors.add(message.text);
    if (!messages.isEmpty())
        return std::nullopt;
    if (m.name.isEmpty())
        m.name = m.id;
    return m;
}

// The ids of a list's valid machines, to name the one that took an id first.
class IdRegister
{
public:
    // True when `id` is new; otherwise adds the message that `label` reuses it.
    bool add(const QString &id, int number, const QString &label, Messages &errors)
    {
        if (const auto first = m_numberOfId.constFind(id); first != m_numberOfId.constEnd()) {
            errors.add(tr("%1: the id \"%2\" is already used by machine %3.").arg(label, id, QString::number(*first)));
            return false;
        }
        m_numberOfId.insert(id, number);
        return true;
    }

private:
    QHash<QString, int> m_numberOfId; // id → 1-based number of the machine that has it
};

// {"prometheus": [{"url": "…", "selector": "…", "token_file": "…", "user": "…", "password": "…",
// "timeout_s": N}]}
void parsePrometheusList(const QJsonValue &value, MachineConfigResult *result)
{
    if (!value.isArray()) {
        result->errors << tr("\"prometheus\" must be an array of servers, not %1.").arg(describe(value));
        return;
    }
    const QJsonArray entries = value.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString label = tr("prometheus server %1").arg(i + 1);
        const QJsonObject o = entries.at(i).toObject();
        PrometheusServerConfig p;
        bool ok = entries.at(i).isObject();
        for (auto it = o.begin(); it != o.end() && ok; ++it) {
            const QString key = it.key();
            QString *field = key == u"url" ? &p.url
                : key == u"selector"       ? &p.selector
                : key == u"token_file"     ? &p.tokenFile
                : key == u"user"           ? &p.user
                : key == u"password"       ? &p.password
                                           : nullptr;
            if (field && it.value().isString()) {
                *field = it.value().toString();
            } else if (key == u"timeout_s") {
                auto t = wholeNumber(it.value());
                if (t && (*t < 1 || *t > MachineConfig::MaxTimeoutSeconds))
                    t.reset();
                ok = t.has_value();
                p.timeoutSeconds = t.value_or(p.timeoutSeconds);
            } else if (field) {
                result->errors << tr("%1: \"%2\" must be a string, not %3.").arg(label, key, describe(it.value()));
                ok = false;
            } else {
                result->warnings << tr("%1: unknown field \"%2\" is ignored.").arg(label, key.left(60));
            }
        }
        if (!ok || !isHttpUrl(p.url)) {
            result->errors << tr("%1: needs an \"url\" (http:// or https:// with a host) and valid fields.").arg(label);
            continue;
        }
        result->prometheus << p;
    }
}

} // namespace

bool operator==(const MachineConfig &a, const MachineConfig &b)
{
    return a.id == b.id && a.name == b.name && a.host == b.host && a.port == b.port && a.user == b.user
        && a.keyFile == b.keyFile && a.knownHosts == b.knownHosts && a.timeoutSeconds == b.timeoutSeconds
        && a.serverUrl == b.serverUrl && a.serverKind == b.serverKind && a.probe == b.probe
        && a.probeIntervalSeconds == b.probeIntervalSeconds && a.nodeExporterUrl == b.nodeExporterUrl;
}

bool operator==(const PrometheusServerConfig &a, const PrometheusServerConfig &b)
{
    return a.url == b.url && a.selector == b.selector && a.tokenFile == b.tokenFile && a.user == b.user
        && a.password == b.password && a.timeoutSeconds == b.timeoutSeconds;
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

QString machineLabel(int number, const QString &id)
{
    if (id.isEmpty())
        return tr("machine %1").arg(number);
    return tr("machine %1 (%2)").arg(QString::number(number), describe(QJsonValue(id)));
}

QStringList validateMachine(const MachineConfig &machine, const QString &label)
{
    QStringList messages;
    for (const FieldMessage &message : checkValues(machine, label))
        messages << message.text;
    return messages;
}

QStringList validateMachines(const QList<MachineConfig> &machines, QList<bool> *valid)
{
    QStringList result;
    Messages errors(&result);
    IdRegister ids;
    if (valid)
        valid->clear();
    for (qsizetype i = 0; i < machines.size(); ++i) {
        const int n = int(i) + 1;
        const MachineConfig &m = machines.at(i);
        const QString label = machineLabel(n, m.id);
        const QStringList problems = validateMachine(m, label);
        for (const QString &problem : problems)
            errors.add(problem);
        const bool ok = problems.isEmpty() && ids.add(m.id, n, label, errors);
        if (valid)
            valid->append(ok);
    }
    errors.finish(QT_TRANSLATE_NOOP("MachineConfig", "… and %n more errors."));
    return result;
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
    const QJsonValue prometheus = doc.object().value(QLatin1String("prometheus"));
    if (!prometheus.isUndefined())
        parsePrometheusList(prometheus, &result);
    const QJsonValue list = doc.object().value(QLatin1String("machines"));
    if (list.isUndefined() && !prometheus.isUndefined())
        return result;
    if (!list.isArray()) {
        result.errors << (list.isUndefined()
                ? tr("The machines file has no \"machines\" array.")
                : tr("\"machines\" must be an array of machines, not %1.").arg(describe(list)));
        return result;
    }

    Messages errors(&result.errors);
    Messages warnings(&result.warnings);
    IdRegister ids;
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const int n = int(i) + 1;
        const QJsonValue entry = entries.at(i);
        if (!entry.isObject()) {
            errors.add(tr("machine %1 must be an object, not %2.").arg(QString::number(n), describe(entry)));
            continue;
        }
        const QJsonObject object = entry.toObject();
        const QString label = machineLabel(n, object.value(QLatin1String("id")).toString());
        std::optional<MachineConfig> m = parseEntry(object, label, errors, warnings);
        if (m && ids.add(m->id, n, label, errors))
            result.machines << *m;
    }
    errors.finish(QT_TRANSLATE_NOOP("MachineConfig", "… and %n more errors."));
    warnings.finish(QT_TRANSLATE_NOOP("MachineConfig", "… and %n more warnings."));
    return result;
}
