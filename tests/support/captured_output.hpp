#pragma once
// What a child process printed on one pipe, kept in memory as it arrives: the whole text and its complete
// lines, with a bounded wait for a line that matches. A reader thread appends; tests and benchmarks read.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace support {

class CapturedOutput {
public:
    /// Adds bytes as they were read.
    void append(std::string_view bytes);
    /// Ends the stream; an unfinished last line counts as a line.
    void close();

    /// Everything so far.
    std::string text() const;
    /// How many lines are complete.
    std::size_t lineCount() const;
    /// Line i without its '\n' ("" past the end).
    std::string line(std::size_t i) const;
    /// Whether the stream has ended (the child closed it, usually by exiting).
    bool closed() const;
    /// Index of the first matching line at or after from; nullopt after timeout or at the stream's end.
    std::optional<std::size_t> waitLine(const std::function<bool(const std::string&)>& match,
                                        std::chrono::milliseconds timeout, std::size_t from = 0) const;

private:
    mutable std::mutex m_mutex; // the reader thread appends while others read
    mutable std::condition_variable m_changed;
    std::string m_text;
    std::vector<std::string> m_lines;
    std::size_t m_lineStart = 0; // where the unfinished line begins in m_text
    bool m_closed = false;
};

} // namespace support
