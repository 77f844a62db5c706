#pragma once
// A thread of its own for nats.c's blocking key-value calls, which must stay off the io thread: it runs the
// jobs handed to it one at a time, in the order given, and a periodic tick between them.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace server {

class JobThread {
public:
    JobThread() = default;
    /// Stops the thread; jobs not run yet are dropped.
    ~JobThread();
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    /// Starts the thread; tick runs on it every `every` (never when every is zero).
    void start(std::chrono::milliseconds every = {}, std::function<void()> tick = {});
    /// Stops the thread (waiting for the job it runs); jobs not run yet are dropped. Also done by the
    /// destructor.
    void stop();
    /// Runs job on the thread after those handed over before it.
    void submit(std::function<void()> job);

private:
    void run(std::chrono::milliseconds every, const std::function<void()>& tick);

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace server
