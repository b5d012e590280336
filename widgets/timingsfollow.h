#pragma once

#include "timingdata.h"
#include "timingfollower.h"

#include <QObject>

#include <memory>

class QTimer;

// Follows a growing timing log for the Timings tab: TimingFollower::poll() in a worker every
// interval (one poll at a time; a poll of a file no longer followed is dropped), the new calls
// handed back on the GUI thread.
class TimingsFollow : public QObject
{
    Q_OBJECT
public:
    explicit TimingsFollow(QObject *parent = nullptr);
    ~TimingsFollow() override;

    // Starts following the file (empty: stops). With a valid Resume (TimingsView::followFrom), from
    // where the read of the file that is shown ended: the first update has only the calls new since.
    // Without, the first update has every call of the file, with restarted set: it replaces the
    // calls read before.
    void follow(const QString &path, int intervalMs, const TimingFollower::Resume &resume = {});
    void stop() { follow({}, 0); }
    bool isFollowing() const { return bool(m_follower); }

signals:
    void newCalls(const TimingData &calls, bool restarted);
    void failed(const QString &error);

private:
    void poll();

    std::shared_ptr<TimingFollower> m_follower;
    QTimer *m_timer;
    int m_generation = 0;
    bool m_polling = false;
    bool m_first = true;
};
