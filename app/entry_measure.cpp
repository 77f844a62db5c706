#include "app/entry_measure.hpp"

namespace app {

EntryMeasure::Shape FontMeasure::shape(std::size_t i) const {
    const Entry& e = m_conv[i];
    const ImFont& font = m_font;
    const NaturalSize n = measureNatural(m_model.text(e), [&font](char32_t c) { return fontAdvance(font, c); });
    return {n.width, n.lines, fixedLines(e)};
}

std::uint32_t FontMeasure::wrappedLines(std::size_t i, float width) const {
    const ImFont& font = m_font;
    return countLines(m_model.text(m_conv[i]), width, [&font](char32_t c) { return fontAdvance(font, c); });
}

void wrapEntryText(std::string_view text, float width, const ImFont& font, std::vector<LineSpan>& out) {
    breakLines(text, width, [&font](char32_t c) { return fontAdvance(font, c); }, out);
}

} // namespace app
