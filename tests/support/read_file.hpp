#pragma once
// A whole file as a string, for checking what a program wrote.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace support {

/// The file's whole content ("" when it cannot be read).
inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace support
