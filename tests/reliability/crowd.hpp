#pragma once
// Many joined TestClients driven by one thread: poll() over all their sockets hands every complete message
// to a callback, so a test can run a hundred chatting clients without a hundred threads.
//
// Usage:
//   reliability::Crowd crowd(server.port(), 100, "talker");
//   crowd[3].send(net::Say{1, "hi"});
//   crowd.pump(50ms, [&](std::size_t who, net::Message& m) { ... });
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "support/test_client.hpp"

namespace reliability {

class Crowd {
public:
    /// Connects and joins count clients named prefix + index (prefix0, prefix1, ...); throws on failure.
    Crowd(std::uint16_t port, std::size_t count, const std::string& prefix);

    std::size_t size() const { return m_clients.size(); }
    support::TestClient& operator[](std::size_t i) { return m_clients[i]; }
    const std::string& name(std::size_t i) const { return m_names[i]; }

    /// Called with the client's index and each message it received.
    using Handler = std::function<void(std::size_t, net::Message&)>;
    /// Waits up to timeout for any socket to be readable, then hands every complete message to onMessage;
    /// returns how many it handed. Clients the server closed are skipped from then on.
    std::size_t pump(std::chrono::milliseconds timeout, const Handler& onMessage);
    /// Pumps until nothing arrived for quiet, at most limit.
    void drain(std::chrono::milliseconds quiet, std::chrono::milliseconds limit,
               const Handler& onMessage = {});
    /// Stops reading client i (pump skips it): a dead peer whose socket stays open.
    void ignore(std::size_t i) { m_ignored[i] = true; }

private:
    std::vector<support::TestClient> m_clients;
    std::vector<std::string> m_names;
    std::vector<bool> m_ignored;
};

} // namespace reliability
