#pragma once
// A fingerprint of what a frame would put on screen: ImGui's draw lists (vertices, indices, commands with
// their clip rectangles and textures) and the framebuffer size. Two frames with the same fingerprint draw
// the same pixels, so the second need not be rendered (with llvmpipe, rendering is most of a frame's cost).
#include <cstdint>

struct ImDrawData;

namespace app {

std::uint64_t frameFingerprint(const ImDrawData& drawData, int framebufferWidth, int framebufferHeight);

} // namespace app
