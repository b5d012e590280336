#include "logwriter.h"

#include <QCoreApplication>

LogStatus LogStatus::of(const SessionLog &log)
{
    LogStatus s;
    s.m_open = log.isOpen();
    s.m_csvPath = log.csvPath();
    s.m_sidecarPath = log.csvPath().isEmpty() ? QString() : log.sidecarPath();
    s.m_layout = log.layout();
    s.m_rows = log.rowsWritten();
    s.m_unwrittenMarkers = log.unwrittenMarkers();
    return s;
}

LogWriter::LogWriter(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
    , m_log(std::make_unique<SessionLog>())
{
    m_thread.setObjectName(QStringLiteral("perfdash log writer"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

LogWriter::~LogWriter()
{
    sync(); // what was posted is written: quitting the thread's loop would drop it
    m_thread.quit();
    m_thread.wait();
}

void LogWriter::post(Job job, std::function<void()> then)
{
    const quint64 id = ++m_posted;
    QMetaObject::invokeMethod(
        m_worker,
        [this, id, job = std::move(job), then = std::move(then)] {
            job(m_log);
            const LogStatus status = LogStatus::of(*m_log);
            QMetaObject::invokeMethod(
                this,
                [this, id, status, then] {
                    publish(id, status);
                    if (then)
                        then();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void LogWriter::run(Job job)
{
    const quint64 id = ++m_posted;
    LogStatus status;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &job, &status] {
            job(m_log);
            status = LogStatus::of(*m_log);
        },
        Qt::BlockingQueuedConnection);
    publish(id, status); // the statuses of earlier jobs, still on their way here, are older
}

void LogWriter::sync()
{
    run([](std::unique_ptr<SessionLog> &) {});
    // What the jobs before it had to say (their `then`) is said now, in order.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void LogWriter::whenWritten(QObject *context, std::function<void()> then)
{
    // The status of every earlier job is queued to this thread before this job's answer.
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        m_worker,
        [this, guard, then = std::move(then)] {
            QMetaObject::invokeMethod(
                this,
                [guard, then] {
                    if (guard)
                        then();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void LogWriter::publish(quint64 job, const LogStatus &status)
{
    if (job <= m_published)
        return;
    m_published = job;
    m_status = status;
    emit statusChanged();
}
