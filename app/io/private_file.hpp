#pragma once
// Files only their owner may read (trusted keys, device tokens), written whole: a temporary file only the
// user may read, flushed to disk, then renamed over the old one, so a crash leaves the old file or the new
// one (private_file.cpp on POSIX, private_file_windows.cpp).
#include <filesystem>
#include <string>

#include "app/io/config_file.hpp"

namespace app {

/// Writes text to path (creating its folder); false when it cannot.
bool writePrivateFile(const std::filesystem::path& path, const std::string& text);

} // namespace app
