#pragma once
// SIGTERM/SIGINT end the window like closing it (so the settings are saved): the signals are blocked in
// every thread and a small thread waits for them with sigwait, then calls onStop (which wakes the UI).
// A second signal ends the process at once, in case the UI is stuck. On Windows
// (signal_watch_windows.cpp) the console's Ctrl+C, Ctrl+Break and close events do the same; the members
// below go unused there.
#include <atomic>
#include <functional>
#include <thread>

namespace app {

class SignalWatch {
public:
    /// Blocks the signals in the calling thread (and the threads it starts later): construct it first.
    explicit SignalWatch(std::function<void()> onStop);
    /// Stops the watching thread.
    ~SignalWatch();
    SignalWatch(const SignalWatch&) = delete;
    SignalWatch& operator=(const SignalWatch&) = delete;

private:
    std::function<void()> m_onStop;
    std::thread m_thread;
    std::atomic<bool> m_ending{false};
};

} // namespace app
