#pragma once
// One real imchat window under test: started with IMCHAT_BENCH_TRACE=1, a fresh settings directory and
// --server/--name for the benchmark's server, and its trace lines (app/bench_trace.hpp) parsed.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bench/client/room_server.hpp"
#include "tests/support/child_process.hpp"

namespace cbench {

/// One "imchat: trace ..." line.
struct TraceLine {
    enum class Kind { Other, Present, Chat, Welcome };
    Kind kind = Kind::Other;
    double ms = 0.0;      // monotonic milliseconds
    unsigned frame = 0;   // Present: the frame's number (from 1)
    bool changed = false; // Present: the frame showed something that arrived
    std::string text;     // Chat: the message's first line
};

/// Parses a line of imchat's output (Kind::Other when it is no trace line).
TraceLine parseTrace(const std::string& line);

class ImchatWindow {
public:
    /// Starts imchat as user name on the server, with extra command-line arguments.
    ImchatWindow(const std::string& binary, const RoomServer& server, const std::string& name,
                 const std::vector<std::string>& extraArgs = {});

    support::ChildProcess& process() { return m_process; }
    /// Monotonic milliseconds (the clock of its trace lines) just before it was started.
    double startedAtMs() const { return m_startedAtMs; }
    /// Its output, stdout and stderr interleaved, line by line.
    const support::CapturedOutput& output() const { return m_process.capturedOut(); }
    /// The index of the first trace line of kind at or after from (for Chat: with exactly this text).
    std::optional<std::size_t> waitTrace(TraceLine::Kind kind, std::size_t from,
                                         std::chrono::milliseconds timeout, const std::string& text = {});
    /// Trace line i, parsed.
    TraceLine trace(std::size_t i) const { return parseTrace(output().line(i)); }

private:
    double m_startedAtMs; // before m_process, so it is taken first
    support::ChildProcess m_process;
};

/// Whether imchat can open a window here (DISPLAY or WAYLAND_DISPLAY set).
bool haveDisplay();

} // namespace cbench
