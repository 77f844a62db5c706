#pragma once
// Messages the user sent that the server has not acknowledged yet. Kept in order across reconnects and
// re-sent after the join, so nothing typed is dropped silently. Network thread only.
#include <cstdint>
#include <deque>
#include <functional>

#include "net/messages.hpp"

namespace net {

class Outbox {
public:
    struct Entry {
        std::uint64_t clientId = 0;
        Message message;       // a Say or a Whisper carrying clientId
        bool sent = false;     // sent on the current connection, echo pending
        bool everSent = false; // sent on some connection: the server may have stored it
    };

    /// Appends a message waiting for its echo.
    void push(Entry entry) { m_entries.push_back(std::move(entry)); }
    /// Removes the entry with this clientId; false when there is none (already acked, or not ours).
    bool remove(std::uint64_t clientId);
    /// Calls send on up to max entries not sent on this connection yet, oldest first, and marks them sent.
    std::size_t sendUnsent(std::size_t max, const std::function<void(const Entry&)>& send);
    /// The server could not store this one: it must be sent again (in its place, before later ones).
    void markUnsent(std::uint64_t clientId);
    /// The connection is gone: everything still here must be sent again on the next one.
    void markAllUnsent();
    /// Whether some entry waits to be sent on this connection.
    bool hasUnsent() const;
    /// Whether some entry was sent on an earlier connection and its echo never came.
    bool hasEverSent() const;
    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }

private:
    std::deque<Entry> m_entries;
};

} // namespace net
