#include "timingsfollow.h"

#include "timingfollower.h"
#include "timingsjob.h"

#include <QTimer>

TimingsFollow::TimingsFollow(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &TimingsFollow::poll);
}

TimingsFollow::~TimingsFollow() = default;

void TimingsFollow::follow(const QString &path, int intervalMs, const TimingFollower::Resume &resume)
{
    ++m_generation;
    m_timer->stop();
    m_follower.reset();
    m_polling = false;
    m_first = !resume.valid;
    if (path.isEmpty())
        return;
    m_follower = std::make_shared<TimingFollower>(path, resume);
    m_timer->start(intervalMs);
    poll();
}

void TimingsFollow::poll()
{
    if (!m_follower || m_polling)
        return;
    m_polling = true;
    const int generation = m_generation;
    TimingsJob::run(
        this, [follower = m_follower] { return follower->poll(); },
        [this, generation](TimingFollower::Update update) {
            if (generation != m_generation)
                return; // another file, or none, is followed now
            m_polling = false;
            if (!update.error.isEmpty()) {
                emit failed(update.error);
                return;
            }
            const bool restarted = update.restarted || m_first;
            m_first = false;
            if (restarted || update.calls.size() > 0)
                emit newCalls(update.calls, restarted);
        });
}
