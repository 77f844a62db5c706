#pragma once
// Another user of the room, for the window benchmarks: a real net::Connection (the client's own protocol
// code) that sends messages and notes when each of its events arrived, from the wake callback the
// connection calls on its network thread right after pushing the event.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "net/connection.hpp"

namespace cbench {

class Peer {
public:
    /// Connects to 127.0.0.1:port (over TLS, to the key fingerprint) as name; rate is the messages per second
    /// it may send.
    Peer(std::uint16_t port, const std::string& fingerprint, const std::string& name, double rate);
    ~Peer();
    Peer(const Peer&) = delete;
    Peer& operator=(const Peer&) = delete;

    /// Waits until the server welcomed it.
    bool waitOnline(std::chrono::milliseconds timeout);
    /// Sends a public message; false when the outbox is full.
    bool say(std::string text);
    /// Waits for the Chat whose text is text (our own echo included); returns when it arrived (monotonic ms).
    std::optional<double> waitChat(const std::string& text, std::chrono::milliseconds timeout);

private:
    /// The next event and when it arrived, waiting until deadline.
    bool next(net::Event& event, double& arrivedMs, std::chrono::steady_clock::time_point deadline);

    std::mutex m_mutex;
    std::condition_variable m_woken;
    std::deque<double> m_arrivals; // one per pushed event, in order
    std::unique_ptr<net::Connection> m_conn;
};

} // namespace cbench
