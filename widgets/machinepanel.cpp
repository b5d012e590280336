#include "machinepanel.h"

#include "machinemonitor.h"
#include "timechart.h"
#include "units.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

MachinePanel::MachinePanel(MachineMonitor *machine, const MarkerStore *markers, QWidget *parent)
    : QWidget(parent)
    , m_machine(machine)
    , m_values(new QLabel(this))
    , m_state(new QLabel(this))
{
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(machine->info().name.toHtmlEscaped()), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    title->setFont(big);
    m_values->setObjectName(QStringLiteral("machineValues"));
    m_values->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_state->setStyleSheet(QStringLiteral("color: #b00020"));
    m_state->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addSpacing(16);
    header->addWidget(m_values, 1);

    auto *cpu = new TimeChart(tr("CPU — %1").arg(machine->info().name), tr("CPU %"), this);
    cpu->addSeries({ tr("CPU"), &machine->history(), Metric::CpuPercent, QColor(0x1f, 0x77, 0xb4) });
    auto *memory = new TimeChart(tr("Memory — %1").arg(machine->info().name), tr("Memory %"), this);
    memory->addSeries({ tr("Memory used"), &machine->history(), Metric::MemoryPercent, QColor(0x2c, 0xa0, 0x2c) });
    m_charts = { cpu, memory };

    auto *charts = new QHBoxLayout;
    for (TimeChart *chart : std::as_const(m_charts)) {
        chart->setMarkers(markers);
        chart->setValueRange(0, 100);
        charts->addWidget(chart);
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

void MachinePanel::onSample(const Sample &sample)
{
    if (sample.isEmpty())
        return;
    QStringList parts;
    parts << tr("CPU %1").arg(Units::formatMetric(Metric::CpuPercent, sample.value(Metric::CpuPercent)));
    QString memory = tr("Memory %1").arg(Units::formatMetric(Metric::MemoryPercent, sample.value(Metric::MemoryPercent)));
    if (sample.has(Metric::MemoryUsedMb))
        memory += QStringLiteral(" (") + Units::formatMebibytes(sample.value(Metric::MemoryUsedMb)) + u')';
    parts << memory;
    parts << tr("at %1").arg(QDateTime::fromMSecsSinceEpoch(sample.timeMs).toString(QStringLiteral("HH:mm:ss")));
    m_values->setText(parts.join(QStringLiteral("   ·   ")));
}

void MachinePanel::onError(const QString &error)
{
    m_state->setText(error);
    m_state->setVisible(!error.isEmpty());
}
