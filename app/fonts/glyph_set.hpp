#pragma once
// The set of characters the font atlas must hold: ASCII and the UI strings from the start, then every
// character seen in messages or typed text. The atlas is rebuilt only when this set grows, so it stays
// small (hundreds of glyphs, not the 20,000 of the full CJK range).
#include <cstddef>
#include <string_view>

#include <imgui.h>

namespace app {

class GlyphSet {
public:
    /// Starts with printable ASCII, the replacement/fallback characters and the arrows the UI uses.
    GlyphSet();
    /// Adds one code point; returns true when it was new (0 and anything beyond Unicode are ignored).
    bool add(char32_t c);
    /// Adds every code point of a UTF-8 text; returns true when any was new.
    bool addText(std::string_view utf8);
    /// Whether c is in the set.
    bool contains(char32_t c) const;
    /// Number of code points in the set.
    std::size_t size() const { return m_count; }
    /// Bumped on every growth, so the atlas knows whether its ranges are stale.
    unsigned generation() const { return m_generation; }
    /// The set as ImGui glyph ranges (pairs, zero-terminated), for ImFontConfig::GlyphRanges.
    void buildRanges(ImVector<ImWchar>& out);

private:
    ImFontGlyphRangesBuilder m_bits;
    std::size_t m_count = 0;
    unsigned m_generation = 0;
};

} // namespace app
