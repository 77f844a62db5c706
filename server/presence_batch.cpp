#include "server/presence_batch.hpp"

namespace server {

namespace {
// Changes looked at for the names a Presence lists: its counts cover the rest. Bounds the work of a member's
// own view to a constant however large the batch.
constexpr std::size_t kNamesScanned = 4 * net::kMaxPresenceNames;
} // namespace

PresenceBatch::PresenceBatch(asio::io_context& io, std::function<void()> flush)
    : m_flush(std::move(flush)), m_alone(kAlonePerSecond, kAloneBurst, Clock::now()), m_timer(io) {}

bool PresenceBatch::announceAlone(Clock::time_point now) {
    if (!m_changes.empty()) return false;
    return m_alone.take(now);
}

void PresenceBatch::joined(const std::string& name, std::uint64_t timeMs, std::uint32_t online) {
    add(name, true, timeMs, online);
}

void PresenceBatch::left(const std::string& name, std::uint64_t timeMs, std::uint32_t online) {
    add(name, false, timeMs, online);
}

void PresenceBatch::add(const std::string& name, bool joined, std::uint64_t timeMs, std::uint32_t online) {
    m_changes.push_back({name, joined});
    m_joinsBefore.push_back(m_joinsBefore.back() + (joined ? 1 : 0));
    m_timeMs = timeMs;
    m_online = online;
    if (m_scheduled) return;
    m_scheduled = true;
    m_timer.expires_after(kBatchEvery);
    m_timer.async_wait([this](const std::error_code& ec) {
        m_scheduled = false;
        if (ec) return;
        m_flush();
        m_changes.clear();
        m_joinsBefore.assign(1, 0);
        ++m_batch;
    });
}

net::Presence PresenceBatch::since(const Mark& mark) const {
    net::Presence p;
    p.timeMs = m_timeMs;
    p.online = m_online;
    const std::size_t start = before(mark) ? 0 : mark.index, end = m_changes.size();
    p.joinedCount = m_joinsBefore[end] - m_joinsBefore[start];
    p.leftCount = static_cast<std::uint32_t>(end - start) - p.joinedCount;
    for (std::size_t i = start; i < end && i - start < kNamesScanned; ++i) {
        auto& names = m_changes[i].joined ? p.joined : p.left;
        if (names.size() < net::kMaxPresenceNames) names.push_back(m_changes[i].name);
    }
    return p;
}

} // namespace server
