#pragma once
// Time for the UI: the two clocks the model needs and the lab's "[YYYY-mm-dd HH:MM:SS]" stamp.
#include <cstddef>
#include <cstdint>

namespace app {

/// The two clocks the model needs: steady for countdowns, UTC for stamping local notices.
struct Now {
    std::int64_t steadyMs = 0;
    std::uint64_t utcMs = 0;
};

/// Both clocks, now.
Now now();

/// "[YYYY-mm-dd HH:MM:SS]" in local time for server UTC milliseconds, written into out (at least 24 bytes);
/// returns the length.
std::size_t formatStamp(std::uint64_t utcMs, char* out, std::size_t size);

} // namespace app
