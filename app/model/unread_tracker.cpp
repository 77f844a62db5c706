#include "app/model/unread_tracker.hpp"

#include "app/text/mention.hpp"

namespace app {
namespace {

/// Messages from others that are new to this user: not our own, not history replayed on joining (a
/// private message that waited in the mailbox is new, though).
bool countsAsUnread(const Entry& e) {
    if (e.kind != EntryKind::Chat && e.kind != EntryKind::Private) return false;
    if (e.flags & kEntryFromMe) return false;
    return !(e.flags & kEntryReplayed) || (e.flags & kEntryStored);
}

} // namespace

bool UnreadTracker::update(const ChatModel& model, const Watch& watch) {
    bool attention = false;
    m_states.resize(model.conversationCount());
    for (std::size_t c = 0; c < model.conversationCount(); ++c) {
        const Conversation& conv = model.conversation(c);
        State& s = m_states[c];
        if (s.epoch != conv.epoch()) s = State{conv.epoch(), conv.frontPushes(), 0};
        const auto front = static_cast<std::size_t>(conv.frontPushes() - s.frontPushes);
        const auto frontPushes = static_cast<std::int64_t>(conv.frontPushes());
        const bool watched = watch.focused && c == watch.active && watch.activeAtBottom;
        for (std::size_t i = s.size + front; i < conv.size(); ++i) {
            const Entry& e = conv[i];
            if (watched || !countsAsUnread(e)) continue;
            ++s.count;
            if (!s.hasMarker || s.caughtUp) {
                s.marker = static_cast<std::int64_t>(i) - frontPushes;
                s.hasMarker = true;
                s.caughtUp = false;
            }
            if (!watch.focused && (e.kind == EntryKind::Private || mentions(model.text(e), model.me())))
                attention = true;
        }
        s.frontPushes = conv.frontPushes();
        s.size = conv.size();
        if (watched) {
            s.count = 0;
            s.caughtUp = s.hasMarker;
        }
    }
    return attention;
}

std::uint32_t UnreadTracker::total() const {
    std::uint32_t n = 0;
    for (const State& s : m_states) n += s.count;
    return n;
}

std::optional<std::size_t> UnreadTracker::marker(const ChatModel& model, std::size_t conv) const {
    if (conv >= m_states.size() || conv >= model.conversationCount() || !m_states[conv].hasMarker)
        return std::nullopt;
    const Conversation& c = model.conversation(conv);
    const std::int64_t i = m_states[conv].marker + static_cast<std::int64_t>(c.frontPushes());
    if (i < 0 || i >= static_cast<std::int64_t>(c.size())) return std::nullopt;
    return static_cast<std::size_t>(i);
}

void UnreadTracker::clearMarker(std::size_t conv) {
    if (conv < m_states.size()) m_states[conv].hasMarker = false;
}

} // namespace app
