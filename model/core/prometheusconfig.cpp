#include "configjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MachineConfig", text);
}
} // namespace

using ConfigJson::describe;
using ConfigJson::isHttpUrl;
using ConfigJson::wholeNumber;

// {"prometheus": [{"url": "…", "selector": "…", "token_file": "…", "user": "…", "password": "…",
// "timeout_s": N}]}
void ConfigJson::parsePrometheusList(const QJsonValue &value, MachineConfigResult *result)
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

bool operator==(const PrometheusServerConfig &a, const PrometheusServerConfig &b)
{
    return a.url == b.url && a.selector == b.selector && a.tokenFile == b.tokenFile && a.user == b.user
        && a.password == b.password && a.timeoutSeconds == b.timeoutSeconds;
}
