#include "prometheusserverlist.h"

#include "prometheusserverdialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

PrometheusServerList::PrometheusServerList(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    auto *add = new QPushButton(tr("Add from Prometheus…"), this);
    add->setObjectName(QStringLiteral("addPrometheusButton"));
    m_list->setObjectName(QStringLiteral("prometheusList"));
    m_edit->setObjectName(QStringLiteral("editPrometheusButton"));
    m_remove->setObjectName(QStringLiteral("removePrometheusButton"));
    for (QPushButton *b : { add, m_edit, m_remove })
        b->setAutoDefault(false);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 5);
    auto *title = new QLabel(tr("Prometheus servers (their targets are machines):"), this);
    title->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(title);
    column->addWidget(m_list);
    column->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, &PrometheusServerList::add);
    connect(m_edit, &QPushButton::clicked, this, &PrometheusServerList::edit);
    connect(m_remove, &QPushButton::clicked, this, &PrometheusServerList::remove);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &PrometheusServerList::edit);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_edit->setEnabled(row >= 0);
        m_remove->setEnabled(row >= 0);
    });
    refresh();
}

void PrometheusServerList::setServers(const QList<PrometheusServerConfig> &servers)
{
    m_servers = servers;
    refresh();
}

void PrometheusServerList::merge(const QList<PrometheusServerConfig> &servers)
{
    for (const PrometheusServerConfig &s : servers) {
        const auto same = std::find_if(m_servers.begin(), m_servers.end(),
            [&s](const PrometheusServerConfig &k) { return k.url == s.url && k.selector == s.selector; });
        if (same != m_servers.end())
            *same = s;
        else
            m_servers << s;
    }
    refresh();
    if (!servers.isEmpty())
        emit changed();
}

void PrometheusServerList::add()
{
    openEditor(-1);
}

void PrometheusServerList::edit()
{
    if (m_list->currentRow() >= 0)
        openEditor(m_list->currentRow());
}

void PrometheusServerList::remove()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_servers.removeAt(row);
    refresh();
    m_list->setCurrentRow(std::min(row, int(m_servers.size()) - 1));
    emit changed();
}

void PrometheusServerList::openEditor(int row)
{
    if (m_editor)
        return;
    m_editor = new PrometheusServerDialog(row >= 0 ? m_servers.at(row) : PrometheusServerConfig {}, this);
    m_editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_editor, &QDialog::finished, this, [this, row](int result) {
        const PrometheusServerConfig server = m_editor->server();
        m_editor = nullptr;
        if (result != QDialog::Accepted)
            return;
        if (row >= 0 && row < m_servers.size())
            m_servers[row] = server;
        else
            m_servers << server;
        refresh();
        m_list->setCurrentRow(row >= 0 ? row : int(m_servers.size()) - 1);
        emit changed();
    });
    m_editor->open();
}

void PrometheusServerList::refresh()
{
    m_list->clear();
    for (const PrometheusServerConfig &s : std::as_const(m_servers)) {
        auto *item = new QListWidgetItem(s.selector.isEmpty() ? s.url : s.url + u' ' + s.selector, m_list);
        item->setToolTip(s.tokenFile.isEmpty()
                ? (s.user.isEmpty() ? tr("no authentication") : tr("user %1").arg(s.user))
                : tr("token file %1").arg(s.tokenFile));
    }
    m_edit->setEnabled(m_list->currentRow() >= 0);
    m_remove->setEnabled(m_list->currentRow() >= 0);
}
