#pragma once
// What the user sent, recalled with ↑/↓ in the input box as in a shell: ↑ goes back, ↓ forward, and
// past the newest entry the draft that was being typed comes back.
#include <cstddef>
#include <deque>
#include <optional>
#include <string>

namespace app {

class InputHistory {
public:
    /// At most this many sent texts are kept.
    static constexpr std::size_t kMaxEntries = 200;

    /// Records a sent text (a repeat of the newest one is not stored twice) and ends any browsing.
    void push(const std::string& sent);
    /// ↑: the previous entry; current is the input box's text, kept as the draft when browsing starts.
    /// nullopt when there is nothing older.
    std::optional<std::string> older(const std::string& current);
    /// ↓: the next entry, or the draft past the newest; nullopt when not browsing.
    std::optional<std::string> newer();
    /// Whether ↑/↓ are walking the history (the input holds a recalled entry).
    bool browsing() const { return m_pos < m_entries.size(); }
    /// Number of entries.
    std::size_t size() const { return m_entries.size(); }

private:
    std::deque<std::string> m_entries;
    std::size_t m_pos = 0; // == size(): not browsing
    std::string m_draft;
};

} // namespace app
