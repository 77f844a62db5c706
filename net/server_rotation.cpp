#include "net/server_rotation.hpp"

#include <cassert>

namespace net {

ServerRotation::ServerRotation(std::vector<Endpoint> servers) : m_servers(std::move(servers)) {
    assert(!m_servers.empty());
    for (const Endpoint& e : m_servers) m_texts.push_back(endpointText(e));
}

bool ServerRotation::failed(bool hadJoined) {
    if (hadJoined) m_failedInRow = 0;
    ++m_failedInRow;
    m_current = (m_current + 1) % m_servers.size();
    return m_failedInRow >= m_servers.size();
}

} // namespace net
