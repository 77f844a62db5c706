#pragma once
// A colour per user name: picked from a hash of the name's case-insensitive key (so "Bob" and "bob",
// the same user to the server, look the same, in every run), then lightened or darkened until it reads
// on the theme's background with a contrast of at least 4.5:1 (WCAG AA for text).
#include <cstdint>
#include <string_view>

namespace app {

/// An sRGB colour, 0..255 per channel.
struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb&) const = default;
};

/// WCAG contrast ratio between two colours (1..21).
double contrastRatio(Rgb a, Rgb b);

/// The stable, readable colour of name on background.
Rgb nameColour(std::string_view name, Rgb background);

} // namespace app
