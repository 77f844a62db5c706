#pragma once
// What the window remembers between runs: the last server and name, and the display preferences.
// Read once before the first frame and written once at exit, so frames never touch the disk.
#include <filesystem>
#include <string>

#include "app/io/preferences.hpp"

namespace app {

struct Settings {
    std::string server = "127.0.0.1:12000"; // host:port, or a list: host:port,host:port
    std::string name;
    Preferences prefs;
    bool operator==(const Settings&) const = default;
};

/// $XDG_CONFIG_HOME/imchat/settings.ini, else $HOME/.config/imchat/settings.ini (values given, may be null).
std::filesystem::path settingsPath(const char* xdgConfigHome, const char* home);

/// settings.ini in the settings folder: settingsPath over the process environment (POSIX), or
/// %APPDATA%\imchat\settings.ini (Windows).
std::filesystem::path settingsPathFromEnvironment();

/// Reads key=value lines; a missing or unreadable file gives the defaults, unknown keys are ignored.
Settings loadSettings(const std::filesystem::path& path);

/// Writes the file (creating its directory) through a temporary file and a rename; false on failure.
bool saveSettings(const std::filesystem::path& path, const Settings& settings);

} // namespace app
