#pragma once
// The server's terminal: the online head-count on every change, and connect/disconnect lines.
// On a TTY the count is a live status line redrawn in place; otherwise plain timestamped log lines.
// Lines have a budget (kLinesPerSecond, after a burst): clients that connect in a loop cannot make the log
// grow without bound or push journald into dropping lines; the next line shown says how many were not.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "net/token_bucket.hpp"

namespace server {

class Status {
public:
    static constexpr double kLinesPerSecond = 100;
    static constexpr double kLineBurst = 1000;

    /// Writes to out; `live` selects the redrawn status line (pass isatty(fileno(out))).
    Status(std::FILE* out, bool live)
        : m_out(out), m_live(live), m_budget(kLinesPerSecond, kLineBurst, std::chrono::steady_clock::now()) {}

    /// Records a new online count: a log line (within the budget), or a redraw of the live line.
    void online(std::size_t count);
    /// One timestamped event line ("connect 10.0.0.2", "leave "alice" (10.0.0.2): timeout"), within the
    /// budget.
    void log(std::string_view line);
    /// Ends the live line so the shell prompt starts on a fresh line.
    void finish();

private:
    void redrawLive();
    /// Whether a line may be written now; the first after some were not says how many.
    bool takeLine();

    std::FILE* m_out;
    bool m_live;
    std::size_t m_online = 0;
    bool m_liveShown = false;
    net::TokenBucket m_budget;
    std::size_t m_notShown = 0;
};

/// Local time as "YYYY-mm-dd HH:MM:SS".
std::string timestampNow();

} // namespace server
