#pragma once
// What the kernel says about another process (Linux /proc/PID): CPU time, resident memory, open descriptors.
// Shared by the tests (leaks, busy loops) and the benchmarks (CPU and memory figures).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <sys/types.h>

namespace support {

/// Whether resident size says anything about the server's own memory use.
// Not under AddressSanitizer (the IMCHAT_SANITIZE build, which builds the server and the tests alike): its
// quarantine keeps freed memory resident and its redzones inflate every block; LeakSanitizer checks for leaks
// in that build instead.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kResidentSizeMeaningful = false;
#else
inline constexpr bool kResidentSizeMeaningful = true;
#endif

/// CPU time and resident memory at one moment.
struct ProcSample {
    double cpuSeconds = 0; // user + system
    std::int64_t rssKiB = 0;
};

/// User plus system CPU time in clock ticks (fields 14 and 15 of /proc/PID/stat); nullopt when it is gone.
std::optional<long long> cpuTicks(pid_t pid);
/// Resident set size in KiB (VmRSS in /proc/PID/status); 0 when the process is gone.
std::size_t residentKiB(pid_t pid);
/// CPU time and resident memory together; nullopt when the process is gone.
std::optional<ProcSample> sampleProcess(pid_t pid);
/// Open descriptors of a process (the entries of /proc/PID/fd).
std::size_t openDescriptors(pid_t pid);
/// CPU nanoseconds of all threads of pid, or of its main thread only; 0 when the process is gone.
// From the scheduler's counters (/proc/PID/task/*/schedstat), which are finer than clock ticks.
double scheduledNs(pid_t pid, bool mainThreadOnly = false);

} // namespace support
