#pragma once
// Server time as carried on the wire.
#include <chrono>
#include <cstdint>

namespace server {

/// UTC milliseconds since 1970 (the timeMs of Chat, Private, Joined, Left).
inline std::uint64_t nowMs() {
    using namespace std::chrono;
    return static_cast<std::uint64_t>(
        duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

} // namespace server
