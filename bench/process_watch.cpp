#include "process_watch.hpp"

namespace bench {

void ProcessWatch::start() {
    m_first.clear();
    for (pid_t pid : m_pids) m_first.push_back(support::sampleProcess(pid));
}

void ProcessWatch::stop(double seconds) {
    m_cpu.assign(m_pids.size(), -1);
    m_rss.assign(m_pids.size(), -1);
    for (std::size_t i = 0; i < m_pids.size(); ++i) {
        const auto last = support::sampleProcess(m_pids[i]);
        if (!last) continue;
        m_rss[i] = last->rssKiB;
        if (i < m_first.size() && m_first[i] && seconds > 0)
            m_cpu[i] = 100.0 * (last->cpuSeconds - m_first[i]->cpuSeconds) / seconds;
    }
}

void ProcessWatch::sampleResident() {
    m_rss.assign(m_pids.size(), -1);
    for (std::size_t i = 0; i < m_pids.size(); ++i) {
        if (const auto s = support::sampleProcess(m_pids[i])) m_rss[i] = s->rssKiB;
    }
}

double ProcessWatch::totalCpuPercent() const {
    double sum = 0;
    bool any = false;
    for (double c : m_cpu) {
        if (c < 0) continue;
        sum += c;
        any = true;
    }
    return any ? sum : -1;
}

std::int64_t ProcessWatch::totalRssKiB() const {
    std::int64_t sum = 0;
    bool any = false;
    for (std::int64_t r : m_rss) {
        if (r < 0) continue;
        sum += r;
        any = true;
    }
    return any ? sum : -1;
}

} // namespace bench
