#pragma once
// CPU time of a few other processes (the server, its nodes, their NATS servers) over the measured window,
// read from /proc/PID/stat at its start and its end, and their resident size at its end.
#include <cstdint>
#include <optional>
#include <sys/types.h>
#include <vector>

#include "tests/support/proc_stats.hpp"

namespace bench {

class ProcessWatch {
public:
    explicit ProcessWatch(std::vector<pid_t> pids) : m_pids(std::move(pids)) {}
    bool empty() const { return m_pids.empty(); }
    /// The first sample of each process.
    void start();
    /// The second sample: each process's share of a core over the seconds since start(), in percent.
    void stop(double seconds);
    /// Resident size of each process now (for runs that send nothing and so never stop()).
    void sampleResident();
    /// Per process, in the order given; -1 where a process was gone or never sampled.
    const std::vector<double>& cpuPercent() const { return m_cpu; }
    const std::vector<std::int64_t>& rssKiB() const { return m_rss; }
    /// Sums over the processes; -1 when none was measured.
    double totalCpuPercent() const;
    std::int64_t totalRssKiB() const;

private:
    std::vector<pid_t> m_pids;
    std::vector<std::optional<support::ProcSample>> m_first;
    std::vector<double> m_cpu;
    std::vector<std::int64_t> m_rss;
};

} // namespace bench
