#pragma once
// Timing lines for the client benchmarks (bench/client), printed only when IMCHAT_BENCH_TRACE is set in
// the environment: when a network event reached the UI thread and when each frame was presented, in
// milliseconds on the monotonic clock every process of the machine shares, and the connection state line as
// drawn. Costs one branch otherwise. The window owns one.
#include <string>
#include <string_view>

#include "net/events.hpp"

namespace app {

class BenchTrace {
public:
    /// Reads IMCHAT_BENCH_TRACE.
    BenchTrace();
    bool enabled() const { return m_enabled; }
    /// "imchat: trace chat MS TEXT" (first line of the text) or "imchat: trace welcome MS" as an event is
    /// drained.
    void drained(const net::Event& e);
    /// "imchat: trace state TEXT" when the connection state line drawn in the top bar changes (tests read
    /// why the window says it is offline from here).
    void stateShown(std::string_view text);
    /// "imchat: trace present N MS CHANGED" after frame N was swapped to the screen.
    void presented(bool changed);

private:
    bool m_enabled;
    std::string m_lastState;
    unsigned m_frames = 0;
};

} // namespace app
