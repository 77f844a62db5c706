#include "app/model/search_index.hpp"

#include <algorithm>

namespace app {
namespace {

/// Bytes charged per entry on top of its text, so a backlog of empty entries still ends a frame.
constexpr std::size_t kEntryCost = 32;

} // namespace

void SearchIndex::setQuery(std::string_view query) {
    if (query == m_query) return;
    m_query = std::string(query);
    m_matcher = TextMatcher(query);
    m_conv = kNone; // the next update starts over
    m_hits.clear();
    m_hasCurrent = false;
    m_scanned = 0;
    ++m_jumps;
}

void SearchIndex::restart(const Conversation& c, std::size_t conv) {
    m_conv = conv;
    m_epoch = c.epoch();
    m_origin = -static_cast<std::int64_t>(c.frontPushes());
    m_low = m_high = m_origin + static_cast<std::int64_t>(c.size()); // the backlog is scanned newest first
    m_hits.clear();
    m_hasCurrent = false;
}

bool SearchIndex::scan(const ChatModel& model, const Conversation& c, std::int64_t id) {
    const Entry& e = c[static_cast<std::size_t>(id - m_origin)];
    if (!isMessage(e)) return false; // messages only, not the window's own notices
    ++m_scanned;
    return m_matcher.contains(model.text(e));
}

bool SearchIndex::update(const ChatModel& model, std::size_t conv, std::size_t budgetBytes) {
    if (m_matcher.empty() || conv >= model.conversationCount()) return false;
    const Conversation& c = model.conversation(conv);
    const std::size_t before = m_hits.size();
    if (conv != m_conv || c.epoch() != m_epoch) {
        restart(c, conv);
        ++m_jumps;
    }
    m_origin = -static_cast<std::int64_t>(c.frontPushes());
    const std::int64_t end = m_origin + static_cast<std::int64_t>(c.size());
    // New messages at the bottom are few per frame: always indexed, so the count is never stale.
    for (; m_high < end; ++m_high) {
        if (scan(model, c, m_high)) m_hits.push_back(m_high);
    }
    // The backlog (and older pages pushed at the front), newest first, within the budget.
    std::size_t spent = 0;
    while (m_low > m_origin && spent < budgetBytes) {
        --m_low;
        spent += kEntryCost + c[static_cast<std::size_t>(m_low - m_origin)].text.size;
        if (scan(model, c, m_low)) m_hits.push_front(m_low);
    }
    if (!m_hasCurrent && !m_hits.empty()) { // the first hit found is the newest one
        m_current = m_hits.back();
        m_hasCurrent = true;
        ++m_jumps;
    }
    return m_hits.size() != before;
}

bool SearchIndex::isHit(std::size_t i) const {
    const std::int64_t id = m_origin + static_cast<std::int64_t>(i);
    return std::binary_search(m_hits.begin(), m_hits.end(), id);
}

std::size_t SearchIndex::currentRank() const {
    if (!m_hasCurrent) return 0;
    const auto it = std::lower_bound(m_hits.begin(), m_hits.end(), m_current);
    return static_cast<std::size_t>(m_hits.end() - it);
}

bool SearchIndex::next() {
    if (m_hits.empty()) return false;
    auto it = std::lower_bound(m_hits.begin(), m_hits.end(), m_current);
    m_current = (!m_hasCurrent || it == m_hits.begin()) ? m_hits.back() : *(it - 1);
    m_hasCurrent = true;
    ++m_jumps;
    return true;
}

bool SearchIndex::previous() {
    if (m_hits.empty()) return false;
    auto it = std::upper_bound(m_hits.begin(), m_hits.end(), m_current);
    m_current = (!m_hasCurrent || it == m_hits.end()) ? m_hits.front() : *it;
    m_hasCurrent = true;
    ++m_jumps;
    return true;
}

} // namespace app
