#include "app/fonts/colour_emoji.hpp"

#include <algorithm>
#include <cmath>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <stb_image_resize.h> // the implementation is libstb's (Windows: imchat_stb), as stb_image_write's is

#include "app/text/emoji.hpp"

namespace app {
namespace {

constexpr int kScalableRenderSize =
    128; // scalable colour fonts are rendered this big, then scaled like a strike

/// The strike whose height is the largest (pictures are only ever scaled down).
int largestStrike(FT_Face face) {
    int best = 0;
    for (int i = 1; i < face->num_fixed_sizes; ++i) {
        if (face->available_sizes[i].y_ppem > face->available_sizes[best].y_ppem) best = i;
    }
    return best;
}

} // namespace

ColourEmoji::~ColourEmoji() {
    if (m_face) FT_Done_Face(m_face);
    if (m_library) FT_Done_FreeType(m_library);
}

bool ColourEmoji::load(const FontFile& file) {
    if (!m_library && FT_Init_FreeType(&m_library) != 0) return false;
    FT_Face face = nullptr;
    if (FT_New_Face(m_library, file.path.c_str(), file.index, &face) != 0) return false;
    const bool sized = FT_HAS_FIXED_SIZES(face) ? FT_Select_Size(face, largestStrike(face)) == 0
                                                : FT_Set_Pixel_Sizes(face, 0, kScalableRenderSize) == 0;
    if (!FT_HAS_COLOR(face) || !sized) {
        FT_Done_Face(face);
        return false;
    }
    if (m_face) FT_Done_Face(m_face);
    m_face = face;
    m_strikeLine = static_cast<float>(face->size->metrics.ascender - face->size->metrics.descender) / 64.0f;
    m_pictures.clear();
    return true;
}

bool ColourEmoji::draws(char32_t c) const {
    if (!m_face) return false;
    return isInvisibleEmojiJoiner(c) || (drawsAsColourEmoji(c) && FT_Get_Char_Index(m_face, c) != 0);
}

ColourEmoji::Picture ColourEmoji::render(char32_t c) const {
    Picture p;
    if (isInvisibleEmojiJoiner(c) || FT_Load_Char(m_face, c, FT_LOAD_COLOR | FT_LOAD_RENDER) != 0 ||
        m_face->glyph->bitmap.pixel_mode != FT_PIXEL_MODE_BGRA) {
        p.width = p.height = 1; // an empty pixel: zero advance, no ink
        p.rgba.assign(4, 0);
        return p;
    }
    const FT_GlyphSlot slot = m_face->glyph;
    const FT_Bitmap& bitmap = slot->bitmap;
    const float scale = m_pixelSize / m_strikeLine;
    p.width = std::max(1, static_cast<int>(std::lround(bitmap.width * scale)));
    p.height = std::max(1, static_cast<int>(std::lround(bitmap.rows * scale)));
    p.advance = std::round(static_cast<float>(slot->advance.x) / 64.0f * scale);
    p.offsetX = std::round(static_cast<float>(slot->bitmap_left) * scale);

    // FreeType hands premultiplied BGRA; scale premultiplied (no dark fringes), then undo it for ImGui.
    const int w = static_cast<int>(bitmap.width);
    const int h = static_cast<int>(bitmap.rows);
    std::vector<unsigned char> source(static_cast<std::size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y) {
        const unsigned char* row = bitmap.buffer + static_cast<std::ptrdiff_t>(y) * bitmap.pitch;
        for (int x = 0; x < w; ++x) {
            unsigned char* out = &source[(static_cast<std::size_t>(y) * w + x) * 4];
            out[0] = row[x * 4 + 2];
            out[1] = row[x * 4 + 1];
            out[2] = row[x * 4 + 0];
            out[3] = row[x * 4 + 3];
        }
    }
    p.rgba.resize(static_cast<std::size_t>(p.width) * p.height * 4);
    // STBIR_FILTER_DEFAULT scales down with Mitchell's filter (stb's default, libstb keeps it).
    stbir_resize_uint8_generic(source.data(), w, h, 0, p.rgba.data(), p.width, p.height, 0, 4, 3,
                               STBIR_FLAG_ALPHA_PREMULTIPLIED, STBIR_EDGE_CLAMP, STBIR_FILTER_DEFAULT,
                               STBIR_COLORSPACE_SRGB, nullptr);
    for (std::size_t i = 0; i < p.rgba.size(); i += 4) {
        const unsigned alpha = p.rgba[i + 3];
        for (std::size_t k = 0; k < 3; ++k)
            p.rgba[i + k] =
                alpha == 0 ? 0 : static_cast<unsigned char>(std::min(255u, p.rgba[i + k] * 255u / alpha));
    }
    return p;
}

const ColourEmoji::Picture& ColourEmoji::picture(char32_t c) {
    auto found = m_pictures.find(c);
    if (found == m_pictures.end()) found = m_pictures.emplace(c, render(c)).first;
    return found->second;
}

void ColourEmoji::reserve(ImFontAtlas& atlas, ImFont* font, const std::vector<char32_t>& codes,
                          float pixelSize) {
    m_reserved.clear();
    m_font = font;
    if (!m_face || !font) return;
    if (pixelSize != m_pixelSize) {
        m_pixelSize = pixelSize;
        m_pictures.clear();
    }
    for (char32_t c : codes) {
        const Picture& p = picture(c);
        const ImVec2 offset(p.offsetX, std::round((pixelSize - static_cast<float>(p.height)) / 2.0f));
        const int rect =
            atlas.AddCustomRectFontGlyph(font, static_cast<ImWchar>(c), p.width, p.height, p.advance, offset);
        m_reserved.push_back({c, rect});
    }
}

void ColourEmoji::paint(ImFontAtlas& atlas) {
    if (m_reserved.empty()) return;
    unsigned char* pixels = nullptr;
    int textureWidth = 0;
    int textureHeight = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &textureWidth, &textureHeight);
    for (const Reserved& r : m_reserved) {
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(r.rect);
        const Picture& p = m_pictures.at(r.code);
        if (!rect->IsPacked() || rect->X + p.width > textureWidth || rect->Y + p.height > textureHeight)
            continue;
        for (int y = 0; y < p.height; ++y) {
            std::copy_n(&p.rgba[static_cast<std::size_t>(y) * p.width * 4], p.width * 4,
                        pixels + (static_cast<std::size_t>(rect->Y + y) * textureWidth + rect->X) * 4);
        }
    }
    atlas.TexPixelsUseColors = true;
    for (ImFontGlyph& glyph : m_font->Glyphs) {
        if (m_pictures.count(glyph.Codepoint)) glyph.Colored = 1; // drawn untinted by the text colour
    }
    m_reserved.clear();
}

} // namespace app
