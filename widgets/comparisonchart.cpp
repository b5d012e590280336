#include "comparisonchart.h"

#include "machinemonitor.h"
#include "timechart.h"

#include <QCoreApplication>

TimeChart *createCpuComparisonChart(
    const QList<MachineMonitor *> &machines, const MarkerStore *markers, QWidget *parent)
{
    QList<MachineMonitor *> measured;
    for (MachineMonitor *machine : machines) {
        if (machine->info().hasSystemMetrics)
            measured << machine;
    }
    if (measured.size() < 2)
        return nullptr;
    // Tableau 10: distinct at a glance, the first one the single-machine CPU blue.
    static const QColor palette[] = { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
        QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf) };
    auto *chart = new TimeChart(QCoreApplication::translate("ComparisonChart", "CPU — all machines"),
        QCoreApplication::translate("ComparisonChart", "CPU %"), parent);
    chart->setObjectName(QStringLiteral("cpuComparison"));
    for (qsizetype i = 0; i < measured.size(); ++i) {
        const MachineInfo &info = measured[i]->info();
        chart->addSeries(
            { info.name, &measured[i]->history(), Metric::CpuPercent, palette[i % qsizetype(std::size(palette))] });
    }
    chart->setValueRange(0, 100);
    chart->setMarkers(markers);
    return chart;
}
