#pragma once
// The files in imchat's settings folder (app/io/user_folders.hpp): where one is, and its lines.
#include <filesystem>
#include <string>
#include <vector>

namespace app {

/// <settings folder>/<name>: $XDG_CONFIG_HOME/imchat/<name>, else ~/.config/imchat/<name>;
/// %APPDATA%\imchat\<name> on Windows.
std::filesystem::path configFile(const std::string& name);

/// The lines of a text file ("" lines kept); none when it cannot be read.
std::vector<std::string> readLines(const std::filesystem::path& path);

} // namespace app
