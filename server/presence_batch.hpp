#pragma once
// Joins and departures announced one by one while they come at a human pace, and taken together in one
// Presence ("37 joined: alice, bob, ...") when they come faster: a thousand people arriving at once after a
// network hiccup cost every member a few frames, not a thousand (IRC servers announce each, which makes a
// join storm cost members x joins deliveries). Version 1 clients know no Presence: the Room still tells them
// one by one.
//
// A batch names everyone whose presence changed in it, with where they are now: online (joined) or not
// (left). Applied to any user list taken during the batch (departures first, then arrivals) it gives the
// list as it is now, so one frame serves the members from before the batch and those who came in during
// it alike, and no client has to ask for the whole list again. A batch goes out once a second, or as soon
// as its names fill most of a frame.
//
// Single-threaded: used only from the io_context thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "net/messages.hpp"
#include "net/token_bucket.hpp"

namespace server {

class PresenceBatch {
public:
    using Clock = std::chrono::steady_clock;
    /// Announcements a second one by one, after a burst; past that they wait for the next batch.
    static constexpr double kAlonePerSecond = 10;
    static constexpr double kAloneBurst = 20;
    /// How often a batch goes out while changes come.
    static constexpr std::chrono::milliseconds kBatchEvery{1000};
    /// A batch whose names take this many bytes goes out at once: its Presence stays one frame.
    static constexpr std::size_t kMaxNameBytes = 48 * 1024;

    /// flush is called with each batch when it is due, to deliver it to every member.
    PresenceBatch(asio::io_context& io, std::function<void(const net::Presence&)> flush);

    /// Whether a change may be announced alone now (it spends from the budget); false: add it to the batch,
    /// so the order of announcements stays the order of the changes.
    bool announceAlone(Clock::time_point now);
    void joined(const std::string& name, std::uint64_t timeMs, std::uint32_t online);
    void left(const std::string& name, std::uint64_t timeMs, std::uint32_t online);

private:
    struct Change {
        std::string name;
        bool online; // where it is now
    };
    void add(const std::string& name, bool online, std::uint64_t timeMs, std::uint32_t count);
    void send();

    std::function<void(const net::Presence&)> m_flush;
    net::TokenBucket m_alone;
    std::vector<Change> m_changes;                         // of the open batch, in order of first change
    std::unordered_map<std::string, std::size_t> m_byName; // where each name is in m_changes
    std::size_t m_nameBytes = 0;
    std::uint64_t m_timeMs = 0;
    std::uint32_t m_online = 0;
    asio::steady_timer m_timer;
    bool m_scheduled = false;
};

} // namespace server
