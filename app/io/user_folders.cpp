#include "app/io/user_folders.hpp"

#include <cstdlib>

namespace app {

std::filesystem::path configFolder() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    const std::filesystem::path base = xdg && *xdg
                                           ? std::filesystem::path(xdg)
                                           : std::filesystem::path(home && *home ? home : ".") / ".config";
    return base / "imchat";
}

std::string documentsFolder() {
    const char* home = std::getenv("HOME");
    return home ? home : "";
}

bool reservedInFileName(char c) { return c == '/'; }

} // namespace app
