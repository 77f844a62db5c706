#pragma once
// "m7", "c42": test names and texts with a number. Not written "m" + std::to_string(n): GCC 12 at -O3 takes
// that insert for an overlapping memcpy and fails the build with a false -Wrestrict (GCC bug 105329).
#include <cstdint>
#include <string>
#include <string_view>

namespace support {

inline std::string numbered(std::string_view prefix, std::uint64_t n) {
    std::string s(prefix);
    s += std::to_string(n);
    return s;
}

} // namespace support
