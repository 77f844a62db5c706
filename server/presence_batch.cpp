#include "server/presence_batch.hpp"

namespace server {

PresenceBatch::PresenceBatch(asio::io_context& io, std::function<void(const net::Presence&)> flush)
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

void PresenceBatch::add(const std::string& name, bool online, std::uint64_t timeMs, std::uint32_t count) {
    if (const auto [it, added] = m_byName.try_emplace(name, m_changes.size()); added) {
        m_changes.push_back({name, online});
        m_nameBytes += 2 + name.size();
    } else {
        m_changes[it->second].online = online;
    }
    m_timeMs = timeMs;
    m_online = count;
    if (m_nameBytes >= kMaxNameBytes) return send();
    if (m_scheduled) return;
    m_scheduled = true;
    m_timer.expires_after(kBatchEvery);
    m_timer.async_wait([this](const std::error_code& ec) {
        if (!ec) send();
    });
}

void PresenceBatch::send() {
    m_scheduled = false;
    m_timer.cancel();
    net::Presence p;
    p.timeMs = m_timeMs;
    p.online = m_online;
    for (Change& c : m_changes) (c.online ? p.joined : p.left).push_back(std::move(c.name));
    p.joinedCount = static_cast<std::uint32_t>(p.joined.size());
    p.leftCount = static_cast<std::uint32_t>(p.left.size());
    m_changes.clear();
    m_byName.clear();
    m_nameBytes = 0;
    m_flush(p);
}

} // namespace server
