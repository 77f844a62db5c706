#include "outbox.hpp"

#include <algorithm>

namespace net {

bool Outbox::remove(std::uint64_t clientId) {
    if (clientId == 0) return false;
    // Echoes usually come back in send order, so the match is almost always the front.
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [clientId](const Entry& e) { return e.clientId == clientId; });
    if (it == m_entries.end()) return false;
    m_entries.erase(it);
    return true;
}

void Outbox::forEach(const std::function<void(const Entry&)>& f) const {
    for (const auto& e : m_entries) f(e);
}

} // namespace net
