#pragma once

#include "source.h"

#include <atomic>
#include <memory>

// Sources for the sampling tests, in place of /proc, SSH and HTTP. They live in the sampling thread
// like the real ones.

// Answers every request at once with the same values.
class FakeSource : public Source
{
    Q_OBJECT
public:
    explicit FakeSource(const Sample &values)
        : m_values(values)
    { }
    QString name() const override { return QStringLiteral("fake"); }
    void requestSample(quint64 tick) override { emit sampleReady(tick, m_values); }

private:
    Sample m_values;
};

// Never answers: a hung connection without a timeout. Counts the requests it got.
class SilentSource : public Source
{
    Q_OBJECT
public:
    explicit SilentSource(std::shared_ptr<std::atomic<int>> requests = std::make_shared<std::atomic<int>>(0))
        : m_requests(std::move(requests))
    { }
    QString name() const override { return QStringLiteral("silent"); }
    void requestSample(quint64) override { ++*m_requests; }

private:
    std::shared_ptr<std::atomic<int>> m_requests;
};

// Answers every request with a failure.
class FailingSource : public Source
{
    Q_OBJECT
public:
    explicit FailingSource(const QString &reason = QStringLiteral("connection refused"))
        : m_reason(reason)
    { }
    QString name() const override { return QStringLiteral("failing"); }
    void requestSample(quint64 tick) override { emit failed(tick, m_reason); }

private:
    QString m_reason;
};

// Answers only when the test says so (answer() may be called from the test's thread), so that an
// answer can arrive after the next tick started.
class ManualSource : public Source
{
    Q_OBJECT
public:
    QString name() const override { return QStringLiteral("manual"); }
    void requestSample(quint64 tick) override { m_lastTick = tick; }
    quint64 lastRequestedTick() const { return m_lastTick; }
    void answer(quint64 tick, const Sample &sample) { emit sampleReady(tick, sample); }

private:
    std::atomic<quint64> m_lastTick { 0 };
};
