#include "crowd.hpp"

#include <poll.h>

namespace reliability {

namespace {
constexpr int kShare = 1000; // messages taken from one client per pump
} // namespace

Crowd::Crowd(std::uint16_t port, std::size_t count, const std::string& prefix)
    : m_clients(count), m_ignored(count, false) {
    for (std::size_t i = 0; i < count; ++i) {
        m_names.push_back(prefix + std::to_string(i));
        m_clients[i].connect(port);
        m_clients[i].join(m_names.back());
    }
}

std::size_t Crowd::pump(std::chrono::milliseconds timeout, const Handler& onMessage) {
    std::vector<pollfd> fds;
    std::vector<std::size_t> who;
    for (std::size_t i = 0; i < m_clients.size(); ++i) {
        if (m_ignored[i] || !m_clients[i].connected() || m_clients[i].peerClosed()) continue;
        fds.push_back({m_clients[i].fd(), POLLIN, 0});
        who.push_back(i);
    }
    if (fds.empty() || ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count())) <= 0) return 0;
    std::size_t handed = 0;
    for (std::size_t k = 0; k < fds.size(); ++k) {
        if (fds[k].revents == 0) continue;
        // A bounded share per client: one that keeps receiving must not starve the others.
        for (int n = 0; n < kShare; ++n) {
            auto m = m_clients[who[k]].receive(std::chrono::milliseconds(0));
            if (!m) break;
            ++handed;
            if (onMessage) onMessage(who[k], *m);
        }
    }
    return handed;
}

void Crowd::drain(std::chrono::milliseconds quiet, std::chrono::milliseconds limit,
                  const Handler& onMessage) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline && pump(quiet, onMessage) > 0) {
    }
}

} // namespace reliability
