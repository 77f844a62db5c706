#include "options.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>

namespace server {

std::string defaultDataPath() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::string(xdg) + "/imchat/server.db";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.local/share/imchat/server.db";
    return "imchat-server.db"; // no home at all (a bare container): the working directory
}

std::optional<int> parseOptions(int argc, char** argv, Options& out) {
    CLI::App app{"imchat-server: headless chat room server (single thread, SQLite history)"};
    app.set_version_flag("--version", std::string("imchat-server ") + IMCHAT_VERSION);
    app.add_option("--bind", out.bind, "Address to listen on")->capture_default_str();
    app.add_option("--port", out.port, "TCP port; 0 picks any free port")->capture_default_str();
    app.add_option("--data", out.dataPath, "SQLite database file (default: $XDG_DATA_HOME/imchat/server.db)");
    app.add_option("--history", out.history, "Public messages sent to a newcomer")
        ->capture_default_str()
        ->check(CLI::Range(0u, 10000u));
    app.add_option("--max-clients", out.maxClients, "Connections accepted at once")
        ->capture_default_str()
        ->check(CLI::Range(1u, 1000000u));
    app.add_option("--max-per-ip", out.maxPerIp, "Connections accepted at once from one address")
        ->capture_default_str()
        ->check(CLI::Range(1u, 1000000u));
    // Bounded so that a Chat of the largest text still fits in one 64 KiB frame.
    app.add_option("--max-message-bytes", out.maxMessageBytes, "Longest message text in UTF-8 bytes")
        ->capture_default_str()
        ->check(CLI::Range(1u, 60000u));
    app.add_option("--rate", out.rate, "Messages per second a connection may send (token bucket)")
        ->capture_default_str()
        ->check(CLI::Range(0.001, 1e9));
    app.add_option("--burst", out.burst, "Token bucket size")
        ->capture_default_str()
        ->check(CLI::Range(1u, 1u << 30));
    app.add_option("--heartbeat-ms", out.heartbeatMs, "Client ping interval; silence for 3x this closes")
        ->capture_default_str()
        ->check(CLI::Range(10u, 3600000u));
    app.add_option("--handshake-timeout-ms", out.handshakeTimeoutMs,
                   "Time allowed for Hello, and for any one frame to arrive completely")
        ->capture_default_str()
        ->check(CLI::Range(10u, 3600000u));
    app.add_option("--max-queue-bytes", out.maxQueueBytes,
                   "Outgoing bytes queued per connection before it is cut off (keep it above one burst)")
        ->capture_default_str()
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 34));
    app.add_option("--write-stall-ms", out.writeStallMs,
                   "A connection whose queued data makes no progress for this long is cut off")
        ->capture_default_str()
        ->check(CLI::Range(10u, 3600000u));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help/--version exit 0; every misuse exits 1 whatever CLI11's own code is, so scripts can rely on
        // it.
        return app.exit(e) == 0 ? 0 : 1;
    }
    if (out.dataPath.empty()) out.dataPath = defaultDataPath();
    return std::nullopt;
}

} // namespace server
