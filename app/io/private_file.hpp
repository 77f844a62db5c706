#pragma once
// Files only their owner may read (trusted keys, device tokens), written whole: a temporary file 0600
// whatever the umask, flushed to disk, then renamed over the old one, so a crash leaves the old file or the
// new one.
#include <filesystem>
#include <string>
#include <vector>

namespace app {

/// Writes text to path (creating its folder); false when it cannot.
bool writePrivateFile(const std::filesystem::path& path, const std::string& text);

/// The lines of a text file ("" lines kept); none when it cannot be read.
std::vector<std::string> readLines(const std::filesystem::path& path);

/// $XDG_CONFIG_HOME/imchat/<name>, else ~/.config/imchat/<name>.
std::filesystem::path configFile(const std::string& name);

} // namespace app
