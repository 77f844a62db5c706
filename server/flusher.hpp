#pragma once
// Write rounds: sessions with frames to send register here and are written together, one gathered write
// each. An idle server runs a round at once; after a round of small writes the next one waits as long as
// that round took (at most kMaxGap), so every connection's next write carries all the messages of that time
// in one syscall instead of one syscall per message: for small writes the cost is per syscall, not per byte.
//
// Single-threaded: only the io_context thread touches this, so no locks are needed.
#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

namespace server {

class Session;

class Flusher {
public:
    /// Upper bound on the wait between rounds (the latency a busy server adds to a delivery).
    static constexpr std::chrono::microseconds kMaxGap{1000};
    /// Average bytes per write from which a round is followed by no wait (the writes are not syscall-bound).
    static constexpr std::size_t kLargeWrite = 2048;

    /// Rounds run on io.
    explicit Flusher(asio::io_context& io);

    /// Writes s in the next round; s must not be registered already (Session keeps a flag).
    void request(std::shared_ptr<Session> s);

private:
    using Clock = std::chrono::steady_clock;
    void schedule();
    void round();

    asio::io_context& m_io;
    asio::steady_timer m_timer;
    std::vector<std::shared_ptr<Session>> m_waiting, m_writing;
    Clock::time_point m_nextRound{}; // the earliest start of the next round
    bool m_scheduled = false;
};

} // namespace server
