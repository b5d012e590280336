#include "prometheuscheck.h"

#include "fleetquery.h"
#include "prometheusclient.h"

#include <QSet>
#include <QTimer>

PrometheusCheck::PrometheusCheck(const PrometheusServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{ }

int PrometheusCheck::requestsSent() const
{
    return m_client ? m_client->requestsSent() : 0;
}

// Said after start() returns, like an answer, so a caller connects the same way for both.
void PrometheusCheck::fail(const QString &error)
{
    Result result;
    result.error = error;
    QTimer::singleShot(0, this, [this, result] { emit finished(result); });
}

void PrometheusCheck::start()
{
    PrometheusClient::Options options;
    options.url = QUrl(m_config.url.trimmed());
    if (!options.url.isValid() || options.url.host().isEmpty()
        || (options.url.scheme() != u"http" && options.url.scheme() != u"https")) {
        fail(tr("The URL must be http:// or https:// with a host."));
        return;
    }
    QString error;
    const std::optional<QString> selector = FleetQuery::normalizeSelector(m_config.selector, &error);
    if (!selector) {
        fail(error);
        return;
    }
    if (!m_config.tokenFile.isEmpty()) {
        options.bearerToken = PrometheusClient::readTokenFile(m_config.tokenFile, &error);
        if (options.bearerToken.isEmpty()) {
            fail(error);
            return;
        }
    }
    options.user = m_config.user;
    options.password = m_config.password;
    options.timeoutMs = m_config.timeoutSeconds * 1000;
    delete m_client;
    m_client = new PrometheusClient(options, this);
    const QString promql = selector->isEmpty() ? QStringLiteral("up") : QStringLiteral("up{%1}").arg(*selector);
    m_client->query(promql, [this](const PromApiAnswer &answer) {
        Result result;
        result.ok = answer.ok;
        result.error = answer.ok ? QString() : answer.errorText();
        QSet<QString> instances;
        for (const PromSeries &series : answer.series) {
            ++result.targets;
            if (!series.values.empty() && series.values.back() == 1.0)
                ++result.up;
            instances.insert(series.label(u"instance"));
        }
        result.machines = int(instances.size());
        emit finished(result);
    });
}
