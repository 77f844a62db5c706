#pragma once
// Desktop notifications. Linux (desktop_notifier.cpp): org.freedesktop.Notifications on the session bus
// (sd-bus). The bus is driven by a thread of its own, so a missing, slow or stuck notification daemon never
// stalls the window: notify() only queues, every call to the daemon has a one-second timeout, and a click
// on a notification ("default" action) comes back through clicked() with the conversation it was about.
// Windows (desktop_notifier_windows.cpp): none (see available()); the members below go unused there.
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <readerwriterqueue/readerwriterqueue.h>

namespace app {

class DesktopNotifier {
public:
    /// wake is called (from the bus thread) when a click is waiting in clicked().
    explicit DesktopNotifier(std::function<void()> wake);
    ~DesktopNotifier();
    DesktopNotifier(const DesktopNotifier&) = delete;
    DesktopNotifier& operator=(const DesktopNotifier&) = delete;

    /// Whether this platform shows notifications at all (the settings menu offers them only then).
    static bool available();
    /// Shows a notification (the bus thread starts with the first one); never blocks.
    void notify(std::string title, std::string body, std::size_t conversation);
    /// The conversation of a notification the user clicked, if any (UI thread).
    std::optional<std::size_t> clicked();
    /// Notifications the daemon accepted, and calls that failed or timed out (for the window's report).
    unsigned shown() const { return m_shown.load(); }
    unsigned failed() const { return m_failed.load(); }

private:
    struct Request {
        std::string title;
        std::string body;
        std::size_t conversation;
    };
    void run();

    std::function<void()> m_wake;
    moodycamel::ReaderWriterQueue<Request> m_requests{16};
    moodycamel::ReaderWriterQueue<std::size_t> m_clicks{16};
    int m_wakeFd = -1; // eventfd: new requests, or stop
    std::atomic<bool> m_stop{false};
    std::atomic<unsigned> m_shown{0};
    std::atomic<unsigned> m_failed{0};
    std::thread m_thread;
};

} // namespace app
