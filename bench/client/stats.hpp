#pragma once
// Order statistics over a handful of samples (per-frame times, per-run results): exact, by sorting a copy.
#include <algorithm>
#include <cmath>
#include <vector>

namespace cbench {

/// The q-quantile (0..1) by the nearest-rank method; 0 for no samples.
inline double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

/// The median (the lower middle for an even count, so it is always a measured value).
inline double median(const std::vector<double>& v) { return quantile(v, 0.5); }

/// The largest sample; 0 for none.
inline double maximum(const std::vector<double>& v) {
    return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

} // namespace cbench
