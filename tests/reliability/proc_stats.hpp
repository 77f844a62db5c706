#pragma once
// What the kernel says about a process: open descriptors and resident memory (Linux /proc).
#include <cstddef>
#include <sys/types.h>

namespace reliability {

/// Whether resident size says anything about the server's own memory use. Not under AddressSanitizer (the
/// IMCHAT_SANITIZE build, which builds the server and the tests alike): its quarantine keeps freed memory
/// resident and its redzones inflate every block; LeakSanitizer checks for leaks in that build instead.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kResidentSizeMeaningful = false;
#else
inline constexpr bool kResidentSizeMeaningful = true;
#endif

/// Open descriptors of a process (the entries of /proc/PID/fd).
std::size_t openDescriptors(pid_t pid);
/// Resident set size in KiB (VmRSS in /proc/PID/status); 0 when the process is gone.
std::size_t residentKiB(pid_t pid);

} // namespace reliability
