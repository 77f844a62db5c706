#include "app/panels/name_colour.hpp"

#include <algorithm>
#include <cmath>

#include "net/validation.hpp"

namespace app {
namespace {

constexpr double kMinContrast = 4.5;

double linear(std::uint8_t channel) {
    const double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); }

std::uint8_t toByte(double v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

/// HSL → sRGB; h in degrees, s and l in 0..1.
Rgb fromHsl(double h, double s, double l) {
    const double c = (1.0 - std::abs(2.0 * l - 1.0)) * s;
    const double hp = h / 60.0;
    const double x = c * (1.0 - std::abs(std::fmod(hp, 2.0) - 1.0));
    double r = 0, g = 0, b = 0;
    switch (static_cast<int>(hp) % 6) {
    case 0: r = c, g = x; break;
    case 1: r = x, g = c; break;
    case 2: g = c, b = x; break;
    case 3: g = x, b = c; break;
    case 4: r = x, b = c; break;
    default: r = c, b = x; break;
    }
    const double m = l - c / 2.0;
    return {toByte(r + m), toByte(g + m), toByte(b + m)};
}

/// FNV-1a: tiny, and the same on every machine and run (std::hash need not be).
std::uint32_t fnv1a(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

} // namespace

double contrastRatio(Rgb a, Rgb b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb nameColour(std::string_view name, Rgb background) {
    const std::uint32_t h = fnv1a(net::nameKey(name));
    // Hues near red (prompts, the unread marker) and near green (our own name) are left out.
    double hue = 20.0 + static_cast<double>(h % 270u);
    if (hue >= 100.0) hue += 50.0;
    const double saturation = 0.55 + static_cast<double>((h >> 9) % 4u) * 0.1; // 0.55..0.85
    const bool darkBackground = luminance(background) < 0.2;
    // Start light on a dark background (dark on a light one) and move away from it until it reads.
    double l = darkBackground ? 0.62 : 0.38;
    const double step = darkBackground ? 0.03 : -0.03;
    Rgb c = fromHsl(hue, saturation, l);
    while (contrastRatio(c, background) < kMinContrast && l > 0.0 && l < 1.0) {
        l += step;
        c = fromHsl(hue, saturation, std::clamp(l, 0.0, 1.0));
    }
    return c;
}

} // namespace app
