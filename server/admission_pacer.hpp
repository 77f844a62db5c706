#pragma once
// Newcomers' work (TLS handshakes, Hellos, join sequences) paced so that the room never waits behind it: when
// thousands arrive at once (a switch rebooted, the Wi-Fi back), newcomers' reads may take only a share of
// the thread's time, a few milliseconds at a stretch; the others wait their turn in arrival order, their
// bytes in their sockets. The budget is time, not reads: a plaintext Hello costs tens of microseconds and a
// TLS handshake a millisecond, so counting reads either starved cheap joins or let costly ones through
// (bench/README.md). Members' reads are never paced, and a peer that sends nothing spends nothing.
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
    /// Microseconds of newcomers' reads a second: half the thread, the rest left to the room.
    static constexpr double kMicrosPerSecond = 500'000;
    /// At most this much back to back: the room's next turn comes within a few milliseconds.
    static constexpr double kBurstMicros = 3'000;

    explicit AdmissionPacer(asio::io_context& io);

    /// Whether a newcomer's read may run now; false while others wait their turn or the budget is spent.
    bool admit(Clock::time_point now);
    /// Calls resume when it is this newcomer's turn.
    void wait(std::function<void()> resume);
    /// What an admitted read took, paid from the budget (it may go below zero: the next ones wait longer).
    void spent(Clock::duration took);

private:
    void schedule();
    void release();

    asio::io_context& m_io;
    net::TokenBucket m_bucket; // tokens are microseconds
    std::deque<std::function<void()>> m_waiting;
    asio::steady_timer m_timer;
    bool m_armed = false;
    bool m_releasing = false; // a turn is posted; release() runs again after it
};

} // namespace server
