#include "app/io/config_file.hpp"

#include <fstream>

#include "app/io/user_folders.hpp"

namespace app {

std::filesystem::path configFile(const std::string& name) { return configFolder() / name; }

std::vector<std::string> readLines(const std::filesystem::path& path) {
    std::vector<std::string> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

} // namespace app
