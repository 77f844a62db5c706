#include "proc_stats.hpp"

#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <unistd.h>

namespace support {

namespace {

std::string procPath(pid_t pid, const std::string& entry) {
    return "/proc/" + std::to_string(pid) + "/" + entry;
}

} // namespace

std::optional<long long> cpuTicks(pid_t pid) {
    std::ifstream in(procPath(pid, "stat"));
    std::string stat;
    if (!std::getline(in, stat)) return std::nullopt;
    // Counted after the ")" that closes the command name, which may itself hold spaces and parentheses.
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) fields >> skip;
    long long utime = 0, stime = 0;
    fields >> utime >> stime;
    return utime + stime;
}

std::size_t residentKiB(pid_t pid) {
    std::ifstream in(procPath(pid, "status"));
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6)); // "VmRSS:   1234 kB"
    return 0;
}

std::optional<ProcSample> sampleProcess(pid_t pid) {
    const auto ticks = cpuTicks(pid);
    if (!ticks) return std::nullopt;
    ProcSample s;
    s.cpuSeconds = static_cast<double>(*ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
    s.rssKiB = static_cast<std::int64_t>(residentKiB(pid));
    return s;
}

std::size_t openDescriptors(pid_t pid) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(procPath(pid, "fd")), {}));
}

double scheduledNs(pid_t pid, bool mainThreadOnly) {
    const std::string tasks = procPath(pid, "task");
    const std::string mainThread = std::to_string(pid);
    double total = 0.0;
    // readdir, not directory_iterator: a thread or the process may end meanwhile, which must not throw.
    DIR* dir = opendir(tasks.c_str());
    if (!dir) return 0.0;
    while (const dirent* e = readdir(dir)) {
        if (e->d_name[0] == '.' || (mainThreadOnly && mainThread != e->d_name)) continue;
        std::ifstream in(tasks + "/" + e->d_name + "/schedstat");
        double ns = 0.0;
        if (in >> ns) total += ns;
    }
    closedir(dir);
    return total;
}

} // namespace support
