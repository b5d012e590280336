#include "livepage.h"

#include "comparisonchart.h"
#include "connectionprompt.h"
#include "fleetview.h"
#include "machinepanel.h"
#include "session.h"
#include "timechart.h"

#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

LivePage::LivePage(Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_pages(new QWidget(this))
    , m_pagesLayout(new QVBoxLayout(m_pages))
    , m_fleet(new FleetView(session))
    , m_fleetPage(new QWidget)
{
    m_pagesLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(scroll);
    auto *fleetHere = new QWidget(this);
    new QVBoxLayout(fleetHere);
    fleetHere->layout()->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(fleetHere);
    new QVBoxLayout(m_fleetPage);
    m_fleetPage->layout()->setContentsMargins(0, 0, 0, 0);
    m_fleetPage->layout()->addWidget(m_fleet);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_fleet, &FleetView::chartsAdded, this, &LivePage::chartsAdded);
    connect(m_fleet, &FleetView::chartClicked, this, &LivePage::chartClicked);
    connect(m_fleet, &FleetView::exportRequested, this, &LivePage::exportRequested);
    connect(session, &Session::machineAboutToBeRemoved, this, &LivePage::onMachineAboutToBeRemoved);
    connect(session, &Session::machinesChanged, this, &LivePage::sync);
    sync();
}

QList<TimeChart *> LivePage::charts() const
{
    QList<TimeChart *> all;
    if (m_comparison)
        all << m_comparison;
    for (MachinePanel *panel : m_panels)
        all += panel->charts();
    return all + m_fleet->charts();
}

void LivePage::adoptChart(TimeChart *chart)
{
    connect(chart, &TimeChart::clicked, this, &LivePage::chartClicked);
    connect(chart, &TimeChart::exportRequested, this, &LivePage::exportRequested);
}

// Gives every machine of the session its panel, in the session's order, keeping the panels (and
// charts) of the machines that stay; the comparison chart is made anew. A fleet gets none.
void LivePage::sync()
{
    const bool fleet = m_session->machines().size() > FleetThreshold;
    if (fleet != m_isFleet) {
        m_isFleet = fleet;
        // One fleet view, moved between this tab and its own.
        (fleet ? m_stack->widget(1) : m_fleetPage)->layout()->addWidget(m_fleet);
        m_stack->setCurrentIndex(fleet ? 1 : 0);
        emit fleetChanged(fleet);
    }
    for (MachineMonitor *machine : m_session->machines()) {
        // Its questions (host key, passphrase) are asked in the window, panel or not.
        if (!m_prompts.contains(machine)) {
            auto *prompt = new ConnectionPrompt(machine, window());
            prompt->setParent(this);
            m_prompts.insert(machine, prompt);
        }
    }
    if (fleet) {
        clearPanels();
        return;
    }
    QList<MachinePanel *> panels;
    QList<TimeChart *> added;
    for (MachineMonitor *machine : m_session->machines()) {
        const auto kept = std::find_if(
            m_panels.cbegin(), m_panels.cend(), [machine](const MachinePanel *p) { return p->machine() == machine; });
        if (kept != m_panels.cend()) {
            panels << *kept;
            continue;
        }
        auto *panel = new MachinePanel(machine, m_session->markers(), m_pages);
        for (TimeChart *chart : panel->charts())
            adoptChart(chart);
        panels << panel;
        added += panel->charts();
    }
    m_panels = panels;
    delete m_comparison;
    m_comparison = createCpuComparisonChart(m_session->machines(), m_session->markers(), m_pages);
    if (m_comparison) {
        adoptChart(m_comparison);
        added << m_comparison;
    }
    for (MachinePanel *panel : std::as_const(m_panels))
        m_pagesLayout->removeWidget(panel);
    if (m_comparison)
        m_pagesLayout->insertWidget(0, m_comparison, 1);
    for (MachinePanel *panel : std::as_const(m_panels))
        m_pagesLayout->addWidget(panel, 1);
    if (!added.isEmpty())
        emit chartsAdded(added);
}

void LivePage::clearPanels()
{
    delete m_comparison;
    m_comparison = nullptr;
    qDeleteAll(m_panels);
    m_panels.clear();
}

void LivePage::onMachineAboutToBeRemoved(MachineMonitor *machine)
{
    delete m_prompts.take(machine);
    // The charts read the machine's history: they go before it does.
    delete m_comparison;
    m_comparison = nullptr;
    for (qsizetype i = m_panels.size() - 1; i >= 0; --i) {
        if (m_panels[i]->machine() == machine)
            delete m_panels.takeAt(i);
    }
}
