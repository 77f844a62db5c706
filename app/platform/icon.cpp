#include "app/platform/icon.hpp"

#include <algorithm>
#include <cmath>

namespace app {
namespace {

// Shapes in a unit square, as in assets/imchat.svg (viewBox 0 0 64 64, scaled by 1/64).
bool inRoundedRect(float x, float y) {
    const float x0 = 6 / 64.f, y0 = 8 / 64.f, x1 = 58 / 64.f, y1 = 46 / 64.f, r = 11 / 64.f;
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const float cx = std::clamp(x, x0 + r, x1 - r);
    const float cy = std::clamp(y, y0 + r, y1 - r);
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
}

bool inTail(float x, float y) { // triangle (16,44) (30,44) (12,58)
    const float ax = 16 / 64.f, ay = 44 / 64.f, bx = 30 / 64.f, by = 44 / 64.f, cx = 12 / 64.f,
                cy = 58 / 64.f;
    const auto side = [](float px, float py, float qx, float qy, float rx, float ry) {
        return (qx - px) * (ry - py) - (qy - py) * (rx - px);
    };
    const float d1 = side(ax, ay, bx, by, x, y), d2 = side(bx, by, cx, cy, x, y),
                d3 = side(cx, cy, ax, ay, x, y);
    return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

bool inDot(float x, float y) {
    for (const float cx : {20 / 64.f, 32 / 64.f, 44 / 64.f}) {
        const float dx = x - cx, dy = y - 27 / 64.f;
        if (dx * dx + dy * dy <= (4.5f / 64.f) * (4.5f / 64.f)) return true;
    }
    return false;
}

} // namespace

std::vector<unsigned char> renderIcon(int size) {
    constexpr int kSamples = 4; // 4×4 supersampling per pixel
    std::vector<unsigned char> rgba(static_cast<std::size_t>(size * size * 4), 0);
    for (int py = 0; py < size; ++py) {
        for (int px = 0; px < size; ++px) {
            int bubble = 0, dot = 0;
            for (int sy = 0; sy < kSamples; ++sy) {
                for (int sx = 0; sx < kSamples; ++sx) {
                    const float x = (px + (sx + 0.5f) / kSamples) / size;
                    const float y = (py + (sy + 0.5f) / kSamples) / size;
                    if (inRoundedRect(x, y) || inTail(x, y)) {
                        ++bubble;
                        if (inDot(x, y)) ++dot;
                    }
                }
            }
            const float total = kSamples * kSamples;
            const float white = dot / static_cast<float>(std::max(bubble, 1));
            unsigned char* p = &rgba[static_cast<std::size_t>((py * size + px) * 4)];
            p[0] = static_cast<unsigned char>(std::lround(59 + (255 - 59) * white));
            p[1] = static_cast<unsigned char>(std::lround(130 + (255 - 130) * white));
            p[2] = static_cast<unsigned char>(std::lround(246 + (255 - 246) * white));
            p[3] = static_cast<unsigned char>(std::lround(255 * bubble / total));
        }
    }
    return rgba;
}

} // namespace app
