#pragma once
// A token bucket: `rate` tokens a second, holding at most `burst`, full at the start. The server's flood
// control spends one per message; the client paces its outbox with the same numbers, so a polite client
// is never refused.
#include <algorithm>
#include <chrono>
#include <cstddef>

namespace net {

class TokenBucket {
public:
    using Clock = std::chrono::steady_clock;

    TokenBucket(double rate, double burst, Clock::time_point now)
        : m_rate(rate), m_burst(burst), m_tokens(burst), m_at(now) {}

    /// Full again, from now (a new connection starts with a full bucket).
    void fill(Clock::time_point now) {
        m_tokens = m_burst;
        m_at = now;
    }
    /// Whole tokens there are at now.
    std::size_t available(Clock::time_point now) {
        refill(now);
        return m_tokens < 1.0 ? 0 : static_cast<std::size_t>(m_tokens); // below zero after an overdraft
    }
    /// Spends one token if there is one at now.
    bool take(Clock::time_point now) {
        if (available(now) == 0) return false;
        m_tokens -= 1.0;
        return true;
    }
    /// Spends n tokens; more than available() overdraws the bucket, and it refills from below zero.
    void spend(std::size_t n) { m_tokens -= static_cast<double>(n); }
    /// How long until the next whole token (zero when there is one).
    Clock::duration untilNext() const {
        if (m_tokens >= 1.0) return Clock::duration::zero();
        const std::chrono::duration<double> wait((1.0 - m_tokens) / std::max(m_rate, 0.001));
        return std::chrono::ceil<Clock::duration>(wait);
    }

private:
    void refill(Clock::time_point now) {
        const double elapsed = std::chrono::duration<double>(now - m_at).count();
        m_at = now;
        m_tokens = std::min(m_burst, m_tokens + std::max(elapsed, 0.0) * m_rate);
    }

    double m_rate;
    double m_burst;
    double m_tokens;
    Clock::time_point m_at;
};

} // namespace net
