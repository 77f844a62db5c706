#pragma once
// The real imchat-server binary as a child process of a test, on 127.0.0.1.
//
// Usage:
//   support::ServerProcess server;                        // temp data dir, port 0, waits for "listening on"
//   support::TestClient c; c.connect(server.port());
//   server.kill9(); server.restart();                     // same database file, new port
//   support::ServerProcess fixed({.fixedPort = p});       // restart() keeps port p (reconnect tests)
// The destructor stops the process (SIGTERM, then SIGKILL after 3 s) and removes its temp dir.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include "support/child_process.hpp"

namespace support {

class ServerProcess {
public:
    struct Options {
        std::uint16_t fixedPort = 0;          // 0: any free port, chosen anew on each start
        std::string dataPath{};               // empty: <temp dir>/server.db, removed with the temp dir
        std::vector<std::string> extraArgs{}; // appended after --bind/--port/--data
        std::string binary{};                 // empty: the binary under test (binaryPath())
        // --allow-plaintext: the tests' protocol client (TestClient) speaks the frames without TLS; a TLS
        // client is served either way.
        bool plaintext = true;
        // --presence-grace-ms: 0 announces a lost connection at once, as most tests expect; the grace
        // itself (3000 by default in the binary) has tests of its own.
        std::uint32_t presenceGraceMs = 0;
        // --connects-per-ip: tests open many connections from 127.0.0.1 in a row; the rate (10 a second by
        // default) has tests of its own.
        std::uint32_t connectsPerIp = 1000000;
    };

    /// Starts the server and waits (up to 10 s) for its "listening on" line; throws std::runtime_error.
    explicit ServerProcess(Options options);
    /// Starts with default options.
    ServerProcess();
    /// Starts with default options plus extra command-line arguments.
    explicit ServerProcess(std::vector<std::string> extraArgs);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    /// The port the running server listens on.
    std::uint16_t port() const { return m_port; }
    /// The running server's process id (0 when stopped).
    pid_t pid() const;
    /// The SQLite file the server uses.
    const std::string& dataPath() const { return m_dataPath; }
    /// The fingerprint of the server's TLS key (64 hex digits), as its second line prints it.
    std::string fingerprint() const;
    /// Everything the current process printed on stdout so far.
    std::string stdoutSoFar() const { return m_child->out(); }
    /// Everything the current process printed on stderr so far.
    std::string stderrSoFar() const { return m_child->err(); }

    /// SIGKILL and reap: the crash case.
    void kill9();
    /// SIGTERM and wait up to 5 s; returns the exit code (128 + signal if killed, -1 if it had to be
    /// SIGKILLed).
    int terminate();
    /// Stops the process if running, then starts it again on the same database. Keeps the port when
    /// Options::fixedPort is set or samePort is true.
    void restart(bool samePort = false);
    /// Whether the process has exited on its own (reaps it); exitCode() then tells the code.
    bool exited();
    /// Exit code of the last stopped process (-1 while it runs).
    int exitCode() const { return m_child->exitCode().value_or(-1); }

    /// Runs the binary once with exactly args, no defaults added (--help, bad flags, a port in use).
    static RunResult run(const std::vector<std::string>& args,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Path of the binary under test.
    static const char* binaryPath();

private:
    void start(std::uint16_t port);

    Options m_options;
    std::string m_tempDir;
    std::string m_dataPath;
    std::uint16_t m_port = 0;
    std::unique_ptr<ChildProcess> m_child; // the current process, or the last one once stopped
};

} // namespace support
