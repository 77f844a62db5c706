#pragma once
// One scrollback's worth of entries (the room, or the private conversation with one peer). Entries are
// small fixed-size records whose strings live in the model's TextArena/StringPool. Older history pages
// are pushed at the front, so the container is a deque; views follow changes through the counters.
#include <cstdint>
#include <deque>
#include <string>

#include "app/model/text_store.hpp"

namespace app {

enum class EntryKind : std::uint8_t {
    Chat,      // a public message: stamp line, then text
    Private,   // a private message: stamp line with a "private" label, then text
    Notice,    // join/leave and other grey one-liners
    Separator, // "----以上是历史记录----"
    Prompt,    // the lab's inline prompts and refused messages (highlighted)
};

/// Flags of an entry.
enum EntryFlags : std::uint8_t {
    kEntryFromMe = 0x01, // a message we sent
    kEntryStored = 0x02, // private: the recipient was offline, it waits in their mailbox
    kEntryReplayed =
        0x04,             // delivered again on join: private history, or the room's history on the first join
    kEntryPending = 0x08, // ours, typed here, not yet echoed by the server (no seq, local time)
    kEntryFailed = 0x10,  // ours, refused by the server: shown greyed, the user may retry it
    kEntryAction = 0x20,  // "/me waves": its text is held as "* name waves"
    kEntryReply = 0x40,   // its first line quotes another message ("↪ alice #12: ...")
};

/// One line item of a scrollback (40 bytes).
struct Entry {
    std::uint64_t seq = 0;    // public seq (Chat) or private seq (Private); 0 for local items
    std::uint64_t timeMs = 0; // server UTC milliseconds (local clock for local items)
    TextRef text;
    std::uint32_t nameId = 0; // sender, interned
    std::uint32_t ipId = 0;   // sender's IP as the server saw it, interned
    EntryKind kind = EntryKind::Notice;
    std::uint8_t flags = 0;
};

/// A message someone sent (public or private), as opposed to a local line (notice, separator, prompt).
inline bool isMessage(const Entry& e) { return e.kind == EntryKind::Chat || e.kind == EntryKind::Private; }

class Conversation {
public:
    /// Title of the view ("" for the room, the peer's name for a private conversation).
    std::string title;
    /// Messages arrived while the view was not shown; the UI clears it.
    std::uint32_t unread = 0;

    std::size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    const Entry& operator[](std::size_t i) const { return m_entries[i]; }
    const Entry& back() const { return m_entries.back(); }

    /// Appends at the end (newest).
    void pushBack(const Entry& e) { m_entries.push_back(e); }
    /// Puts e in place of entry i (a message of ours, once the server stored it or refused it). The text
    /// must wrap as the old one did: views keep the measured height.
    void replace(std::size_t i, const Entry& e) { m_entries[i] = e; }
    /// Puts e in place of the newest entry, whose height may change (a join/leave line that grew): views
    /// measure it again when tailEdits() moves.
    void replaceLast(const Entry& e) {
        m_entries.back() = e;
        ++m_tailEdits;
    }
    /// How many times replaceLast() was called in this conversation's life.
    std::uint64_t tailEdits() const { return m_tailEdits; }
    /// Inserts at the front (older history); counted so views shift their layout instead of redoing it.
    void pushFront(const Entry& e) {
        m_entries.push_front(e);
        ++m_frontPushes;
    }
    /// Empties the conversation; views see a new epoch and start over.
    void clear() {
        m_entries.clear();
        m_frontPushes = 0;
        ++m_epoch;
    }
    /// How many entries were ever pushed at the front in this epoch.
    std::uint64_t frontPushes() const { return m_frontPushes; }
    /// Changes whenever the entries were cleared.
    std::uint32_t epoch() const { return m_epoch; }

private:
    std::deque<Entry> m_entries;
    std::uint64_t m_frontPushes = 0;
    std::uint64_t m_tailEdits = 0;
    std::uint32_t m_epoch = 0;
};

} // namespace app
