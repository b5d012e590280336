#include "fleetview.h"

#include "fleettablemodel.h"
#include "machinepanel.h"
#include "session.h"
#include "sparklinedelegate.h"
#include "timechart.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace {
constexpr qint64 TopChoiceMs = 5000; // the top N are chosen again at most this often

const QColor kPalette[] = { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
    QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
    QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf) };

double latest(const MachineMonitor *m, Metric metric)
{
    return m->history().isEmpty() ? NAN : m->history().last().value(metric);
}
} // namespace

FleetView::FleetView(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new FleetTableModel(session, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_sparklines(new SparklineDelegate(m_model, this))
    , m_table(new QTableView(this))
    , m_topTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("fleetView"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FleetTableModel::SortRole);
    m_proxy->setFilterKeyColumn(FleetTableModel::MachineColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setObjectName(QStringLiteral("fleetTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(m_sparklines);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the session's order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() * 2);
    for (int c = FleetTableModel::CpuColumn; c <= FleetTableModel::TokensColumn; ++c)
        m_table->horizontalHeader()->resizeSection(c, 160);
    createControls();

    connect(m_table, &QTableView::clicked, this,
        [this](const QModelIndex &index) { showMachine(m_model->machineAt(m_proxy->mapToSource(index).row())); });
    connect(session, &Session::machineAboutToBeRemoved, this, &FleetView::onMachineAboutToBeRemoved);
    // Machines come and go in batches (a fleet's first answer, a server removed): the top N are
    // chosen once the batch is done.
    m_topTimer->setSingleShot(true);
    m_topTimer->setInterval(0);
    connect(m_topTimer, &QTimer::timeout, this, [this] { updateTop(true); });
    connect(session, &Session::machinesChanged, m_topTimer, qOverload<>(&QTimer::start));
    connect(session, &Session::frameCompleted, this, &FleetView::onFrame);
}

FleetView::~FleetView() = default;

void FleetView::createControls()
{
    m_topCount = new QSpinBox(this);
    m_topCount->setObjectName(QStringLiteral("topCount"));
    m_topCount->setRange(1, int(std::size(kPalette)));
    m_topCount->setValue(5);
    m_topMetric = new QComboBox(this);
    m_topMetric->setObjectName(QStringLiteral("topMetric"));
    m_topMetric->addItem(tr("CPU %"), int(Metric::CpuPercent));
    m_topMetric->addItem(tr("Memory %"), int(Metric::MemoryPercent));
    m_topMetric->addItem(tr("Tokens/s"), int(Metric::TokensPerSecond));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("fleetFilter"));
    m_filter->setPlaceholderText(tr("Filter machines"));
    m_filter->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fleetSummary"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Top"), this));
    bar->addWidget(m_topCount);
    bar->addWidget(new QLabel(tr("by"), this));
    bar->addWidget(m_topMetric);
    bar->addSpacing(12);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_summary);

    m_topHolder = new QWidget(this);
    auto *topLayout = new QVBoxLayout(m_topHolder);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_detail = new QScrollArea(this);
    m_detail->setObjectName(QStringLiteral("fleetDetail"));
    m_detail->setWidgetResizable(true);
    m_detail->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_detail->hide();
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_topHolder);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    connect(m_topCount, &QSpinBox::valueChanged, this, [this] { updateTop(true); });
    connect(m_topMetric, &QComboBox::currentIndexChanged, this, [this] { updateTop(true); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void FleetView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_topStale) {
        m_topStale = false;
        m_topTimer->start();
    }
}

QList<TimeChart *> FleetView::charts() const
{
    QList<TimeChart *> all;
    if (m_topChart)
        all << m_topChart;
    if (m_panel)
        all += m_panel->charts();
    return all;
}

MachineMonitor *FleetView::shownMachine() const
{
    return m_panel ? m_panel->machine() : nullptr;
}

void FleetView::setTopCount(int n)
{
    m_topCount->setValue(n);
}

void FleetView::setTopMetric(Metric metric)
{
    m_topMetric->setCurrentIndex(std::max(0, m_topMetric->findData(int(metric))));
}

void FleetView::onFrame()
{
    int up = 0;
    for (const MachineMonitor *m : m_session->machines())
        up += m->connectionState().kind == ConnectionState::Connected ? 1 : 0;
    m_summary->setText(tr("%1 machines, %2 connected").arg(m_session->machines().size()).arg(up));
    updateTop(false);
}

// The N machines with the highest latest value of the metric; the chart is made anew only when
// they change.
void FleetView::updateTop(bool force)
{
    // Hidden (another tab), it makes no chart: it catches up when shown.
    if (!isVisible()) {
        m_topStale = true;
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!force && now - m_topChosenMs < TopChoiceMs)
        return;
    m_topChosenMs = now;
    const Metric metric = Metric(m_topMetric->currentData().toInt());
    QList<MachineMonitor *> ranked;
    for (MachineMonitor *m : m_session->machines()) {
        if (!std::isnan(latest(m, metric)))
            ranked << m;
    }
    const qsizetype n = std::min<qsizetype>(m_topCount->value(), ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + n, ranked.end(),
        [metric](const MachineMonitor *a, const MachineMonitor *b) { return latest(a, metric) > latest(b, metric); });
    ranked.resize(n);
    if (ranked == m_top && !force)
        return;
    m_top = ranked;
    rebuildTopChart();
}

void FleetView::rebuildTopChart()
{
    delete m_topChart;
    m_topChart = nullptr;
    if (m_top.isEmpty())
        return;
    const Metric metric = Metric(m_topMetric->currentData().toInt());
    m_topChart = new TimeChart(
        tr("Top %1 by %2").arg(m_top.size()).arg(m_topMetric->currentText()), m_topMetric->currentText(), m_topHolder);
    m_topChart->setObjectName(QStringLiteral("fleetTopChart"));
    for (qsizetype i = 0; i < m_top.size(); ++i)
        m_topChart->addSeries({ m_top[i]->info().name, &m_top[i]->history(), metric, kPalette[i] });
    if (metric != Metric::TokensPerSecond)
        m_topChart->setValueRange(0, 100);
    m_topChart->setMarkers(m_session->markers());
    m_topHolder->layout()->addWidget(m_topChart);
    adoptChart(m_topChart);
    emit chartsAdded({ m_topChart });
}

void FleetView::showMachine(MachineMonitor *machine)
{
    if (shownMachine() == machine)
        return;
    delete m_panel;
    m_panel = nullptr;
    if (machine && m_detail->isHidden()) {
        // The table keeps the most room, the charts below get a third.
        const int h = m_splitter->height();
        m_splitter->setSizes({ h / 4, h * 2 / 5, h - h / 4 - h * 2 / 5 });
    }
    m_detail->setVisible(machine != nullptr);
    if (!machine)
        return;
    m_panel = new MachinePanel(machine, m_session->markers());
    m_detail->setWidget(m_panel); // the scroll area owns it
    for (TimeChart *chart : m_panel->charts())
        adoptChart(chart);
    emit chartsAdded(m_panel->charts());
}

void FleetView::adoptChart(TimeChart *chart)
{
    connect(chart, &TimeChart::clicked, this, &FleetView::chartClicked);
    connect(chart, &TimeChart::exportRequested, this, &FleetView::exportRequested);
}

// The charts read the machine's history: they go before it does.
void FleetView::onMachineAboutToBeRemoved(MachineMonitor *machine)
{
    if (shownMachine() == machine)
        showMachine(nullptr);
    if (m_top.contains(machine)) {
        delete m_topChart;
        m_topChart = nullptr;
        m_top.clear();
        m_topTimer->start();
    }
}
