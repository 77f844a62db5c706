#pragma once
// Colour emoji in the ImGui atlas. Noto Color Emoji holds its pictures as one bitmap strike (109 px);
// ImGui 1.86's FreeType builder asks FreeType for the atlas's pixel size, which such a font does not
// have, and gets no glyphs. So this class scales the strike itself: FreeType decodes a glyph's colour
// bitmap, stb_image_resize scales it to the line height, and the atlas carries it as a custom glyph
// (ImFontAtlas::AddCustomRectFontGlyph) that ImGui draws untinted (ImFontGlyph::Colored).
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "app/fonts/font_finder.hpp"

struct FT_LibraryRec_;
struct FT_FaceRec_;

namespace app {

class ColourEmoji {
public:
    ColourEmoji() = default;
    ~ColourEmoji();
    ColourEmoji(const ColourEmoji&) = delete;
    ColourEmoji& operator=(const ColourEmoji&) = delete;

    /// Opens a colour font (bitmap strikes or scalable colour layers); false when file is not one.
    bool load(const FontFile& file);
    bool loaded() const { return m_face != nullptr; }
    /// Whether this class draws c: a colour emoji the font has, or an invisible joiner.
    bool draws(char32_t c) const;
    /// Reserves a glyph of font for each of codes (all drawn by this class), sized for lines of
    /// pixelSize. Call after the text fonts were added to atlas, before atlas.Build().
    void reserve(ImFontAtlas& atlas, ImFont* font, const std::vector<char32_t>& codes, float pixelSize);
    /// Paints the reserved glyphs into the built atlas's RGBA pixels and marks them coloured.
    void paint(ImFontAtlas& atlas);

private:
    struct Picture {
        int width = 0;
        int height = 0;
        float advance = 0.0f;
        float offsetX = 0.0f;
        std::vector<unsigned char> rgba; // straight alpha, as ImGui's RGBA atlas holds it
    };
    struct Reserved {
        char32_t code;
        int rect;
    };
    const Picture& picture(char32_t c);
    Picture render(char32_t c) const;

    FT_LibraryRec_* m_library = nullptr;
    FT_FaceRec_* m_face = nullptr;
    float m_strikeLine = 0.0f; // the font's line height at the size it is rendered at, in pixels
    float m_pixelSize = 0.0f;  // the line height pictures are scaled to
    std::unordered_map<char32_t, Picture> m_pictures; // at m_pixelSize: a rebuild re-renders none
    std::vector<Reserved> m_reserved;
    ImFont* m_font = nullptr;
};

} // namespace app
