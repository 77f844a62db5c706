#include "app/panels/scrollback/font_measure.hpp"

namespace app {

EntryMeasure::Shape FontMeasure::shape(std::size_t i, float width) const {
    const Entry& e = m_conv[i];
    const ImFont& font = m_font;
    return {wrapText(m_model.text(e), width, [&font](char32_t c) { return fontAdvance(font, c); }),
            fixedLines(m_conv, i, m_days)};
}

void wrapEntryText(std::string_view text, float width, const ImFont& font, std::vector<LineSpan>& out) {
    breakLines(
        text, width, [&font](char32_t c) { return fontAdvance(font, c); }, out);
}

} // namespace app
