#include "server/admission_pacer.hpp"

#include <algorithm>

#include <asio/post.hpp>

namespace server {

AdmissionPacer::AdmissionPacer(asio::io_context& io)
    : m_io(io), m_bucket(kMicrosPerSecond, kBurstMicros, Clock::now()), m_timer(io) {}

bool AdmissionPacer::admit(Clock::time_point now) { return m_waiting.empty() && m_bucket.available(now) > 0; }

void AdmissionPacer::spent(Clock::duration took) {
    m_bucket.spend(
        static_cast<std::size_t>(std::chrono::duration_cast<std::chrono::microseconds>(took).count()));
}

void AdmissionPacer::wait(std::function<void()> resume) {
    m_waiting.push_back(std::move(resume));
    if (!m_releasing) schedule();
}

void AdmissionPacer::schedule() {
    if (m_armed || m_waiting.empty()) return;
    m_armed = true;
    m_timer.expires_after(std::max<Clock::duration>(m_bucket.untilNext(), std::chrono::milliseconds(1)));
    m_timer.async_wait([this](const std::error_code& ec) {
        m_armed = false;
        if (!ec) release();
    });
}

void AdmissionPacer::release() {
    m_releasing = false;
    if (m_waiting.empty()) return;
    if (m_bucket.available(Clock::now()) == 0) return schedule();
    // One turn at a time, each a handler of its own: the room's handlers queued meanwhile run between them,
    // and what the turn took is paid before the next one is let in.
    m_releasing = true;
    asio::post(m_io, [this, turn = std::move(m_waiting.front())] {
        turn();
        release();
    });
    m_waiting.pop_front();
}

} // namespace server
