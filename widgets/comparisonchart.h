#pragma once

#include <QList>

class MachineMonitor;
class MarkerStore;
class QWidget;
class TimeChart;

// The combined view: every machine's CPU % on one chart, to compare them. Null when fewer than two
// machines measure CPU.
TimeChart *createCpuComparisonChart(
    const QList<MachineMonitor *> &machines, const MarkerStore *markers, QWidget *parent);
