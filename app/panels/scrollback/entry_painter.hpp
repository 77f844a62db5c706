#pragma once
// Draws one scrollback entry at a position: an optional "— 2026-11-25 —" day divider, the lab's
// "[time] IP - name" stamp line (the name in its own colour), then the wrapped text with links
// underlined, search hits and mentions of our name highlighted; notices, the history separator and
// prompts as single coloured lines.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "app/model/chat_model.hpp"
#include "app/panels/theme.hpp"
#include "app/text/text_fold.hpp"
#include "app/text/text_layout.hpp"

namespace app {

/// How this frame shows entries (the same for all of them).
struct EntryStyle {
    const Theme* theme = &darkTheme();
    bool timestamps = true;
    std::string_view me;                 // our name: messages mentioning it are highlighted
    const TextMatcher* search = nullptr; // hits of the search are highlighted when set
};

/// What the view knows about one entry.
struct EntryMarks {
    bool selected = false;
    bool currentHit = false; // the search's current hit
    bool startsDay = false;  // a day divider goes above it
};

/// A link drawn this frame, for hovering and clicking.
struct LinkBox {
    ImVec2 min;
    ImVec2 max;
    std::size_t entry = 0;
    ByteRange range;
};

/// Buffers reused from entry to entry and frame to frame (no allocation per frame once grown).
struct PaintScratch {
    std::vector<LineSpan> lines;
    std::vector<ByteRange> links;
    std::vector<ByteRange> hits;
    std::vector<ByteRange> mentions;
    std::vector<LinkBox> linkBoxes; // every link drawn this frame
    std::string headers;            // each message's stamp line as drawn this frame, one per line
    std::vector<ImU32> nameColours; // by name id; 0: not computed yet
    bool coloursDark = true;        // the theme nameColours were computed for
};

class EntryPainter {
public:
    EntryPainter(ImDrawList& drawList, const ImFont& font, const ChatModel& model, const EntryStyle& style,
                 std::string_view peer, PaintScratch& scratch);
    /// Draws entry e (index i of its conversation) with its top-left at pos, wrapping its text at width.
    void draw(const Entry& e, std::size_t i, ImVec2 pos, float width, const EntryMarks& marks) const;

private:
    float advance(std::string_view text) const;
    float textAt(ImVec2 pos, ImU32 colour, std::string_view text) const;
    ImU32 nameColour(const Entry& e) const;
    void drawStamp(const Entry& e, ImVec2 pos, float width) const;
    void drawLine(std::string_view text, LineSpan line, ImVec2 pos, ImU32 colour, std::size_t entry,
                  bool currentHit) const;
    void highlight(std::string_view text, LineSpan line, ImVec2 pos, const std::vector<ByteRange>& ranges,
                   ImU32 colour) const;

    ImDrawList& m_drawList;
    const ImFont& m_font;
    const ChatModel& m_model;
    const EntryStyle& m_style;
    const Theme& m_theme;
    std::string_view m_peer; // the private conversation's peer ("" in the room)
    PaintScratch& m_scratch;
};

} // namespace app
