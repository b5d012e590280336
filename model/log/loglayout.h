#pragma once

#include "marker.h"
#include "metric.h"
#include "sample.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

// The columns of a session log and how a row is formatted for them.
class LogLayout
{
public:
    struct Column
    {
        QString name;
        QString machine; // empty for timestamp, event, notes and unknown columns
        std::optional<Metric> metric;
    };

    // timestamp, the core metrics of each machine in order (and, for the machines in
    // withGpuAndTemperature, gpu_percent, gpu_memory_mb and temperature_c after them), event, notes.
    static LogLayout forMachines(const QStringList &machineIds, const QSet<QString> &withGpuAndTemperature = {});
    // The layout of an existing log, from its header fields (trimmed); unknown columns stay empty
    // when writing. Of a name given twice, the first column is timestamp, event or notes. The one
    // reading of a header: the log reader's too.
    static LogLayout fromHeader(const QStringList &header);
    // The layout of the log file at `path`, from its first line; invalid when the file cannot be
    // read, is empty, or its first line is not a log header.
    static LogLayout fromFile(const QString &path);
    // Splits a column name into machine id and metric by the longest known metric suffix.
    static Column splitColumn(const QString &name);

    bool isValid() const { return m_timestamp >= 0; }
    const QList<Column> &columns() const { return m_columns; }
    // The index of the timestamp, event and notes column; -1 when there is none.
    int timestampColumn() const { return m_timestamp; }
    int eventColumn() const { return m_event; }
    int notesColumn() const { return m_notes; }
    QByteArray header() const;
    // One row ending in \n; machines missing from `samples` get empty cells.
    QByteArray row(qint64 timeMs, const QHash<QString, Sample> &samples, const QString &event = {},
        const QString &notes = {}) const;
    QByteArray markerRow(const Marker &marker) const;

private:
    QList<Column> m_columns;
    int m_timestamp = -1;
    int m_event = -1;
    int m_notes = -1;
};
