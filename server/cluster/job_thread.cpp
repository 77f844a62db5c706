#include "server/cluster/job_thread.hpp"

namespace server {

JobThread::~JobThread() { stop(); }

void JobThread::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void JobThread::start(std::chrono::milliseconds every, std::function<void()> tick) {
    m_thread = std::thread([this, every, tick = std::move(tick)] { run(every, tick); });
}

void JobThread::submit(std::function<void()> job) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void JobThread::run(std::chrono::milliseconds every, const std::function<void()>& tick) {
    using Clock = std::chrono::steady_clock;
    const bool ticks = every.count() > 0 && tick;
    auto nextTick = Clock::now() + every;
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            const auto ready = [&] { return m_stopping || !m_jobs.empty(); };
            if (ticks) m_wake.wait_until(lock, nextTick, ready);
            else m_wake.wait(lock, ready);
            if (m_stopping) return;
            if (!m_jobs.empty()) {
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
        }
        if (job) job();
        if (ticks && Clock::now() >= nextTick) {
            tick();
            nextTick = Clock::now() + every;
        }
    }
}

} // namespace server
