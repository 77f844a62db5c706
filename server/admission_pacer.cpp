#include "server/admission_pacer.hpp"

#include <algorithm>

#include <asio/post.hpp>

namespace server {

AdmissionPacer::AdmissionPacer(asio::io_context& io)
    : m_io(io), m_bucket(kPerSecond, kBurst, Clock::now()), m_timer(io) {}

bool AdmissionPacer::admit(Clock::time_point now) { return m_waiting.empty() && m_bucket.take(now); }

void AdmissionPacer::wait(std::function<void()> resume) {
    m_waiting.push_back(std::move(resume));
    schedule();
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
    // Posted, not called: each newcomer's turn is a handler of its own, between the room's.
    for (const auto now = Clock::now(); !m_waiting.empty() && m_bucket.take(now); m_waiting.pop_front())
        asio::post(m_io, std::move(m_waiting.front()));
    schedule();
}

} // namespace server
