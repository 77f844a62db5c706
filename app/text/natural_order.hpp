#pragma once
// Natural order for names people read in a list: digit runs compare by their value, so b2 comes before
// b10 (plain byte order gives b0, b1, b10, b2).
#include <string_view>

namespace app {

/// a before b in natural order: bytes compare as bytes, except that runs of ASCII digits compare as numbers
/// (leading zeros aside; equal values with more leading zeros come later, so the order stays total).
bool naturalLess(std::string_view a, std::string_view b);

} // namespace app
