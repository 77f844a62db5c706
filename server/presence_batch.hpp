#pragma once
// Joins and departures announced one by one while they come at a human pace, and taken together in one
// Presence ("37 joined: alice, bob, ...") when they come faster: a thousand people arriving at once after a
// network hiccup cost every member a few frames, not a thousand (IRC servers announce each, which makes a
// join storm cost members x joins deliveries). Version 1 clients know no Presence: the Room still tells them
// one by one. A member that joined while a batch was open gets only the changes after its own join (its
// user list had the earlier ones).
//
// Single-threaded: used only from the io_context thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
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

    /// Where a member came in: the batch open then and how many changes it held.
    struct Mark {
        std::uint64_t batch = 0;
        std::size_t index = 0;
    };

    /// flush is called when a batch is due; it delivers since() to each member.
    PresenceBatch(asio::io_context& io, std::function<void()> flush);

    /// Whether a change may be announced alone now (it spends from the budget); false: add it to the batch,
    /// so the order of announcements stays the order of the changes.
    bool announceAlone(Clock::time_point now);
    void joined(const std::string& name, std::uint64_t timeMs, std::uint32_t online);
    void left(const std::string& name, std::uint64_t timeMs, std::uint32_t online);
    /// Now, for a member that has just joined.
    Mark mark() const { return {m_batch, m_changes.size()}; }
    /// The open batch as a member that came in at mark sees it: what changed after, or all of it for a
    /// member from before the batch. Counts 0: nothing for it.
    net::Presence since(const Mark& mark) const;
    /// Whether a member that came in at mark was there before the open batch (it gets the whole batch).
    bool before(const Mark& mark) const { return mark.batch != m_batch; }

private:
    struct Change {
        std::string name;
        bool joined;
    };
    void add(const std::string& name, bool joined, std::uint64_t timeMs, std::uint32_t online);

    std::function<void()> m_flush;
    net::TokenBucket m_alone;
    std::vector<Change> m_changes;               // of the open batch, in order
    std::vector<std::uint32_t> m_joinsBefore{0}; // [i]: joins among the first i changes
    std::uint64_t m_batch = 1;                   // the open batch's number
    std::uint64_t m_timeMs = 0;
    std::uint32_t m_online = 0;
    asio::steady_timer m_timer;
    bool m_scheduled = false;
};

} // namespace server
