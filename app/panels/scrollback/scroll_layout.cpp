#include "app/panels/scrollback/scroll_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace app {

ScrollLayout::Cell ScrollLayout::makeCell(std::size_t i, const EntryMeasure& measure) const {
    const EntryMeasure::Shape s = measure.shape(i, m_width);
    Cell c{};
    c.validMin = s.text.validMin;
    c.validMax = s.text.validMax;
    c.textLines = std::min<std::uint32_t>(s.text.lines, (1u << 20) - 1);
    c.fixedLines = std::min<std::uint32_t>(s.fixedLines, 63);
    c.gen = m_gen;
    if (!(m_width >= c.validMin && m_width < c.validMax)) {
        // A line that fits exactly has its range start a margin above the width: it is still exact here.
        c.validMin = m_width;
        c.validMax = std::nextafter(m_width, std::numeric_limits<float>::infinity());
    }
    return c;
}

ScrollLayout::SyncResult ScrollLayout::sync(const Conversation& conv, float wrapWidth, float fontKey,
                                            const EntryMeasure& measure) {
    SyncResult result;
    if (conv.epoch() != m_epoch || conv.frontPushes() < m_frontPushes) {
        clear();
        m_epoch = conv.epoch();
        m_frontPushes = conv.frontPushes();
        result.relaidOut = true;
    }
    if (fontKey != m_fontKey) {
        m_fontKey = fontKey;
        newFont();
        result.relaidOut = true;
    }
    if (wrapWidth != m_width) {
        m_width = wrapWidth;
        result.relaidOut = true;
    }
    if (result.relaidOut) m_sweep = m_cells.size(); // nothing is re-wrapped here: settle() and work() do it
    // Older pages went in front: measured now (a page is at most a few hundred entries).
    result.frontAdded = static_cast<std::size_t>(conv.frontPushes() - m_frontPushes);
    if (result.frontAdded > 0) {
        // The old first entry now has one before it, which may add or remove its day divider.
        if (!m_cells.empty()) replace(0, makeCell(result.frontAdded, measure));
        for (std::size_t k = result.frontAdded; k-- > 0;) pushFront(makeCell(k, measure));
        if (m_sweep > 0) m_sweep += result.frontAdded;
        m_frontPushes = conv.frontPushes();
    }
    // The newest entry was rewritten (a join/leave line that grew): it is the last one laid out, or newer.
    if (conv.tailEdits() != m_tailEdits) {
        m_tailEdits = conv.tailEdits();
        if (!m_cells.empty()) replace(m_cells.size() - 1, makeCell(m_cells.size() - 1, measure));
    }
    flush();
    if (conv.size() - m_cells.size() <= kEagerAppends) {
        for (std::size_t i = m_cells.size(); i < conv.size(); ++i) pushBack(makeCell(i, measure));
    } else { // a big history at once: estimates now, exact in view by settle() and elsewhere by work()
        Cell guess{};
        guess.textLines = 1;
        guess.fixedLines = 1;
        guess.gen = m_gen; // validMin == validMax: stale at every width
        for (std::size_t i = m_cells.size(); i < conv.size(); ++i) pushBack(guess);
        m_sweep = m_cells.size();
    }
    return result;
}

bool ScrollLayout::settle(std::size_t first, std::size_t end, const EntryMeasure& measure) {
    bool changed = false;
    for (std::size_t i = first; i < std::min(end, m_cells.size()); ++i) {
        if (!valid(m_cells[i])) changed |= replace(i, makeCell(i, measure));
    }
    flush();
    return changed;
}

bool ScrollLayout::work(const EntryMeasure& measure, const Budget& budget) {
    if (m_sweep == 0) return false;
    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + budget.time;
    std::size_t wraps = 0;
    std::size_t scanned = 0;
    bool changed = false;
    while (m_sweep > 0 && wraps < budget.maxWraps) {
        const std::size_t i = --m_sweep;
        if (!valid(m_cells[i])) {
            changed |= replace(i, makeCell(i, measure));
            ++wraps;
        } else if (++scanned % 4096 != 0) {
            continue; // checking a cell costs nanoseconds: look at the clock now and then
        }
        if (Clock::now() >= deadline) break;
    }
    if (m_sweep == 0) m_gensUnswept = 0;
    flush();
    return changed;
}

void ScrollLayout::clear() {
    m_cells.clear();
    m_blocks.clear();
    m_headSkip = 0;
    m_dirtyFrom = static_cast<std::size_t>(-1);
    m_total = 0;
    m_sweep = 0;
    ++m_revision;
}

void ScrollLayout::newFont() {
    // A cell knows its font by a 6-bit generation. Should a cell go unmeasured through 63 font changes
    // (a sweep never finished), its generation would come round again: mark every cell stale instead.
    m_gensUnswept = m_sweep > 0 ? m_gensUnswept + 1 : 1;
    if (m_gensUnswept >= kGenerations - 1) {
        for (Cell& c : m_cells) c.validMin = c.validMax = 0.0f;
        m_gensUnswept = 0;
    }
    m_gen = (m_gen + 1) % kGenerations;
}

bool ScrollLayout::replace(std::size_t i, const Cell& c) {
    Cell& old = m_cells[i];
    const bool changed = cellLines(old) != cellLines(c);
    const std::uint32_t linesIn = old.linesIn;
    old = c;
    old.linesIn = linesIn;
    if (changed) {
        const std::size_t b = blockOf(i);
        m_blocks[b].dirty = true;
        m_dirtyFrom = std::min(m_dirtyFrom, b);
    }
    return changed;
}

void ScrollLayout::pushFront(const Cell& c) {
    if (m_headSkip == 0) {
        m_blocks.push_front(Block{});
        m_headSkip = kBlock;
    }
    --m_headSkip;
    m_cells.push_front(c);
    m_blocks.front().dirty = true;
    m_dirtyFrom = 0;
}

void ScrollLayout::pushBack(Cell c) { // the sums must be flushed
    if ((m_cells.size() + m_headSkip) % kBlock == 0) {
        m_blocks.push_back(Block{m_total, false});
        c.linesIn = 0;
    } else {
        c.linesIn = m_cells.back().linesIn + cellLines(m_cells.back());
    }
    m_total += cellLines(c);
    m_cells.push_back(c);
}

void ScrollLayout::flush() {
    if (m_dirtyFrom == static_cast<std::size_t>(-1)) return;
    // Blocks before m_dirtyFrom are as they were; from there on every block's start is summed again
    // (about a thousand at a million entries) and the cells of changed blocks are summed again.
    std::int64_t running = m_dirtyFrom == 0 ? 0 : m_blocks[m_dirtyFrom].linesBefore;
    for (std::size_t b = m_dirtyFrom; b < m_blocks.size(); ++b) {
        Block& block = m_blocks[b];
        block.linesBefore = running;
        const std::size_t first = b == 0 ? 0 : b * kBlock - m_headSkip;
        const std::size_t end = std::min(m_cells.size(), (b + 1) * kBlock - m_headSkip);
        if (block.dirty) {
            std::uint32_t in = 0;
            for (std::size_t i = first; i < end; ++i) {
                m_cells[i].linesIn = in;
                in += cellLines(m_cells[i]);
            }
            block.dirty = false;
        }
        running += m_cells[end - 1].linesIn + cellLines(m_cells[end - 1]);
    }
    m_total = running;
    m_dirtyFrom = static_cast<std::size_t>(-1);
    ++m_revision;
}

double ScrollLayout::top(std::size_t i) const {
    const std::int64_t before =
        i < m_cells.size() ? m_blocks[blockOf(i)].linesBefore + m_cells[i].linesIn : m_total;
    return static_cast<double>(before) * m_lineHeight + static_cast<double>(i) * m_gap;
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
