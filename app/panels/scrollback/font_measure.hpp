#pragma once
// Measures a conversation's entries with an ImGui font, for ScrollLayout and for drawing: the same
// advance function is used for both, so what is measured is what is drawn.
#include <vector>

#include <imgui.h>

#include "app/model/chat_model.hpp"
#include "app/model/day_divider.hpp"
#include "app/panels/scrollback/entry_measure.hpp"
#include "app/text/text_layout.hpp"

namespace app {

/// Advance of a code point in font, as ImGui draws it (beyond Unicode: the replacement character).
inline float fontAdvance(const ImFont& font, char32_t c) {
    return font.GetCharAdvance(c <= IM_UNICODE_CODEPOINT_MAX ? static_cast<ImWchar>(c) : ImWchar(0xFFFD));
}

/// Lines of entry i that never wrap: the day divider above it, if any, and a message's stamp line.
inline std::uint32_t fixedLines(const Conversation& conv, std::size_t i, LocalDays& days) {
    const Entry& e = conv[i];
    const std::uint32_t stamp = isMessage(e) ? 1 : 0;
    return stamp + (startsDay(conv, i, days) ? 1 : 0);
}

class FontMeasure final : public EntryMeasure {
public:
    FontMeasure(const ChatModel& model, const Conversation& conv, const ImFont& font, LocalDays& days)
        : m_model(model), m_conv(conv), m_font(font), m_days(days) {}
    Shape shape(std::size_t i, float width) const override;

private:
    const ChatModel& m_model;
    const Conversation& m_conv;
    const ImFont& m_font;
    LocalDays& m_days; // a cache: measuring does not change what it means
};

/// Breaks an entry's text into lines at width with font (appends to out).
void wrapEntryText(std::string_view text, float width, const ImFont& font, std::vector<LineSpan>& out);

} // namespace app
