#pragma once
// Newcomers' work (TLS handshakes, Hellos, join sequences) paced so that the room never waits behind it: when
// a thousand clients arrive at once (a switch rebooted, the Wi-Fi back), each read of a session that has not
// joined yet spends a token, a few per millisecond; the others wait their turn in arrival order, their bytes
// in their sockets. Members' reads are never paced, and a peer that sends nothing spends nothing.
//
// Single-threaded: used only from the io_context thread.
#include <chrono>
#include <deque>
#include <functional>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "net/token_bucket.hpp"

namespace server {

class AdmissionPacer {
public:
    using Clock = std::chrono::steady_clock;
    /// Newcomer reads a second after the burst: each newcomer needs two or three reads (the TLS handshake,
    /// then the Hello), so a thousand join in ~2 s (measured: 2.09 s), and the room's p99 meanwhile stays
    /// near its baseline (18 ms against 15 ms; at 3000 a second it went to 230-480 ms; bench/README).
    static constexpr double kPerSecond = 1000;
    /// At most this many back to back: the room's next turn comes within a few milliseconds.
    static constexpr double kBurst = 32;

    explicit AdmissionPacer(asio::io_context& io);

    /// Whether a newcomer's read may run now (it spends a token); false while others wait their turn.
    bool admit(Clock::time_point now);
    /// Calls resume when it is this newcomer's turn (its token already spent).
    void wait(std::function<void()> resume);

private:
    void schedule();
    void release();

    asio::io_context& m_io;
    net::TokenBucket m_bucket;
    std::deque<std::function<void()>> m_waiting;
    asio::steady_timer m_timer;
    bool m_armed = false;
};

} // namespace server
