#pragma once
// Timing lines for the client benchmarks (bench/client), printed only when IMCHAT_BENCH_TRACE is set in
// the environment: when a network event reached the UI thread and when each frame was presented, in
// milliseconds on the monotonic clock every process of the machine shares, and the connection state line as
// drawn. Costs one branch otherwise.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "net/events.hpp"

namespace app::trace {

/// Whether tracing was asked for (read once).
inline bool enabled() {
    static const bool on = std::getenv("IMCHAT_BENCH_TRACE") != nullptr;
    return on;
}

/// Now on the monotonic clock, in milliseconds.
inline double nowMs() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// "imchat: trace chat MS TEXT" (first line of the text) or "imchat: trace welcome MS" as an event is
/// drained.
inline void drained(const net::Event& e) {
    if (!enabled()) return;
    if (const auto* c = std::get_if<net::Chat>(&e)) {
        const std::string_view line = std::string_view(c->text).substr(0, c->text.find('\n'));
        std::printf("imchat: trace chat %.3f %.*s\n", nowMs(), static_cast<int>(line.size()), line.data());
    } else if (std::holds_alternative<net::WelcomeEvent>(e)) {
        std::printf("imchat: trace welcome %.3f\n", nowMs());
    }
}

/// "imchat: trace state TEXT" when the connection state line drawn in the top bar changes (tests read why the
/// window says it is offline from here).
inline void stateShown(std::string_view text) {
    if (!enabled()) return;
    static std::string last;
    if (text == last) return;
    last = text;
    std::printf("imchat: trace state %.*s\n", static_cast<int>(text.size()), text.data());
    std::fflush(stdout);
}

/// "imchat: trace present N MS CHANGED" after frame N was swapped to the screen.
inline void presented(bool changed) {
    if (!enabled()) return;
    static unsigned frames = 0;
    std::printf("imchat: trace present %u %.3f %d\n", ++frames, nowMs(), changed ? 1 : 0);
    std::fflush(stdout);
}

} // namespace app::trace
