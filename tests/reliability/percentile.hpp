#pragma once
// The p-quantile of measured latencies (nearest rank, no interpolation): what the latency tests judge.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace reliability {

/// v's value at quantile p (0..1), v taken by value to sort; fails the test on an empty sample.
inline double percentile(std::vector<double> v, double p) {
    REQUIRE_FALSE(v.empty());
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace reliability
