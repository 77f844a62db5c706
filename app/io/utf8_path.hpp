#pragma once
// Paths and the UTF-8 text the app keeps them in. On Windows a std::filesystem::path holds UTF-16, and
// MinGW's libstdc++ reads a plain std::string as Latin-1 there, so 中文.txt would become mojibake: every
// path made from text, or shown as text, goes through these (on POSIX they copy the bytes).
#include <filesystem>
#include <string>
#include <string_view>

namespace app {

/// The path named by UTF-8 text.
inline std::filesystem::path pathFromUtf8(std::string_view utf8) {
    return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
}

/// A path as UTF-8 text.
inline std::string utf8Path(const std::filesystem::path& path) {
    const std::u8string text = path.u8string();
    return std::string(text.begin(), text.end());
}

} // namespace app
