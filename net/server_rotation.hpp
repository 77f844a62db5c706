#pragma once
// Which server of a room's list the next connection goes to, and whether it should wait first. The nodes of a
// cluster serve the same room (docs/cluster.md), so when one fails the next one is tried at once; only when
// every server failed in a row is the ordinary reconnect backoff worth waiting for.
#include <cstddef>
#include <string>
#include <vector>

#include "net/endpoint.hpp"

namespace net {

class ServerRotation {
public:
    /// servers: at least one, in the order to try them.
    explicit ServerRotation(std::vector<Endpoint> servers);

    /// The server the next (or current) connection goes to.
    const Endpoint& current() const { return m_servers[m_current]; }
    /// current() as "host:port", as events and error texts name it.
    const std::string& currentText() const { return m_texts[m_current]; }

    /// The connection to current() failed or was lost (hadJoined: it had joined, so this is the first
    /// failure since the last success); moves on to the next server, round robin. True when every server
    /// failed in a row, so the next attempt should wait the backoff.
    bool failed(bool hadJoined);
    /// Counts failures anew, staying on current() (the user asked to connect now).
    void restart() { m_failedInRow = 0; }

private:
    std::vector<Endpoint> m_servers;
    std::vector<std::string> m_texts;
    std::size_t m_current = 0;
    std::size_t m_failedInRow = 0;
};

} // namespace net
