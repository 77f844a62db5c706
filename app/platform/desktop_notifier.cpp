#include "app/platform/desktop_notifier.hpp"

#include <cstdint>
#include <cstdio>
#include <poll.h>
#include <sys/eventfd.h>
#include <systemd/sd-bus.h>
#include <unistd.h>
#include <unordered_map>

namespace app {
namespace {

constexpr const char* kService = "org.freedesktop.Notifications";
constexpr const char* kPath = "/org/freedesktop/Notifications";
constexpr std::uint64_t kCallTimeoutUsec = 1'000'000; // a stuck daemon costs a second of the bus thread
constexpr std::int32_t kExpireMs = 8000;

/// The bus thread's own state (only it touches these).
struct BusState {
    sd_bus* bus = nullptr;
    std::unordered_map<std::uint32_t, std::size_t> conversationOf; // notification id → conversation
    moodycamel::ReaderWriterQueue<std::size_t>* clicks = nullptr;
    std::function<void()>* wake = nullptr;
    std::atomic<unsigned>* shown = nullptr;
    std::atomic<unsigned>* failed = nullptr;
};

struct PendingNotify {
    BusState* state;
    std::size_t conversation;
};

int onNotifyReply(sd_bus_message* reply, void* userdata, sd_bus_error*) {
    const auto* pending = static_cast<const PendingNotify*>(userdata);
    std::uint32_t id = 0;
    if (sd_bus_message_is_method_error(reply, nullptr) || sd_bus_message_read(reply, "u", &id) < 0) {
        ++*pending->state->failed; // an error, or the second passed
    } else {
        pending->state->conversationOf[id] = pending->conversation;
        ++*pending->state->shown;
    }
    return 0;
}

int onActionInvoked(sd_bus_message* signal, void* userdata, sd_bus_error*) {
    auto* state = static_cast<BusState*>(userdata);
    std::uint32_t id = 0;
    const char* action = nullptr;
    if (sd_bus_message_read(signal, "us", &id, &action) < 0 || action == nullptr) return 0;
    const auto it = state->conversationOf.find(id);
    if (it == state->conversationOf.end() || std::string(action) != "default") return 0;
    state->clicks->try_enqueue(it->second);
    (*state->wake)();
    return 0;
}

int onClosed(sd_bus_message* signal, void* userdata, sd_bus_error*) {
    auto* state = static_cast<BusState*>(userdata);
    std::uint32_t id = 0;
    if (sd_bus_message_read(signal, "u", &id) >= 0) state->conversationOf.erase(id);
    return 0;
}

/// Sends one Notify call; its reply arrives later through onNotifyReply.
void sendNotify(BusState& state, const std::string& title, const std::string& body, std::size_t conversation,
                const char* openLabel) {
    sd_bus_message* m = nullptr;
    bool ok = sd_bus_message_new_method_call(state.bus, &m, kService, kPath, kService, "Notify") >= 0 &&
              sd_bus_message_append(m, "susss", "imchat", 0u, "imchat", title.c_str(), body.c_str()) >= 0 &&
              sd_bus_message_append(m, "as", 2, "default", openLabel) >= 0 &&
              sd_bus_message_append(m, "a{sv}", 0) >= 0 && sd_bus_message_append(m, "i", kExpireMs) >= 0;
    auto* pending = new PendingNotify{&state, conversation};
    sd_bus_slot* slot = nullptr;
    ok = ok && sd_bus_call_async(state.bus, &slot, m, onNotifyReply, pending, kCallTimeoutUsec) >= 0;
    sd_bus_message_unref(m);
    if (!ok) {
        delete pending;
        ++*state.failed;
        return;
    }
    // The slot owns pending from here: freed after the reply, the timeout, or when the bus closes.
    sd_bus_slot_set_destroy_callback(slot, [](void* p) { delete static_cast<PendingNotify*>(p); });
    sd_bus_slot_set_floating(slot, 1);
    sd_bus_slot_unref(slot);
}

} // namespace

bool DesktopNotifier::available() { return true; } // whether a daemon answers is known only once one is asked

DesktopNotifier::DesktopNotifier(std::function<void()> wake) : m_wake(std::move(wake)) {}

DesktopNotifier::~DesktopNotifier() {
    if (!m_thread.joinable()) return;
    m_stop = true;
    const std::uint64_t one = 1;
    if (write(m_wakeFd, &one, sizeof one) < 0) std::perror("imchat: notifier");
    m_thread.join();
    close(m_wakeFd);
}

void DesktopNotifier::notify(std::string title, std::string body, std::size_t conversation) {
    if (!m_thread.joinable()) {
        m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (m_wakeFd < 0) return;
        m_thread = std::thread([this] { run(); });
    }
    if (!m_requests.try_enqueue({std::move(title), std::move(body), conversation})) return; // a burst: enough
    const std::uint64_t one = 1;
    if (write(m_wakeFd, &one, sizeof one) < 0) ++m_failed;
}

std::optional<std::size_t> DesktopNotifier::clicked() {
    std::size_t conversation = 0;
    if (m_clicks.try_dequeue(conversation)) return conversation;
    return std::nullopt;
}

void DesktopNotifier::run() {
    BusState state;
    state.clicks = &m_clicks;
    state.wake = &m_wake;
    state.shown = &m_shown;
    state.failed = &m_failed;
    if (sd_bus_open_user(&state.bus) < 0) {
        std::fprintf(stderr, "imchat: no session bus, so no desktop notifications\n");
        state.bus = nullptr;
    } else {
        sd_bus_match_signal(state.bus, nullptr, kService, kPath, kService, "ActionInvoked", onActionInvoked,
                            &state);
        sd_bus_match_signal(state.bus, nullptr, kService, kPath, kService, "NotificationClosed", onClosed,
                            &state);
    }
    while (!m_stop) {
        Request r;
        while (m_requests.try_dequeue(r)) {
            if (state.bus) sendNotify(state, r.title, r.body, r.conversation, "open");
            else ++m_failed;
        }
        while (state.bus && sd_bus_process(state.bus, nullptr) > 0) {
        }
        pollfd fds[2] = {{m_wakeFd, POLLIN, 0}, {-1, 0, 0}};
        int timeoutMs = -1;
        if (state.bus) {
            fds[1] = {sd_bus_get_fd(state.bus), static_cast<short>(sd_bus_get_events(state.bus)), 0};
            std::uint64_t until = 0;
            if (sd_bus_get_timeout(state.bus, &until) >= 0 && until != UINT64_MAX) {
                timespec now{};
                clock_gettime(CLOCK_MONOTONIC, &now);
                const std::uint64_t nowUsec = static_cast<std::uint64_t>(now.tv_sec) * 1'000'000 +
                                              static_cast<std::uint64_t>(now.tv_nsec) / 1000;
                timeoutMs = until > nowUsec ? static_cast<int>((until - nowUsec + 999) / 1000) : 0;
            }
        }
        poll(fds, state.bus ? 2 : 1, timeoutMs);
        std::uint64_t drained = 0;
        if (read(m_wakeFd, &drained, sizeof drained) < 0) { // nothing to drain: the bus woke us
        }
    }
    if (state.bus) sd_bus_close_unref(state.bus); // no flush: a stuck peer must not hold the window's exit
}

} // namespace app
