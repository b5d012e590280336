#include "sessionstats.h"

#include "logtime.h"
#include "machinemonitor.h"
#include "session.h"

#include <QJsonArray>

#include <algorithm>

void SessionStats::Series::add(double v)
{
    if (std::isnan(v))
        return;
    peak = count == 0 ? v : std::max(peak, v);
    sum += v;
    ++count;
}

QJsonValue SessionStats::Series::average() const
{
    return count == 0 ? QJsonValue() : QJsonValue(sum / double(count));
}

QJsonValue SessionStats::Series::peakValue() const
{
    return count == 0 ? QJsonValue() : QJsonValue(peak);
}

SessionStats::SessionStats(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    for (MachineMonitor *m : session->machines())
        follow(m);
    connect(session, &Session::machineAdded, this, &SessionStats::follow);
}

void SessionStats::follow(MachineMonitor *machine)
{
    // A machine added again under the same id (edited) goes on with the totals it had; its
    // server's request counter starts a new baseline.
    const QString id = machine->info().id;
    if (!m_machines.contains(id)) {
        m_order << id;
        m_machines.insert(id, Machine());
    }
    m_machines[id].lastRequestsTotal = -1;
    connect(machine, &MachineMonitor::sampleReady, this, [this, id](quint64, const Sample &s) { add(id, s); });
}

const SessionStats::Machine *SessionStats::machine(const QString &id) const
{
    const auto it = m_machines.constFind(id);
    return it == m_machines.constEnd() ? nullptr : &it.value();
}

void SessionStats::add(const QString &id, const Sample &s)
{
    if (s.isEmpty())
        return;
    if (!m_machines.contains(id))
        m_order << id;
    Machine &m = m_machines[id];
    if (m.samples++ == 0)
        m.firstMs = s.timeMs;
    m.lastMs = s.timeMs;
    m.cpu.add(s.value(Metric::CpuPercent));
    m.memoryPercent.add(s.value(Metric::MemoryPercent));
    m.memoryUsedMb.add(s.value(Metric::MemoryUsedMb));
    m.tokensPerSecond.add(s.value(Metric::TokensPerSecond));
    m.activeRequests.add(s.value(Metric::ActiveRequests));
    if (s.has(Metric::ActiveRequests) && s.value(Metric::ActiveRequests) > 0)
        m.tokensPerSecondBusy.add(s.value(Metric::TokensPerSecond));
    if (s.has(Metric::ServerUp)) {
        ++m.serverChecks;
        if (s.value(Metric::ServerUp) > 0.5)
            ++m.serverUp;
    }
    if (s.has(Metric::RequestsTotal)) {
        const double total = s.value(Metric::RequestsTotal);
        // The first reading is the baseline; a lower one means the server restarted from zero.
        if (m.lastRequestsTotal >= 0)
            m.requests += total >= m.lastRequestsTotal ? total - m.lastRequestsTotal : total;
        m.lastRequestsTotal = total;
        m.requestsKnown = true;
    }
}

QJsonObject SessionStats::toJson() const
{
    QJsonArray machines;
    for (const MachineMonitor *monitor : m_session->machines()) {
        const QString id = monitor->info().id;
        const Machine *m = machine(id);
        if (!m)
            continue;
        auto series = [](const Series &s) {
            return QJsonObject { { QStringLiteral("average"), s.average() },
                { QStringLiteral("peak"), s.peakValue() } };
        };
        QJsonObject tokens = series(m->tokensPerSecond);
        tokens.insert(QStringLiteral("average_while_busy"), m->tokensPerSecondBusy.average());
        machines.append(QJsonObject {
            { QStringLiteral("id"), id },
            { QStringLiteral("name"), monitor->info().name },
            { QStringLiteral("samples"), m->samples },
            { QStringLiteral("first_sample"), m->samples ? QJsonValue(LogTime::format(m->firstMs)) : QJsonValue() },
            { QStringLiteral("last_sample"), m->samples ? QJsonValue(LogTime::format(m->lastMs)) : QJsonValue() },
            { QStringLiteral("requests"), m->requestsKnown ? QJsonValue(m->requests) : QJsonValue() },
            // The model servers' metrics carry no failures or durations: null until a source does.
            { QStringLiteral("success_rate"), QJsonValue() },
            { QStringLiteral("average_duration_s"), QJsonValue() },
            { QStringLiteral("tokens_per_second"), tokens },
            { QStringLiteral("active_requests"), series(m->activeRequests) },
            { QStringLiteral("cpu_percent"), series(m->cpu) },
            { QStringLiteral("memory_percent"), series(m->memoryPercent) },
            { QStringLiteral("memory_used_mb"), series(m->memoryUsedMb) },
            { QStringLiteral("server_uptime_percent"),
                m->serverChecks ? QJsonValue(100.0 * double(m->serverUp) / double(m->serverChecks)) : QJsonValue() },
        });
    }
    return { { QStringLiteral("machines"), machines } };
}
