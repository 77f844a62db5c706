#include "app/platform/signal_watch.hpp"

#include <cstdlib>

#include <windows.h>

// Windows has no SIGTERM to wait for: the console's Ctrl+C, Ctrl+Break and close events play its part,
// when the window was started from a console. Without one (the usual case, from the Start menu) there is
// nothing to watch: the close button already ends the window through GLFW. The handler runs on a thread
// the system starts for each event, so no thread of our own is needed.

namespace app {
namespace {

// The handler is a plain function, so what it calls lives here; there is one SignalWatch per process.
std::function<void()> s_onStop;
std::atomic<int> s_events{0};
HANDLE s_finished = nullptr; // set once the window has saved its settings and is going away

BOOL WINAPI onConsoleEvent(DWORD event) {
    if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT) return FALSE;
    if (++s_events > 1) std::_Exit(130); // a second one: the UI may be stuck
    if (s_onStop) s_onStop();
    // After a close event returns, Windows ends the process at once (and after 5 s in any case): give the
    // window time to save its settings first.
    if (event == CTRL_CLOSE_EVENT) WaitForSingleObject(s_finished, 4000);
    return TRUE;
}

} // namespace

SignalWatch::SignalWatch(std::function<void()> onStop) : m_onStop(std::move(onStop)) {
    s_onStop = m_onStop;
    s_finished = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

SignalWatch::~SignalWatch() {
    SetEvent(s_finished);
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
}

} // namespace app
