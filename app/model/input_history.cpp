#include "app/model/input_history.hpp"

namespace app {

void InputHistory::push(const std::string& sent) {
    if (m_entries.empty() || m_entries.back() != sent) m_entries.push_back(sent);
    if (m_entries.size() > kMaxEntries) m_entries.pop_front();
    m_pos = m_entries.size();
    m_draft.clear();
}

std::optional<std::string> InputHistory::older(const std::string& current) {
    if (m_pos == 0 || m_entries.empty()) return std::nullopt;
    if (m_pos == m_entries.size()) m_draft = current;
    --m_pos;
    return m_entries[m_pos];
}

std::optional<std::string> InputHistory::newer() {
    if (m_pos >= m_entries.size()) return std::nullopt;
    ++m_pos;
    return m_pos == m_entries.size() ? m_draft : m_entries[m_pos];
}

} // namespace app
