#include "server/flusher.hpp"

#include <algorithm>

#include <asio/post.hpp>

#include "server/session.hpp"

namespace server {

Flusher::Flusher(asio::io_context& io) : m_io(io), m_timer(io) {}

void Flusher::request(std::shared_ptr<Session> s) {
    m_waiting.push_back(std::move(s));
    if (!m_scheduled) schedule();
}

void Flusher::schedule() {
    m_scheduled = true;
    // Posted, not run inline: every delivery of the handler running now (a whole commit burst) joins the
    // round.
    if (Clock::now() >= m_nextRound) return asio::post(m_io, [this] { round(); });
    m_timer.expires_at(m_nextRound);
    m_timer.async_wait([this](const std::error_code& ec) {
        if (!ec) round();
    });
}

void Flusher::round() {
    m_scheduled = false;
    const auto start = Clock::now();
    m_writing.swap(m_waiting);
    std::size_t bytes = 0;
    for (const auto& s : m_writing) bytes += s->flushWrites();
    const std::size_t writes = m_writing.size();
    m_writing.clear();
    // Rest after a round of small writes as long as it took (at most kMaxGap): a round over a few connections
    // adds microseconds, a round over a thousand lets the next carry a millisecond of messages per write.
    // Writes that are already large gain nothing from waiting, so a busy closed loop is never held back.
    const auto end = Clock::now();
    const bool smallWrites = bytes < writes * kLargeWrite;
    m_nextRound = smallWrites ? end + std::min<Clock::duration>(end - start, kMaxGap) : end;
    if (!m_waiting.empty()) schedule(); // requested during the round (an error frame, a partial write)
}

} // namespace server
