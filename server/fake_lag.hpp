#pragma once
// IRC's "fake lag" for one connection's requests: each request the server handles moves the connection's own
// clock ahead by what it costs (a Ping a little, a history page by its size); while that clock is more than
// the allowance ahead of real time, nothing more of the connection is read. A polite client never notices;
// one that asks as fast as it can is slowed to the sustained rate, with no error and no kick, and what it
// sent waits in its own socket.
#include <algorithm>
#include <chrono>

namespace server {

class FakeLag {
public:
    using Clock = std::chrono::steady_clock;

    /// Requests may run this far ahead of real time before reading stops.
    static constexpr std::chrono::milliseconds kAllowance{2000};

    /// Charges a request handled at now.
    void charge(Clock::time_point now, Clock::duration cost) { m_clock = std::max(m_clock, now) + cost; }
    /// How long until the connection may be read again (zero: now).
    Clock::duration wait(Clock::time_point now) const {
        return std::max(Clock::duration::zero(), m_clock - now - Clock::duration(kAllowance));
    }

private:
    Clock::time_point m_clock{};
};

} // namespace server
