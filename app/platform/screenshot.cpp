#include "app/platform/screenshot.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include <stb_image_write.h> // the implementation comes from Debian's libstb

#include "app/io/utf8_path.hpp"
#include "app/platform/gl.hpp"

namespace app {

bool saveScreenshot(const std::string& path, int width, int height, std::string& error) {
    if (width <= 0 || height <= 0) {
        error = "the window has no pixels";
        return false;
    }
    const auto w = static_cast<std::size_t>(width);
    const auto h = static_cast<std::size_t>(height);
    std::vector<unsigned char> pixels(w * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    for (std::size_t y = 0; y < h; ++y) { // GL's rows go bottom-up, PNG's top-down; drop alpha's transparency
        for (std::size_t x = 0; x < w; ++x) pixels[(y * w + x) * 4 + 3] = 255;
    }
    std::vector<unsigned char> flipped(pixels.size());
    for (std::size_t y = 0; y < h; ++y) {
        std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>((h - 1 - y) * w * 4), w * 4,
                    flipped.begin() + static_cast<std::ptrdiff_t>(y * w * 4));
    }
    std::error_code ec;
    const std::filesystem::path parent = pathFromUtf8(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    // On Windows stb's fopen reads the name in the ANSI code page, which the manifest makes UTF-8.
    if (!stbi_write_png(path.c_str(), width, height, 4, flipped.data(), width * 4)) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

} // namespace app
