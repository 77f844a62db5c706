#include "server/registry.hpp"

#include <algorithm>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <asio/post.hpp>

#include "net/messages.hpp"

namespace server {

namespace {
using Clock = std::chrono::steady_clock;
constexpr std::size_t kReadBufferBytes = 64 * 1024;
constexpr std::chrono::milliseconds kShutdownGrace{400}; // leaves room for the DB flush within one second
constexpr std::chrono::seconds kTrimInterval{2};
// A sweep this late means one turn of the event loop took that long: the server is the bottleneck.
constexpr std::chrono::milliseconds kBehind{100};
// How long after the last late sweep the server still counts as behind (its backlog is still arriving).
constexpr std::chrono::seconds kBehindMemory{3};
// A thousand joins leave ~0.8 MB of holes between the sessions allocated meanwhile; a trim walks the free
// list in microseconds, so it is worth it from 128 KiB.
constexpr std::size_t kTrimThreshold = 128u << 10;

// A burst (a join storm, a flood fanned out to slow readers) leaves freed memory that glibc keeps mapped when
// live objects sit above it. Handing it back keeps an idle server's resident size at what it really uses.
void releaseFreeMemory() {
#ifdef __GLIBC__
    if (mallinfo2().fordblks > kTrimThreshold) malloc_trim(0);
#endif
}
} // namespace

Registry::Registry(asio::io_context& io, const Options& options)
    : m_io(io), m_sweepTimer(io), m_shutdownTimer(io), m_readBuffer(kReadBufferBytes), m_flusher(io) {
    // A quarter of the shortest deadline keeps each one accurate to 25%, within 10 ms .. 250 ms.
    const auto shortest =
        std::min({options.handshakeTimeoutMs, options.heartbeatMs * 3, options.writeStallMs});
    m_sweepInterval = std::chrono::milliseconds(std::clamp<std::uint32_t>(shortest / 4, 10, 250));
    scheduleSweep();
}

std::size_t Registry::fromIp(const std::string& ip) const {
    const auto it = m_perIp.find(ip);
    return it == m_perIp.end() ? 0 : it->second;
}

void Registry::add(const std::shared_ptr<Peer>& p) {
    m_sessions.emplace(p.get(), p);
    if (!p->counted()) return;
    ++m_counted;
    ++m_perIp[p->ip()];
}

void Registry::remove(Peer& p) {
    const auto it = m_sessions.find(&p);
    if (it == m_sessions.end()) return;
    if (p.counted()) {
        --m_counted;
        if (auto ip = m_perIp.find(p.ip()); ip != m_perIp.end() && --ip->second == 0) m_perIp.erase(ip);
    }
    const std::shared_ptr<Peer> keep = std::move(it->second); // p lives until this call returns
    m_sessions.erase(it);
    if (m_onStopped && m_sessions.empty()) finishShutdown();
}

std::vector<std::shared_ptr<Peer>> Registry::snapshot() const {
    std::vector<std::shared_ptr<Peer>> all;
    all.reserve(m_sessions.size());
    for (const auto& [raw, owned] : m_sessions) all.push_back(owned);
    return all;
}

void Registry::scheduleSweep() {
    m_sweepTimer.expires_after(m_sweepInterval);
    m_sweepTimer.async_wait([this](const std::error_code& ec) {
        if (ec) return; // operation_aborted: shutting down
        const auto now = Clock::now();
        if (now - m_sweepTimer.expiry() > kBehind) m_lastBehind = now;
        tick(now);
        sweep();
        scheduleSweep();
    });
}

void Registry::tick(Clock::time_point now) {
    // The sweep ticks at least every interval, so a longer silence is the loop not running, not idleness.
    if (m_lastTick != Clock::time_point{} && now - m_lastTick > m_sweepInterval + kBehind) m_lastBehind = now;
    m_lastTick = now;
}

bool Registry::fellBehindLately(Clock::time_point now) const {
    return m_lastBehind != Clock::time_point{} && now - m_lastBehind < kBehindMemory;
}

void Registry::sweep() {
    const auto now = Clock::now();
    if (now - m_lastTrim > kTrimInterval) {
        m_lastTrim = now;
        releaseFreeMemory();
    }
    // A snapshot: checking one session may close it (and remove it from the set) while we iterate.
    for (const auto& s : snapshot()) s->checkTimers(now);
}

void Registry::shutdown(std::function<void()> done) {
    m_onStopped = std::move(done);
    for (const auto& s : snapshot()) s->evict(net::ErrorCode::ShuttingDown);
    if (m_sessions.empty()) return finishShutdown();
    m_shutdownTimer.expires_after(kShutdownGrace);
    m_shutdownTimer.async_wait([this](const std::error_code& ec) {
        if (!ec) finishShutdown();
    });
}

void Registry::finishShutdown() {
    if (!m_onStopped) return;
    m_sweepTimer.cancel();
    m_shutdownTimer.cancel();
    auto done = std::move(m_onStopped);
    m_onStopped = nullptr;
    asio::post(m_io, std::move(done));
}

} // namespace server
