#pragma once
// A program the benchmark runs (imchat-server, imchat): started with posix_spawn, stdout and stderr read
// line by line on a thread so the benchmark can wait for a line (bounded), stopped by its pid.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace cbench {

class ChildProcess {
public:
    /// Starts program with args; env entries "K=V" are added to (or replace) this process's environment.
    /// Throws std::runtime_error when it cannot be started.
    ChildProcess(const std::string& program, const std::vector<std::string>& args,
                 const std::vector<std::string>& env);
    /// Stops it (SIGTERM, then SIGKILL after 3 s) if it still runs.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    /// Monotonic milliseconds just before the spawn.
    double startedAtMs() const { return m_startedAtMs; }
    /// Waits up to timeout for an output line at index >= from that matches; returns its index.
    std::optional<std::size_t> waitLine(const std::function<bool(const std::string&)>& match,
                                        std::chrono::milliseconds timeout, std::size_t from = 0);
    /// Line i of the output (stdout and stderr interleaved).
    std::string line(std::size_t i) const;
    /// Number of lines read so far.
    std::size_t lineCount() const;
    /// The output so far, for error messages.
    std::string output() const;
    /// SIGTERM, then waits (SIGKILL after 3 s); returns the exit code (128 + signal when killed).
    int stop();

private:
    void readLoop(int fd);

    pid_t m_pid = 0;
    int m_code = -1;
    double m_startedAtMs = 0.0;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<std::string> m_lines;
    bool m_eof = false;
    std::thread m_reader;
};

} // namespace cbench
