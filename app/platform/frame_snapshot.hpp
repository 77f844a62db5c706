#pragma once
// What a frame would put on screen, as bytes: ImGui's draw lists (vertices, indices, commands with their
// clip rectangles and textures) and the framebuffer size. Two frames with equal snapshots draw the same
// pixels, so the second need not be rendered (with llvmpipe, rendering is most of a frame's cost). Compared
// byte for byte, not hashed: an equal hash of different frames would leave a stale picture on screen.
#include <vector>

struct ImDrawData;

namespace app {

/// Replaces out with the snapshot of drawData at that framebuffer size.
void snapshotFrame(const ImDrawData& drawData, int framebufferWidth, int framebufferHeight,
                   std::vector<unsigned char>& out);

} // namespace app
