#pragma once
// What the kernel says about a process: open descriptors and resident memory (Linux /proc).
#include <cstddef>
#include <sys/types.h>

namespace reliability {

/// Open descriptors of a process (the entries of /proc/PID/fd).
std::size_t openDescriptors(pid_t pid);
/// Resident set size in KiB (VmRSS in /proc/PID/status); 0 when the process is gone.
std::size_t residentKiB(pid_t pid);

} // namespace reliability
