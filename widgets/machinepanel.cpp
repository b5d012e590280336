#include "machinepanel.h"

#include "machinemonitor.h"
#include "textline.h"
#include "timechart.h"
#include "units.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

MachinePanel::MachinePanel(MachineMonitor *machine, const MarkerStore *markers, QWidget *parent)
    : QWidget(parent)
    , m_machine(machine)
    , m_values(new TextLine(this))
    , m_state(new QLabel(this))
    , m_connection(new TextLine(this))
    , m_reconnect(new QPushButton(tr("Reconnect"), this))
{
    QHBoxLayout *header = buildHeader();
    addCharts();
    auto *charts = new QHBoxLayout;
    for (TimeChart *chart : std::as_const(m_charts)) {
        chart->setMarkers(markers);
        charts->addWidget(chart, 1); // equal widths, also for the GPU chart shown later
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(header);
    layout->addWidget(m_state);
    layout->addLayout(charts, 1);

    connect(machine, &MachineMonitor::sampleReady, this, [this](quint64, const Sample &s) { onSample(s); });
    connect(machine, &MachineMonitor::errorChanged, this, &MachinePanel::onError);
    m_values->setText(tr("Waiting for the first sample…"));
}

QHBoxLayout *MachinePanel::buildHeader()
{
    const MachineInfo &info = m_machine->info();
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(info.name.toHtmlEscaped()), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    title->setFont(big);
    m_values->setObjectName(QStringLiteral("machineValues"));
    m_state->setObjectName(QStringLiteral("machineState"));
    m_state->setWordWrap(true);
    m_state->setStyleSheet(QStringLiteral("color: #b00020"));
    m_state->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(title);
    if (info.hasServer) {
        m_badge = new QLabel(this);
        m_badge->setObjectName(QStringLiteral("serverBadge"));
        header->addWidget(m_badge);
        onServerState(m_machine->serverState());
        connect(m_machine, &MachineMonitor::serverStateChanged, this, &MachinePanel::onServerState);
    }
    m_connection->setObjectName(QStringLiteral("connectionState"));
    // Its latency changes with every sample: a line that only repaints, not a QLabel that would
    // lay the panel out again each time. As wide as "SSH connected · last sample 120 ms".
    m_connection->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_connection->setWidthInCharacters(36);
    m_connection->hide();
    header->addWidget(m_connection);
    m_reconnect->setObjectName(QStringLiteral("reconnectButton"));
    m_reconnect->setToolTip(tr("Try to connect to %1 again now").arg(info.name));
    m_reconnect->hide();
    connect(m_reconnect, &QPushButton::clicked, m_machine, &MachineMonitor::reconnect);
    header->addWidget(m_reconnect);
    connect(m_machine, &MachineMonitor::connectionStateChanged, this, &MachinePanel::onConnectionState);
    header->addSpacing(16);
    header->addWidget(m_values, 1);
    return header;
}

void MachinePanel::addCharts()
{
    const MachineInfo &info = m_machine->info();
    const History *history = &m_machine->history();
    if (info.hasSystemMetrics) {
        auto *cpu = new TimeChart(tr("CPU — %1").arg(info.name), tr("CPU %"), this);
        cpu->addSeries({ tr("CPU"), history, Metric::CpuPercent, QColor(0x1f, 0x77, 0xb4) });
        cpu->setValueRange(0, 100);
        auto *memory = new TimeChart(tr("Memory — %1").arg(info.name), tr("Memory %"), this);
        memory->addSeries({ tr("Memory used"), history, Metric::MemoryPercent, QColor(0x2c, 0xa0, 0x2c) });
        memory->setValueRange(0, 100);
        m_charts << cpu << memory;
    }
    if (info.hasGpuAndTemperature) {
        // Shown from the machine's first GPU value on: a machine without a GPU gets no empty chart.
        m_gpuChart = new TimeChart(tr("GPU — %1").arg(info.name), tr("GPU %"), this);
        m_gpuChart->setObjectName(QStringLiteral("gpuChart"));
        m_gpuChart->addSeries({ tr("GPU"), history, Metric::GpuPercent, QColor(0xd6, 0x27, 0x28) });
        m_gpuChart->addSeries({ tr("GPU memory"), history, Metric::GpuMemoryMb, QColor(0x8c, 0x56, 0x4b), true });
        m_gpuChart->setValueRange(0, 100);
        m_gpuChart->setRightAxisTitle(tr("MiB"));
        m_gpuChart->hide();
        m_charts << m_gpuChart;
    }
    if (info.hasServer) {
        auto *tokens = new TimeChart(tr("Generation — %1").arg(info.name), tr("tokens/s"), this);
        tokens->addSeries({ tr("Tokens/s"), history, Metric::TokensPerSecond, QColor(0x94, 0x67, 0xbd) });
        tokens->addSeries(
            { tr("Requests in flight"), history, Metric::ActiveRequests, QColor(0xff, 0x7f, 0x0e), true });
        tokens->setRightAxisTitle(tr("requests"));
        tokens->setDowntimeSource(history);
        m_charts << tokens;
    }
}

QString MachinePanel::serverBadgeText() const
{
    return m_badge ? m_badge->text() : QString();
}

void MachinePanel::onSample(const Sample &sample)
{
    if (sample.isEmpty())
        return;
    QStringList parts;
    if (m_machine->info().hasSystemMetrics) {
        parts << tr("CPU %1").arg(Units::formatMetric(Metric::CpuPercent, sample.value(Metric::CpuPercent)));
        QString memory
            = tr("Memory %1").arg(Units::formatMetric(Metric::MemoryPercent, sample.value(Metric::MemoryPercent)));
        if (sample.has(Metric::MemoryUsedMb))
            memory += QStringLiteral(" (") + Units::formatMebibytes(sample.value(Metric::MemoryUsedMb)) + u')';
        parts << memory;
    }
    const bool gpu = sample.has(Metric::GpuPercent) || sample.has(Metric::GpuMemoryMb);
    if (sample.has(Metric::GpuPercent))
        parts << tr("GPU %1").arg(Units::formatMetric(Metric::GpuPercent, sample.value(Metric::GpuPercent)));
    if (sample.has(Metric::GpuMemoryMb)) {
        parts << tr("GPU memory %1").arg(Units::formatMetric(Metric::GpuMemoryMb, sample.value(Metric::GpuMemoryMb)));
    }
    if (sample.has(Metric::TemperatureC))
        parts << Units::formatMetric(Metric::TemperatureC, sample.value(Metric::TemperatureC));
    if (gpu && m_gpuChart && m_gpuChart->isHidden())
        m_gpuChart->show();
    if (m_machine->info().hasServer) {
        if (sample.has(Metric::TokensPerSecond))
            parts << Units::formatMetric(Metric::TokensPerSecond, sample.value(Metric::TokensPerSecond));
        if (sample.has(Metric::ActiveRequests))
            parts << tr("%1 in flight")
                         .arg(Units::formatMetric(Metric::ActiveRequests, sample.value(Metric::ActiveRequests)));
        if (sample.has(Metric::RequestsTotal))
            parts << tr("%1 completed")
                         .arg(Units::formatMetric(Metric::RequestsTotal, sample.value(Metric::RequestsTotal)));
    }
    parts << tr("at %1").arg(QDateTime::fromMSecsSinceEpoch(sample.timeMs).toString(QStringLiteral("HH:mm:ss")));
    m_values->setText(parts.join(QStringLiteral("   ·   ")));
}

void MachinePanel::onError(const QString &error)
{
    m_state->setText(error);
    updateErrorVisibility();
}

void MachinePanel::updateErrorVisibility()
{
    // While an SSH-only machine is not connected, its samples fail for the reason the connection
    // state beside its name already gives: the same words twice, one under the other, help nobody.
    const ConnectionState::Kind kind = m_machine->connectionState().kind;
    const bool stateSaysIt
        = kind != ConnectionState::Idle && kind != ConnectionState::Connected && !m_machine->info().hasServer;
    m_state->setVisible(!m_state->text().isEmpty() && !stateSaysIt);
}

void MachinePanel::onServerState(const ServerState &state)
{
    QString text;
    QString color;
    const QString since = state.sinceMs > 0
        ? QDateTime::fromMSecsSinceEpoch(state.sinceMs).toString(QStringLiteral("HH:mm:ss"))
        : QString();
    switch (state.status) {
    case ServerState::Unknown:
        text = tr("server: checking…");
        color = QStringLiteral("#6b7280");
        break;
    case ServerState::Up:
        text = tr("server up since %1").arg(since);
        color = QStringLiteral("#15803d");
        break;
    case ServerState::Loading:
        text = tr("server loading since %1").arg(since);
        color = QStringLiteral("#b45309");
        break;
    case ServerState::Down:
        // Why it is down belongs on the badge itself: it is the first thing the person asks.
        text = state.detail.isEmpty() ? tr("server down since %1").arg(since)
                                      : tr("server down since %1: %2").arg(since, state.detail);
        color = QStringLiteral("#b91c1c");
        break;
    }
    m_badge->setText(text);
    m_badge->setToolTip(state.detail);
    const QString style
        = QStringLiteral("color: white; background: %1; border-radius: 4px; padding: 2px 8px;").arg(color);
    if (m_badge->styleSheet() != style)
        m_badge->setStyleSheet(style);
}

QString MachinePanel::connectionText() const
{
    return m_connection->text();
}

void MachinePanel::onConnectionState(const ConnectionState &state)
{
    QString text = state.kind == ConnectionState::Connected ? tr("SSH connected") : tr("SSH %1").arg(state.text());
    if (state.kind == ConnectionState::Connected && !std::isnan(state.latencyMs))
        text += tr(" · last sample %1 ms").arg(state.latencyMs, 0, 'f', 0);
    m_connection->setText(text);
    m_connection->setToolTip(state.os.isEmpty() ? QString() : tr("Remote system: %1").arg(state.os));
    m_connection->setColor(state.kind == ConnectionState::Connected ? QColor() : QColor(0xb0, 0x00, 0x20));
    m_connection->setVisible(state.kind != ConnectionState::Idle);
    m_reconnect->setVisible(state.kind == ConnectionState::Failed || state.kind == ConnectionState::Reconnecting);
    updateErrorVisibility();
}
