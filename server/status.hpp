#pragma once
// The server's terminal: the online head-count on every change, and connect/disconnect lines.
// On a TTY the count is a live status line redrawn in place; otherwise plain timestamped log lines.
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace server {

class Status {
public:
    /// Writes to out; `live` selects the redrawn status line (pass isatty(fileno(out))).
    Status(std::FILE* out, bool live) : m_out(out), m_live(live) {}

    /// Records a new online count: a log line, or a redraw of the live line.
    void online(std::size_t count);
    /// One timestamped event line ("connect 10.0.0.2", "leave alice (10.0.0.2): timeout").
    void log(std::string_view line);
    /// Ends the live line so the shell prompt starts on a fresh line.
    void finish();

private:
    void redrawLive();

    std::FILE* m_out;
    bool m_live;
    std::size_t m_online = 0;
    bool m_liveShown = false;
};

/// Local time as "YYYY-mm-dd HH:MM:SS".
std::string timestampNow();

} // namespace server
