#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>

// The person's answer to a connection's question — "this host's key is not in known_hosts: trust
// it?" or "the passphrase of this key?" — shared between the connection's worker thread (which
// waits) and whoever asks the person. Thread-safe. A passphrase lives here in memory only.
class HostKeyDecision
{
public:
    void answer(bool accept, const QString &text = {})
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_answer) {
                m_answer = accept;
                m_text = text;
            }
        }
        m_changed.notify_all();
    }
    QString text() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_text;
    }
    bool answered() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_answer.has_value();
    }
    // Waits at most timeoutMs for the answer.
    std::optional<bool> waitFor(int timeoutMs)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_answer.has_value(); });
        return m_answer;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::optional<bool> m_answer;
    QString m_text;
};
