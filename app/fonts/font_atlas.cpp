#include "app/fonts/font_atlas.hpp"

#include <fstream>

#include <imgui_freetype.h>

#include "app/io/utf8_path.hpp"

namespace app {
namespace {

constexpr std::size_t kMaxFallbackFonts = 6; // each one is a file kept in memory

bool readFile(const std::string& path, std::vector<char>& out) {
    std::ifstream in(pathFromUtf8(path), std::ios::binary | std::ios::ate); // a font in C:\Users\李雷\...
    if (!in) return false;
    const std::streamsize size = in.tellg();
    if (size <= 0) return false;
    out.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    return static_cast<bool>(in.read(out.data(), size));
}

} // namespace

bool FontAtlas::load(float pixelSize, std::string& error, std::string& warning) {
    m_pixelSize = pixelSize;
    const auto latin = findFont("sans-serif:lang=en");
    const auto cjk = findFont("sans-serif:lang=zh-cn", "zh-cn");
    if (latin) addFont(*latin, 2.0f);
    // Ideographs are large and square: no horizontal oversampling keeps the atlas small.
    if (cjk && (!latin || !(*cjk == *latin))) addFont(*cjk, 1.0f);
    if (!cjk)
        warning = std::string("no Chinese font found (") + fontInstallHint(MissingFont::Chinese) +
                  "); Chinese shows as '?'";
    const auto emoji = findColourEmojiFont();
    if (!emoji || !m_emoji.load(*emoji)) {
        if (!warning.empty()) warning += "; ";
        warning += std::string("no colour emoji font found (") + fontInstallHint(MissingFont::ColourEmoji) +
                   "); emoji show in black and white";
    }
    if (m_fonts.empty()) {
        error = std::string("no usable font found (") + fontInstallHint(MissingFont::Any) + ")";
        return false;
    }
    return true;
}

bool FontAtlas::addFont(const FontFile& file, float oversampleH) {
    for (const auto& f : m_fonts) {
        if (f->file == file) return false;
    }
    auto font = std::make_unique<LoadedFont>();
    font->file = file;
    font->oversampleH = oversampleH;
    if (!readFile(file.path, font->data)) return false;
    m_fonts.push_back(std::move(font));
    return true;
}

bool FontAtlas::update(GlyphSet& glyphs) {
    if (glyphs.generation() == m_builtGeneration) return false;
    m_builtGeneration = glyphs.generation();
    glyphs.buildRanges(m_ranges);
    splitRanges();
    build();
    if (addFallbacksForMissing()) build();
    return true;
}

void FontAtlas::splitRanges() {
    m_textRanges.clear();
    m_emojiCodes.clear();
    for (int r = 0; r + 1 < m_ranges.Size; r += 2) {
        for (char32_t c = m_ranges[r]; c <= m_ranges[r + 1]; ++c) {
            if (m_emoji.draws(c)) {
                m_emojiCodes.push_back(c);
            } else if (!m_textRanges.empty() && m_textRanges.back() + 1u == c) {
                m_textRanges.back() = static_cast<ImWchar>(c); // extends the open range
            } else {
                m_textRanges.push_back(static_cast<ImWchar>(c));
                m_textRanges.push_back(static_cast<ImWchar>(c));
            }
        }
    }
    m_textRanges.push_back(0);
}

void FontAtlas::build() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    bool first = true;
    for (const auto& f : m_fonts) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false; // the bytes stay in m_fonts across rebuilds
        cfg.FontNo = f->file.index;
        cfg.OversampleH = static_cast<int>(f->oversampleH);
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        cfg.MergeMode = !first; // a code point comes from the first font that has it
        cfg.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LoadColor; // a fallback font may have colour layers
        atlas->AddFontFromMemoryTTF(f->data.data(), static_cast<int>(f->data.size()), m_pixelSize, &cfg,
                                    m_textRanges.Data);
        first = false;
    }
    m_emoji.reserve(*atlas, atlas->Fonts.empty() ? nullptr : atlas->Fonts[0], m_emojiCodes, m_pixelSize);
    atlas->Build();
    m_emoji.paint(*atlas);
}

bool FontAtlas::addFallbacksForMissing() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (atlas->Fonts.empty()) return false;
    const ImFont* font = atlas->Fonts[0];
    bool added = false;
    m_missing = 0;
    for (int r = 0; r + 1 < m_ranges.Size; r += 2) {
        for (unsigned c = m_ranges[r]; c <= m_ranges[r + 1]; ++c) {
            if (c < 0x20 || font->FindGlyphNoFallback(static_cast<ImWchar>(c))) continue;
            ++m_missing;
            if (m_fonts.size() >= 2 + kMaxFallbackFonts || !m_tried.insert(c).second) continue;
            if (const auto file = findFontFor(c)) added |= addFont(*file, 1.0f);
        }
    }
    return added;
}

} // namespace app
