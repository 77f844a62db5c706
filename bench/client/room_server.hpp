#pragma once
// A real imchat-server on 127.0.0.1 (port 0: the kernel picks a free one) with its database in a fresh
// temporary directory, seeded with realistic history so a window that joins has something to show.
#include <cstdint>
#include <string>

#include "tests/support/server_process.hpp"

namespace cbench {

class RoomServer {
public:
    /// Starts the server binary; throws std::runtime_error when it does not come up within 10 s.
    explicit RoomServer(const std::string& binary);

    std::uint16_t port() const { return m_server.port(); }
    /// Its TLS key's fingerprint, which the peers and windows pin.
    std::string fingerprint() const { return m_server.fingerprint(); }
    /// A scratch directory that goes with the server (for the windows' settings and screenshots).
    const std::string& dir() const { return m_dir; }
    /// Sends count realistic messages through a peer and waits for them all to be stored; throws on failure.
    void seed(std::size_t count);

private:
    support::ServerProcess m_server; // stopped, and its directory removed, when the benchmark ends
    std::string m_dir;
};

} // namespace cbench
