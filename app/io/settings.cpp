#include "app/io/settings.hpp"

#include <fstream>
#include <system_error>

#include "app/io/config_file.hpp"

namespace app {
namespace {

std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

} // namespace

std::filesystem::path settingsPath(const char* xdgConfigHome, const char* home) {
    std::filesystem::path base;
    if (xdgConfigHome && *xdgConfigHome) {
        base = xdgConfigHome;
    } else {
        base = std::filesystem::path(home && *home ? home : ".") / ".config";
    }
    return base / "imchat" / "settings.ini";
}

std::filesystem::path settingsPathFromEnvironment() { return configFile("settings.ini"); }

Settings loadSettings(const std::filesystem::path& path) {
    Settings s;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos || line.starts_with('#')) continue;
        const std::string key = trim(line.substr(0, eq));
        const std::string value = trim(line.substr(eq + 1));
        if (key == "server" && !value.empty()) s.server = value;
        else if (key == "name") s.name = value;
        else readPreference(s.prefs, key, value);
    }
    return s;
}

bool saveSettings(const std::filesystem::path& path, const Settings& settings) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# imchat settings\nserver=" << settings.server << "\nname=" << settings.name << "\n"
            << writePreferences(settings.prefs);
        if (!out.flush()) return false;
    }
    std::filesystem::rename(tmp, path, ec);
    return !ec;
}

} // namespace app
