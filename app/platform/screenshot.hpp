#pragma once
// Saves what the user sees: the rendered back buffer, read before the swap, as a PNG.
#include <string>

namespace app {

/// Reads the current framebuffer (width × height) and writes it to path as PNG; false with error set on
/// failure.
bool saveScreenshot(const std::string& path, int width, int height, std::string& error);

} // namespace app
