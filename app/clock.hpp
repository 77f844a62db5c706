#pragma once
// Time for the UI: the two clocks the model needs and the lab's "[YYYY-mm-dd HH:MM:SS]" stamp.
#include <cstdint>
#include <string>

#include "app/chat_model.hpp"

namespace app {

/// Both clocks, now.
Now now();

/// "[YYYY-mm-dd HH:MM:SS]" in local time for server UTC milliseconds, written into out (at least 24 bytes);
/// returns the length.
std::size_t formatStamp(std::uint64_t utcMs, char* out, std::size_t size);

} // namespace app
