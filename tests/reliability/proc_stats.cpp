#include "proc_stats.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace reliability {

std::size_t openDescriptors(pid_t pid) {
    const auto dir = "/proc/" + std::to_string(pid) + "/fd";
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

std::size_t residentKiB(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)); // "VmRSS:   1234 kB"
    return 0;
}

} // namespace reliability
