#pragma once
// Messages the user sent that the server has not acknowledged yet. Kept in order across reconnects and
// re-sent after the join, so nothing typed is dropped silently. Network thread only.
#include <cstdint>
#include <deque>
#include <functional>

#include "messages.hpp"

namespace net {

class Outbox {
public:
    struct Entry {
        std::uint64_t clientId = 0;
        Message message; // a Say or a Whisper carrying clientId
    };

    /// Appends a message waiting for its echo.
    void push(Entry entry) { m_entries.push_back(std::move(entry)); }
    /// Removes the entry with this clientId; false when there is none (already acked, or not ours).
    bool remove(std::uint64_t clientId);
    /// Calls f on every waiting entry, oldest first.
    void forEach(const std::function<void(const Entry&)>& f) const;
    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }

private:
    std::deque<Entry> m_entries;
};

} // namespace net
