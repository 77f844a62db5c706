#include "app/platform/signal_watch.hpp"

#include <csignal>
#include <cstdlib>
#include <pthread.h>

namespace app {
namespace {

sigset_t stopSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

} // namespace

SignalWatch::SignalWatch(std::function<void()> onStop) : m_onStop(std::move(onStop)) {
    const sigset_t set = stopSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    m_thread = std::thread([this, set] {
        int count = 0;
        for (;;) {
            int sig = 0;
            if (sigwait(&set, &sig) != 0) return;
            if (m_ending) return; // the destructor's wake-up
            if (++count > 1) std::_Exit(128 + sig);
            if (m_onStop) m_onStop();
        }
    });
}

SignalWatch::~SignalWatch() {
    m_ending = true;
    pthread_kill(m_thread.native_handle(), SIGTERM);
    m_thread.join();
}

} // namespace app
