#include "statisticstable.h"

#include "analysisreport.h"

#include <QHeaderView>

StatisticsTable::StatisticsTable(QWidget *parent)
    : QTableWidget(parent)
{
    setObjectName(QStringLiteral("machineStatistics"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->hide();
}

void StatisticsTable::setResult(const AnalysisResult &r)
{
    const QStringList headers = { tr("Machine"), tr("Samples"), tr("CPU avg"), tr("CPU max"), tr("CPU min"),
        tr("Memory avg"), tr("Memory max"), tr("Tokens/s avg"), tr("Tokens/s max"), tr("Requests"), tr("Uptime %") };
    clear();
    setColumnCount(int(headers.size()));
    setHorizontalHeaderLabels(headers);
    setRowCount(int(r.machines.size()));
    for (int row = 0; row < r.machines.size(); ++row) {
        const MachineStatistics &s = r.machines[row];
        const QStringList cells = { s.id, QString::number(s.samples), AnalysisReport::value(s.cpuAvg),
            AnalysisReport::value(s.cpuMax), AnalysisReport::value(s.cpuMin), AnalysisReport::value(s.memoryAvg),
            AnalysisReport::value(s.memoryMax), AnalysisReport::value(s.tokensAvg, 2),
            AnalysisReport::value(s.tokensMax, 2),
            s.requestsProcessed ? QString::number(*s.requestsProcessed) : QStringLiteral("-"),
            AnalysisReport::value(s.uptimePercent) };
        for (int c = 0; c < cells.size(); ++c)
            setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    resizeColumnsToContents();
}
