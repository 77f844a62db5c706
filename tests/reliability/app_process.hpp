#pragma once
// The real imchat window as a child process of a test (under the X display the test runs with): output to
// files, liveness checks, stopped by its pid. The window tests of tests/app have their own launcher; this one
// is the minimum the reliability tests need.
#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace reliability {

class AppProcess {
public:
    /// Starts imchat with args; env entries ("K=V") are added to the test's environment. stdout and stderr
    /// go to <dir>/<tag>.out and .err. Throws std::runtime_error when it cannot start.
    AppProcess(const std::vector<std::string>& args, const std::vector<std::string>& env,
               const std::filesystem::path& dir, const std::string& tag);
    /// SIGTERM, then SIGKILL after 3 s, if still running.
    ~AppProcess();
    AppProcess(const AppProcess&) = delete;
    AppProcess& operator=(const AppProcess&) = delete;

    /// Whether the process is still running (reaps it if it has exited).
    bool alive();
    /// SIGTERM and wait up to timeout; the exit code (128 + signal when killed by one), -1 if still running.
    int terminate(std::chrono::milliseconds timeout);
    /// Exit code once it has exited (-1 before).
    int exitCode() const { return m_code; }
    /// What it printed so far.
    std::string out() const;
    std::string err() const;
    pid_t pid() const { return m_pid; }

private:
    bool reap(std::chrono::milliseconds timeout);

    pid_t m_pid = 0;
    bool m_exited = false;
    int m_code = -1;
    std::filesystem::path m_out, m_err;
};

/// Runs a command line through the shell and returns its stdout (for xdotool queries).
std::string commandOutput(const std::string& command);

} // namespace reliability
