#pragma once

#include "machineconfig.h"

#include <QWidget>

class PrometheusServerDialog;
class QListWidget;
class QPushButton;

// The Prometheus servers of the machines dialog, under its machines: each server's targets become
// machines of the session. "Add from Prometheus…" and "Edit…" open a PrometheusServerDialog
// (opened, not executed: the editor() while it is open); Remove takes the selected one away.
class PrometheusServerList : public QWidget
{
    Q_OBJECT
public:
    explicit PrometheusServerList(QWidget *parent = nullptr);

    void setServers(const QList<PrometheusServerConfig> &servers);
    const QList<PrometheusServerConfig> &servers() const { return m_servers; }
    // Adds the servers, a server already listed (same URL and selector) replaced.
    void merge(const QList<PrometheusServerConfig> &servers);
    // The editor opened by Add or Edit, while it is open.
    PrometheusServerDialog *editor() const { return m_editor; }

    void add();
    void edit();
    void remove();

signals:
    void changed();

private:
    void openEditor(int row);
    void refresh();

    QList<PrometheusServerConfig> m_servers;
    QListWidget *m_list;
    QPushButton *m_edit;
    QPushButton *m_remove;
    PrometheusServerDialog *m_editor = nullptr;
};
