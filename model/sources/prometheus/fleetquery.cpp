#include "fleetquery.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace {
// `name{extra,selector}`
QString vec(const char *name, const QString &selector, const char *extra = nullptr)
{
    QStringList matchers;
    if (extra)
        matchers << QLatin1String(extra);
    if (!selector.isEmpty())
        matchers << selector;
    return QLatin1String(name) + u'{' + matchers.join(u',') + u'}';
}

QString tagged(const QString &expr, const char *tag)
{
    return QStringLiteral("label_replace(%1, \"%2\", \"%3\", \"\", \"\")")
        .arg(expr, QLatin1String(FleetQuery::kMetricLabel), QLatin1String(tag));
}

QString orJoined(const QStringList &parts)
{
    return parts.join(QStringLiteral(" or "));
}
} // namespace

std::optional<QString> FleetQuery::normalizeSelector(const QString &selector, QString *error)
{
    QString s = selector.trimmed();
    if (s.startsWith(u'{') && s.endsWith(u'}'))
        s = s.mid(1, s.size() - 2).trimmed();
    while (s.endsWith(u','))
        s.chop(1);
    if (s.isEmpty())
        return QString();
    // label op "value", separated by commas; a quick check so a typo is said here, not as a
    // server's parse error on every refresh.
    static const QRegularExpression matcher(QStringLiteral(
        R"(^\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*"([^"\\]|\\.)*"\s*(,\s*[A-Za-z_][A-Za-z0-9_]*\s*(=~|!~|!=|=)\s*"([^"\\]|\\.)*"\s*)*$)"));
    if (!matcher.match(s).hasMatch()) {
        if (error)
            *error = QCoreApplication::translate(
                "FleetQuery", "the selector must be label matchers such as job=\"node\" or {env=~\"lab.*\"}, not '%1'")
                         .arg(selector);
        return std::nullopt;
    }
    return s;
}

qint64 FleetQuery::rateWindowMs(qint64 scrapeIntervalMs, qint64 stepMs)
{
    qint64 w = std::max<qint64>(4 * std::max<qint64>(scrapeIntervalMs, 1000), stepMs);
    return (w + 999) / 1000 * 1000;
}

QString FleetQuery::build(const QString &s, qint64 rateWindowMs)
{
    const QString w = u'[' + QString::number(rateWindowMs / 1000) + QStringLiteral("s]");
    const auto rate = [&](const char *name, const char *extra = nullptr) -> QString {
        return QStringLiteral("rate(") + vec(name, s, extra) + w + u')';
    };
    const auto present = [&](const char *name) -> QString {
        return QStringLiteral("present_over_time(") + vec(name, s) + QStringLiteral("[1h])");
    };
    const QString total = vec("node_memory_MemTotal_bytes", s);
    const QString available = vec("node_memory_MemAvailable_bytes", s);
    const QString serverJobs = orJoined({ present("llamacpp:requests_processing"), present("vllm:num_requests_running"),
        present("sglang:num_running_reqs"), present("tgi_queue_size") });

    QStringList parts;
    parts << tagged(QStringLiteral("max by (instance) (%1)").arg(vec("up", s)), kTargetUp);
    parts << tagged(QStringLiteral("max by (instance) (%1 and on (instance, job) %2)")
                        .arg(vec("up", s), present("node_uname_info")),
        kNodeUp);
    parts << tagged(QStringLiteral("max by (instance, nodename) (%1)").arg(vec("node_uname_info", s)), kUname);
    parts << tagged(
        QStringLiteral("100 * (1 - avg by (instance) (%1))").arg(rate("node_cpu_seconds_total", "mode=\"idle\"")),
        "cpu_percent");
    parts << tagged(QStringLiteral("max by (instance) (100 * (1 - %1 / %2))").arg(available, total), "memory_percent");
    parts << tagged(QStringLiteral("max by (instance) ((%1 - %2) / 1048576)").arg(total, available), "memory_used_mb");
    parts << tagged(QStringLiteral("max by (instance) (%1 and on (instance, job) (%2))").arg(vec("up", s), serverJobs),
        "server_up");
    parts << tagged(QStringLiteral("sum by (instance) (%1)")
                        .arg(orJoined({ rate("llamacpp:tokens_predicted_total"), rate("vllm:generation_tokens_total"),
                            rate("sglang:generation_tokens_total"), rate("tgi_request_generated_tokens_sum") })),
        "tokens_per_second");
    parts << tagged(QStringLiteral("sum by (instance) (%1)")
                        .arg(orJoined({ vec("llamacpp:requests_processing", s), vec("vllm:num_requests_running", s),
                            vec("sglang:num_running_reqs", s), vec("tgi_batch_current_size", s) })),
        "active_requests");
    parts << tagged(QStringLiteral("sum by (instance) (%1)")
                        .arg(orJoined({ vec("vllm:request_success_total", s), vec("sglang:num_requests_total", s),
                            vec("tgi_request_success", s) })),
        "requests_total");
    parts << tagged(QStringLiteral("avg by (instance) (%1 or 100 * %2)")
                        .arg(vec("DCGM_FI_DEV_GPU_UTIL", s), vec("nvidia_smi_utilization_gpu_ratio", s)),
        "gpu_percent");
    parts << tagged(QStringLiteral("sum by (instance) (%1 or %2 / 1048576)")
                        .arg(vec("DCGM_FI_DEV_FB_USED", s), vec("nvidia_smi_memory_used_bytes", s)),
        "gpu_memory_mb");
    parts << tagged(QStringLiteral("max by (instance) (%1)").arg(vec("node_hwmon_temp_celsius", s)), "temperature_c");
    return orJoined(parts);
}

std::optional<Metric> FleetQuery::metricOf(QStringView label)
{
    return metricFromSuffix(label);
}
