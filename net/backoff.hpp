#pragma once
// Reconnect delays: capped exponential growth with jitter, so a restarted server is not hit by every
// client at the same instant.
#include <chrono>
#include <cstdint>
#include <random>

namespace net {

class Backoff {
public:
    Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max, std::uint64_t seed);

    /// The delay before the next attempt: min·2^k capped at max, jittered uniformly in [d/2, d].
    std::chrono::milliseconds next();
    /// Called after a successful join: the next failure starts again from min.
    void reset() { m_failures = 0; }
    /// Failed attempts since the last reset.
    unsigned failures() const { return m_failures; }

private:
    std::chrono::milliseconds m_min;
    std::chrono::milliseconds m_max;
    unsigned m_failures = 0;
    std::mt19937_64 m_rng;
};

} // namespace net
