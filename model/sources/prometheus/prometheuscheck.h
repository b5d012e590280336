#pragma once

#include "machineconfig.h"

#include <QObject>

class PrometheusClient;

// Tries a Prometheus server's configuration before it is saved: one instant query of `up` limited
// by its selector, asynchronous (never blocks), answering with how many targets and machines it
// found. finished() comes exactly once per start(), unless the check is deleted first.
class PrometheusCheck : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        QString error;    // why not, for a person: a bad URL or selector, the server's words
        int targets = 0;  // series of `up`
        int up = 0;       // of which answered their last scrape
        int machines = 0; // distinct `instance` labels
    };

    explicit PrometheusCheck(const PrometheusServerConfig &config, QObject *parent = nullptr);

    void start();
    int requestsSent() const;

signals:
    void finished(const PrometheusCheck::Result &result);

private:
    void fail(const QString &error);

    PrometheusServerConfig m_config;
    PrometheusClient *m_client = nullptr;
};
