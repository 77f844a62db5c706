#pragma once
// CPU time and resident memory of another process, read from /proc/PID (Linux).
#include <cstdint>
#include <optional>
#include <sys/types.h>

namespace bench {

struct ProcSample {
    double cpuSeconds = 0; // user + system
    std::int64_t rssKiB = 0;
};

/// Reads /proc/PID/stat and /proc/PID/status; nullopt when the process is gone.
std::optional<ProcSample> sampleProcess(pid_t pid);

} // namespace bench
