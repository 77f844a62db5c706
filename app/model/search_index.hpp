#pragma once
// Ctrl+F over one conversation of any size without a per-frame scan of everything: the query is matched
// once per entry (new entries as they arrive, the backlog newest first within a byte budget per frame),
// and the hits are kept as a sorted index that grows with the conversation. Hits are numbered from the
// newest: "1 of n" is the latest message that matches, "next" goes back in time.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "app/model/chat_model.hpp"
#include "app/text/text_fold.hpp"

namespace app {

class SearchIndex {
public:
    /// Sets the query; a different one starts the index over. An empty query clears it.
    void setQuery(std::string_view query);
    /// The query as typed.
    const std::string& query() const { return m_query; }
    /// The case-insensitive matcher of the query (for highlighting the entries on screen).
    const TextMatcher& matcher() const { return m_matcher; }

    /// Indexes what is new in conversation conv (always) and continues the backlog for about
    /// budgetBytes of text. Another conversation than last time starts over. True when the hits changed.
    bool update(const ChatModel& model, std::size_t conv, std::size_t budgetBytes);
    /// Whether every entry of the conversation has been looked at.
    bool complete() const { return m_conv != kNone && m_low == m_origin; }
    /// Entries matched against the query since it was set (each at most once per conversation visit).
    std::uint64_t scanned() const { return m_scanned; }
    /// Number of hits found so far.
    std::size_t hitCount() const { return m_hits.size(); }
    /// Whether entry i of the conversation (as last updated) is a hit.
    bool isHit(std::size_t i) const;

    /// The current hit: 1 = the newest; 0 when there is none.
    std::size_t currentRank() const;
    /// Conversation index of the current hit (valid when currentRank() > 0).
    std::size_t currentEntry() const { return static_cast<std::size_t>(m_current - m_origin); }
    /// Moves to the next older hit (wrapping to the newest); true when there is one.
    bool next();
    /// Moves to the next newer hit (wrapping to the oldest); true when there is one.
    bool previous();
    /// Changes each time the current hit moves, so the view knows to bring it into sight.
    std::uint32_t jumps() const { return m_jumps; }

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // Entries are named by "stable ids": index - frontPushes, which older pages pushed at the front
    // do not change. m_origin is the stable id of index 0.
    void restart(const Conversation& c, std::size_t conv);
    bool scan(const ChatModel& model, const Conversation& c, std::int64_t id);

    std::string m_query;
    TextMatcher m_matcher;
    std::size_t m_conv = kNone;
    std::uint32_t m_epoch = 0;
    std::int64_t m_origin = 0; // stable id of entry 0
    std::int64_t m_low = 0;    // [m_low, m_high) has been scanned
    std::int64_t m_high = 0;
    std::deque<std::int64_t> m_hits; // ascending stable ids
    std::int64_t m_current = 0;
    bool m_hasCurrent = false;
    std::uint32_t m_jumps = 0;
    std::uint64_t m_scanned = 0;
};

} // namespace app
