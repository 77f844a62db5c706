#pragma once
// The ImGui font atlas built from the characters in use only: a Latin UI font plus a CJK font merged
// into it (and, on demand, fonts covering rarer characters), and colour emoji drawn by ColourEmoji. The font
// files are read once; a rebuild (between frames, when the GlyphSet grew) only rasterises the glyph set
// again.
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <imgui.h>

#include "app/fonts/colour_emoji.hpp"
#include "app/fonts/font_finder.hpp"
#include "app/fonts/glyph_set.hpp"

namespace app {

class FontAtlas {
public:
    /// Finds and reads the fonts. False (with the reason in error) when no font at all was found;
    /// a missing CJK font is only a warning (Chinese then renders as '?').
    bool load(float pixelSize, std::string& error, std::string& warning);
    /// Rebuilds the atlas when the glyph set changed since the last build; true when it did (the GPU
    /// texture must then be uploaded again). Call between frames, before NewFrame.
    bool update(GlyphSet& glyphs);
    /// Changes the pixel height; the next update() rebuilds the atlas at that size.
    void setPixelSize(float size) {
        if (size == m_pixelSize) return;
        m_pixelSize = size;
        m_builtGeneration = ~0u;
    }
    /// Pixel height of the fonts.
    float pixelSize() const { return m_pixelSize; }
    /// Number of text font files in use (the colour emoji font not counted).
    std::size_t fontCount() const { return m_fonts.size(); }
    /// Whether a colour emoji font was found.
    bool hasColourEmoji() const { return m_emoji.loaded(); }
    /// Code points with no glyph in any font (they render as the fallback).
    std::size_t missingCount() const { return m_missing; }

private:
    struct LoadedFont {
        FontFile file;
        std::vector<char> data;
        float oversampleH;
    };
    bool addFont(const FontFile& file, float oversampleH);
    void splitRanges();
    void build();
    bool addFallbacksForMissing();

    FontconfigScope m_fontconfig; // first member: fontconfig outlives every lookup below
    float m_pixelSize = 17.0f;
    std::vector<std::unique_ptr<LoadedFont>> m_fonts;
    ColourEmoji m_emoji;
    ImVector<ImWchar> m_ranges;         // every character in use
    ImVector<ImWchar> m_textRanges;     // those the text fonts draw; must outlive the build that uses it
    std::vector<char32_t> m_emojiCodes; // those m_emoji draws
    unsigned m_builtGeneration = ~0u;
    std::unordered_set<char32_t> m_tried; // code points a fallback font was already looked up for
    std::size_t m_missing = 0;
};

} // namespace app
