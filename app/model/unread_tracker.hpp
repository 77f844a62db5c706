#pragma once
// What the user has not seen yet. A message that arrives while its conversation is not being watched
// (window unfocused, another tab shown, or the view scrolled up) is unread: it counts towards the
// title's "(3) imchat", the first one gets the marker line, and a private message or a mention of our
// name asks for attention when the window is unfocused. Watching the conversation again (focused, its
// tab shown, at the bottom) clears the count; the marker stays as "new since here" until the next
// unread message starts a new stretch, or the user writes in that conversation. Looks only at what
// arrived since the last frame, whatever the conversation's size.
#include <cstdint>
#include <optional>
#include <vector>

#include "app/model/chat_model.hpp"

namespace app {

class UnreadTracker {
public:
    /// What the user can see right now.
    struct Watch {
        bool focused = true;                   // the window has the keyboard focus
        std::size_t active = ChatModel::kRoom; // the conversation shown
        bool activeAtBottom = true;            // its view follows the newest message
    };
    /// Looks at what arrived since the last call. True when something asks for the user's attention.
    bool update(const ChatModel& model, const Watch& watch);
    /// Unread messages over all conversations.
    std::uint32_t total() const;
    /// Unread messages of conversation conv.
    std::uint32_t count(std::size_t conv) const { return conv < m_states.size() ? m_states[conv].count : 0; }
    /// Index of the first unread entry of conversation conv (the marker goes above it).
    std::optional<std::size_t> marker(const ChatModel& model, std::size_t conv) const;
    /// Drops conv's marker (the user wrote there, so they have caught up).
    void clearMarker(std::size_t conv);
    /// Forgets everything (the model was reset).
    void reset() { m_states.clear(); }

private:
    struct State {
        std::uint32_t epoch = 0;
        std::uint64_t frontPushes = 0;
        std::size_t size = 0;
        std::int64_t marker = 0; // stable id: index - frontPushes
        bool hasMarker = false;
        bool caughtUp = false; // watched since the marker was set: the next unread one moves it
        std::uint32_t count = 0;
    };

    std::vector<State> m_states;
};

} // namespace app
