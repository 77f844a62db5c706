#pragma once
// A program that a test or a benchmark runs (imchat-server, imchat, xdotool): started with its arguments and
// extra environment, its stdout and stderr written to files or kept in memory, every wait bounded, and
// stopped through its own pid only: SIGTERM, then SIGKILL, and never a signal once it has been reaped.
//
// Usage:
//   support::ChildProcess server({IMCHAT_SERVER_PATH, {"--port", "0"}});    // output kept in memory
//   server.capturedOut().waitLine([](const std::string& l) { return l.starts_with("listening"); }, 10s);
//   support::ChildProcess window({IMCHAT_APP_PATH, args, {"LANG=C.UTF-8"}, dir / "w.out", dir / "w.err"});
//   window.waitExit(20s);                                                    // nullopt: still running
//   const auto r = support::runToEnd({"xdotool", {"version"}}, 5s);          // r.exitCode, r.out, r.err
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

#include "support/captured_output.hpp"

namespace support {

/// What to run, and where its output goes.
// Every member has an initializer, so {program, args} may leave the rest out (-Wmissing-field-initializers).
struct Command {
    std::string program{};           // a path, or a name looked up in PATH
    std::vector<std::string> args{}; // the arguments after the program's name
    std::vector<std::string> env{};  // "K=V", added to this process's environment (replacing K if set)
    std::filesystem::path outFile{}; // stdout is written here; empty: kept in memory
    std::filesystem::path errFile{}; // stderr is written here; empty: kept in memory
    bool errToOut = false;           // stderr goes where stdout goes, interleaved in order
    std::filesystem::path inFile{};  // stdin is read from here; empty: /dev/null
};

class ChildProcess {
public:
    /// Starts the command (stdin from inFile, else /dev/null); throws std::runtime_error when it cannot be
    /// started.
    explicit ChildProcess(const Command& command);
    /// Stops it if it still runs (SIGTERM, then SIGKILL after 3 s).
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// Its process id (kept after it ended, for messages; it is never signalled then).
    pid_t pid() const { return m_pid; }
    /// Its exit code once reaped (128 + signal when a signal ended it), nullopt before.
    std::optional<int> exitCode() const { return m_exitCode; }
    /// Waits up to timeout for it to end and reaps it; its exit code, or nullopt while it still runs.
    std::optional<int> waitExit(std::chrono::milliseconds timeout);
    /// Whether it still runs (reaps it when it has ended).
    bool running() { return !waitExit(std::chrono::milliseconds(0)).has_value(); }
    /// Sends sig unless it has been reaped (its pid may be another process's by then); whether it was sent.
    bool signal(int sig);
    /// SIGTERM, up to grace for it to end, then SIGKILL; its exit code (-1 if even SIGKILL did not end it).
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(3));

    /// Its stdout so far, from the file or from memory.
    std::string out() const;
    /// Its stderr so far, from the file or from memory ("" when it goes to stdout).
    std::string err() const;
    /// Its stdout kept in memory, line by line; throws std::logic_error when stdout goes to a file.
    const CapturedOutput& capturedOut() const;
    /// Its stderr kept in memory; throws std::logic_error when stderr goes to a file or to stdout.
    const CapturedOutput& capturedErr() const;

private:
    void readPipes(int outFd, int errFd);
    void finishReading();

    pid_t m_pid = 0;
    std::optional<int> m_exitCode;
    std::filesystem::path m_outFile, m_errFile;
    std::unique_ptr<CapturedOutput> m_out, m_err; // null where the output goes to a file
    std::atomic<bool> m_wrapUp{false};            // the child is gone: the reader stops soon even without EOF
    std::thread m_reader;
};

/// How a program run to its end ended, and what it printed.
struct RunResult {
    int exitCode = -1; // -1: still running at the timeout, then stopped
    std::string out, err;
};

/// Runs a command to its end, waiting at most timeout (then stops it); stdout and stderr kept in memory.
RunResult runToEnd(const Command& command, std::chrono::milliseconds timeout);

} // namespace support
