#pragma once
// imchat-server.exe run under Wine on 127.0.0.1, as support::ServerProcess runs the Linux one: started,
// its port and key fingerprint read from its first two lines, stopped through its own pid.
//
// Usage:
//   wintest::WineServer server(wine, exe, dir / "server.db");          // any free port
//   apptest::GuiRoom room("x", apptest::GuiRoom::External{server.port(), server.fingerprint()});
//   CHECK(server.stop() == 0);                                          // its clean stop
//   wintest::WineServer again(wine, exe, dir / "server.db", port);      // same data, same port
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "support/child_process.hpp"
#include "wine_prefix.hpp"

namespace wintest {

class WineServer {
public:
    /// Starts `wine exe --bind 127.0.0.1 --port port --data <data> --allow-plaintext ...` (plaintext for
    /// the tests' protocol client; TLS clients are served too) and waits up to a minute for its
    /// "listening on" line; REQUIREs it.
    WineServer(const WinePrefix& wine, const std::filesystem::path& exe, const std::filesystem::path& data,
               std::uint16_t port = 0);
    /// Stops it if it still runs.
    ~WineServer();
    WineServer(const WineServer&) = delete;
    WineServer& operator=(const WineServer&) = delete;

    /// The port it listens on.
    std::uint16_t port() const { return m_port; }
    /// Its key fingerprint, 64 hex digits, from its second line.
    const std::string& fingerprint() const { return m_fingerprint; }
    /// Its clean stop, as Ctrl+C in its console: SIGINT, which Wine turns into a console CTRL_C_EVENT that
    /// the C runtime raises as SIGINT (SIGTERM would not do: Wine ends the process at once on it). Waits up
    /// to timeout; its exit code, or -1 when it had to be killed.
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// What it printed so far.
    std::string out() const { return m_process->out(); }
    std::string err() const { return m_process->err(); }

private:
    std::unique_ptr<support::ChildProcess> m_process;
    std::uint16_t m_port = 0;
    std::string m_fingerprint;
};

} // namespace wintest
