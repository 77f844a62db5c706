#pragma once
// A GUI program (imchat, xdotool) run by a test: started with posix_spawn, its output captured to files,
// every wait bounded, stopped by its pid in the destructor.
#include <chrono>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace apptest {

class WindowProcess {
public:
    /// Starts program with args; env entries ("K=V") are added to (or replace) the test's environment.
    /// Output goes to outPath/errPath (files).
    WindowProcess(const std::string& program, const std::vector<std::string>& args,
                  const std::vector<std::string>& env, std::string outPath, std::string errPath);
    /// SIGTERM, then SIGKILL after 2 s, if still running.
    ~WindowProcess();
    WindowProcess(const WindowProcess&) = delete;
    WindowProcess& operator=(const WindowProcess&) = delete;

    /// Waits up to timeout for the exit; the exit code, or -1 if it is still running.
    int waitExit(std::chrono::milliseconds timeout);
    /// What it printed so far.
    std::string out() const;
    std::string err() const;
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = 0;
    bool m_reaped = false;
    int m_code = -1;
    std::string m_outPath, m_errPath;
};

/// Runs a short command to completion (at most timeout, then killed); returns {exit code, stdout}.
std::pair<int, std::string> runCommand(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

} // namespace apptest
