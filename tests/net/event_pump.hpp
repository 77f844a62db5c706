#pragma once
// A net::Connection plus the UI side of it, for tests: polls its events (woken by the wake callback, as the
// app is by glfwPostEmptyEvent), keeps them all, and waits for a given one with a deadline.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <vector>

#include "net/connection.hpp"

namespace testnet {

class EventPump {
public:
    explicit EventPump(net::ConnectionConfig config)
        : m_connection(std::move(config), [this] { onWake(); }) {}

    net::Connection& connection() { return m_connection; }
    /// Every event polled so far, in order.
    const std::vector<net::Event>& events() const { return m_events; }
    /// How many times the network thread called wake().
    int wakeCalls() {
        std::lock_guard lock(m_mutex);
        return m_wakes;
    }

    /// The first event of type T matching pred that no earlier waitFor returned, polling until timeout.
    template <typename T, typename Pred>
    std::optional<T> waitFor(std::chrono::milliseconds timeout, Pred pred) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            for (std::size_t i = 0; i < m_events.size(); ++i) {
                const auto* t = std::get_if<T>(&m_events[i]);
                if (t && !m_taken[i] && pred(*t)) {
                    m_taken[i] = true;
                    return *t;
                }
            }
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            pollFor(deadline);
        }
    }
    template <typename T>
    std::optional<T> waitFor(std::chrono::milliseconds timeout) {
        return waitFor<T>(timeout, [](const T&) { return true; });
    }

    /// Polls until no event arrived for quiet.
    void drain(std::chrono::milliseconds quiet) {
        std::size_t before = 0;
        do {
            before = m_events.size();
            pollFor(std::chrono::steady_clock::now() + quiet);
        } while (m_events.size() != before);
    }

private:
    void onWake() {
        {
            std::lock_guard lock(m_mutex);
            ++m_wakes;
        }
        m_cv.notify_one();
    }

    /// Takes whatever is queued; if nothing was, sleeps until a wake-up or the deadline.
    void pollFor(std::chrono::steady_clock::time_point deadline) {
        std::unique_lock lock(m_mutex);
        const int seen = m_wakes;
        lock.unlock();
        if (takeAll()) return;
        lock.lock();
        m_cv.wait_until(lock, deadline, [&] { return m_wakes != seen; });
        lock.unlock();
        takeAll();
    }

    bool takeAll() {
        bool any = false;
        net::Event e;
        while (m_connection.poll(e)) {
            m_events.push_back(std::move(e));
            m_taken.push_back(false);
            any = true;
        }
        return any;
    }

    std::mutex m_mutex; // guards m_wakes, written by the network thread
    std::condition_variable m_cv;
    int m_wakes = 0;
    std::vector<net::Event> m_events;
    std::vector<bool> m_taken;
    net::Connection m_connection; // last: its thread calls onWake, so it must go first
};

} // namespace testnet
