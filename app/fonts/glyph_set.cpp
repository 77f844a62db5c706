#include "app/fonts/glyph_set.hpp"

#include "net/utf8.hpp"

namespace app {

GlyphSet::GlyphSet() {
    for (char32_t c = 0x20; c < 0x7F; ++c) add(c);
    for (char32_t c :
         {U'\uFFFD', U'\u2026', U'\u2190', U'\u2191', U'\u2192', U'\u2193', U'\u2022', U'\u2014'})
        add(c);
}

bool GlyphSet::add(char32_t c) {
    if (c == 0 || c > IM_UNICODE_CODEPOINT_MAX) return false;
    const auto index = static_cast<std::size_t>(c);
    if (m_bits.GetBit(index)) return false;
    m_bits.SetBit(index);
    ++m_count;
    ++m_generation;
    return true;
}

bool GlyphSet::addText(std::string_view utf8) {
    bool grew = false;
    std::size_t p = 0;
    while (p < utf8.size()) {
        const unsigned char b = static_cast<unsigned char>(utf8[p]);
        if (b < 0x80) { // ASCII is always present: skip the decoder for the common case
            ++p;
            continue;
        }
        grew |= add(net::utf8::decode(utf8, p));
    }
    return grew;
}

bool GlyphSet::contains(char32_t c) const {
    return c != 0 && c <= IM_UNICODE_CODEPOINT_MAX && m_bits.GetBit(static_cast<std::size_t>(c));
}

void GlyphSet::buildRanges(ImVector<ImWchar>& out) {
    out.clear();
    m_bits.BuildRanges(&out);
}

} // namespace app
