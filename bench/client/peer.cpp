#include "bench/client/peer.hpp"

#include <variant>

#include "bench/client/self_usage.hpp"

namespace cbench {

Peer::Peer(std::uint16_t port, const std::string& fingerprint, const std::string& name, double rate) {
    net::ConnectionConfig config;
    config.pinnedKey = fingerprint;
    config.host = "127.0.0.1";
    config.port = port;
    config.name = name;
    config.sendRate = rate;
    config.sendBurst = 1000;
    config.maxOutbox = 100'000;
    m_conn = std::make_unique<net::Connection>(config, [this] {
        const double now = monotonicMs();
        std::lock_guard lock(m_mutex);
        m_arrivals.push_back(now);
        m_woken.notify_all();
    });
}

Peer::~Peer() { m_conn.reset(); } // joins the network thread before the members the callback uses go

bool Peer::next(net::Event& event, double& arrivedMs, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    // Every pushed event is followed by exactly one wake: wait for the wake, then the event is there.
    if (!m_woken.wait_until(lock, deadline, [this] { return !m_arrivals.empty(); })) return false;
    arrivedMs = m_arrivals.front();
    m_arrivals.pop_front();
    lock.unlock();
    return m_conn->poll(event);
}

bool Peer::waitOnline(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    net::Event e;
    double at = 0.0;
    while (next(e, at, deadline)) {
        if (std::holds_alternative<net::WelcomeEvent>(e)) return true;
    }
    return false;
}

bool Peer::say(std::string text) { return m_conn->say(std::move(text)) != 0; }

std::optional<double> Peer::waitChat(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    net::Event e;
    double at = 0.0;
    while (next(e, at, deadline)) {
        if (const auto* c = std::get_if<net::Chat>(&e); c && c->text == text) return at;
    }
    return std::nullopt;
}

} // namespace cbench
