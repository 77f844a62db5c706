#pragma once
// Fixed-memory latency histogram: 1 µs buckets up to 1 s, one overflow bucket. Exact enough for p99.9
// at the rates we measure, and it costs an increment per sample instead of storing millions of samples.
#include <cstdint>
#include <vector>

namespace bench {

class LatencyHistogram {
public:
    LatencyHistogram() : m_buckets(kBuckets + 1, 0) {}
    void add(std::int64_t micros) {
        if (micros < 0) micros = 0;
        const auto bucket = static_cast<std::size_t>(micros);
        ++m_buckets[bucket < kBuckets ? bucket : kBuckets];
        ++m_count;
        if (micros > m_max) m_max = micros;
    }
    std::uint64_t count() const { return m_count; }
    std::int64_t max() const { return m_max; }
    /// Smallest latency (µs) at or below which fraction q of the samples lie.
    std::int64_t quantile(double q) const {
        if (m_count == 0) return 0;
        const auto target = static_cast<std::uint64_t>(q * static_cast<double>(m_count - 1)) + 1;
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < m_buckets.size(); ++i) {
            seen += m_buckets[i];
            if (seen >= target) return i == kBuckets ? m_max : static_cast<std::int64_t>(i);
        }
        return m_max;
    }

private:
    static constexpr std::size_t kBuckets = 1'000'000;
    std::vector<std::uint64_t> m_buckets;
    std::uint64_t m_count = 0;
    std::int64_t m_max = 0;
};

} // namespace bench
