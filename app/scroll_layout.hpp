#pragma once
// Vertical layout of a scrollback whose entries have different heights: a line count per entry for the
// current wrap width, prefix sums over them, and a binary search for the first visible entry. Memory is
// 24 bytes per entry; a new entry costs one measurement, and a width change re-wraps only the entries
// whose cached range of valid widths it leaves (a resize by a few pixels re-wraps almost nothing).
#include <cstdint>
#include <deque>

#include "app/conversation.hpp"
#include "app/text_layout.hpp"

namespace app {

/// The measurements ScrollLayout needs from the view (which knows the font).
class EntryMeasure {
public:
    /// How entry i lays out at a width.
    struct Shape {
        WrapInfo text;                // its wrapped text, and the widths for which that holds
        std::uint32_t fixedLines = 0; // lines that never wrap, e.g. the "[time] IP - name" stamp line
    };
    virtual ~EntryMeasure() = default;
    /// Lays entry i out at width.
    virtual Shape shape(std::size_t i, float width) const = 0;
};

class ScrollLayout {
public:
    /// What sync() changed, so the view can keep what the user was looking at in place.
    struct SyncResult {
        std::size_t frontAdded = 0; // entries inserted before the old first one
        bool relaidOut = false;     // every entry was measured again (width, font or epoch change)
    };

    /// Brings the layout up to date with conv: measures new entries at either end; re-measures all when
    /// the wrap width or the font changed or the conversation was cleared.
    SyncResult sync(const Conversation& conv, float wrapWidth, float fontKey, const EntryMeasure& measure);

    /// Sets the pixel metrics: height of one line, space between entries.
    void setMetrics(float lineHeight, float entryGap) {
        m_lineHeight = lineHeight;
        m_gap = entryGap;
    }
    /// Number of entries laid out.
    std::size_t size() const { return m_cells.size(); }
    /// Lines entry i takes.
    std::uint32_t lines(std::size_t i) const;
    /// Y of the top of entry i (i == size() gives the total height).
    double top(std::size_t i) const;
    /// Height of entry i without the gap after it.
    double height(std::size_t i) const { return lines(i) * static_cast<double>(m_lineHeight); }
    /// Height of everything, gaps included.
    double totalHeight() const { return top(m_cells.size()); }
    /// The first entry whose area (gap included) reaches below y; size() when none.
    std::size_t firstVisible(double y) const;

private:
    struct Cell {
        float validMin;           // widths in [validMin, validMax) keep textLines
        float validMax;
        std::uint32_t textLines : 24;
        std::uint32_t fixedLines : 8;
        std::int64_t linesBefore; // prefix sum; may go negative as pages are pushed at the front
    };
    static Cell makeCell(std::size_t i, float width, const EntryMeasure& measure);
    static std::uint32_t cellLines(const Cell& c) { return c.textLines + c.fixedLines; }
    void relayout(const Conversation& conv, bool reshape, std::size_t front, const EntryMeasure& measure);
    void remeasureFirst(std::size_t index, const EntryMeasure& measure);

    std::deque<Cell> m_cells;
    std::int64_t m_linesEnd = 0; // prefix sum after the last cell
    float m_width = -1.0f;
    float m_fontKey = -1.0f;
    std::uint32_t m_epoch = 0;
    std::uint64_t m_frontPushes = 0;
    float m_lineHeight = 1.0f;
    float m_gap = 0.0f;
};

} // namespace app
