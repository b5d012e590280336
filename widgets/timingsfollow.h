#pragma once

#include "timingdata.h"

#include <QObject>

#include <memory>

class QTimer;
class TimingFollower;

// Follows a growing timing log for the Timings tab: TimingFollower::poll() in a worker every
// interval (one poll at a time; a poll of a file no longer followed is dropped), the new calls
// handed back on the GUI thread.
class TimingsFollow : public QObject
{
    Q_OBJECT
public:
    explicit TimingsFollow(QObject *parent = nullptr);
    ~TimingsFollow() override;

    // Starts following the file (empty: stops). The first update has every call of the file, with
    // restarted set: it replaces the calls read before.
    void follow(const QString &path, int intervalMs);
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
