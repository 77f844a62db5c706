#pragma once
// Vertical layout of a scrollback whose entries have different heights: a line count per entry for the
// current wrap width, prefix sums over them, and a binary search for the first visible entry. Memory is
// 16 bytes per entry; a new entry costs one measurement, a width change one pass (the unwrapped width is
// cached, so an entry that fits needs no line breaking).
#include <cstdint>
#include <deque>

#include "app/conversation.hpp"

namespace app {

/// The measurements ScrollLayout needs from the view (which knows the font).
class EntryMeasure {
public:
    /// Unwrapped shape of entry i: widest text line and hard line count, plus lines that never wrap.
    struct Shape {
        float naturalWidth = 0.0f;
        std::uint32_t textLines = 1;
        std::uint32_t fixedLines = 0; // e.g. the "[time] IP - name" stamp line
    };
    virtual ~EntryMeasure() = default;
    /// Shape of entry i.
    virtual Shape shape(std::size_t i) const = 0;
    /// Lines entry i's text takes when wrapped at width (called only when it does not fit unwrapped).
    virtual std::uint32_t wrappedLines(std::size_t i, float width) const = 0;
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
        float naturalWidth;
        std::uint32_t textLines : 24;
        std::uint32_t fixedLines : 8;
        std::int64_t linesBefore; // prefix sum; may go negative as pages are pushed at the front
    };
    static std::uint32_t linesAt(const Cell& c, std::size_t i, float width, const EntryMeasure& measure);
    Cell makeCell(std::size_t i, const EntryMeasure& measure) const;
    void relayout(const Conversation& conv, bool reshape, std::size_t front, const EntryMeasure& measure);

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
