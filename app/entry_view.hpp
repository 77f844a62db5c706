#pragma once
// Draws one scrollback entry at a position: the lab's "[time] IP - name" stamp line, then the wrapped
// text; notices, the history separator and prompts as single coloured lines.
#include <string_view>
#include <vector>

#include <imgui.h>

#include "app/chat_model.hpp"
#include "app/text_layout.hpp"
#include "app/theme.hpp"

namespace app {

struct EntryPainter {
    ImDrawList& drawList;
    const ImFont& font;
    const ChatModel& model;
    const Theme& theme;
    std::string_view peer;           // the private conversation's peer ("" in the room)
    std::vector<LineSpan>& scratch;  // reused between entries: no allocation per frame

    /// Draws e with its top-left at pos, wrapping its text at width.
    void draw(const Entry& e, ImVec2 pos, float width) const;

private:
    float textAt(ImVec2 pos, ImU32 colour, std::string_view text) const;
};

} // namespace app
