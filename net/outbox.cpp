#include "net/outbox.hpp"

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

std::size_t Outbox::sendUnsent(std::size_t max, const std::function<void(const Entry&)>& send) {
    std::size_t count = 0;
    // Entries are sent in order, so the unsent ones are a suffix: skip the sent prefix.
    for (auto& e : m_entries) {
        if (count == max) break;
        if (e.sent) continue;
        send(e);
        e.sent = e.everSent = true;
        ++count;
    }
    return count;
}

void Outbox::markUnsent(std::uint64_t clientId) {
    // Everything after it was refused too, or will be: unsent entries stay a suffix, in their order.
    bool found = false;
    for (auto& e : m_entries) {
        found = found || e.clientId == clientId;
        if (found) e.sent = false;
    }
}

void Outbox::markAllUnsent() {
    for (auto& e : m_entries) e.sent = false;
}

bool Outbox::hasUnsent() const {
    return std::any_of(m_entries.begin(), m_entries.end(), [](const Entry& e) { return !e.sent; });
}

} // namespace net

namespace net {

bool Outbox::hasEverSent() const {
    return std::any_of(m_entries.begin(), m_entries.end(), [](const Entry& e) { return e.everSent; });
}

} // namespace net
