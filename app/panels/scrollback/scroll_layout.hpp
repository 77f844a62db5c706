#pragma once
// Vertical layout of a scrollback whose entries have different heights: a line count per entry for the
// current wrap width, prefix sums over them, and a binary search for the first visible entry. Memory is
// 16 bytes per entry (plus 16 per block of 1024). A new entry costs one measurement. A width or font
// change re-wraps nothing at once: every entry keeps its old line count as an estimate, the view makes
// the entries it shows exact (settle), and work() re-wraps the rest a budget at a time, so a resize at a
// million entries costs a frame ~1 ms instead of a third of a second. A big batch of new entries (a long
// history) is estimated and measured the same way. Prefix sums live in blocks (each entry's lines before
// it inside its block, each block's lines before it), so changing one entry costs O(block + blocks)
// instead of O(n).
#include <chrono>
#include <cstdint>
#include <deque>

#include "app/model/conversation.hpp"
#include "app/panels/scrollback/entry_measure.hpp"

namespace app {

class ScrollLayout {
public:
    /// What sync() changed, so the view can keep what the user was looking at in place.
    struct SyncResult {
        std::size_t frontAdded = 0; // entries inserted before the old first one
        bool relaidOut = false; // the width, font or epoch changed: line counts are estimates until settled
    };
    /// How much background re-wrapping one work() call may do.
    struct Budget {
        std::chrono::nanoseconds time{1'000'000};
        std::size_t maxWraps = static_cast<std::size_t>(-1);
    };

    /// Brings the layout up to date with conv: measures new entries at either end (estimates them when
    /// many arrive at once); on a wrap width or font change marks every entry whose wrapping may change
    /// as stale (keeping its old line count); starts over when the conversation was cleared.
    SyncResult sync(const Conversation& conv, float wrapWidth, float fontKey, const EntryMeasure& measure);
    /// Re-wraps the stale entries in [first, end) now; true when a line count changed.
    bool settle(std::size_t first, std::size_t end, const EntryMeasure& measure);
    /// Re-wraps stale entries (newest first) within budget; true when a line count changed.
    bool work(const EntryMeasure& measure, const Budget& budget);
    /// Whether some entries may still hold estimated line counts (work() has more to do).
    bool pending() const { return m_sweep > 0; }
    /// Whether entry i's line count is exact for the current width and font.
    bool exact(std::size_t i) const { return valid(m_cells[i]); }
    /// Changes whenever a line count already laid out changed (appends do not count).
    std::uint64_t revision() const { return m_revision; }

    /// Sets the pixel metrics: height of one line, space between entries.
    void setMetrics(float lineHeight, float entryGap) {
        m_lineHeight = lineHeight;
        m_gap = entryGap;
    }
    /// Number of entries laid out.
    std::size_t size() const { return m_cells.size(); }
    /// Lines entry i takes.
    std::uint32_t lines(std::size_t i) const { return cellLines(m_cells[i]); }
    /// Y of the top of entry i (i == size() gives the total height).
    double top(std::size_t i) const;
    /// Height of entry i without the gap after it.
    double height(std::size_t i) const { return lines(i) * static_cast<double>(m_lineHeight); }
    /// Height of everything, gaps included.
    double totalHeight() const { return top(m_cells.size()); }
    /// The first entry whose area (gap included) reaches below y; size() when none.
    std::size_t firstVisible(double y) const;

private:
    static constexpr std::size_t kBlock = 1024;
    static constexpr std::size_t kEagerAppends = 256; // more new entries at once are estimated first
    static constexpr std::uint32_t kGenerations = 64; // font changes told apart per cell (6 bits)
    struct Cell {
        float validMin; // widths in [validMin, validMax) keep textLines
        float validMax;
        std::uint32_t textLines : 20;
        std::uint32_t fixedLines : 6;
        std::uint32_t gen : 6; // the font generation it was measured with
        std::uint32_t linesIn; // lines before it within its block
    };
    struct Block {
        std::int64_t linesBefore = 0; // lines before its first slot
        bool dirty = false;           // its cells' linesIn need recomputing
    };
    Cell makeCell(std::size_t i, const EntryMeasure& measure) const;
    static std::uint32_t cellLines(const Cell& c) { return c.textLines + c.fixedLines; }
    bool valid(const Cell& c) const {
        return c.gen == m_gen && m_width >= c.validMin && m_width < c.validMax;
    }
    std::size_t blockOf(std::size_t i) const { return (i + m_headSkip) / kBlock; }
    void clear();
    void newFont();
    bool replace(std::size_t i, const Cell& c);
    void pushFront(const Cell& c);
    void pushBack(Cell c);
    void flush();

    std::deque<Cell> m_cells;
    std::deque<Block> m_blocks;
    std::size_t m_headSkip = 0;                             // empty slots at the front of the first block
    std::size_t m_dirtyFrom = static_cast<std::size_t>(-1); // first block whose linesBefore may be wrong
    std::int64_t m_total = 0;                               // lines of all cells
    std::size_t m_sweep = 0; // cells [0, m_sweep) may be stale; work() goes downwards
    std::uint32_t m_gen = 0;
    std::uint32_t m_gensUnswept = 0; // font changes since the sweep last finished
    std::uint64_t m_revision = 0;
    float m_width = -1.0f;
    float m_fontKey = -1.0f;
    std::uint32_t m_epoch = 0;
    std::uint64_t m_frontPushes = 0;
    std::uint64_t m_tailEdits = 0; // conv.tailEdits() when last synced
    float m_lineHeight = 1.0f;
    float m_gap = 0.0f;
};

} // namespace app
