#pragma once
// What this process uses, for the in-process benchmark: CPU time of the calling thread, heap bytes in use
// (glibc's mallinfo2, mmapped blocks included) and resident memory.
#include <cstddef>
#include <ctime>
#include <fstream>
#include <malloc.h>
#include <unistd.h>

namespace cbench {

/// CPU time the calling thread has used, in milliseconds (user + system).
inline double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// Wall time on the monotonic clock, in milliseconds.
inline double monotonicMs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

/// Bytes the heap has handed out and not had back (small chunks plus mmapped ones).
inline std::size_t heapInUse() {
    const struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/// Resident set size of this process in bytes.
inline std::size_t residentBytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t size = 0, resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

} // namespace cbench
