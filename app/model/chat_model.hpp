#pragma once
// The UI thread's own copy of the chat: conversations, online users, who we are and the link state. Fed
// with net::Event values drained from the Connection; pure (no ImGui, no sockets), so tests drive it
// directly.
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "app/model/clock.hpp"
#include "app/model/conversation.hpp"
#include "app/model/link_status.hpp"
#include "app/model/text_store.hpp"
#include "app/text/i18n.hpp"
#include "net/events.hpp"

namespace app {

class ChatModel {
public:
    /// The room is conversation 0 and always exists.
    static constexpr std::size_t kRoom = 0;

    explicit ChatModel(Lang lang);

    /// Applies one event from the network thread.
    void apply(const net::Event& event, Now now);
    /// Adds a highlighted local line (the lab's inline prompts) to a conversation.
    void addPrompt(std::size_t conversation, std::string_view text, Now now);
    /// Adds a grey local line (e.g. "transcript saved to …") to a conversation.
    void addNote(std::size_t conversation, std::string_view text, Now now);
    /// Changes the language of the notices added from now on.
    void setLang(Lang lang) { m_lang = lang; }
    /// Shows a message we just sent (clientId) at the end of conversation, as pending until the server's
    /// echo replaces it, or as failed when the server refuses it (the refusal then shows up there too).
    void addPending(std::uint64_t clientId, std::size_t conversation, std::string_view text, Now now);
    /// Whether entry i of conversation conv is a message of ours the server refused.
    bool isFailed(std::size_t conv, std::size_t i) const;
    /// Shows a failed message as pending again, sent anew as clientId.
    void retrying(std::size_t conv, std::size_t i, std::uint64_t clientId);
    /// Marks the link as waiting for a user name (nothing to connect with yet).
    void setNoName();
    /// Forgets everything received (switching servers); the link becomes Offline.
    void reset();
    /// The user did not trust the server's key: the link stays down, and says why.
    void declineKey();

    /// The private conversation with a peer, created when new; returns its index.
    std::size_t openPrivate(std::string_view peer);
    /// Index of the private conversation with a peer, or kRoom when there is none.
    std::size_t findPrivate(std::string_view peer) const;

    std::size_t conversationCount() const { return m_conversations.size(); }
    const Conversation& conversation(std::size_t i) const { return m_conversations[i]; }
    Conversation& conversation(std::size_t i) { return m_conversations[i]; }
    const Conversation& room() const { return m_conversations[kRoom]; }

    std::string_view text(const Entry& e) const { return m_texts.get(e.text); }
    std::string_view name(const Entry& e) const { return m_pool.get(e.nameId); }
    std::string_view ip(const Entry& e) const { return m_pool.get(e.ipId); }

    /// The message with this seq in conversation conv, if it is loaded.
    std::optional<std::size_t> findBySeq(std::size_t conv, std::uint64_t seq) const;
    /// Whether name (in any of its look-alike spellings) is in the online list.
    bool isOnline(std::string_view name) const;
    /// Online users, sorted case-insensitively.
    const std::vector<std::string>& users() const { return m_users; }
    /// Our name as the server accepted it ("" before the first Welcome).
    const std::string& me() const { return m_me; }
    const std::string& myIp() const { return m_myIp; }
    std::uint32_t maxTextBytes() const { return m_maxTextBytes; }
    const LinkStatus& link() const { return m_link; }
    Lang lang() const { return m_lang; }

    /// True when older history of conversation conv may exist on the server and no request for it is in
    /// flight. Private conversations page together: a page of our private history (PrivateHistoryRequest)
    /// holds every peer's messages, and each goes to its own conversation.
    bool canRequestOlder(std::size_t conv = kRoom) const;
    /// Whether a page for conversation conv is in flight.
    bool olderInFlight(std::size_t conv = kRoom) const;
    /// The beforeSeq for the next older page of the room.
    std::uint64_t olderBefore() const;
    /// Records that a page for olderBefore() was requested.
    void markOlderRequested();
    /// The beforeSeq for the next older page of private history (0: from the newest).
    std::uint64_t olderPrivateBefore() const { return m_oldestPrivateSeq; }
    /// Records that a private page for olderPrivateBefore() was requested.
    void markOlderPrivateRequested();

    /// A message that may deserve a desktop notification: a private message to us, or our name mentioned.
    struct Notable {
        std::size_t conversation;
        std::string from;
        std::string text;
    };
    /// What arrived since the last call that may deserve a notification (at most the newest 32).
    std::vector<Notable> takeNotable() { return std::exchange(m_notable, {}); }

    /// Called with every string the model stores (texts, names), so the font atlas can learn new glyphs.
    void setTextObserver(std::function<void(std::string_view)> observer) { m_observer = std::move(observer); }
    /// Bytes used by the texts and the entries (for the memory budget).
    std::size_t approximateBytes() const;

private:
    void onWelcome(const net::WelcomeEvent& w, Now now);
    void onChat(const net::Chat& c);
    void onPrivate(const net::Private& p, Now now);
    void onJoined(const net::Joined& j);
    void onLeft(const net::Left& l);
    void onPresence(const net::Presence& p);
    /// Adds who joined and left to the room's join/leave line: the newest entry grows while nothing else
    /// came after it and it is less than a minute old, so a flood of arrivals is one line, not hundreds.
    void notePresence(const std::vector<std::string>& joined, std::uint32_t joinedCount,
                      const std::vector<std::string>& left, std::uint32_t leftCount, std::uint32_t online,
                      std::uint64_t timeMs);
    void onHistoryPage(const net::HistoryPage& page, Now now);
    void onPrivateHistoryPage(const net::PrivateHistoryPage& page, Now now);
    Entry privateEntry(const net::Private& p, bool fromMe);
    void onError(const net::Error& e, Now now);
    void onAccountUpdate(const net::AccountUpdate& u, Now now);
    void setUsers(std::vector<std::string> names);
    Entry chatEntry(const net::Chat& c);
    void addNotice(std::size_t conversation, EntryKind kind, std::string_view text, std::uint64_t timeMs);
    TextRef storeText(std::string_view s);
    std::uint32_t intern(std::string_view s);
    bool isMe(std::string_view name) const;
    /// Where the pending entry of clientId is now; false when it is gone (the conversation was cleared).
    bool pendingSlot(std::uint64_t clientId, std::size_t& conv, std::size_t& index) const;
    /// Replaces the pending entry of clientId with confirmed; false when there is none.
    bool confirm(std::uint64_t clientId, const Entry& confirmed);
    void track(std::uint64_t clientId, std::size_t conv, std::size_t index);
    /// The pending entries shown in conversation conv, oldest first, with their client ids.
    std::vector<std::pair<std::uint64_t, Entry>> pendingIn(std::size_t conv) const;
    std::string errorReason(const net::Error& e) const;

    Lang m_lang;
    TextArena m_texts;
    StringPool m_pool;
    std::deque<Conversation> m_conversations;                    // stable references: views keep them
    std::unordered_map<std::string, std::size_t> m_privateIndex; // net::nameKey(peer) → conversation
    struct PendingSend {
        std::size_t conv;
        std::size_t index;         // in conv when frontPushes and epoch were as below
        std::uint64_t frontPushes; // older pages pushed at the front since shift the index
        std::uint32_t epoch;       // a cleared conversation lost the entry
    };
    std::unordered_map<std::uint64_t, PendingSend> m_pending; // clientId → our message shown as pending
    std::vector<std::string> m_users;
    std::unordered_set<std::string> m_onlineKeys; // net::nameKey of each of m_users: who is online, in O(1)
    std::string m_me;
    std::string m_myIp;
    std::uint32_t m_maxTextBytes = static_cast<std::uint32_t>(net::kDefaultMaxTextBytes);
    LinkStatus m_link;
    std::uint64_t m_lastSeq = 0;   // newest public seq held
    std::uint64_t m_oldestSeq = 0; // oldest public seq held (0 = none)
    std::uint64_t m_latestSeq = 0; // the server's latest at Welcome
    std::uint64_t m_lastPrivateSeq = 0;
    std::uint64_t m_oldestPrivateSeq = 0; // oldest private seq held (0 = none)
    std::uint64_t m_privateAskedBefore = 0;
    bool m_welcomed = false; // a Welcome was seen since the last reset
    bool m_moreOlder = false;
    bool m_olderInFlight = false;
    bool m_morePrivate = false; // older private messages may exist: the last page said so, or none came yet
    bool m_privateInFlight = false;
    std::function<void(std::string_view)> m_observer;
    struct PresenceRun {
        std::vector<std::string> joined; // the first few names of each, as the line shows them
        std::vector<std::string> left;
        std::uint32_t joinedCount = 0;
        std::uint32_t leftCount = 0;
        std::uint64_t startMs = 0;
        std::size_t index = 0; // the line's entry in the room when frontPushes and epoch were as below
        std::uint64_t frontPushes = 0;
        std::uint32_t epoch = ~0u;
    };
    PresenceRun m_run;
    std::vector<Notable> m_notable;
    void noteNotable(std::size_t conversation, std::string_view from, std::string_view text);
};

} // namespace app
