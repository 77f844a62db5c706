#include "app/scroll_layout.hpp"

#include <algorithm>

namespace app {

ScrollLayout::Cell ScrollLayout::makeCell(std::size_t i, float width, const EntryMeasure& measure) {
    const EntryMeasure::Shape s = measure.shape(i, width);
    Cell c{};
    c.validMin = s.text.validMin;
    c.validMax = s.text.validMax;
    c.textLines = std::min<std::uint32_t>(s.text.lines, (1u << 24) - 1);
    c.fixedLines = std::min<std::uint32_t>(s.fixedLines, 255);
    return c;
}

ScrollLayout::SyncResult ScrollLayout::sync(const Conversation& conv, float wrapWidth, float fontKey,
                                            const EntryMeasure& measure) {
    SyncResult result;
    const bool reshape = conv.epoch() != m_epoch || fontKey != m_fontKey || conv.frontPushes() < m_frontPushes;
    if (reshape || wrapWidth != m_width) {
        result.frontAdded = reshape ? 0 : static_cast<std::size_t>(conv.frontPushes() - m_frontPushes);
        m_width = wrapWidth;
        m_fontKey = fontKey;
        m_epoch = conv.epoch();
        relayout(conv, reshape, result.frontAdded, measure);
        result.relaidOut = true;
        return result;
    }
    // Older pages went in front: lay them out from the old first entry backwards.
    const auto front = static_cast<std::size_t>(conv.frontPushes() - m_frontPushes);
    if (front > 0 && !m_cells.empty()) remeasureFirst(front, measure);
    std::int64_t first = m_cells.empty() ? m_linesEnd : m_cells.front().linesBefore;
    for (std::size_t k = front; k-- > 0;) {
        Cell c = makeCell(k, m_width, measure);
        first -= cellLines(c);
        c.linesBefore = first;
        m_cells.push_front(c);
    }
    m_frontPushes = conv.frontPushes();
    for (std::size_t i = m_cells.size(); i < conv.size(); ++i) {
        Cell c = makeCell(i, m_width, measure);
        c.linesBefore = m_linesEnd;
        m_linesEnd += cellLines(c);
        m_cells.push_back(c);
    }
    result.frontAdded = front;
    return result;
}

void ScrollLayout::remeasureFirst(std::size_t index, const EntryMeasure& measure) {
    // The old first entry now has one before it, which may add or remove its fixed lines (a day
    // divider). Its extra lines go above it: the prefix sums of everything after it stay as they are.
    const std::int64_t next = m_cells.size() > 1 ? m_cells[1].linesBefore : m_linesEnd;
    Cell c = makeCell(index, m_width, measure);
    c.linesBefore = next - cellLines(c);
    m_cells.front() = c;
}

void ScrollLayout::relayout(const Conversation& conv, bool reshape, std::size_t front, const EntryMeasure& measure) {
    if (reshape) m_cells.clear();
    if (!reshape && front > 0 && !m_cells.empty()) remeasureFirst(front, measure);
    for (std::size_t k = front; k-- > 0;) m_cells.push_front(makeCell(k, m_width, measure));
    m_frontPushes = conv.frontPushes();
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < conv.size(); ++i) {
        if (i == m_cells.size()) {
            m_cells.push_back(makeCell(i, m_width, measure));
        } else if (!(m_width >= m_cells[i].validMin && m_width < m_cells[i].validMax)) {
            m_cells[i] = makeCell(i, m_width, measure); // only entries whose wrapping really changes
        }
        Cell& c = m_cells[i];
        c.linesBefore = sum;
        sum += cellLines(c);
    }
    m_cells.resize(conv.size());
    m_linesEnd = sum;
}

std::uint32_t ScrollLayout::lines(std::size_t i) const {
    const std::int64_t next = i + 1 < m_cells.size() ? m_cells[i + 1].linesBefore : m_linesEnd;
    return static_cast<std::uint32_t>(next - m_cells[i].linesBefore);
}

double ScrollLayout::top(std::size_t i) const {
    if (m_cells.empty()) return 0.0;
    const std::int64_t origin = m_cells.front().linesBefore;
    const std::int64_t before = i < m_cells.size() ? m_cells[i].linesBefore : m_linesEnd;
    return static_cast<double>(before - origin) * m_lineHeight + static_cast<double>(i) * m_gap;
}

std::size_t ScrollLayout::firstVisible(double y) const {
    // top() grows with i, so the entries whose area ends at or above y form a prefix.
    std::size_t lo = 0;
    std::size_t hi = m_cells.size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (top(mid + 1) <= y) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

} // namespace app
