// TimingsPage's exports: each chart as a picture (ChartExporter), the statistics as CSV and JSON
// (TimingReport::toJson), the calls as a Chrome trace (ChromeTrace) with the machines' metrics as
// counters. The bytes are made and written in a worker; a failure shows in the tab's banner.
#include "chrometrace.h"
#include "logreader.h"
#include "timingreport.h"
#include "timingsexport.h"
#include "timingshistogram.h"
#include "timingsjob.h"
#include "timingspage.h"
#include "timingstierchart.h"
#include "timingstimeline.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace {
// The machines' CPU, memory and tokens/s of a session log as counter series.
QList<TimingSeries> machineCounters(const LogData &log)
{
    QList<TimingSeries> out;
    for (int m = 0; m < log.machines.size(); ++m) {
        for (Metric metric : { Metric::CpuPercent, Metric::MemoryPercent, Metric::TokensPerSecond }) {
            const std::vector<double> *values = log.series(m, metric);
            if (!values)
                continue;
            TimingSeries s;
            s.name = log.machines[m] + u'_' + metricSuffix(metric);
            for (size_t i = 0; i < values->size(); ++i) {
                s.time.push_back(double(log.timeMs[i]) / 1000.0);
                s.value.push_back((*values)[i]);
            }
            out.append(s);
        }
    }
    return out;
}

} // namespace

void TimingsPage::createExportMenu(QToolButton *button)
{
    auto *menu = new QMenu(button);
    menu->addAction(tr("Timeline as picture…"), this, [this] {
        exportPicture(
            tr("Call timeline"), m_timeline->size(), [this](QPainter *p, QSize s) { m_timeline->render(p, s); });
    });
    menu->addAction(tr("Histogram as picture…"), this, [this] {
        exportPicture(
            tr("Durations"), m_histogram->size(), [this](QPainter *p, QSize s) { m_histogram->render(p, s); });
    });
    menu->addAction(tr("Tiers as picture…"), this, [this] {
        exportPicture(tr("Hardware tiers"), m_tiers->size(), [this](QPainter *p, QSize s) { m_tiers->render(p, s); });
    });
    menu->addSeparator();
    menu->addAction(tr("Statistics as CSV…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export statistics"), QStringLiteral("timings.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportStatisticsCsv(path);
    });
    menu->addAction(tr("Statistics as JSON…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export statistics"), QStringLiteral("timings.json"), tr("JSON (*.json)"));
        if (!path.isEmpty())
            exportStatisticsJson(path);
    });
    menu->addAction(tr("Timeline as Chrome trace…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export a Chrome trace"), QStringLiteral("trace.json"), tr("JSON (*.json)"));
        if (!path.isEmpty())
            exportTrace(path);
    });
    button->setMenu(menu);
}

void TimingsPage::exportPicture(const QString &title, QSize onScreen, const ChartExporter::Renderer &render)
{
    QString path;
    QSize size;
    if (!TimingsExport::askPicture(
            this, title.toLower().replace(u' ', u'_') + QStringLiteral(".png"), onScreen, &path, &size))
        return;
    QString error;
    const ChartExporter::Caption caption { title + QStringLiteral(" — ") + QFileInfo(m_view.path).fileName(),
        ChartExporter::rangeText(m_startMs, m_endMs, std::nullopt), {} };
    reportExport(ChartExporter::exportPicture(render, caption, path, size, &error), error);
}

void TimingsPage::reportExport(bool ok, const QString &error)
{
    if (!ok) {
        m_banner->setText(error);
        m_banner->show();
    }
}

// The bytes made and written in a worker; exportFinished() says how it went.
void TimingsPage::writeInWorker(const QString &path, const std::function<QByteArray()> &make)
{
    TimingsJob::run(
        this,
        [path, make] {
            QString error;
            TimingsExport::writeFile(path, make(), &error);
            return error;
        },
        [this, path](const QString &error) {
            reportExport(error.isEmpty(), error);
            emit exportFinished(path, error);
        });
}

void TimingsPage::exportStatisticsCsv(const QString &path)
{
    writeInWorker(path, [summary = m_view.summary] { return TimingsExport::statisticsCsv(summary); });
}

void TimingsPage::exportStatisticsJson(const QString &path)
{
    if (m_view.data) {
        writeInWorker(path, [data = m_view.data, summary = m_view.summary] {
            return QJsonDocument(TimingReport::toJson(*data, summary)).toJson();
        });
    }
}

void TimingsPage::exportTrace(const QString &path)
{
    if (m_view.data) {
        writeInWorker(path, [data = m_view.data, log = m_view.sessionLog] {
            return ChromeTrace::write(*data, log ? machineCounters(*log) : QList<TimingSeries>());
        });
    }
}
