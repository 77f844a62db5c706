#include "net/backoff.hpp"

#include <algorithm>

namespace net {

Backoff::Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max, std::uint64_t seed)
    : m_min(std::max(min, std::chrono::milliseconds(1))), m_max(std::max(max, m_min)), m_rng(seed) {}

std::chrono::milliseconds Backoff::next() {
    // Double until the cap; stop shifting once capped so the exponent never overflows.
    std::int64_t d = m_min.count();
    for (unsigned i = 0; i < m_failures && d < m_max.count(); ++i) d *= 2;
    d = std::min<std::int64_t>(d, m_max.count());
    ++m_failures;
    std::uniform_int_distribution<std::int64_t> jitter(d / 2, d);
    return std::chrono::milliseconds(jitter(m_rng));
}

} // namespace net
